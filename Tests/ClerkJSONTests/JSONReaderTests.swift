import ClerkJSON
import Testing

@Suite("JSONReader")
struct JSONReaderTests {
    @Test("parses every kind of value", arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .int(0)),
        ("-0", .int(0)),
        ("42", .int(42)),
        ("-17", .int(-17)),
        ("1.5", .double(1.5)),
        ("-0.25", .double(-0.25)),
        ("1e3", .double(1000)),
        ("2E-2", .double(0.02)),
        ("1.0", .double(1.0)),
        ("\"text\"", .string("text")),
        ("\"\"", .string("")),
        ("[]", .array([])),
        ("{}", .object(JSONObject())),
        (" \t\r\n[1, \"a\", null]\n ", .array([1, "a", nil])),
        ("{\"a\": {\"b\": [true, false]}, \"c\": 2.5}", ["a": ["b": [true, false]] as JSONValue, "c": 2.5] as JSONValue),
    ])
    func parsesValues(text: String, expected: JSONValue) throws {
        #expect(try JSONReader.parse(text) == expected)
    }

    @Test func keepsKeyOrder() throws {
        let value = try JSONReader.parse(#"{"z": 1, "a": 2, "m": 3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func integersThatDoNotFitBecomeDoubles() throws {
        #expect(try JSONReader.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONReader.parse("-9223372036854775808") == .int(Int.min))
        #expect(try JSONReader.parse("9223372036854775808") == .double(9_223_372_036_854_775_808.0))
        #expect(try JSONReader.parse("-9223372036854775809") == .double(-9_223_372_036_854_775_809.0))
        #expect(try JSONReader.parse("123456789012345678901234567890") == .double(1.2345678901234568e29))
        #expect(try JSONReader.parse("1e308") == .double(1e308))
        #expect(try JSONReader.parse("1e-400") == .double(0))
    }

    @Test func parsesEscapes() throws {
        #expect(try JSONReader.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try JSONReader.parse(#""caf\u00e9 \u00E9""#) == .string("café é"))
        #expect(try JSONReader.parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try JSONReader.parse(#""\ud83d\ude00 \uD834\uDD1E""#) == .string("😀 𝄞"))
        #expect(try JSONReader.parse(#""a\u2028b""#) == .string("a\u{2028}b"))
        #expect(try JSONReader.parse("\"raw é 😀\"") == .string("raw é 😀"))
    }

    @Test func parsesBytesAndStringAlike() throws {
        let text = #"{"k": ["é", 1, 2.5]}"#
        #expect(try JSONReader.parse(Array(text.utf8)) == JSONReader.parse(text))
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        var input: [UInt8]
        var line: Int
        var column: Int
        var fragment: String

        init(_ text: String, _ line: Int, _ column: Int, _ fragment: String) {
            self.init(bytes: Array(text.utf8), line, column, fragment)
        }

        init(bytes: [UInt8], _ line: Int, _ column: Int, _ fragment: String) {
            self.input = bytes
            self.line = line
            self.column = column
            self.fragment = fragment
        }

        var testDescription: String { String(decoding: input, as: UTF8.self).debugDescription }
    }

    @Test("rejects invalid input at the right place", arguments: [
        Rejection("", 1, 1, "unexpected end of input"),
        Rejection("   ", 1, 4, "unexpected end of input"),
        Rejection("[1,]", 1, 4, "trailing comma"),
        Rejection("{\"a\": 1,\n}", 2, 1, "trailing comma"),
        Rejection("[1,\n  2,\n  ]", 3, 3, "trailing comma"),
        Rejection("// note\n1", 1, 1, "comments"),
        Rejection("[1, /* x */ 2]", 1, 5, "comments"),
        Rejection("NaN", 1, 1, "NaN"),
        Rejection("[Infinity]", 1, 2, "Infinity"),
        Rejection("-Infinity", 1, 2, "digit after '-'"),
        Rejection("01", 1, 1, "leading zeros"),
        Rejection("[\n  -012]", 2, 3, "leading zeros"),
        Rejection("00", 1, 1, "leading zeros"),
        Rejection("+1", 1, 1, "'+'"),
        Rejection(".5", 1, 1, "start with a digit"),
        Rejection("1.", 1, 3, "decimal point"),
        Rejection("1e", 1, 3, "exponent"),
        Rejection("1e+", 1, 4, "exponent"),
        Rejection("1e400", 1, 1, "out of range"),
        Rejection("-1e400", 1, 1, "out of range"),
        Rejection(#""\ud800""#, 1, 2, "lone high surrogate"),
        Rejection(#""\ud800\u0041""#, 1, 2, "lone high surrogate"),
        Rejection(#""x\ud800\n""#, 1, 3, "lone high surrogate"),
        Rejection(#""\udc00""#, 1, 2, "lone low surrogate"),
        Rejection(#""\u12""#, 1, 2, "\\u escape"),
        Rejection(#""\x41""#, 1, 2, "invalid escape"),
        Rejection("\"a\tb\"", 1, 3, "control character U+0009"),
        Rejection("[\"é\nb\"]", 1, 4, "control character U+000A"),
        Rejection("\"\u{1F}\"", 1, 2, "control character U+001F"),
        Rejection("\"abc", 1, 1, "unterminated string"),
        Rejection("{\n  \"a\": 1,\n  \"a\": 2\n}", 3, 3, #"duplicate key "a""#),
        Rejection(#"{"x": {"k": 1, "k": 1}}"#, 1, 16, #"duplicate key "k""#),
        Rejection("1 2", 1, 3, "after the JSON value"),
        Rejection("[1]]", 1, 4, "after the JSON value"),
        Rejection("[1 2]", 1, 4, "expected ',' or ']'"),
        Rejection(#"{"a" 1}"#, 1, 6, "expected ':'"),
        Rejection(#"{"a": 1 "b": 2}"#, 1, 9, "expected ',' or '}'"),
        Rejection("{1: 2}", 1, 2, "string key"),
        Rejection("{'a': 2}", 1, 2, "string key"),
        Rejection("'a'", 1, 1, "double quotes"),
        Rejection("tru", 1, 1, "'true'"),
        Rejection("nul", 1, 1, "'null'"),
        Rejection("[", 1, 2, "unexpected end of input"),
        Rejection("{\"a\":", 1, 6, "unexpected end of input"),
        Rejection("[,1]", 1, 2, "expected a value"),
        // Columns count characters, not bytes: é is two bytes, 😀 four.
        Rejection("[\"é😀\", x]", 1, 8, "unexpected 'x'"),
        Rejection(bytes: [0xEF, 0xBB, 0xBF, 0x31], 1, 1, "byte order mark"),
        Rejection(bytes: [0x22, 0xC3, 0x28, 0x22], 1, 2, "invalid UTF-8"),
        Rejection(bytes: [0x22, 0xC0, 0xAF, 0x22], 1, 2, "invalid UTF-8"),  // overlong "/"
        Rejection(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], 1, 2, "invalid UTF-8"),  // overlong 3-byte
        Rejection(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], 1, 2, "invalid UTF-8"),  // UTF-8 encoded surrogate
        Rejection(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1, 2, "invalid UTF-8"),  // above U+10FFFF
        Rejection(bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1, 2, "invalid UTF-8"),
        Rejection(bytes: [0x22, 0x61, 0x80, 0x22], 1, 3, "invalid UTF-8"),  // stray continuation byte
        Rejection(bytes: [0x22, 0xE2, 0x82], 1, 2, "truncated UTF-8"),
        Rejection(bytes: [0x5B, 0xC3, 0xA9, 0x5D], 1, 2, "unexpected byte 0xC3"),
    ])
    func rejects(_ rejection: Rejection) {
        guard let error = parseFailure(rejection.input) else {
            Issue.record("accepted invalid input")
            return
        }
        #expect(error.line == rejection.line, "\(error)")
        #expect(error.column == rejection.column, "\(error)")
        #expect(error.message.contains(rejection.fragment), "\(error)")
    }

    @Test func errorDescriptionNamesLineAndColumn() {
        let error = parseFailure("[\n  1,\n]")
        #expect(error?.description == "line 3, column 1: trailing comma is not allowed")
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = JSONReader.maxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONReader.parse(text)
        var levels = 0
        while case .array(let items) = value {
            levels += 1
            value = items.first ?? .null
        }
        #expect(levels == depth)

        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(throws: Never.self) { try JSONReader.parse(objects) }
    }

    @Test func nestingBeyondTheLimitIsAnError() {
        let depth = JSONReader.maxDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = parseFailure(text)
        #expect(error?.message.contains("nesting") == true)
        #expect(error?.column == depth)
    }

    @Test func hugeNestingFailsWithoutCrashing() {
        let error = parseFailure(String(repeating: "[{\"a\":", count: 200_000))
        #expect(error?.message.contains("nesting") == true)
    }
}
