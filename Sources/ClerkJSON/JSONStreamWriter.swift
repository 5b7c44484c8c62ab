/// Writes pretty JSON a piece at a time: containers are opened and closed, values written
/// into them, and the bytes are those `JSONWriter.write(_:pretty: true)` gives for the whole
/// value. A large document can then be written straight from its model, without holding any
/// of it as a `JSONValue`.
public struct JSONStreamWriter {
    private var out: [UInt8] = []
    /// The open containers, innermost last: `objectFlag` and `filledFlag` bits.
    private var open: [UInt8] = []
    /// An object's key has been written and its value is due.
    private var keyWritten = false

    private static let objectFlag: UInt8 = 1
    private static let filledFlag: UInt8 = 2

    /// A key written once as bytes (`"name": `), for keys that many objects share.
    public struct Key: Sendable {
        public let name: String
        let bytes: [UInt8]

        public init(_ name: String) {
            self.name = name
            var bytes: [UInt8] = []
            JSONBytes.appendQuoted(name, to: &bytes)
            bytes += [UInt8(ascii: ":"), UInt8(ascii: " ")]
            self.bytes = bytes
        }
    }

    /// `capacity`: the bytes expected, reserved at once.
    public init(capacity: Int = 0) {
        out.reserveCapacity(capacity)
        open.reserveCapacity(16)
    }

    /// Opens an object: the document itself, an array's next item, or the value of a key.
    public mutating func beginObject() {
        beginValue()
        out.append(UInt8(ascii: "{"))
        open.append(Self.objectFlag)
    }

    public mutating func beginArray() {
        beginValue()
        out.append(UInt8(ascii: "["))
        open.append(0)
    }

    /// Closes the innermost container (`{}` or `[]` when it got nothing).
    public mutating func end() {
        let container = open.removeLast()
        if container & Self.filledFlag != 0 {
            newline()
        }
        out.append(container & Self.objectFlag != 0 ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// The next key of the innermost object; its value comes next.
    public mutating func key(_ key: Key) {
        startMember()
        out.append(contentsOf: key.bytes)
    }

    public mutating func key(_ key: String) {
        startMember()
        JSONBytes.appendQuoted(key, to: &out)
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
    }

    public mutating func string(_ text: String) {
        beginValue()
        JSONBytes.appendQuoted(text, to: &out)
    }

    /// A string given as its UTF-8 bytes (valid UTF-8).
    public mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        beginValue()
        JSONBytes.appendQuoted(bytes, to: &out)
    }

    public mutating func int(_ value: Int) {
        beginValue()
        JSONBytes.appendInt(value, to: &out)
    }

    /// Swift's shortest round-trip form; NaN and infinities as `null`, as `JSONWriter` does.
    public mutating func double(_ value: Double) {
        beginValue()
        if value.isFinite {
            out.append(contentsOf: value.description.utf8)
        } else {
            JSONBytes.append("null", to: &out)
        }
    }

    public mutating func bool(_ value: Bool) {
        beginValue()
        JSONBytes.append(value ? "true" : "false", to: &out)
    }

    public mutating func null() {
        beginValue()
        JSONBytes.append("null", to: &out)
    }

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

    /// The bytes, with the final line end, once every container is closed.
    public mutating func finish() -> [UInt8] {
        precondition(open.isEmpty && !keyWritten, "containers are still open")
        out.append(0x0A)
        return out
    }

    private mutating func startMember() {
        precondition(open.last.map { $0 & Self.objectFlag != 0 } == true && !keyWritten, "a key belongs in an object, before its value")
        if open[open.count - 1] & Self.filledFlag != 0 {
            out.append(UInt8(ascii: ","))
        } else {
            open[open.count - 1] |= Self.filledFlag
        }
        newline()
        keyWritten = true
    }

    /// Places a value: after its key, or as the next item of an array, or as the document.
    @inline(__always)
    private mutating func beginValue() {
        guard let container = open.last else { return }
        if container & Self.objectFlag != 0 {
            precondition(keyWritten, "an object's value needs its key first")
            keyWritten = false
            return
        }
        if container & Self.filledFlag != 0 {
            out.append(UInt8(ascii: ","))
        } else {
            open[open.count - 1] |= Self.filledFlag
        }
        newline()
    }

    /// A line end and the indentation of a line inside the open containers.
    private mutating func newline() {
        out.append(0x0A)
        var indent = 2 * open.count
        let spaces: StaticString = "                                                                "
        while indent > 0 {
            let run = min(indent, spaces.utf8CodeUnitCount)
            out.append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: run))
            indent -= run
        }
    }
}
