/// Turns a JSON Schema document into `SchemaNode`s once, at `JSONSchema.init`, rejecting
/// anything the validator would not check.
struct SchemaCompiler {
    static let draftURI = "https://json-schema.org/draft/2020-12/schema"

    /// Keywords that only annotate or identify; they never affect validation.
    private static let annotationKeywords: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "default", "examples",
        "deprecated", "readOnly", "writeOnly", "format",
    ]

    private static let assertionKeywords: Set<String> = [
        "$defs", "$ref", "type", "enum", "const",
        "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
        "minProperties", "maxProperties",
        "items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains",
        "minLength", "maxLength", "pattern",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ]

    private let document: JSONValue
    private var nodes: [SchemaNode?] = []
    private var indexByPointer: [JSONPointer: Int] = [:]
    /// Every `$ref`: the location it points to and where it was written.
    private var refSites: [(target: JSONPointer, site: JSONPointer)] = []

    init(document: JSONValue) {
        self.document = document
    }

    /// Compiles the whole document; returns the nodes and the root's index.
    mutating func compile() throws(JSONSchemaError) -> (nodes: [SchemaNode], root: Int) {
        let root = try compile(document, at: .root)
        var compiled: [SchemaNode] = []
        compiled.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() {
            guard let node else {
                // Reserved by a $ref but never reached as a subschema.
                let site = refSites.first { indexByPointer[$0.target] == index }!
                throw JSONSchemaError(
                    schemaPointer: site.site,
                    message: "$ref \(quoted("#" + site.target.description)) does not point to a subschema")
            }
            compiled.append(node)
        }
        try SchemaCycleCheck(nodes: compiled).run()
        return (compiled, root)
    }

    // MARK: - Subschemas

    private mutating func slot(for pointer: JSONPointer) -> Int {
        if let index = indexByPointer[pointer] { return index }
        nodes.append(nil)
        indexByPointer[pointer] = nodes.count - 1
        return nodes.count - 1
    }

    private mutating func compile(_ value: JSONValue, at pointer: JSONPointer) throws(JSONSchemaError) -> Int {
        let index = slot(for: pointer)
        var node = SchemaNode(pointer: pointer)
        switch value {
        case .bool(let allowed):
            node.rejectsEverything = !allowed
        case .object(let schema):
            node.rules = try rules(of: schema, at: pointer)
        default:
            throw JSONSchemaError(schemaPointer: pointer, message: "a schema must be an object or a boolean, not \(value.typeName)")
        }
        nodes[index] = node
        return index
    }

    private mutating func compileArray(_ value: JSONValue, at pointer: JSONPointer) throws(JSONSchemaError) -> [Int] {
        guard case .array(let items) = value, !items.isEmpty else {
            throw JSONSchemaError(schemaPointer: pointer, message: "must be a non-empty array of schemas")
        }
        var indices: [Int] = []
        for (offset, item) in items.enumerated() {
            indices.append(try compile(item, at: pointer.appending(offset)))
        }
        return indices
    }

    private mutating func compileMap(_ value: JSONValue, at pointer: JSONPointer) throws(JSONSchemaError) -> [(String, Int)] {
        guard case .object(let members) = value else {
            throw JSONSchemaError(schemaPointer: pointer, message: "must be an object whose values are schemas")
        }
        var result: [(String, Int)] = []
        for (key, member) in members {
            result.append((key, try compile(member, at: pointer.appending(key))))
        }
        return result
    }

    // MARK: - Keywords

    private mutating func rules(of schema: JSONObject, at pointer: JSONPointer) throws(JSONSchemaError) -> [SchemaRule] {
        for key in schema.keys where !Self.annotationKeywords.contains(key) && !Self.assertionKeywords.contains(key) {
            throw JSONSchemaError(schemaPointer: pointer.appending(key), message: "unsupported keyword \(quoted(key))")
        }
        try checkAnnotations(schema, at: pointer)

        var rules: [SchemaRule] = []
        func add(_ keyword: String, _ kind: SchemaRule.Kind) {
            rules.append(SchemaRule(pointer: pointer.appending(keyword), kind: kind))
        }
        func at(_ keyword: String) -> JSONPointer { pointer.appending(keyword) }

        if let defs = schema["$defs"] {
            _ = try compileMap(defs, at: at("$defs"))
        }
        if let value = schema["type"] {
            let types = try typeSet(value, at: at("type"))
            add("type", .type(types, names: value.arrayValue?.compactMap(\.stringValue) ?? [value.stringValue ?? ""]))
        }
        if let value = schema["const"] {
            add("const", .constant(value))
        }
        if let value = schema["enum"] {
            guard case .array(let options) = value else {
                throw JSONSchemaError(schemaPointer: at("enum"), message: "must be an array")
            }
            add("enum", .enumeration(options))
        }

        // Strings
        if let value = schema["minLength"] {
            add("minLength", .minLength(try count(value, at: at("minLength"))))
        }
        if let value = schema["maxLength"] {
            add("maxLength", .maxLength(try count(value, at: at("maxLength"))))
        }
        if let value = schema["pattern"] {
            add("pattern", .pattern(try pattern(value, at: at("pattern"))))
        }

        // Numbers
        if let value = schema["minimum"] {
            add("minimum", .minimum(try number(value, at: at("minimum"))))
        }
        if let value = schema["maximum"] {
            add("maximum", .maximum(try number(value, at: at("maximum"))))
        }
        if let value = schema["exclusiveMinimum"] {
            add("exclusiveMinimum", .exclusiveMinimum(try number(value, at: at("exclusiveMinimum"))))
        }
        if let value = schema["exclusiveMaximum"] {
            add("exclusiveMaximum", .exclusiveMaximum(try number(value, at: at("exclusiveMaximum"))))
        }
        if let value = schema["multipleOf"] {
            let divisor = try number(value, at: at("multipleOf"))
            guard divisor.asDouble > 0 else {
                throw JSONSchemaError(schemaPointer: at("multipleOf"), message: "must be greater than 0")
            }
            add("multipleOf", .multipleOf(divisor))
        }

        // Objects
        if let value = schema["required"] {
            add("required", .required(try uniqueStrings(value, at: at("required"))))
        }
        if let value = schema["minProperties"] {
            add("minProperties", .minProperties(try count(value, at: at("minProperties"))))
        }
        if let value = schema["maxProperties"] {
            add("maxProperties", .maxProperties(try count(value, at: at("maxProperties"))))
        }
        var members = MemberRules()
        var hasMembers = false
        if let value = schema["properties"] {
            hasMembers = true
            for (name, index) in try compileMap(value, at: at("properties")) {
                members.properties[name] = index
            }
        }
        if let value = schema["patternProperties"] {
            hasMembers = true
            for (source, index) in try compileMap(value, at: at("patternProperties")) {
                guard let regex = SchemaPattern(source) else {
                    throw JSONSchemaError(
                        schemaPointer: at("patternProperties").appending(source),
                        message: "invalid regular expression \(quoted(source))")
                }
                members.patternProperties.append((regex, index))
            }
        }
        if let value = schema["additionalProperties"] {
            hasMembers = true
            members.additionalProperties = try compile(value, at: at("additionalProperties"))
        }
        if hasMembers {
            // The pointer matters only for "unexpected property" messages.
            add("additionalProperties", .members(members))
        }
        if let value = schema["propertyNames"] {
            add("propertyNames", .propertyNames(try compile(value, at: at("propertyNames"))))
        }

        // Arrays
        if let value = schema["minItems"] {
            add("minItems", .minItems(try count(value, at: at("minItems"))))
        }
        if let value = schema["maxItems"] {
            add("maxItems", .maxItems(try count(value, at: at("maxItems"))))
        }
        if let value = schema["uniqueItems"] {
            guard case .bool(let unique) = value else {
                throw JSONSchemaError(schemaPointer: at("uniqueItems"), message: "must be a boolean")
            }
            if unique { add("uniqueItems", .uniqueItems) }
        }
        var itemRules = ItemRules()
        if let value = schema["prefixItems"] {
            itemRules.prefixItems = try compileArray(value, at: at("prefixItems"))
        }
        if let value = schema["items"] {
            if case .array = value {
                throw JSONSchemaError(
                    schemaPointer: at("items"),
                    message: "in draft 2020-12 \"items\" must be a schema; use \"prefixItems\" for a tuple")
            }
            itemRules.items = try compile(value, at: at("items"))
        }
        if schema["prefixItems"] != nil || schema["items"] != nil {
            add("items", .items(itemRules))
        }
        let minContains = try schema["minContains"].map { (v) throws(JSONSchemaError) in try count(v, at: at("minContains")) }
        let maxContains = try schema["maxContains"].map { (v) throws(JSONSchemaError) in try count(v, at: at("maxContains")) }
        if let value = schema["contains"] {
            // minContains/maxContains without contains have no effect (but must still be well-formed).
            let index = try compile(value, at: at("contains"))
            add("contains", .contains(ContainsRule(schema: index, minContains: minContains ?? 1, maxContains: maxContains)))
        }

        // References and combinators
        if let value = schema["$ref"] {
            add("$ref", .ref(try reference(value, at: at("$ref"))))
        }
        if let value = schema["allOf"] {
            add("allOf", .allOf(try compileArray(value, at: at("allOf"))))
        }
        if let value = schema["anyOf"] {
            add("anyOf", .anyOf(try compileArray(value, at: at("anyOf"))))
        }
        if let value = schema["oneOf"] {
            add("oneOf", .oneOf(try compileArray(value, at: at("oneOf"))))
        }
        if let value = schema["not"] {
            add("not", .not(try compile(value, at: at("not"))))
        }
        // then/else without if are ignored, but still compiled so they are checked and can be $ref targets.
        let thenIndex = try schema["then"].map { (v) throws(JSONSchemaError) in try compile(v, at: at("then")) }
        let elseIndex = try schema["else"].map { (v) throws(JSONSchemaError) in try compile(v, at: at("else")) }
        if let value = schema["if"] {
            let ifIndex = try compile(value, at: at("if"))
            if thenIndex != nil || elseIndex != nil {
                add("if", .conditional(if: ifIndex, then: thenIndex, else: elseIndex))
            }
        }
        return rules
    }

    private func checkAnnotations(_ schema: JSONObject, at pointer: JSONPointer) throws(JSONSchemaError) {
        if let value = schema["$schema"], value != .string(Self.draftURI) {
            throw JSONSchemaError(
                schemaPointer: pointer.appending("$schema"),
                message: "only draft 2020-12 (\(quoted(Self.draftURI))) is supported")
        }
        if let value = schema["$id"] {
            guard case .string = value else {
                throw JSONSchemaError(schemaPointer: pointer.appending("$id"), message: "must be a string")
            }
            // A nested $id would change what "#/..." means below it; we only resolve against the root.
            guard pointer.tokens.isEmpty else {
                throw JSONSchemaError(schemaPointer: pointer.appending("$id"), message: "$id is only supported at the schema root")
            }
        }
        for key in ["$comment", "title", "description", "format"] {
            if let value = schema[key], value.stringValue == nil {
                throw JSONSchemaError(schemaPointer: pointer.appending(key), message: "must be a string")
            }
        }
        for key in ["deprecated", "readOnly", "writeOnly"] {
            if let value = schema[key], value.boolValue == nil {
                throw JSONSchemaError(schemaPointer: pointer.appending(key), message: "must be a boolean")
            }
        }
        if let value = schema["examples"], value.arrayValue == nil {
            throw JSONSchemaError(schemaPointer: pointer.appending("examples"), message: "must be an array")
        }
    }

    private func typeSet(_ value: JSONValue, at pointer: JSONPointer) throws(JSONSchemaError) -> JSONTypeSet {
        let names: [JSONValue]
        switch value {
        case .string: names = [value]
        case .array(let items) where !items.isEmpty: names = items
        default: throw JSONSchemaError(schemaPointer: pointer, message: "must be a type name or a non-empty array of them")
        }
        var set = JSONTypeSet()
        for name in names {
            guard let text = name.stringValue, let type = JSONTypeSet(name: text) else {
                throw JSONSchemaError(schemaPointer: pointer, message: "unknown type \(JSONWriter.string(name, pretty: false))")
            }
            guard !set.contains(type) else {
                throw JSONSchemaError(schemaPointer: pointer, message: "type \(quoted(text)) is listed twice")
            }
            set.insert(type)
        }
        return set
    }

    /// A non-negative integer (2020-12 also accepts a whole number written as 2.0).
    private func count(_ value: JSONValue, at pointer: JSONPointer) throws(JSONSchemaError) -> Int {
        switch value {
        case .int(let i) where i >= 0:
            return i
        case .double(let d) where d >= 0 && d.rounded(.towardZero) == d && d < 9.0e18:
            return Int(d)
        default:
            throw JSONSchemaError(schemaPointer: pointer, message: "must be a non-negative integer")
        }
    }

    private func number(_ value: JSONValue, at pointer: JSONPointer) throws(JSONSchemaError) -> JSONNumber {
        guard let number = JSONNumber(value) else {
            throw JSONSchemaError(schemaPointer: pointer, message: "must be a number")
        }
        return number
    }

    private func pattern(_ value: JSONValue, at pointer: JSONPointer) throws(JSONSchemaError) -> SchemaPattern {
        guard let source = value.stringValue else {
            throw JSONSchemaError(schemaPointer: pointer, message: "must be a string")
        }
        guard let regex = SchemaPattern(source) else {
            throw JSONSchemaError(schemaPointer: pointer, message: "invalid regular expression \(quoted(source))")
        }
        return regex
    }

    private func uniqueStrings(_ value: JSONValue, at pointer: JSONPointer) throws(JSONSchemaError) -> [String] {
        guard case .array(let items) = value else {
            throw JSONSchemaError(schemaPointer: pointer, message: "must be an array of strings")
        }
        var seen: Set<String> = []
        var names: [String] = []
        for item in items {
            guard let name = item.stringValue else {
                throw JSONSchemaError(schemaPointer: pointer, message: "must be an array of strings")
            }
            guard seen.insert(name).inserted else {
                throw JSONSchemaError(schemaPointer: pointer, message: "\(quoted(name)) is listed twice")
            }
            names.append(name)
        }
        return names
    }

    // MARK: - $ref

    /// Resolves a local `$ref` to the node slot of its target (compiled when the walk reaches it).
    private mutating func reference(_ value: JSONValue, at pointer: JSONPointer) throws(JSONSchemaError) -> Int {
        guard let ref = value.stringValue else {
            throw JSONSchemaError(schemaPointer: pointer, message: "must be a string")
        }
        guard ref.hasPrefix("#") else {
            throw JSONSchemaError(schemaPointer: pointer, message: "only local references (\"#\" or \"#/...\") are supported, not \(quoted(ref))")
        }
        guard let fragment = Self.percentDecoded(String(ref.dropFirst())) else {
            throw JSONSchemaError(schemaPointer: pointer, message: "invalid percent-encoding in \(quoted(ref))")
        }
        guard fragment.isEmpty || fragment.hasPrefix("/") else {
            throw JSONSchemaError(schemaPointer: pointer, message: "anchors are not supported: \(quoted(ref))")
        }
        guard let target = JSONPointer(parsing: fragment) else {
            throw JSONSchemaError(schemaPointer: pointer, message: "invalid JSON pointer in \(quoted(ref))")
        }
        guard Self.resolve(target, in: document) != nil else {
            throw JSONSchemaError(schemaPointer: pointer, message: "unresolvable $ref \(quoted(ref))")
        }
        refSites.append((target, pointer))
        return slot(for: target)
    }

    private static func resolve(_ pointer: JSONPointer, in document: JSONValue) -> JSONValue? {
        var current = document
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let items):
                // RFC 6901 array index: "0" or digits without a leading zero.
                guard let index = Int(token), String(index) == token, index >= 0, index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    private static func percentDecoded(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
