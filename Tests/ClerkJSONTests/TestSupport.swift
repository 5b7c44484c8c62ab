import ClerkJSON

/// The parse error for `text`, or nil if it parses.
func parseFailure(_ text: String) -> JSONParseError? {
    parseFailure(Array(text.utf8))
}

func parseFailure(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONReader.parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// The schema error for `schema`, or nil if it compiles.
func schemaFailure(_ schema: JSONValue) -> JSONSchemaError? {
    do {
        _ = try JSONSchema(schema)
        return nil
    } catch {
        return error
    }
}

/// Parses JSON text in tests (which is known to be valid).
func json(_ text: String) throws -> JSONValue {
    try JSONReader.parse(text)
}

/// The verdict of `JSONSchemaStream` on `instance` fed to it event by event, or nil when the
/// schema needs whole values.
func streamedVerdict(_ schema: JSONSchema, _ instance: JSONValue) -> Bool? {
    guard var stream = JSONSchemaStream(schema) else { return nil }
    stream.value(instance)
    return stream.isValid
}
