/// A set of byte strings (words), each with a dense index in the order added. Lookups hash the
/// bytes where they lie, so a scan over a long text finds its words without building a `String`
/// or an array per word. Open addressing; the table doubles before it is half full.
struct ByteWordTable {
    private struct Slot {
        var hash: UInt64
        /// Index + 1 of the word, 0 when empty.
        var entry: Int
    }

    /// The words' bytes, one after another; word `i` is `storage[starts[i]..<starts[i + 1]]`.
    private var storage: [UInt8] = []
    private var starts: [Int] = [0]
    private var slots: [Slot]
    private var mask: Int

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(hash: 0, entry: 0), count: size)
        mask = size - 1
    }

    var count: Int { starts.count - 1 }

    /// FNV-1a over `bytes`.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = mix(hash, byte) }
        return hash
    }

    /// `hash` of `bytes` with their ASCII capitals lowercased: what `index(ofLowercased:hash:)`
    /// and `insert(lowercasing:hash:)` take.
    static func hashLowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = mix(hash, lowercasedASCII(byte)) }
        return hash
    }

    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }

    @inline(__always)
    private static func firstSlot(_ hash: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask }

    /// The index of `word`, whose `hash` is `ByteWordTable.hash(word)`, or nil.
    func index(of word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        find(word, hash: hash, foldingCase: false).id
    }

    /// The index of `word` with its ASCII capitals lowercased (the table holds lowercase words);
    /// `hash` is that of the lowercased bytes.
    func index(ofLowercased word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        find(word, hash: hash, foldingCase: true).id
    }

    /// The index of `word` in any ASCII case (the table holds lowercase words), or nil.
    func index(ofLowercased word: UnsafeBufferPointer<UInt8>) -> Int? {
        index(ofLowercased: word, hash: Self.hashLowercased(word))
    }

    /// The word's index, or nil and the empty slot where it would go.
    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, foldingCase: Bool) -> (id: Int?, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            storage.withUnsafeBufferPointer { storage in
                starts.withUnsafeBufferPointer { starts in
                    var slot = Self.firstSlot(hash, mask)
                    while true {
                        let entry = slots[slot].entry
                        if entry == 0 { return (nil, slot) }
                        if slots[slot].hash == hash {
                            let id = entry &- 1
                            let start = starts[id]
                            if starts[id &+ 1] &- start == word.count
                                && Self.equal(storage, from: start, word, foldingCase: foldingCase) {
                                return (id, slot)
                            }
                        }
                        slot = (slot &+ 1) & mask
                    }
                }
            }
        }
    }

    /// Whether `word` (lowercased first when `foldingCase`) equals the stored bytes at `start`;
    /// eight bytes at a time.
    @inline(__always)
    private static func equal(
        _ storage: UnsafeBufferPointer<UInt8>, from start: Int, _ word: UnsafeBufferPointer<UInt8>, foldingCase: Bool
    ) -> Bool {
        let count = word.count
        var offset = 0
        if count >= 8 {
            let stored = UnsafeRawPointer(storage.baseAddress! + start), given = UnsafeRawPointer(word.baseAddress!)
            while offset + 8 <= count {
                var chunk = given.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if foldingCase { chunk = Self.lowercasedChunk(chunk) }
                guard chunk == stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
                offset += 8
            }
        }
        while offset < count {
            var byte = word[offset]
            if foldingCase && byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if storage[start &+ offset] != byte { return false }
            offset &+= 1
        }
        return true
    }

    /// Eight bytes with their ASCII capitals (0x41...0x5A) lowercased, bytes of 0x80 and above kept.
    @inline(__always)
    static func lowercasedChunk(_ chunk: UInt64) -> UInt64 {
        let low7 = chunk & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F  // high bit set when the byte is 0x41 or more
        let pastZ = low7 &+ 0x2525_2525_2525_2525  // high bit set when the byte is 0x5B or more
        let capitals = atLeastA & ~pastZ & ~chunk & 0x8080_8080_8080_8080
        return chunk | (capitals >> 2)
    }

    func index(of word: UnsafeBufferPointer<UInt8>) -> Int? { index(of: word, hash: Self.hash(word)) }

    func index(of word: [UInt8]) -> Int? { word.withUnsafeBufferPointer { index(of: $0) } }

    /// The index of `word`, added when it is new.
    @discardableResult
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        add(word, hash: hash, foldingCase: false)
    }

    /// The index of `word` with its ASCII capitals lowercased, added (lowercased) when it is new;
    /// `hash` is that of the lowercased bytes.
    mutating func insert(lowercasing word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        add(word, hash: hash, foldingCase: true)
    }

    @discardableResult
    mutating func insert(_ word: [UInt8]) -> Int {
        word.withUnsafeBufferPointer { insert($0, hash: Self.hash($0)) }
    }

    @inline(__always)
    private mutating func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, foldingCase: Bool) -> Int {
        let (found, slot) = find(word, hash: hash, foldingCase: foldingCase)
        if let found { return found }
        let id = count
        if foldingCase {
            for byte in word { storage.append(lowercasedASCII(byte)) }
        } else {
            storage.append(contentsOf: word)
        }
        starts.append(storage.count)
        slots[slot] = Slot(hash: hash, entry: id + 1)
        if count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(hash: 0, entry: 0), count: old.count * 2)
        mask = slots.count - 1
        for item in old where item.entry != 0 {
            var slot = Self.firstSlot(item.hash, mask)
            while slots[slot].entry != 0 { slot = (slot + 1) & mask }
            slots[slot] = item
        }
    }
}
