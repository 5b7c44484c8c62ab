/// How often each of the words asked about (the joined and hyphenated forms of the splits)
/// occurs in the document outside the splits being decided, alone or as a part of a hyphenated
/// word. Case-insensitive. Words are found by bytes; only words of ASCII and `’` are compared by
/// bytes, others as `String`s (canonical equivalence, Unicode lowercasing).
struct DocumentVocabulary {
    /// A word asked about.
    enum Word {
        /// Index in `plain`.
        case plain(Int)
        /// Lowercased, in `other`.
        case other(String)
    }

    /// Lowercased words of ASCII and `’` (their NFC is themselves: equal as `String`s only when
    /// equal as bytes), and their counts.
    private var plain = ByteWordTable()
    private var plainCounts: [Int] = []
    /// One bit per length and first two bytes of the plain words (see `sketchBit`).
    private var sketch = [UInt64](repeating: 0, count: 1024)
    /// The other words asked about, lowercased, and their counts.
    private var other: [String: Int] = [:]
    /// The bytes of the word being asked about (reused, so that asking allocates nothing).
    private var scratch: [UInt8] = []

    init() {}

    /// Asks about the joined (or hyphenated) form of `split` in `bytes`.
    mutating func word(_ bytes: [UInt8], hyphenated: Bool, split: HyphenSplit) -> Word {
        if Self.isPlain(bytes[split.left]) && Self.isPlain(bytes[split.right]) {
            var word: [UInt8] = []
            swap(&word, &scratch)
            word.removeAll(keepingCapacity: true)
            for byte in bytes[split.left] { word.append(lowercasedASCII(byte)) }
            if hyphenated { word.append(0x2D) }
            for byte in bytes[split.right] { word.append(lowercasedASCII(byte)) }
            let id = insert(word)
            scratch = word
            return .plain(id)
        }
        let left = String(decoding: bytes[split.left], as: UTF8.self), right = String(decoding: bytes[split.right], as: UTF8.self)
        let key = (hyphenated ? left + "-" + right : left + right).lowercased()
        if Self.isPlain(key) { return .plain(insert(Array(key.utf8))) }
        other[key] = 0
        return .other(key)
    }

    private mutating func insert(_ word: [UInt8]) -> Int {
        let id = plain.insert(word)
        if id == plainCounts.count { plainCounts.append(0) }
        if let first = word.first {
            let bit = Self.sketchBit(length: word.count, first, word.count > 1 ? word[1] : 0)
            sketch[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return id
    }

    func count(of word: Word) -> Int {
        switch word {
        case .plain(let id): plainCounts[id]
        case .other(let key): other[key] ?? 0
        }
    }

    /// ASCII and `’` (E2 80 99) only.
    private static func isPlain(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte >= 0x80 else { continue }
            guard byte == 0xE2, iterator.next() == 0x80, iterator.next() == 0x99 else { return false }
        }
        return true
    }

    private static func isPlain(_ word: String) -> Bool { isPlain(word.utf8) }

    /// Adds the words of `bytes`, leaving out the split words being decided.
    mutating func count(_ bytes: [UInt8], excluding splits: [HyphenSplit]) {
        let words = WordScanner(bytes: bytes)
        ByteClass.table.withUnsafeBufferPointer { classes in
            bytes.withUnsafeBufferPointer { buffer in
                var index = 0
                var skip = 0
                while true {
                    // Tokens that start before the next split; a token running into it is cut there.
                    let limit = skip < splits.count ? splits[skip].left.lowerBound : buffer.count
                    while index < limit {
                        let byte = buffer[index]
                        let kind = classes[Int(byte)]
                        if kind & ByteClass.letter == 0 {
                            guard kind & ByteClass.beyondASCII != 0 else {
                                index &+= 1
                                continue
                            }
                            guard words.isLetter(at: index) else {
                                index += byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                                continue
                            }
                        } else if let (end, hasHyphen) = Self.asciiTokenEnd(buffer, from: index, classes: classes) {
                            // A token: words joined by inner hyphens (`split-second`).
                            let tokenEnd = min(end, limit)
                            addASCII(buffer, index..<tokenEnd, hasHyphen: hasHyphen)
                            index = end
                            continue
                        }
                        var end = words.wordEnd(from: index)
                        while end + 1 < buffer.count, buffer[end] == 0x2D, words.isLetter(at: end + 1) {
                            end = words.wordEnd(from: end + 1)
                        }
                        let tokenEnd = min(end, limit)
                        if tokenEnd > index { add(UnsafeBufferPointer(rebasing: buffer[index..<tokenEnd])) }
                        index = max(end, index + 1)
                    }
                    guard skip < splits.count else { break }
                    index = max(index, splits[skip].right.upperBound)
                    skip += 1
                }
            }
        }
    }

    /// The end of the token whose ASCII letter is at `start` (see `count`) when it is ASCII up to
    /// its end, and whether it holds a hyphen; nil when a byte beyond ASCII may belong to it.
    @inline(__always)
    private static func asciiTokenEnd(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, classes: UnsafeBufferPointer<UInt8>
    ) -> (Int, Bool)? {
        var end = start &+ 1
        var hasHyphen = false
        let count = buffer.count
        while true {
            end = letterOrDigitRunEnd(buffer, from: end)
            guard end < count else { break }
            let kind = classes[Int(buffer[end])]
            if kind & ByteClass.beyondASCII != 0 { return nil }
            // An apostrophe between letters, a hyphen before one.
            guard kind & ByteClass.joiner != 0, end &+ 1 < count else { break }
            let next = classes[Int(buffer[end &+ 1])]
            if next & ByteClass.beyondASCII != 0 { return nil }
            guard next & ByteClass.letter != 0 else { break }
            if buffer[end] == 0x2D { hasHyphen = true }
            end &+= 2
        }
        return (end, hasHyphen)
    }

    /// The first byte at or after `start` that is no ASCII letter or digit, eight bytes at a time.
    @inline(__always)
    private static func letterOrDigitRunEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = buffer.count
        let raw = UnsafeRawPointer(buffer.baseAddress!)
        while index &+ 8 <= count {
            let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let low = chunk & 0x7F7F_7F7F_7F7F_7F7F
            // High bit per byte at or above a bound (no carries: each sum stays below 0x100).
            let digits = (low &+ 0x5050_5050_5050_5050) & ~(low &+ 0x4646_4646_4646_4646)
            let folded = low | 0x2020_2020_2020_2020  // capitals to lowercase (other bytes may change, not into letters)
            let letters = (folded &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(folded &+ 0x0505_0505_0505_0505)
            let other = ~((digits | letters) & ~chunk) & 0x8080_8080_8080_8080
            if other != 0 { return index &+ UInt64(littleEndian: other).trailingZeroBitCount / 8 }
            index &+= 8
        }
        while index < count && isLetterOrDigitASCII(buffer[index]) { index &+= 1 }
        return index
    }

    /// Where in `sketch` a word of `length` bytes starting with `first`, `second` (lowercased)
    /// sits: most words of a text share none with the few words asked about.
    @inline(__always)
    private static func sketchBit(length: Int, _ first: UInt8, _ second: UInt8) -> Int {
        min(length, 63) << 10 | Int(first & 31) << 5 | Int(second & 31)
    }

    @inline(__always)
    private func mayBeAskedAbout(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let second = range.count > 1 ? buffer[range.lowerBound + 1] : 0
        let bit = Self.sketchBit(length: range.count, buffer[range.lowerBound], second)
        return sketch[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Counts an ASCII token, and each part of it between hyphens.
    private mutating func addASCII(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hasHyphen: Bool) {
        countASCII(buffer, range)
        guard hasHyphen else { return }
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound && buffer[end] != 0x2D { end += 1 }
            if end > start { countASCII(buffer, start..<end) }
            start = end + 1
        }
    }

    @inline(__always)
    private mutating func countASCII(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard mayBeAskedAbout(buffer, range) else { return }
        if let id = plain.index(ofLowercased: UnsafeBufferPointer(rebasing: buffer[range])) { plainCounts[id] += 1 }
    }

    /// Counts one token, lowercased, and each part of it between hyphens.
    private mutating func add(_ token: UnsafeBufferPointer<UInt8>) {
        var hash = ByteWordTable.seed
        var hasHyphen = false
        var index = 0
        while index < token.count {
            let byte = token[index]
            if byte >= 0x80 {
                guard byte == 0xE2, index + 2 < token.count, token[index + 1] == 0x80, token[index + 2] == 0x99 else {
                    addOther(token)
                    return
                }
                hash = ByteWordTable.mix(ByteWordTable.mix(ByteWordTable.mix(hash, 0xE2), 0x80), 0x99)
                index += 3
                continue
            }
            if byte == 0x2D { hasHyphen = true }
            hash = ByteWordTable.mix(hash, lowercasedASCII(byte))
            index += 1
        }
        if plainCounts.isEmpty { return }
        if let id = plain.index(ofLowercased: token, hash: hash) { plainCounts[id] += 1 }
        guard hasHyphen else { return }
        var start = 0
        while start < token.count {
            var end = start
            hash = ByteWordTable.seed
            while end < token.count && token[end] != 0x2D {
                hash = ByteWordTable.mix(hash, lowercasedASCII(token[end]))
                end += 1
            }
            if end > start, let id = plain.index(ofLowercased: UnsafeBufferPointer(rebasing: token[start..<end]), hash: hash) {
                plainCounts[id] += 1
            }
            start = end + 1
        }
    }

    /// A token with letters beyond ASCII: lowercased and split as a `String`.
    private mutating func addOther(_ token: UnsafeBufferPointer<UInt8>) {
        let lowered = String(decoding: token, as: UTF8.self).lowercased()
        addKey(lowered)
        if lowered.contains("-") {
            for part in lowered.split(separator: "-") { addKey(String(part)) }
        }
    }

    private mutating func addKey(_ key: String) {
        if Self.isPlain(key) {
            if let id = plain.index(of: Array(key.utf8)) { plainCounts[id] += 1 }
        } else if let count = other[key] {
            other[key] = count + 1
        }
    }

}

/// Byte classes for the vocabulary's scan: one load per byte instead of range tests.
private enum ByteClass {
    static let letter: UInt8 = 1
    static let digit: UInt8 = 2
    static let letterOrDigit: UInt8 = 3
    /// A byte of a scalar beyond ASCII (which may be a letter).
    static let beyondASCII: UInt8 = 4
    /// `'` and `-`, which join letters.
    static let joiner: UInt8 = 8

    static let table: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        let value = UInt8(byte)
        if value >= 0x80 { return beyondASCII }
        if isLetterASCII(value) { return letter }
        if isDigit(value) { return digit }
        return value == 0x27 || value == 0x2D ? joiner : 0
    }
}
