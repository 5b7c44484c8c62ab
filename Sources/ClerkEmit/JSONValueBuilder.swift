import ClerkJSON

/// A sink that builds the document's `JSONValue`.
struct JSONValueBuilder: JSONModelSink {
    private enum Container {
        case object(JSONObject, key: String?)
        case array([JSONValue])
    }

    private var open: [Container] = []
    private(set) var value: JSONValue = .null

    mutating func beginObject() { open.append(.object(JSONObject(), key: nil)) }
    mutating func beginArray() { open.append(.array([])) }

    mutating func end() {
        switch open.removeLast() {
        case .object(let object, _): add(.object(object))
        case .array(let items): add(.array(items))
        }
    }

    mutating func key(_ key: ModelKey) { dynamicKey(key.name) }

    mutating func dynamicKey(_ name: String) {
        guard case .object(let object, _) = open.last else { return }
        open[open.count - 1] = .object(object, key: name)
    }

    mutating func string(_ text: String) { add(.string(text)) }
    mutating func int(_ number: Int) { add(.int(number)) }
    mutating func double(_ number: Double) { add(.double(number)) }

    /// Puts `value` into the innermost open container, or makes it the whole value.
    private mutating func add(_ value: JSONValue) {
        guard let container = open.popLast() else {
            self.value = value
            return
        }
        switch container {
        case .object(var object, let key):
            if let key { object[key] = value }
            open.append(.object(object, key: nil))
        case .array(var items):
            items.append(value)
            open.append(.array(items))
        }
    }
}
