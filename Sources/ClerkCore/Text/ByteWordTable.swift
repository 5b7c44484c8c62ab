/// A set of byte strings (words), each with a dense index in the order added. Lookups hash the
/// bytes where they lie, so a scan over a long text finds its words without building a `String`
/// or an array per word. Open addressing; the table doubles before it is half full.
struct ByteWordTable {
    /// The words' bytes, one after another; word `i` is `storage[ends[i - 1]..<ends[i]]`.
    private var storage: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Index + 1 of the word in each slot, 0 when empty.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { ends.count }

    /// FNV-1a over `bytes`.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = mix(hash, byte) }
        return hash
    }

    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }

    /// The index of `word`, whose `hash` is `ByteWordTable.hash(word)`, or nil.
    func index(of word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        find(word, hash: hash, foldingCase: false)
    }

    /// The index of `word` with its ASCII capitals lowercased (the table holds lowercase words);
    /// `hash` is that of the lowercased bytes.
    func index(ofLowercased word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        find(word, hash: hash, foldingCase: true)
    }

    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, foldingCase: Bool) -> Int? {
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        return slots.withUnsafeBufferPointer { slots in
            storage.withUnsafeBufferPointer { storage in
                while true {
                    let entry = Int(slots[slot])
                    if entry == 0 { return nil }
                    let id = entry - 1
                    if hashes[id] == hash {
                        let start = id == 0 ? 0 : ends[id - 1]
                        if ends[id] - start == word.count && Self.equal(storage, from: start, word, foldingCase: foldingCase) {
                            return id
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    @inline(__always)
    private static func equal(
        _ storage: UnsafeBufferPointer<UInt8>, from start: Int, _ word: UnsafeBufferPointer<UInt8>, foldingCase: Bool
    ) -> Bool {
        for offset in 0..<word.count {
            var byte = word[offset]
            if foldingCase && byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if storage[start + offset] != byte { return false }
        }
        return true
    }

    func index(of word: UnsafeBufferPointer<UInt8>) -> Int? { index(of: word, hash: Self.hash(word)) }

    func index(of word: [UInt8]) -> Int? { word.withUnsafeBufferPointer { index(of: $0) } }

    /// The index of `word`, added when it is new.
    @discardableResult
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        if let id = index(of: word, hash: hash) { return id }
        let id = ends.count
        storage.append(contentsOf: word)
        ends.append(storage.count)
        hashes.append(hash)
        if ends.count * 2 > slots.count { grow() } else { place(id) }
        return id
    }

    @discardableResult
    mutating func insert(_ word: [UInt8]) -> Int {
        word.withUnsafeBufferPointer { insert($0, hash: Self.hash($0)) }
    }

    private mutating func place(_ id: Int) {
        let hash = hashes[id]
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(id + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for id in 0..<ends.count { place(id) }
    }
}
