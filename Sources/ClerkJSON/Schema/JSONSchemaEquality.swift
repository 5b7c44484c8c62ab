/// JSON Schema equality for `enum`, `const` and `uniqueItems`: numbers compare by value
/// (`1 == 1.0`), booleans never equal numbers, object key order does not matter.
enum JSONSchemaEquality {
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
            return JSONNumber(a)!.compare(JSONNumber(b)!) == 0
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            for index in x.indices where !equal(x[index], y[index]) { return false }
            return true
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x {
                guard let other = y[key], equal(value, other) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// A value that is `==` to another's normal form exactly when the two are JSON Schema equal:
    /// whole doubles that fit in `Int` become `.int`, object keys are sorted.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let d):
            if d.rounded(.towardZero) == d, d >= -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0 {
                return .int(Int(d))
            }
            return value
        case .array(let items):
            return .array(items.map(normalized))
        case .object(let object):
            let sorted = object.sorted { $0.key < $1.key }
            return .object(JSONObject(sorted.map { ($0.key, normalized($0.value)) }))
        default:
            return value
        }
    }

    /// The first pair of equal items (by index), or nil if all are unique.
    static func firstDuplicate(in items: [JSONValue]) -> (Int, Int)? {
        if items.count <= 16 {
            for i in items.indices {
                for j in (i + 1)..<items.count where equal(items[i], items[j]) {
                    return (i, j)
                }
            }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        for (index, item) in items.enumerated() {
            let key = normalized(item)
            if let earlier = seen[key] { return (earlier, index) }
            seen[key] = index
        }
        return nil
    }
}
