import Foundation

/// A first-in first-out queue between one thread that reads work and threads that do it, holding
/// at most `capacity` items and `byteCapacity` bytes of them (an item larger than that still
/// passes, alone): `put` waits while it is full, `take` while it is empty, and after `close`
/// takers get nil once the items are gone. Room for many small items lets the reading thread
/// work in bursts (a decompressed chunk holds dozens of records) without starving the workers.
/// The workers are threads of their own, not Dispatch's: a Dispatch work item that waits takes
/// a thread of its small pool from the others.
final class BoundedQueue<Item: Sendable>: @unchecked Sendable {
    // Guarded by `condition`.
    private var items: [(item: Item, bytes: Int)] = []
    private var head = 0
    private var bytes = 0
    private var closed = false
    private let condition = NSCondition()
    private let capacity: Int
    private let byteCapacity: Int

    init(capacity: Int, byteCapacity: Int) {
        self.capacity = max(1, capacity)
        self.byteCapacity = max(1, byteCapacity)
    }

    func put(_ item: Item, bytes size: Int) {
        condition.lock()
        while items.count - head > 0 && (items.count - head >= capacity || bytes + size > byteCapacity) {
            condition.wait()
        }
        items.append((item, size))
        bytes += size
        condition.broadcast()
        condition.unlock()
    }

    /// No more items: takers get nil once the queue is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, or nil when the queue is closed and empty.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let (item, size) = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        bytes -= size
        condition.broadcast()
        return item
    }
}
