/// One compiled (sub)schema. Nodes live in an array and refer to each other by index,
/// which makes recursive schemas plain data (no reference cycles).
struct SchemaNode: Sendable {
    /// Where this subschema sits in the schema document.
    var pointer: JSONPointer
    /// The `false` schema: nothing is valid.
    var rejectsEverything = false
    /// Checked in this order; cheap checks first so failing fast is cheap.
    var rules: [SchemaRule] = []
}

/// One assertion or applicator keyword (or, for objects and arrays, a group of keywords
/// that share one pass over the instance).
struct SchemaRule: Sendable {
    /// The keyword's location, e.g. `/properties/kind/enum`.
    var pointer: JSONPointer
    var kind: Kind

    enum Kind: Sendable {
        case type(JSONTypeSet, names: [String])  // names as written, for messages
        case constant(JSONValue)
        case enumeration([JSONValue])
        case minLength(Int)
        case maxLength(Int)
        case pattern(SchemaPattern)
        case minimum(JSONNumber)
        case maximum(JSONNumber)
        case exclusiveMinimum(JSONNumber)
        case exclusiveMaximum(JSONNumber)
        case multipleOf(JSONNumber)
        case required([String])
        case minProperties(Int)
        case maxProperties(Int)
        case members(MemberRules)
        case propertyNames(Int)
        case minItems(Int)
        case maxItems(Int)
        case uniqueItems
        case items(ItemRules)
        case contains(ContainsRule)
        case ref(Int)
        case allOf([Int])
        case anyOf([Int])
        case oneOf([Int])
        case not(Int)
        case conditional(if: Int, then: Int?, else: Int?)
    }
}

/// `properties`, `patternProperties` and `additionalProperties` of one schema.
struct MemberRules: Sendable {
    var properties: [String: Int] = [:]
    var patternProperties: [(SchemaPattern, Int)] = []
    var additionalProperties: Int?
}

/// `prefixItems` and `items` of one schema.
struct ItemRules: Sendable {
    var prefixItems: [Int] = []
    var items: Int?
}

/// `contains` with its `minContains` / `maxContains`.
struct ContainsRule: Sendable {
    var schema: Int
    var minContains = 1
    var maxContains: Int?
}
