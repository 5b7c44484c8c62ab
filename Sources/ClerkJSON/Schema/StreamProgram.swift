/// The compiled schema in the form `JSONSchemaStream` runs: per subschema, its rules sorted by
/// what they look at (a scalar, an object's keys and members, an array's items, or the same
/// value through `$ref` and the combinators), and object keys named by small integers.
///
/// Built once, at `JSONSchema.init`. Schemas that use `uniqueItems`, `contains`, or a `const` /
/// `enum` holding an array or object (which need an item's whole value) get none, and are
/// checked on whole values instead.
struct StreamProgram: Sendable {
    /// A run of entries in one of the program's pools.
    struct Run: Sendable {
        var start: Int32 = 0
        var count: Int32 = 0

        var range: Range<Int> { Int(start)..<Int(start + count) }
        var isEmpty: Bool { count == 0 }
    }

    /// One subschema; plain data (runs into the pools), so reading one copies no references.
    struct Node: Sendable {
        var rejectsEverything = false
        var types = JSONTypeSet(rawValue: 0x7F)
        /// Runs of `scalarRules`.
        var scalarRules = Run()
        /// A `const` or `enum` whose options are all scalars: no array or object equals one.
        var rejectsContainers = false
        /// `$ref` and `allOf`: subschemas that the same value must match (a run of `indices`).
        var sameValue = Run()
        /// Runs of `lists`, each a run of `indices`.
        var anyOf = Run()
        var oneOf = Run()
        /// A run of `indices`.
        var not = Run()
        /// A run of `conditionals`.
        var conditionals = Run()

        // Objects
        /// Key ids, a run of `indices`.
        var required = Run()
        var minProperties = 0
        var maxProperties = Int.max
        var hasMembers = false
        /// Where this node's `properties` starts in `propertyTable` (one entry per key id), or -1.
        var properties: Int32 = -1
        /// A run of `patternProperties`.
        var patternProperties = Run()
        var additionalProperties: Int32 = -1
        var propertyNames: Int32 = -1

        // Arrays
        /// A run of `indices`.
        var prefixItems = Run()
        var items: Int32 = -1
        var minItems = 0
        var maxItems = Int.max

        var checksObjects: Bool {
            !required.isEmpty || minProperties > 0 || maxProperties < Int.max || hasMembers || propertyNames >= 0
        }
        var checksArrays: Bool { !prefixItems.isEmpty || items >= 0 || minItems > 0 || maxItems < Int.max }
    }

    enum ScalarRule: Sendable {
        case constant(ScalarOption)
        /// A run of `options`.
        case enumeration(Run)
        case minLength(Int)
        case maxLength(Int)
        /// An index into `patterns`.
        case pattern(Int32)
        case minimum(JSONNumber)
        case maximum(JSONNumber)
        case exclusiveMinimum(JSONNumber)
        case exclusiveMaximum(JSONNumber)
        case multipleOf(JSONNumber)
    }

    /// An option of `const` or `enum`, kept in the form a scalar is compared with.
    enum ScalarOption: Sendable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        /// A run of `stringBytes`.
        case string(Run)
    }

    private(set) var nodes: [Node] = []
    private(set) var root: Int32 = 0
    /// Every name in a `properties` or `required`, by id.
    private(set) var keyIDs: [String: Int32] = [:]

    // The pools the nodes' runs point into.
    private(set) var scalarRules: [ScalarRule] = []
    private(set) var options: [ScalarOption] = []
    private(set) var stringBytes: [UInt8] = []
    private(set) var patterns: [FastPattern] = []
    private(set) var indices: [Int32] = []
    private(set) var lists: [Run] = []
    private(set) var conditionals: [(condition: Int32, then: Int32, otherwise: Int32)] = []
    private(set) var propertyTable: [Int32] = []
    private(set) var patternProperties: [(pattern: Int32, node: Int32)] = []

    init?(nodes schemaNodes: [SchemaNode], root: Int) {
        for node in schemaNodes {
            for rule in node.rules {
                switch rule.kind {
                case .required(let names): for name in names { _ = keyID(name) }
                case .members(let members): for name in members.properties.keys.sorted() { _ = keyID(name) }
                default: break
                }
            }
        }
        nodes.reserveCapacity(schemaNodes.count)
        for schemaNode in schemaNodes {
            guard let node = compile(schemaNode) else { return nil }
            nodes.append(node)
        }
        self.root = Int32(root)
        skipAliases()
    }

    /// Points the places a value enters a subschema (root, properties, items) past the nodes that
    /// are only a `$ref`, so that checking a value does not walk the references one by one.
    private mutating func skipAliases() {
        func isAlias(_ node: Node) -> Bool {
            !node.rejectsEverything && node.types.rawValue == 0x7F && node.scalarRules.isEmpty && !node.rejectsContainers
                && node.sameValue.count == 1 && node.anyOf.isEmpty && node.oneOf.isEmpty && node.not.isEmpty
                && node.conditionals.isEmpty && !node.checksObjects && !node.checksArrays
        }
        // Reference cycles were rejected at compile time, so every chain ends.
        func target(_ index: Int32) -> Int32 {
            var index = index
            while index >= 0, isAlias(nodes[Int(index)]) { index = indices[Int(nodes[Int(index)].sameValue.start)] }
            return index
        }
        root = target(root)
        for position in propertyTable.indices { propertyTable[position] = target(propertyTable[position]) }
        for position in nodes.indices {
            nodes[position].items = target(nodes[position].items)
            nodes[position].additionalProperties = target(nodes[position].additionalProperties)
        }
    }

    func string(_ run: Run) -> ArraySlice<UInt8> { stringBytes[run.range] }

    private mutating func keyID(_ name: String) -> Int32 {
        if let id = keyIDs[name] { return id }
        keyIDs[name] = Int32(keyIDs.count)
        return Int32(keyIDs.count - 1)
    }

    private mutating func run(_ list: [Int]) -> Run {
        let run = Run(start: Int32(indices.count), count: Int32(list.count))
        indices += list.map(Int32.init)
        return run
    }

    private mutating func pattern(_ pattern: SchemaPattern) -> Int32 {
        patterns.append(FastPattern(pattern))
        return Int32(patterns.count - 1)
    }

    private mutating func compile(_ schemaNode: SchemaNode) -> Node? {
        var node = Node()
        node.rejectsEverything = schemaNode.rejectsEverything
        var rules: [ScalarRule] = []
        var sameValue: [Int] = []
        var anyOf: [Run] = []
        var oneOf: [Run] = []
        var not: [Int] = []
        var conditionals: [(Int32, Int32, Int32)] = []
        for rule in schemaNode.rules {
            switch rule.kind {
            case .type(let types, _): node.types = node.types.intersection(types)
            case .constant(let value):
                guard let option = option(value) else { return nil }
                rules.append(.constant(option))
                node.rejectsContainers = true
            case .enumeration(let values):
                var list: [ScalarOption] = []
                for value in values {
                    guard let option = option(value) else { return nil }
                    list.append(option)
                }
                rules.append(.enumeration(Run(start: Int32(options.count), count: Int32(list.count))))
                options += list
                node.rejectsContainers = true
            case .minLength(let limit): rules.append(.minLength(limit))
            case .maxLength(let limit): rules.append(.maxLength(limit))
            case .pattern(let source): rules.append(.pattern(pattern(source)))
            case .minimum(let limit): rules.append(.minimum(limit))
            case .maximum(let limit): rules.append(.maximum(limit))
            case .exclusiveMinimum(let limit): rules.append(.exclusiveMinimum(limit))
            case .exclusiveMaximum(let limit): rules.append(.exclusiveMaximum(limit))
            case .multipleOf(let divisor): rules.append(.multipleOf(divisor))
            case .required(let names):
                guard node.required.isEmpty else { return nil }  // one `required` per schema object
                node.required = run(names.map { Int(keyIDs[$0]!) })
            case .minProperties(let limit): node.minProperties = max(node.minProperties, limit)
            case .maxProperties(let limit): node.maxProperties = min(node.maxProperties, limit)
            case .members(let members):
                node.hasMembers = true
                if !members.properties.isEmpty {
                    node.properties = Int32(propertyTable.count)
                    var table = [Int32](repeating: -1, count: keyIDs.count)
                    for (name, index) in members.properties { table[Int(keyIDs[name]!)] = Int32(index) }
                    propertyTable += table
                }
                let start = Int32(patternProperties.count)
                for (source, index) in members.patternProperties {
                    patternProperties.append((pattern(source), Int32(index)))
                }
                node.patternProperties = Run(start: start, count: Int32(patternProperties.count) - start)
                node.additionalProperties = members.additionalProperties.map(Int32.init) ?? -1
            case .propertyNames(let index): node.propertyNames = Int32(index)
            case .minItems(let limit): node.minItems = max(node.minItems, limit)
            case .maxItems(let limit): node.maxItems = min(node.maxItems, limit)
            case .items(let items):
                node.prefixItems = run(items.prefixItems)
                node.items = items.items.map(Int32.init) ?? -1
            case .uniqueItems, .contains: return nil
            case .ref(let index): sameValue.append(index)
            case .allOf(let list): sameValue += list
            case .anyOf(let list): anyOf.append(run(list))
            case .oneOf(let list): oneOf.append(run(list))
            case .not(let index): not.append(index)
            case .conditional(let condition, let then, let otherwise):
                conditionals.append((Int32(condition), then.map(Int32.init) ?? -1, otherwise.map(Int32.init) ?? -1))
            }
        }
        node.scalarRules = Run(start: Int32(scalarRules.count), count: Int32(rules.count))
        scalarRules += rules
        node.sameValue = run(sameValue)
        node.anyOf = Run(start: Int32(lists.count), count: Int32(anyOf.count))
        lists += anyOf
        node.oneOf = Run(start: Int32(lists.count), count: Int32(oneOf.count))
        lists += oneOf
        node.not = run(not)
        node.conditionals = Run(start: Int32(self.conditionals.count), count: Int32(conditionals.count))
        self.conditionals += conditionals.map { (condition: $0.0, then: $0.1, otherwise: $0.2) }
        return node
    }

    private mutating func option(_ value: JSONValue) -> ScalarOption? {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(.int(i))
        case .double(let d): return .number(.double(d))
        case .string(let s):
            let run = Run(start: Int32(stringBytes.count), count: Int32(s.utf8.count))
            stringBytes += s.utf8
            return .string(run)
        case .array, .object: return nil
        }
    }
}

/// A `pattern` with a fast path for the fixed-length form `^[0-9a-f]{64}$` (anchored literals and
/// ASCII classes, each with an optional `{n}`): a string of that many bytes, each in its class, matches;
/// any other string is left to the regex engine. Any other pattern always asks the regex engine.
struct FastPattern: Sendable {
    let pattern: SchemaPattern
    /// The accepted ASCII bytes of each position, as bits of two words; nil without the fast path.
    private let positions: [(UInt64, UInt64)]?

    init(_ pattern: SchemaPattern) {
        self.pattern = pattern
        positions = Self.fixedPositions(Array(pattern.source.utf8))
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let positions, positions.count == bytes.count {
            var all = true
            for (byte, set) in zip(bytes, positions) where !Self.contains(set, byte) {
                all = false
                break
            }
            if all { return true }
        }
        return pattern.matches(String(decoding: bytes, as: UTF8.self))
    }

    private static func contains(_ set: (UInt64, UInt64), _ byte: UInt8) -> Bool {
        if byte < 64 { return set.0 & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return set.1 & (1 << UInt64(byte - 64)) != 0 }
        return false
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func fixedPositions(_ source: [UInt8]) -> [(UInt64, UInt64)]? {
        guard source.count >= 2, source.first == UInt8(ascii: "^"), source.last == UInt8(ascii: "$") else { return nil }
        var positions: [(UInt64, UInt64)] = []
        var index = 1
        let end = source.count - 1
        func add(_ set: inout (UInt64, UInt64), _ byte: UInt8) {
            if byte < 64 { set.0 |= 1 << UInt64(byte) } else { set.1 |= 1 << UInt64(byte - 64) }
        }
        while index < end {
            var set: (UInt64, UInt64) = (0, 0)
            let byte = source[index]
            if isPlain(byte) || byte == UInt8(ascii: "-") {
                add(&set, byte)
                index += 1
            } else if byte == UInt8(ascii: "[") {
                index += 1
                // Plain characters and ranges of them, up to `]`.
                while index < end, source[index] != UInt8(ascii: "]") {
                    let low = source[index]
                    guard isPlain(low) else { return nil }
                    if index + 2 < end, source[index + 1] == UInt8(ascii: "-"), isPlain(source[index + 2]) {
                        let high = source[index + 2]
                        guard low <= high else { return nil }
                        for member in low...high { add(&set, member) }
                        index += 3
                    } else {
                        add(&set, low)
                        index += 1
                    }
                }
                guard index < end, set != (0, 0) else { return nil }
                index += 1
            } else {
                return nil
            }
            var repeats = 1
            if index < end, source[index] == UInt8(ascii: "{") {
                var count = 0
                index += 1
                var digits = 0
                while index < end, source[index] >= UInt8(ascii: "0"), source[index] <= UInt8(ascii: "9"), digits < 4 {
                    count = count * 10 + Int(source[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                guard digits > 0, index < end, source[index] == UInt8(ascii: "}") else { return nil }
                index += 1
                repeats = count
            }
            positions += repeatElement(set, count: repeats)
        }
        return positions
    }
}
