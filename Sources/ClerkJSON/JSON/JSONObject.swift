internal import OrderedCollections

/// A JSON object whose keys keep insertion order, so output has a fixed, readable key order.
///
/// `==` and hashing take key order into account (two objects are equal when they would be
/// written identically).
public struct JSONObject: Sendable, Equatable, Hashable {
    var storage: OrderedDictionary<String, JSONValue>

    public init() {
        storage = [:]
    }

    /// Builds an object from pairs in order. A repeated key keeps its first position and its last value.
    public init(_ pairs: [(String, JSONValue)]) {
        storage = [:]
        storage.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            storage[key] = value
        }
    }

    init(storage: OrderedDictionary<String, JSONValue>) {
        self.storage = storage
    }

    /// The value for `key`. Setting a new key appends it; setting nil removes the key.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    public var keys: [String] { Array(storage.keys) }
    public var values: [JSONValue] { Array(storage.values) }
    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Sequence {
    public typealias Element = (key: String, value: JSONValue)

    /// Iterates members in order.
    public struct Iterator: IteratorProtocol {
        var base: OrderedDictionary<String, JSONValue>.Iterator

        public mutating func next() -> (key: String, value: JSONValue)? {
            base.next()
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(base: storage.makeIterator())
    }

    public var underestimatedCount: Int { storage.count }
}
