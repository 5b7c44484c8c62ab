/// Strict RFC 8259 reader.
///
/// Accepts exactly one value with optional whitespace around it. Rejects trailing commas,
/// comments, NaN/Infinity, leading zeros, numbers too large for a `Double`, lone surrogates
/// in `\u` escapes, invalid UTF-8, unescaped control characters in strings, a byte order
/// mark, duplicate keys in one object, and nesting deeper than `maxDepth`.
/// Integers that fit in `Int` become `.int`; every other number becomes `.double`.
///
/// Written by hand on purpose: Foundation's `JSONSerialization` and `JSONDecoder` (the only
/// maintained JSON readers here) return untyped `NSNumber`s that cannot tell `true` from `1` on
/// Linux, drop key order, accept duplicate keys silently and report positions inconsistently,
/// while configuration errors and `clerk validate` need exact types and line/column positions.
public enum JSONReader {
    /// Arrays and objects nested deeper than this are an error (the reader, writer and
    /// validator recurse, so this bound keeps them far from a stack overflow).
    public static let maxDepth = 512

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            var parser = JSONParser(buffer)
            return try parser.parseDocument()
        }
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}
