/// A stack whose storage is kept when it shrinks, so that pushing and popping the many small
/// frames of a streaming check reuses memory instead of resizing an array.
struct ReusedStack<Element> {
    private var storage: [Element] = []
    private(set) var count = 0

    init(capacity: Int) {
        storage.reserveCapacity(capacity)
    }

    var isEmpty: Bool { count == 0 }

    subscript(index: Int) -> Element {
        @inline(__always) get { storage[index] }
        @inline(__always) set { storage[index] = newValue }
    }

    @inline(__always)
    mutating func push(_ element: Element) {
        if count < storage.count {
            storage[count] = element
        } else {
            storage.append(element)
        }
        count += 1
    }

    /// Drops the elements from `newCount` on.
    @inline(__always)
    mutating func truncate(to newCount: Int) {
        count = newCount
    }

    @inline(__always)
    mutating func pop() -> Element {
        count -= 1
        return storage[count]
    }

    var last: Element? { count > 0 ? storage[count - 1] : nil }
}
