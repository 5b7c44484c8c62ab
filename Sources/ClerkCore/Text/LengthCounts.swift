/// A multiset of line lengths that answers "the k-th smallest" without sorting them all: short
/// lengths are counted by value in an array indexed by length, the rare long ones kept apart and
/// sorted when asked. Footnotes and reflow take order statistics of line lengths with it.
struct LengthCounts {
    private static let counted = 1024
    private var counts: [Int]
    private var long: [Int] = []
    private(set) var count = 0

    /// Counts for lengths below `capacity` (at most 1,024) are kept by value.
    init(capacity: Int = LengthCounts.counted) {
        counts = [Int](repeating: 0, count: max(0, min(capacity, Self.counted)))
    }

    init(_ lengths: [Int]) {
        self.init(capacity: (lengths.max() ?? 0) + 1)
        for length in lengths { add(length) }
    }

    var isEmpty: Bool { count == 0 }

    mutating func add(_ length: Int) {
        if length < counts.count { counts[length] += 1 } else { long.append(length) }
        count += 1
    }

    /// The element at `position` of the lengths in rising order.
    func element(at position: Int) -> Int {
        var seen = 0
        for (length, times) in counts.enumerated() where times > 0 {
            seen += times
            if position < seen { return length }
        }
        return long.sorted()[position - seen]
    }
}
