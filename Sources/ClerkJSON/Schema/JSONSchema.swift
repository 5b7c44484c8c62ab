// A hand-written JSON Schema (draft 2020-12) validator: no maintained Swift package for JSON Schema
// validation is available offline. It supports exactly the keywords our schemas use and rejects
// every other keyword at init, so a schema can never silently rely on something unchecked.
// Regex dialect notes are in SchemaPattern.

/// A compiled JSON Schema (draft 2020-12 subset).
///
/// Supported: annotations (`$schema`, `$id` at the root, `$comment`, `title`, `description`,
/// `default`, `examples`, `deprecated`, `readOnly`, `writeOnly`, `format` — not asserted),
/// `$defs`, local `$ref` (`#` or `#/json/pointer`), `type`, `enum`, `const`, `properties`,
/// `required`, `additionalProperties`, `patternProperties`, `propertyNames`, `minProperties`,
/// `maxProperties`, `items`, `prefixItems`, `minItems`, `maxItems`, `uniqueItems`, `contains`,
/// `minContains`, `maxContains`, `minLength`, `maxLength`, `pattern`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `allOf`, `anyOf`, `oneOf`, `not`,
/// `if`/`then`/`else`. Immutable and safe to share between threads.
public final class JSONSchema: Sendable {
    private let nodes: [SchemaNode]
    private let root: Int
    /// The form `JSONSchemaStream` runs, if the schema has one.
    let streamProgram: StreamProgram?

    /// Compiles `schema`; throws if it uses an unsupported keyword, a malformed keyword value,
    /// a non-local or unresolvable `$ref`, or an invalid regex.
    public init(_ schema: JSONValue) throws(JSONSchemaError) {
        var compiler = SchemaCompiler(document: schema)
        (nodes, root) = try compiler.compile()
        streamProgram = StreamProgram(nodes: nodes, root: root)
    }

    /// Parses and compiles a schema; throws `JSONParseError` or `JSONSchemaError`.
    public convenience init(bytes: [UInt8]) throws {
        try self.init(JSONReader.parse(bytes))
    }

    /// All violations found, in document order of the instance; empty means valid.
    public func validate(_ instance: JSONValue) -> [JSONSchemaViolation] {
        var evaluator = SchemaEvaluator(nodes: nodes, collecting: true)
        _ = evaluator.check(root, instance)
        return evaluator.violations
    }

    public func isValid(_ instance: JSONValue) -> Bool {
        var evaluator = SchemaEvaluator(nodes: nodes, collecting: false)
        return evaluator.check(root, instance)
    }
}
