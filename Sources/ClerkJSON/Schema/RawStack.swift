/// A stack of plain values in memory of its own, for the many small pushes and pops of a
/// streaming check: no copy-on-write checks, no bounds checks in release builds. A copy of a
/// stack shares its memory, so each stack has one owner that mutates it.
struct RawStack<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0
    /// Frees the memory with the last copy.
    private let memory: Memory

    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
        memory = Memory(UnsafeMutableRawPointer(base))
    }

    var isEmpty: Bool { count == 0 }

    subscript(index: Int) -> Element {
        @inline(__always) get {
            assert(index >= 0 && index < count)
            return base[index]
        }
        @inline(__always) nonmutating set {
            assert(index >= 0 && index < count)
            base[index] = newValue
        }
    }

    @inline(__always)
    mutating func push(_ element: Element) {
        if count == capacity { grow() }
        base[count] = element
        count += 1
    }

    /// Drops the elements from `newCount` on.
    @inline(__always)
    mutating func truncate(to newCount: Int) {
        assert(newCount <= count)
        count = newCount
    }

    @inline(__always)
    mutating func pop() -> Element {
        count -= 1
        return base[count]
    }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: 2 * capacity)
        bigger.initialize(from: base, count: count)
        memory.replace(with: UnsafeMutableRawPointer(bigger))
        base = bigger
        capacity *= 2
    }

    private final class Memory {
        private var pointer: UnsafeMutableRawPointer

        init(_ pointer: UnsafeMutableRawPointer) {
            self.pointer = pointer
        }

        func replace(with other: UnsafeMutableRawPointer) {
            pointer.deallocate()
            pointer = other
        }

        deinit {
            pointer.deallocate()
        }
    }
}
