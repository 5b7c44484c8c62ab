/// Checks one JSON value against a schema as it is written, event by event (an object begins,
/// a key, a string...), without the value ever being built: the verdict of `JSONSchema.isValid`,
/// with no messages (for those, check the whole value).
///
/// Each open container holds the subschemas that apply to it, each with the verdict it feeds
/// (a slot). `$ref` and `allOf` feed their parent's slot; `anyOf`, `oneOf`, `not` and `if` get
/// slots of their own, combined into their parent's when the value ends. A member or an item feeds
/// the slot of the container's subschema that applies it. Scalars are checked at once.
public struct JSONSchemaStream: JSONEvents {
    private let program: StreamProgram
    /// The verdicts: true once a subschema's value broke a rule. Slot 0 is the document's.
    private var failed = RawStack<Bool>(capacity: 64)
    /// The subschemas applying to the open containers (those that check what they hold).
    private var evaluations = RawStack<Evaluation>(capacity: 64)
    /// The subschemas for the value that comes next.
    private var pending = RawStack<Evaluation>(capacity: 16)
    private var combinations = RawStack<Combination>(capacity: 16)
    /// The key ids of the open objects.
    private var keys = RawStack<Int32>(capacity: 64)
    private var frames = RawStack<Frame>(capacity: 16)
    private var keyDue = true
    private var done = false

    private struct Evaluation {
        var node: Int32
        var slot: Int32
    }

    private struct Combination {
        enum Kind { case anyOf, oneOf, not, conditional }
        var kind: Kind
        var parent: Int32
        /// The first branch slot (`if` for a conditional); then `count` slots, or `then` and `else`.
        var first: Int32
        var count: Int32
        var then: Int32 = -1
        var otherwise: Int32 = -1
    }

    private struct Frame {
        var isObject: Bool
        var evaluationStart: Int
        var slotStart: Int
        var combinationStart: Int
        var keyStart: Int
        var count = 0
    }

    /// A key named once, to be passed for every object that has it.
    public struct Key: Sendable {
        public let name: String
        let id: Int32
    }

    /// A check of one value against `schema`'s root; nil when the schema needs whole values
    /// (`uniqueItems`, `contains`, a `const` or `enum` holding an array or object).
    public init?(_ schema: JSONSchema) {
        guard let program = schema.streamProgram else { return nil }
        self.program = program
        failed.push(false)
    }

    public func key(named name: String) -> Key {
        Key(name: name, id: program.keyIDs[name] ?? -1)
    }

    /// The verdict, once the value is complete: false while it is not.
    public var isValid: Bool { done && !failed[0] }

    // MARK: - Events

    public mutating func beginObject() { begin(isObject: true) }

    public mutating func beginArray() { begin(isObject: false) }

    public mutating func key(_ key: Key) {
        precondition(frames.last?.isObject == true && keyDue, "a key belongs in an object, before its value")
        keyDue = false
        let frame = frames.count - 1
        frames[frame].count += 1
        keys.push(key.id)
        pending.truncate(to: 0)
        for index in frames[frame].evaluationStart..<evaluations.count {
            let evaluation = evaluations[index]
            guard !failed[Int(evaluation.slot)] else { continue }
            let node = program.nodes[Int(evaluation.node)]
            if node.hasMembers {
                var matched = false
                if node.properties >= 0 && key.id >= 0 {
                    let property = program.propertyTable[Int(node.properties) + Int(key.id)]
                    if property >= 0 {
                        matched = true
                        pending.push(Evaluation(node: property, slot: evaluation.slot))
                    }
                }
                if !node.patternProperties.isEmpty {
                    var name = key.name
                    name.withUTF8 { bytes in
                        for index in node.patternProperties.range {
                            let (pattern, target) = program.patternProperties[index]
                            guard program.patterns[Int(pattern)].matches(bytes) else { continue }
                            matched = true
                            pending.push(Evaluation(node: target, slot: evaluation.slot))
                        }
                    }
                }
                if !matched && node.additionalProperties >= 0 {
                    pending.push(Evaluation(node: node.additionalProperties, slot: evaluation.slot))
                }
            }
            if node.propertyNames >= 0 {
                var name = key.name
                let valid = name.withUTF8 { scalarValid(node.propertyNames, .string($0)) }
                if !valid { failed[Int(evaluation.slot)] = true }
            }
        }
    }

    public mutating func key(_ name: String) {
        key(key(named: name))
    }

    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(utf8: $0) }
    }

    /// A string given as its UTF-8 bytes (valid UTF-8).
    public mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) { scalar(.string(bytes)) }

    public mutating func int(_ value: Int) { scalar(.int(value)) }

    public mutating func double(_ value: Double) { scalar(.double(value)) }

    public mutating func bool(_ value: Bool) { scalar(.bool(value)) }

    public mutating func null() { scalar(.null) }

    /// Closes the innermost container and settles the verdicts that waited for its end.
    public mutating func end() {
        precondition(!frames.isEmpty && (frames.last!.isObject == false || keyDue), "no container to close")
        let frame = frames.pop()
        for index in frame.evaluationStart..<evaluations.count {
            let evaluation = evaluations[index]
            guard !failed[Int(evaluation.slot)] else { continue }
            let node = program.nodes[Int(evaluation.node)]
            let valid: Bool
            if frame.isObject {
                valid = frame.count >= node.minProperties && frame.count <= node.maxProperties
                    && node.required.range.allSatisfy { required in
                        (frame.keyStart..<keys.count).contains { keys[$0] == program.indices[required] }
                    }
            } else {
                valid = frame.count >= node.minItems && frame.count <= node.maxItems
            }
            if !valid { failed[Int(evaluation.slot)] = true }
        }
        settle(from: frame.combinationStart)
        evaluations.truncate(to: frame.evaluationStart)
        failed.truncate(to: frame.slotStart)
        keys.truncate(to: frame.keyStart)
        finishValue()
    }

    // MARK: - Values

    private enum Scalar {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(UnsafeBufferPointer<UInt8>)
    }

    /// Sets `pending` to the subschemas of the value that starts.
    private mutating func startValue() {
        guard let frame = frames.last else {
            precondition(!done, "the value is complete")
            pending.truncate(to: 0)
            pending.push(Evaluation(node: program.root, slot: 0))
            return
        }
        if frame.isObject {
            precondition(!keyDue, "an object's value needs its key first")
            keyDue = true
            return
        }
        let position = frame.count
        frames[frames.count - 1].count += 1
        pending.truncate(to: 0)
        for index in frame.evaluationStart..<evaluations.count {
            let evaluation = evaluations[index]
            guard !failed[Int(evaluation.slot)] else { continue }
            let node = program.nodes[Int(evaluation.node)]
            let item = position < node.prefixItems.count ? program.indices[Int(node.prefixItems.start) + position] : node.items
            if item >= 0 { pending.push(Evaluation(node: item, slot: evaluation.slot)) }
        }
    }

    private mutating func finishValue() {
        if frames.isEmpty { done = true }
    }

    private mutating func scalar(_ value: Scalar) {
        startValue()
        for index in 0..<pending.count {
            let evaluation = pending[index]
            if !failed[Int(evaluation.slot)] && !scalarValid(evaluation.node, value) { failed[Int(evaluation.slot)] = true }
        }
        finishValue()
    }

    private mutating func begin(isObject: Bool) {
        startValue()
        let frame = Frame(
            isObject: isObject, evaluationStart: evaluations.count, slotStart: failed.count,
            combinationStart: combinations.count, keyStart: keys.count)
        var index = 0
        while index < pending.count {
            expand(pending[index], isObject: isObject)
            index += 1
        }
        frames.push(frame)
    }

    /// Applies a subschema to the container that begins: its checks of the container's kind at
    /// once, the subschemas it applies to the same value, and itself for what the container holds.
    private mutating func expand(_ evaluation: Evaluation, isObject: Bool) {
        let slot = evaluation.slot
        guard !failed[Int(slot)] else { return }
        let node = program.nodes[Int(evaluation.node)]
        if node.rejectsEverything || node.rejectsContainers || !node.types.contains(isObject ? .object : .array) {
            failed[Int(slot)] = true
            return
        }
        for index in node.sameValue.range { expand(Evaluation(node: program.indices[index], slot: slot), isObject: isObject) }
        for index in node.anyOf.range { branch(.anyOf, program.lists[index], slot, isObject) }
        for index in node.oneOf.range { branch(.oneOf, program.lists[index], slot, isObject) }
        for index in node.not.range { branch(.not, StreamProgram.Run(start: Int32(index), count: 1), slot, isObject) }
        for index in node.conditionals.range {
            let (condition, then, otherwise) = program.conditionals[index]
            let first = newSlot()
            var combination = Combination(kind: .conditional, parent: slot, first: first, count: 1)
            if then >= 0 { combination.then = newSlot() }
            if otherwise >= 0 { combination.otherwise = newSlot() }
            combinations.push(combination)
            expand(Evaluation(node: condition, slot: first), isObject: isObject)
            if then >= 0 { expand(Evaluation(node: then, slot: combination.then), isObject: isObject) }
            if otherwise >= 0 { expand(Evaluation(node: otherwise, slot: combination.otherwise), isObject: isObject) }
        }
        if isObject ? node.checksObjects : node.checksArrays {
            evaluations.push(evaluation)
        }
    }

    /// `list`: a run of `indices`, each applied with a slot of its own.
    private mutating func branch(_ kind: Combination.Kind, _ list: StreamProgram.Run, _ parent: Int32, _ isObject: Bool) {
        let first = Int32(failed.count)
        for _ in list.range { failed.push(false) }
        combinations.push(Combination(kind: kind, parent: parent, first: first, count: list.count))
        for (offset, index) in list.range.enumerated() {
            expand(Evaluation(node: program.indices[index], slot: first + Int32(offset)), isObject: isObject)
        }
    }

    private mutating func newSlot() -> Int32 {
        failed.push(false)
        return Int32(failed.count - 1)
    }

    /// Combines the branch verdicts into their parents', innermost first.
    private mutating func settle(from start: Int) {
        var index = combinations.count
        while index > start {
            index -= 1
            let combination = combinations[index]
            let first = Int(combination.first)
            let valid: Bool
            switch combination.kind {
            case .anyOf: valid = (first..<first + Int(combination.count)).contains { !failed[$0] }
            case .oneOf: valid = (first..<first + Int(combination.count)).count { !failed[$0] } == 1
            case .not: valid = failed[first]
            case .conditional:
                let branch = failed[first] ? combination.otherwise : combination.then
                valid = branch < 0 || !failed[Int(branch)]
            }
            if !valid { failed[Int(combination.parent)] = true }
        }
        combinations.truncate(to: start)
    }

    /// The verdict of a subschema on a scalar, combinators included.
    private func scalarValid(_ index: Int32, _ value: Scalar) -> Bool {
        let node = program.nodes[Int(index)]
        if node.rejectsEverything || !Self.matches(node.types, value) { return false }
        for rule in node.scalarRules.range where !accepts(program.scalarRules[rule], value) { return false }
        for target in node.sameValue.range where !scalarValid(program.indices[target], value) { return false }
        for list in node.anyOf.range where !program.lists[list].range.contains(where: { scalarValid(program.indices[$0], value) }) {
            return false
        }
        for list in node.oneOf.range where program.lists[list].range.count(where: { scalarValid(program.indices[$0], value) }) != 1 {
            return false
        }
        for target in node.not.range where scalarValid(program.indices[target], value) { return false }
        for index in node.conditionals.range {
            let (condition, then, otherwise) = program.conditionals[index]
            let branch = scalarValid(condition, value) ? then : otherwise
            if branch >= 0 && !scalarValid(branch, value) { return false }
        }
        return true
    }

    /// As `JSONTypeSet.matches`.
    private static func matches(_ types: JSONTypeSet, _ value: Scalar) -> Bool {
        switch value {
        case .null: return types.contains(.null)
        case .bool: return types.contains(.boolean)
        case .int: return types.contains(.integer) || types.contains(.number)
        case .double(let d): return types.contains(.number) || (types.contains(.integer) && d.isFinite && d.rounded(.towardZero) == d)
        case .string: return types.contains(.string)
        }
    }

    private func accepts(_ rule: StreamProgram.ScalarRule, _ value: Scalar) -> Bool {
        switch rule {
        case .constant(let option): return equal(value, option)
        case .enumeration(let options): return options.range.contains { equal(value, program.options[$0]) }
        case .minLength(let limit):
            guard case .string(let bytes) = value else { return true }
            // A scalar takes 1 to 4 bytes.
            if bytes.count < limit { return false }
            if (bytes.count + 3) / 4 < limit { return Self.scalarCount(bytes) >= limit }
            return true
        case .maxLength(let limit):
            guard case .string(let bytes) = value else { return true }
            return bytes.count <= limit || Self.scalarCount(bytes) <= limit
        case .pattern(let pattern):
            guard case .string(let bytes) = value else { return true }
            return program.patterns[Int(pattern)].matches(bytes)
        case .minimum(let limit): return Self.number(value).map { $0.compare(limit) >= 0 } ?? true
        case .maximum(let limit): return Self.number(value).map { $0.compare(limit) <= 0 } ?? true
        case .exclusiveMinimum(let limit): return Self.number(value).map { $0.compare(limit) > 0 } ?? true
        case .exclusiveMaximum(let limit): return Self.number(value).map { $0.compare(limit) < 0 } ?? true
        case .multipleOf(let divisor): return Self.number(value).map { $0.isMultiple(of: divisor) } ?? true
        }
    }

    private static func number(_ value: Scalar) -> JSONNumber? {
        switch value {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        default: return nil
        }
    }

    /// Unicode scalars, as `minLength` counts them: the bytes that do not continue a sequence.
    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// As `JSONSchemaEquality.equal`: strings as Swift compares them (canonical equivalence),
    /// which the bytes settle unless one of them is not ASCII.
    private func equal(_ value: Scalar, _ option: StreamProgram.ScalarOption) -> Bool {
        switch (value, option) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let i), .number(let n)): return JSONNumber.int(i).compare(n) == 0
        case (.double(let d), .number(let n)): return JSONNumber.double(d).compare(n) == 0
        case (.string(let bytes), .string(let run)):
            let utf8 = program.string(run)
            if bytes.elementsEqual(utf8) { return true }
            guard bytes.contains(where: { $0 >= 0x80 }) || utf8.contains(where: { $0 >= 0x80 }) else { return false }
            return String(decoding: bytes, as: UTF8.self) == String(decoding: utf8, as: UTF8.self)
        default: return false
        }
    }
}
