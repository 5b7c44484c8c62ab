/// The schema itself is unusable (unsupported keyword, bad keyword value, bad `$ref`, invalid regex).
public struct JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the schema.
    public var schemaPointer: JSONPointer
    public var message: String

    public init(schemaPointer: JSONPointer, message: String) {
        self.schemaPointer = schemaPointer
        self.message = message
    }

    /// "schema <pointer or (root)>: <message>"
    public var description: String {
        let location = schemaPointer.tokens.isEmpty ? "(root)" : schemaPointer.description
        return "schema \(location): \(message)"
    }
}
