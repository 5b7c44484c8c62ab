/// Word and word-pair counts of one text, for judging how naturally two words follow each
/// other in the document's own language. Words are lowercased ASCII letters and digits;
/// punctuation between words is ignored (a pair spans it). Words are known by number (`Word`),
/// found by hashing their bytes where they lie.
struct WordBigrams {
    /// A word of the text, by number; nil stands for a word the text does not hold.
    typealias Word = Int

    /// Words of up to eight bytes, packed into their key (the key is the word: no compare).
    private let short: UInt64Table
    /// Longer words, and their numbers.
    private let long: ByteWordTable
    private let longWords: [Word]
    /// How often each word occurs.
    private let words: [Int]
    private let pairs: UInt64Table
    private let total: Int

    init(_ bytes: [UInt8]) {
        // About one word in six bytes, a distinct pair in two words.
        var short = UInt64Table(capacity: bytes.count / 64)
        var long = ByteWordTable(capacity: bytes.count / 256)
        var longWords: [Word] = []
        var pairs = UInt64Table(capacity: bytes.count / 12)
        var words: [Int] = []
        var total = 0
        bytes.withUnsafeBufferPointer { buffer in
            var previous = -1
            var index = 0
            let count = buffer.count
            while true {
                while index < count && !isLetterOrDigitASCII(buffer[index]) { index &+= 1 }
                guard index < count else { break }
                let start = index
                let key = Self.key(buffer, from: start, end: &index)
                let id: Word
                if index - start <= 8 {
                    id = short.value(for: key, inserting: words.count)
                } else {
                    let word = UnsafeBufferPointer(rebasing: buffer[start..<index])
                    let longID = long.insert(lowercasing: word, hash: Self.hash(word))
                    if longID == longWords.count { longWords.append(words.count) }
                    id = longWords[longID]
                }
                if id == words.count { words.append(0) }
                words[id] &+= 1
                total &+= 1
                if previous >= 0 { pairs.increment(UInt64(previous) << 32 | UInt64(id)) }
                previous = id
            }
        }
        self.short = short
        self.long = long
        self.longWords = longWords
        self.pairs = pairs
        self.words = words
        self.total = total
    }

    /// Reads the word of ASCII letters and digits at `start` up to its `end`, and returns its
    /// first eight bytes lowercased and packed (little-endian).
    @inline(__always)
    private static func key(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, end: inout Int) -> UInt64 {
        var key: UInt64 = 0, shift: UInt64 = 0
        var index = start
        let count = buffer.count
        while index < count, case let byte = buffer[index], isLetterOrDigitASCII(byte) {
            // Letters and digits: setting 0x20 lowercases a capital and keeps the rest.
            if shift < 64 {
                key |= UInt64(byte | 0x20) &<< shift
                shift &+= 8
            }
            index &+= 1
        }
        end = index
        return key
    }

    /// The hash of a word of ASCII letters and digits, lowercased.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = ByteWordTable.seed
        for byte in word { hash = ByteWordTable.mix(hash, byte | 0x20) }
        return hash
    }

    /// The number of the word at `range` of `bytes` (ASCII letters and digits), nil when the
    /// text holds no such word.
    func word(_ bytes: [UInt8], _ range: Range<Int>) -> Word? {
        bytes.withUnsafeBufferPointer { buffer in
            var end = range.lowerBound
            let key = Self.key(buffer, from: range.lowerBound, end: &end)
            if range.count <= 8 { return short.value(for: key) }
            let word = UnsafeBufferPointer(rebasing: buffer[range])
            return long.index(ofLowercased: word, hash: Self.hash(word)).map { longWords[$0] }
        }
    }

    /// The share of the times `first` is followed by `second`.
    func probability(of second: Word?, after first: Word?) -> Double {
        guard let first, case let count = words[first], count > 0 else { return 0 }
        guard let second else { return 0 }
        return Double(pairs.value(for: UInt64(first) << 32 | UInt64(second)) ?? 0) / Double(count)
    }

    /// How much likelier `second` is after `first` than anywhere: P(second | first) / P(second).
    /// Frequent words (`the`, `to`) follow almost anything, so they earn little.
    func lift(of second: Word?, after first: Word?) -> Double {
        guard let second, case let count = words[second], count > 0, total > 0 else { return 0 }
        return probability(of: second, after: first) / (Double(count) / Double(total))
    }

    /// The next word at or after `index`.
    static func word(in bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Range<Int>? {
        var start = index
        while start < bytes.count && !isLetterOrDigitASCII(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        var end = start
        while end < bytes.count && isLetterOrDigitASCII(bytes[end]) { end += 1 }
        return start..<end
    }

    static func word(in bytes: [UInt8], from index: Int) -> Range<Int>? {
        bytes.withUnsafeBufferPointer { word(in: $0, from: index) }
    }

    /// The last word that ends at or before `index`.
    static func word(in bytes: [UInt8], before index: Int) -> Range<Int>? {
        var end = index
        while end > 0 && !isLetterOrDigitASCII(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0 && isLetterOrDigitASCII(bytes[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        return start..<end
    }
}

/// Values by 64-bit key (a packed word, a pair of word numbers), open addressing.
struct UInt64Table {
    private struct Slot {
        var key: UInt64
        /// -1 when the slot is empty.
        var value: Int
    }

    private var slots: [Slot]
    private var used = 0

    /// Room for about `capacity` keys before the table grows.
    init(capacity: Int = 512) {
        var size = 1024
        while size < capacity * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: size)
    }

    /// The value of `key`, or nil.
    func value(for key: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Self.firstSlot(key, mask)
        while slots[slot].value >= 0 {
            if slots[slot].key == key { return slots[slot].value }
            slot = (slot &+ 1) & mask
        }
        return nil
    }

    /// The value of `key`, set to `new` when the key is new.
    mutating func value(for key: UInt64, inserting new: Int) -> Int {
        let slot = slotForAdding(key)
        if slots[slot].value < 0 { slots[slot] = Slot(key: key, value: new) }
        return slots[slot].value
    }

    /// Counts one more `key` (from 0).
    mutating func increment(_ key: UInt64) {
        let slot = slotForAdding(key)
        if slots[slot].value < 0 { slots[slot] = Slot(key: key, value: 0) }
        slots[slot].value &+= 1
    }

    /// The slot of `key`, or the empty one it goes to (counted as used).
    @inline(__always)
    private mutating func slotForAdding(_ key: UInt64) -> Int {
        if (used + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Self.firstSlot(key, mask)
        while slots[slot].value >= 0 {
            if slots[slot].key == key { return slot }
            slot = (slot &+ 1) & mask
        }
        used += 1
        return slot
    }

    @inline(__always)
    private static func firstSlot(_ key: UInt64, _ mask: Int) -> Int {
        let mixed = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29)) & mask
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: old.count * 2)
        let mask = slots.count - 1
        for item in old where item.value >= 0 {
            var slot = Self.firstSlot(item.key, mask)
            while slots[slot].value >= 0 { slot = (slot &+ 1) & mask }
            slots[slot] = item
        }
    }
}
