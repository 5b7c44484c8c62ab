import ClerkCore
import ClerkJSON

/// The sink of the JSON writer that `convert` writes through: each event both written as bytes
/// and passed to the schema check, so the document is checked as it is written and never held
/// whole.
struct CheckedJSONOutput: JSONModelSink {
    private var writer: JSONStreamWriter
    private var check: JSONSchemaStream
    /// The check's key for each `ModelKey`, by its raw value (the ids depend on the schema).
    private let checkedKeys: [JSONSchemaStream.Key]

    /// The writer's key for each `ModelKey`, by its raw value; they hold no schema.
    private static let writtenKeys = ModelKey.allCases.map { JSONStreamWriter.Key($0.name) }

    init(check: JSONSchemaStream, writer: JSONStreamWriter) {
        self.writer = writer
        self.check = check
        checkedKeys = ModelKey.allCases.map { check.key(named: $0.name) }
    }

    /// Writes the document a piece of about `chunk` bytes at a time into `drain`; returns the
    /// verdict of the check.
    static func write(
        _ document: Document, check: JSONSchemaStream, chunk: Int, drain: @escaping JSONStreamWriter.Drain
    ) -> Bool {
        var output = JSONModelWriter.write(
            document, to: CheckedJSONOutput(check: check, writer: JSONStreamWriter(chunk: chunk, drain: drain)))
        output.writer.finishWriting()
        return output.check.isValid
    }

    mutating func beginObject() {
        writer.beginObject()
        check.beginObject()
    }

    mutating func beginArray() {
        writer.beginArray()
        check.beginArray()
    }

    mutating func end() {
        writer.end()
        check.end()
    }

    mutating func key(_ key: ModelKey) {
        writer.key(Self.writtenKeys[key.rawValue])
        check.key(checkedKeys[key.rawValue])
    }

    mutating func dynamicKey(_ name: String) {
        writer.key(name)
        check.key(name)
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            writer.string(utf8: bytes)
            check.string(utf8: bytes)
        }
    }

    mutating func int(_ number: Int) {
        writer.int(number)
        check.int(number)
    }

    mutating func double(_ number: Double) {
        writer.double(number)
        check.double(number)
    }
}
