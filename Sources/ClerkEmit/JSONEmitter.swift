import ClerkCore
import ClerkJSON

/// The output model as JSON (see `JSONModelWriter`; `ModelVisitor` gives the fields and their order), written and
/// checked against the schema as it is written, or built as a value.
public enum JSONEmitter {
    public static let schemaVersion = "1.0"

    /// The document's JSON as a value: the same walk as the bytes `convert` writes.
    public static func value(_ document: Document) -> JSONValue {
        JSONModelWriter.write(document, to: JSONValueBuilder()).value
    }

    /// A document whose JSON breaks the schema.
    public struct Failure: Error, Sendable {
        public var violations: [JSONSchemaViolation]
    }

    /// The JSON bytes of `document` (those of `value` written pretty), written straight from the
    /// model and checked against `schema` as they are written (`JSONSchemaStream`), so that no
    /// part of the document is held as a `JSONValue`. When the check fails, the whole value is
    /// built once to say where and why.
    public static func bytes(_ document: Document, schema: JSONSchema) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        try write(document, schema: schema, chunk: DocumentEmitter.pieceSize) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes the JSON of `document` (the bytes `bytes(_:schema:)` gives) a piece of about
    /// `chunk` bytes at a time into `drain`, checked against `schema` as it goes. When it
    /// throws, what was drained must be thrown away.
    public static func write(
        _ document: Document, schema: JSONSchema, chunk: Int, drain: @escaping JSONStreamWriter.Drain
    ) throws(Failure) {
        guard let check = JSONSchemaStream(schema) else {
            JSONWriter.write(try checkedValue(document, schema: schema), pretty: true).withUnsafeBufferPointer { drain($0) }
            return
        }
        guard CheckedJSONOutput.write(document, check: check, chunk: chunk, drain: drain) else {
            throw failure(document, schema: schema)
        }
    }

    /// The whole value, for a schema that needs whole values to check (uniqueItems, contains...).
    private static func checkedValue(_ document: Document, schema: JSONSchema) throws(Failure) -> JSONValue {
        let whole = value(document)
        let violations = schema.validate(whole)
        guard violations.isEmpty else { throw Failure(violations: violations) }
        return whole
    }

    /// Why the streamed check refused `document`: the evaluator's violations, found on the
    /// whole value.
    private static func failure(_ document: Document, schema: JSONSchema) -> Failure {
        let violations = schema.validate(value(document))
        guard !violations.isEmpty else {
            // The two checks disagree: refuse rather than write what one of them refused.
            return Failure(violations: [JSONSchemaViolation(
                instancePointer: .root, schemaPointer: .root,
                message: "the streaming schema check refused the document, but the evaluator found no violation")])
        }
        return Failure(violations: violations)
    }
}
