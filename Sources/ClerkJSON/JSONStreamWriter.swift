/// Writes pretty JSON a piece at a time: containers are opened and closed, values written
/// into them, and the bytes are those `JSONWriter.write(_:pretty: true)` gives for the whole
/// value. A large document can then be written without holding all of it as one `JSONValue`.
public struct JSONStreamWriter {
    private var emitter = JSONEmitter(pretty: true)
    /// The open containers: their indentation and how many members they have so far.
    private var open: [(indent: Int, count: Int, isObject: Bool)] = []
    /// An object's key has been written and its value is due.
    private var keyWritten = false

    public init() {}

    /// Opens an object: the document itself, an array's next item, or the value of a key.
    public mutating func beginObject() {
        let indent = beginValue()
        emitter.out.append(UInt8(ascii: "{"))
        open.append((indent, 0, true))
    }

    public mutating func beginArray() {
        let indent = beginValue()
        emitter.out.append(UInt8(ascii: "["))
        open.append((indent, 0, false))
    }

    /// Closes the innermost container (`{}` or `[]` when it got nothing).
    public mutating func end() {
        let container = open.removeLast()
        if container.count > 0 {
            newline(container.indent)
        }
        emitter.out.append(UInt8(ascii: container.isObject ? "}" : "]"))
    }

    /// The next key of the innermost object; its value comes next.
    public mutating func key(_ key: String) {
        precondition(open.last?.isObject == true && !keyWritten, "a key belongs in an object, before its value")
        let indent = open[open.count - 1].indent
        if open[open.count - 1].count > 0 { emitter.out.append(UInt8(ascii: ",")) }
        open[open.count - 1].count += 1
        newline(indent + 2)
        emitter.writeString(key)
        emitter.out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        keyWritten = true
    }

    /// A whole value: the document, an array's next item, or the value of a key.
    public mutating func value(_ value: JSONValue) {
        let indent = beginValue()
        emitter.write(value, indent: indent)
    }

    /// `key` and its value.
    public mutating func member(_ key: String, _ value: JSONValue) {
        self.key(key)
        self.value(value)
    }

    /// The bytes, with the final line end, once every container is closed.
    public mutating func finish() -> [UInt8] {
        precondition(open.isEmpty && !keyWritten, "containers are still open")
        emitter.out.append(0x0A)
        return emitter.out
    }

    /// Places a value: after its key, or as the next item of an array, or as the document.
    /// Returns the indentation it is written at.
    private mutating func beginValue() -> Int {
        guard let container = open.last else { return 0 }
        if container.isObject {
            precondition(keyWritten, "an object's value needs its key first")
            keyWritten = false
            return container.indent + 2
        }
        if container.count > 0 { emitter.out.append(UInt8(ascii: ",")) }
        open[open.count - 1].count += 1
        newline(container.indent + 2)
        return container.indent + 2
    }

    private mutating func newline(_ indent: Int) {
        emitter.out.append(0x0A)
        emitter.out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }
}
