/// Something that takes a JSON document as events: the writer (`JSONStreamWriter`) and the
/// schema check that runs beside it (`JSONSchemaStream`). A whole `JSONValue` is replayed as
/// events once, here, for both.
public protocol JSONEvents {
    mutating func beginObject()
    mutating func beginArray()
    mutating func key(_ name: String)
    mutating func end()
    mutating func string(_ text: String)
    mutating func int(_ value: Int)
    mutating func double(_ value: Double)
    mutating func bool(_ value: Bool)
    mutating func null()
}

extension JSONEvents {
    /// A whole value: the document, an array's next item, or the value of a key.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            end()
        case .object(let object):
            beginObject()
            for (key, member) in object {
                self.key(key)
                self.value(member)
            }
            end()
        }
    }

    /// `key` and its value.
    public mutating func member(_ key: String, _ value: JSONValue) {
        self.key(key)
        self.value(value)
    }
}
