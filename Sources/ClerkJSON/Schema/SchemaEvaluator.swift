/// Runs compiled `SchemaNode`s over one instance.
///
/// In collecting mode every violation is recorded; in quiet mode (used inside `anyOf`,
/// `oneOf`, `not`, `if` and `contains`, where only the verdict matters) evaluation stops
/// at the first failure and builds no messages.
struct SchemaEvaluator {
    private let nodes: [SchemaNode]
    private var collecting: Bool
    /// The instance location being checked, kept only while collecting.
    private var path: [PathStep] = []
    private var found: [Found] = []

    /// A step into the instance: its pointer token and its position among its siblings,
    /// so violations can be sorted into document order.
    private struct PathStep {
        var token: String
        var ordinal: Int
    }

    private struct Found {
        var order: [Int]
        var violation: JSONSchemaViolation
    }

    init(nodes: [SchemaNode], collecting: Bool) {
        self.nodes = nodes
        self.collecting = collecting
    }

    /// The violations so far, in document order of the instance (ties keep evaluation order).
    var violations: [JSONSchemaViolation] {
        let indexed = found.enumerated().sorted { lhs, rhs in
            if lhs.element.order != rhs.element.order {
                return lhs.element.order.lexicographicallyPrecedes(rhs.element.order)
            }
            return lhs.offset < rhs.offset
        }
        return indexed.map(\.element.violation)
    }

    // MARK: - Nodes

    mutating func check(_ index: Int, _ value: JSONValue) -> Bool {
        let node = nodes[index]
        if node.rejectsEverything {
            report(node.pointer, "no value is allowed here (the schema is false)")
            return false
        }
        var valid = true
        for rule in node.rules where !apply(rule, to: value) {
            valid = false
            if !collecting { return false }
        }
        return valid
    }

    /// The verdict of a subschema without recording anything.
    private mutating func quietly(_ index: Int, _ value: JSONValue) -> Bool {
        let saved = collecting
        collecting = false
        defer { collecting = saved }
        return check(index, value)
    }

    private mutating func descend(_ token: String, _ ordinal: Int, _ index: Int, _ value: JSONValue) -> Bool {
        guard collecting else { return check(index, value) }
        path.append(PathStep(token: token, ordinal: ordinal))
        defer { path.removeLast() }
        return check(index, value)
    }

    private mutating func report(_ schemaPointer: JSONPointer, _ message: @autoclosure () -> String) {
        guard collecting else { return }
        let violation = JSONSchemaViolation(
            instancePointer: JSONPointer(tokens: path.map(\.token)),
            schemaPointer: schemaPointer,
            message: message())
        found.append(Found(order: path.map(\.ordinal), violation: violation))
    }

    // MARK: - Rules

    private mutating func apply(_ rule: SchemaRule, to value: JSONValue) -> Bool {
        switch rule.kind {
        case .type(let types, let names):
            guard types.matches(value) else {
                let expected = names.joined(separator: " or ")
                report(rule.pointer, "expected \(expected), got \(value.typeName)")
                return false
            }
        case .constant(let constant):
            guard JSONSchemaEquality.equal(value, constant) else {
                report(rule.pointer, "value \(brief(value)) is not the constant \(brief(constant))")
                return false
            }
        case .enumeration(let options):
            guard options.contains(where: { JSONSchemaEquality.equal(value, $0) }) else {
                report(rule.pointer, "value \(brief(value)) is not one of \(options.map(brief).joined(separator: ", "))")
                return false
            }
        case .minLength, .maxLength, .pattern:
            guard case .string(let text) = value else { return true }
            return applyString(rule, text)
        case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf:
            guard let number = JSONNumber(value) else { return true }
            return applyNumber(rule, number)
        case .required, .minProperties, .maxProperties, .members, .propertyNames:
            guard case .object(let object) = value else { return true }
            return applyObject(rule, object)
        case .minItems, .maxItems, .uniqueItems, .items, .contains:
            guard case .array(let items) = value else { return true }
            return applyArray(rule, items)
        case .ref(let target):
            return check(target, value)
        case .allOf(let list):
            var valid = true
            for index in list where !check(index, value) {
                valid = false
                if !collecting { return false }
            }
            return valid
        case .anyOf(let list):
            guard list.contains(where: { quietly($0, value) }) else {
                report(rule.pointer, "value does not match any of the \(list.count) schemas in anyOf")
                return false
            }
        case .oneOf(let list):
            var matching: [Int] = []
            for (offset, index) in list.enumerated() where quietly(index, value) {
                matching.append(offset)
                if matching.count > 1 && !collecting { return false }
            }
            guard matching.count == 1 else {
                let detail = matching.isEmpty ? "it matches none" : "it matches \(matching.map(String.init).joined(separator: ", "))"
                report(rule.pointer, "value must match exactly one of the \(list.count) schemas in oneOf; \(detail)")
                return false
            }
        case .not(let index):
            guard !quietly(index, value) else {
                report(rule.pointer, "value must not match the schema in not")
                return false
            }
        case .conditional(let condition, let then, let otherwise):
            if quietly(condition, value) {
                if let then { return check(then, value) }
            } else if let otherwise {
                return check(otherwise, value)
            }
        }
        return true
    }

    private mutating func applyString(_ rule: SchemaRule, _ text: String) -> Bool {
        switch rule.kind {
        case .minLength(let limit):
            // JSON Schema counts code points (Unicode scalars), as Python's len() does.
            let length = text.unicodeScalars.count
            guard length >= limit else {
                report(rule.pointer, "string is \(length) characters long, shorter than minLength \(limit)")
                return false
            }
        case .maxLength(let limit):
            let length = text.unicodeScalars.count
            guard length <= limit else {
                report(rule.pointer, "string is \(length) characters long, longer than maxLength \(limit)")
                return false
            }
        case .pattern(let regex):
            guard regex.matches(text) else {
                report(rule.pointer, "string \(brief(.string(text))) does not match pattern \(quoted(regex.source))")
                return false
            }
        default:
            break
        }
        return true
    }

    private mutating func applyNumber(_ rule: SchemaRule, _ number: JSONNumber) -> Bool {
        switch rule.kind {
        case .minimum(let limit) where number.compare(limit) < 0:
            report(rule.pointer, "value \(number) is less than the minimum of \(limit)")
        case .maximum(let limit) where number.compare(limit) > 0:
            report(rule.pointer, "value \(number) is greater than the maximum of \(limit)")
        case .exclusiveMinimum(let limit) where number.compare(limit) <= 0:
            report(rule.pointer, "value \(number) is not greater than the exclusive minimum of \(limit)")
        case .exclusiveMaximum(let limit) where number.compare(limit) >= 0:
            report(rule.pointer, "value \(number) is not less than the exclusive maximum of \(limit)")
        case .multipleOf(let divisor) where !number.isMultiple(of: divisor):
            report(rule.pointer, "value \(number) is not a multiple of \(divisor)")
        default:
            return true
        }
        return false
    }

    private mutating func applyObject(_ rule: SchemaRule, _ object: JSONObject) -> Bool {
        switch rule.kind {
        case .required(let names):
            var valid = true
            for name in names where object[name] == nil {
                valid = false
                report(rule.pointer, "missing required property \(quoted(name))")
                if !collecting { return false }
            }
            return valid
        case .minProperties(let limit) where object.count < limit:
            report(rule.pointer, "object has \(object.count) properties, fewer than minProperties \(limit)")
            return false
        case .maxProperties(let limit) where object.count > limit:
            report(rule.pointer, "object has \(object.count) properties, more than maxProperties \(limit)")
            return false
        case .members(let members):
            return applyMembers(members, rule.pointer, object)
        case .propertyNames(let index):
            var valid = true
            for (key, _) in object {
                var sub = SchemaEvaluator(nodes: nodes, collecting: collecting)
                guard !sub.check(index, .string(key)) else { continue }
                valid = false
                if !collecting { return false }
                for violation in sub.violations {
                    report(violation.schemaPointer, "property name \(quoted(key)): \(violation.message)")
                }
            }
            return valid
        default:
            return true
        }
    }

    private mutating func applyMembers(_ members: MemberRules, _ pointer: JSONPointer, _ object: JSONObject) -> Bool {
        var valid = true
        var ordinal = -1
        for (key, member) in object {
            ordinal += 1
            var matched = false
            if let index = members.properties[key] {
                matched = true
                if !descend(key, ordinal, index, member) {
                    valid = false
                    if !collecting { return false }
                }
            }
            for (regex, index) in members.patternProperties where regex.matches(key) {
                matched = true
                if !descend(key, ordinal, index, member) {
                    valid = false
                    if !collecting { return false }
                }
            }
            guard !matched, let additional = members.additionalProperties else { continue }
            if nodes[additional].rejectsEverything {
                // A clearer message than the false schema's own.
                if collecting { path.append(PathStep(token: key, ordinal: ordinal)) }
                report(nodes[additional].pointer, "unexpected property \(quoted(key))")
                if collecting { path.removeLast() }
                valid = false
            } else if !descend(key, ordinal, additional, member) {
                valid = false
            }
            if !valid && !collecting { return false }
        }
        return valid
    }

    private mutating func applyArray(_ rule: SchemaRule, _ items: [JSONValue]) -> Bool {
        switch rule.kind {
        case .minItems(let limit) where items.count < limit:
            report(rule.pointer, "array has \(items.count) items, fewer than minItems \(limit)")
            return false
        case .maxItems(let limit) where items.count > limit:
            report(rule.pointer, "array has \(items.count) items, more than maxItems \(limit)")
            return false
        case .uniqueItems:
            if let (first, second) = JSONSchemaEquality.firstDuplicate(in: items) {
                report(rule.pointer, "items \(first) and \(second) are equal, but items must be unique")
                return false
            }
        case .items(let itemRules):
            return applyItems(itemRules, items)
        case .contains(let contains):
            var matches = 0
            for item in items where quietly(contains.schema, item) {
                matches += 1
                // Past both bounds there is nothing more to learn.
                if let max = contains.maxContains, matches > max { break }
                if contains.maxContains == nil && matches >= contains.minContains { break }
            }
            if matches < contains.minContains {
                report(rule.pointer, contains.minContains == 1
                    ? "no item matches the contains schema"
                    : "\(matches) items match the contains schema, fewer than minContains \(contains.minContains)")
                return false
            }
            if let max = contains.maxContains, matches > max {
                report(rule.pointer, "more than \(max) items match the contains schema (maxContains)")
                return false
            }
        default:
            break
        }
        return true
    }

    private mutating func applyItems(_ rules: ItemRules, _ items: [JSONValue]) -> Bool {
        var valid = true
        for (offset, item) in items.enumerated() {
            let index: Int
            if offset < rules.prefixItems.count {
                index = rules.prefixItems[offset]
            } else if let rest = rules.items {
                if nodes[rest].rejectsEverything {
                    report(nodes[rest].pointer, "array has \(items.count) items, but at most \(rules.prefixItems.count) are allowed")
                    return false
                }
                index = rest
            } else {
                break
            }
            if !descend(String(offset), offset, index, item) {
                valid = false
                if !collecting { return false }
            }
        }
        return valid
    }
}

/// A value for a message: compact JSON, cut short when long.
private func brief(_ value: JSONValue) -> String {
    let text = JSONWriter.string(value, pretty: false)
    guard text.count > 60 else { return text }
    return String(text.prefix(57)) + "..."
}
