import ClerkTestSupport
import ClerkJSON

/// Makes near-miss instances from valid ones: picks a random spot in the value and applies one
/// mutation (drop or add a key, change a type, swap an enum-like string, empty a string, change
/// an array's length, nudge a number...). Seeded, so every run tests the same instances.
struct InstanceMutator {
    var rng: SplitMix64

    private enum Step {
        case key(String)
        case index(Int)
    }

    /// Strings that are valid somewhere in the test schemas, and some that are almost valid.
    static let stringPool: [String] = [
        "", "x", "ab", "abcd", "abcde", "heading", "paragraph", "para", "blockquote", "footnote", "majority",
        "concurrence", "dissent", "dissenting", "head", "1", "1954-05-17", "1954-5-17", "0123456789abcdef",
        "0123456789ABCDEF", "é", "😀😀", "😀😀😀😀😀", "AB", "ab1", "9lives", "x_note", "k1",
    ]

    static let keyPool: [String] = [
        "extra", "x_note", "x_extra", "n_count", "Bad-Name", "averyveryverylongname", "meta", "k1", "k12", "text",
        "blocks", "level", "number", "kind", "name", "radius", "width", "height", "value", "children", "nothing",
    ]

    mutating func mutate(_ value: JSONValue, times: Int) -> JSONValue {
        var result = value
        for _ in 0..<times {
            result = mutateOnce(result)
        }
        return result
    }

    private mutating func mutateOnce(_ value: JSONValue) -> JSONValue {
        var paths: [[Step]] = []
        collectPaths(value, [], into: &paths)
        let path = paths.randomElement(using: &rng)!
        return replacing(at: path[...], in: value)
    }

    private func collectPaths(_ value: JSONValue, _ prefix: [Step], into paths: inout [[Step]]) {
        paths.append(prefix)
        switch value {
        case .array(let items):
            for (index, item) in items.enumerated() {
                collectPaths(item, prefix + [.index(index)], into: &paths)
            }
        case .object(let object):
            for (key, member) in object {
                collectPaths(member, prefix + [.key(key)], into: &paths)
            }
        default:
            break
        }
    }

    /// `value` with the node at `path` mutated.
    private mutating func replacing(at path: ArraySlice<Step>, in value: JSONValue) -> JSONValue {
        guard let step = path.first else { return mutateNode(value) }
        switch (step, value) {
        case (.index(let index), .array(var items)):
            items[index] = replacing(at: path.dropFirst(), in: items[index])
            return .array(items)
        case (.key(let key), .object(var object)):
            object[key] = replacing(at: path.dropFirst(), in: object[key]!)
            return .object(object)
        default:
            return value
        }
    }

    private mutating func mutateNode(_ value: JSONValue) -> JSONValue {
        // A third of the time: any node becomes a value of some other type.
        if Int.random(in: 0..<3, using: &rng) == 0 {
            return randomScalarOrEmpty()
        }
        switch value {
        case .object(var object):
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where !object.isEmpty:
                object[object.keys.randomElement(using: &rng)!] = nil
            case 1 where !object.isEmpty:
                let key = object.keys.randomElement(using: &rng)!
                let moved = object[key]!
                object[key] = nil
                object[Self.keyPool.randomElement(using: &rng)!] = moved
            default:
                object[Self.keyPool.randomElement(using: &rng)!] = randomScalarOrEmpty()
            }
            return .object(object)
        case .array(var items):
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !items.isEmpty:
                items.remove(at: Int.random(in: 0..<items.count, using: &rng))
            case 1 where !items.isEmpty:
                items.append(items.randomElement(using: &rng)!)  // a duplicate
            case 2:
                items = []
            default:
                items.append(randomScalarOrEmpty())
            }
            return .array(items)
        case .string(let text):
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return .string("")
            case 1: return .string(text + "x")
            default: return .string(Self.stringPool.randomElement(using: &rng)!)
            }
        case .int(let number):
            let choices: [JSONValue] = [
                .int(-number), .int(number + 1), .int(number - 1), .int(number * 1000), .double(Double(number)),
                .double(Double(number) + 0.5), .double(Double(number) + 0.25), .int(0), .int(13), .int(90),
            ]
            return choices.randomElement(using: &rng)!
        case .double(let number):
            let choices: [JSONValue] = [
                .double(-number), .double(number + 0.1), .double(number * 3), .double(number.rounded()),
                .int(Int(number.rounded())), .double(0), .double(1), .double(-273.16), .double(1e-9),
            ]
            return choices.randomElement(using: &rng)!
        case .bool(let flag):
            return .bool(!flag)
        case .null:
            return randomScalarOrEmpty()
        }
    }

    private mutating func randomScalarOrEmpty() -> JSONValue {
        let choices: [JSONValue] = [
            .null, .bool(true), .bool(false), .int(0), .int(1), .int(-3), .int(7), .double(1.0), .double(2.5),
            .double(0.3), .string("ab"), .string(""), .string("para"), .array([]), .object([:]), .array([1, 1]),
            .object(["name": "ab"]), .object(["kind": "paragraph", "text": "t"]),
        ]
        return choices.randomElement(using: &rng)!
    }
}
