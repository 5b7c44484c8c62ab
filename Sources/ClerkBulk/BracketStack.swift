/// The open objects and arrays around a point of a JSON text, one bit each (so that a deeply
/// nested hostile input costs an eighth of its size, not eight times it).
struct BracketStack {
    private var words: [UInt64] = []
    private(set) var depth = 0

    var isEmpty: Bool { depth == 0 }

    mutating func push(object: Bool) {
        let word = depth / 64, bit = UInt64(1) << UInt64(depth % 64)
        if word == words.count { words.append(0) }
        if object { words[word] |= bit } else { words[word] &= ~bit }
        depth += 1
    }

    /// Whether the innermost open bracket is an object's (`{`); false when none is open.
    var innermostIsObject: Bool {
        guard depth > 0 else { return false }
        let top = depth - 1
        return words[top / 64] & (UInt64(1) << UInt64(top % 64)) != 0
    }

    mutating func pop() {
        depth -= 1
    }

    mutating func removeAll() {
        words.removeAll(keepingCapacity: true)
        depth = 0
    }
}
