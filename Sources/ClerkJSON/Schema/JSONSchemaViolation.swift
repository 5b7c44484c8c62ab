/// One way an instance fails its schema.
public struct JSONSchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// Where in the instance.
    public var instancePointer: JSONPointer
    /// The schema keyword that failed, e.g. `/$defs/block/properties/kind/enum`.
    public var schemaPointer: JSONPointer
    public var message: String

    public init(instancePointer: JSONPointer, schemaPointer: JSONPointer, message: String) {
        self.instancePointer = instancePointer
        self.schemaPointer = schemaPointer
        self.message = message
    }

    /// "<instance pointer or (root)>: <message>"
    public var description: String {
        let location = instancePointer.tokens.isEmpty ? "(root)" : instancePointer.description
        return "\(location): \(message)"
    }
}
