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

/// SplitMix64: a tiny seeded generator, so generated test data is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
