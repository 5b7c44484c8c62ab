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

    /// A subschema of this schema, found once by its pointer and then used to check many
    /// instances (the parts of a large document, each against the subschema of its place).
    public struct Subschema: Sendable {
        fileprivate let index: Int
    }

    /// The subschema at `pointer` (`/$defs/block`), if there is one.
    public func subschema(at pointer: JSONPointer) -> Subschema? {
        nodes.firstIndex { $0.pointer == pointer }.map(Subschema.init)
    }

    public func isValid(_ instance: JSONValue, against subschema: Subschema) -> Bool {
        var evaluator = SchemaEvaluator(nodes: nodes, collecting: false)
        return evaluator.check(subschema.index, instance)
    }

    /// The violations of `instance` against `subschema`, reported as if `instance` stood at
    /// `location` in a larger document.
    public func validate(_ instance: JSONValue, against subschema: Subschema, at location: JSONPointer) -> [JSONSchemaViolation] {
        var evaluator = SchemaEvaluator(nodes: nodes, collecting: true)
        _ = evaluator.check(subschema.index, instance)
        return evaluator.violations.map { violation in
            var placed = violation
            placed.instancePointer = JSONPointer(tokens: location.tokens + violation.instancePointer.tokens)
            return placed
        }
    }

    public func isValid(_ instance: JSONValue) -> Bool {
        var evaluator = SchemaEvaluator(nodes: nodes, collecting: false)
        return evaluator.check(root, instance)
    }
}
