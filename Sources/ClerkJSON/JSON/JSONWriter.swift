/// Deterministic JSON output; object keys are written in `JSONObject` order.
///
/// - Pretty: 2-space indentation, one member or item per line, `"key": value`,
///   empty containers as `[]` / `{}`, and a trailing newline.
/// - Compact: no whitespace at all.
///
/// Strings escape `"`, `\`, control characters (`\n \r \t \b \f`, others as `\u00xx`)
/// and U+2028/U+2029; other non-ASCII text is written as UTF-8. Doubles use Swift's
/// shortest round-trip form. NaN and infinities have no JSON form and are written as `null`
/// (as JavaScript's `JSON.stringify` does) rather than trapping in a pipeline.
public enum JSONWriter {
    public static func write(_ value: JSONValue, pretty: Bool = true) -> [UInt8] {
        var emitter = JSONEmitter(pretty: pretty)
        emitter.write(value, indent: 0)
        if pretty {
            emitter.out.append(0x0A)
        }
        return emitter.out
    }

    public static func string(_ value: JSONValue, pretty: Bool = true) -> String {
        String(decoding: write(value, pretty: pretty), as: UTF8.self)
    }
}

/// Appends the UTF-8 bytes of JSON values to a buffer.
struct JSONEmitter {
    let pretty: Bool
    var out: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
    }

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): writeInt(i)
        case .double(let d):
            if d.isFinite {
                out.append(contentsOf: d.description.utf8)
            } else {
                append("null")
            }
        case .string(let s): writeString(s)
        case .array(let items): writeArray(items, indent: indent)
        case .object(let object): writeObject(object, indent: indent)
        }
    }

    private mutating func writeArray(_ items: [JSONValue], indent: Int) {
        guard !items.isEmpty else {
            append("[]")
            return
        }
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 2)
            write(item, indent: indent + 2)
        }
        newline(indent)
        out.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: JSONObject, indent: Int) {
        guard !object.isEmpty else {
            append("{}")
            return
        }
        out.append(UInt8(ascii: "{"))
        var first = true
        for (key, value) in object.storage {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            newline(indent + 2)
            writeString(key)
            out.append(UInt8(ascii: ":"))
            if pretty { out.append(UInt8(ascii: " ")) }
            write(value, indent: indent + 2)
        }
        newline(indent)
        out.append(UInt8(ascii: "}"))
    }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    private mutating func append(_ text: StaticString) {
        JSONBytes.append(text, to: &out)
    }

    private mutating func writeInt(_ value: Int) {
        JSONBytes.appendInt(value, to: &out)
    }

    mutating func writeString(_ text: String) {
        JSONBytes.appendQuoted(text, to: &out)
    }
}
