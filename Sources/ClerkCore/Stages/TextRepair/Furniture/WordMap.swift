/// The stream's words (runs of bytes between spaces, tabs and line ends) and lines, each line
/// knowing the words it holds. Positions in words measure distances between pages.
struct WordMap {
    let bytes: [UInt8]
    /// Byte range of each word.
    let words: [Range<Int>]
    /// Byte range of each line, without its `\n`.
    let lines: [Range<Int>]
    /// Index of the first word of each line (equal to the next line's when the line is blank).
    let lineFirstWord: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        (words, lines, lineFirstWord) = bytes.withUnsafeBufferPointer { buffer in
            var words: [Range<Int>] = [], lines: [Range<Int>] = [], lineFirstWord = [0]
            words.reserveCapacity(buffer.count / 8)
            lines.reserveCapacity(buffer.count / 64)
            lineFirstWord.reserveCapacity(buffer.count / 64)
            let count = buffer.count
            var index = 0, lineStart = 0
            while index < count {
                let byte = buffer[index]
                if byte == 0x0A {
                    lines.append(lineStart..<index)
                    lineStart = index + 1
                    lineFirstWord.append(words.count)
                    index += 1
                    continue
                }
                if Self.isWordBreak(byte) {
                    index += 1
                    continue
                }
                let start = index
                index = Self.wordEnd(buffer, from: index + 1)
                words.append(start..<index)
            }
            // A last line without `\n`.
            if lineStart < count {
                lines.append(lineStart..<count)
                lineFirstWord.append(words.count)
            }
            lineFirstWord.removeLast()
            return (words, lines, lineFirstWord)
        }
    }

    /// The first space, tab, carriage return or line end at or after `start`, eight bytes at a
    /// time: a word of bytes above 0x20 needs no byte-by-byte look.
    @inline(__always)
    private static func wordEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = buffer.count
        var index = start
        let raw = UnsafeRawPointer(buffer.baseAddress!)
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // The lowest byte below 0x21 (bytes of 0x80 and above never count).
            let low = (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080
            if low == 0 {
                index += 8
                continue
            }
            index += UInt64(littleEndian: low).trailingZeroBitCount / 8
            if isWordBreak(buffer[index]) || buffer[index] == 0x0A { return index }
            index += 1
        }
        while index < count && !isWordBreak(buffer[index]) && buffer[index] != 0x0A { index += 1 }
        return index
    }

    /// A space, tab or carriage return (line ends are counted apart).
    @inline(__always)
    private static func isWordBreak(_ byte: UInt8) -> Bool {
        byte <= 0x20 && (byte == 0x20 || byte == 0x09 || byte == 0x0D)
    }

    /// The index of the first word that starts at or after `offset`.
    func word(atOrAfter offset: Int) -> Int {
        var low = 0, high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle].lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func isSpace(_ index: Int) -> Bool { bytes[index] == 0x20 || bytes[index] == 0x09 }

    /// The shape of `range`, read one byte at a time: a run of spaces and tabs reads as one
    /// space and, when `digits` is set, a run of digits as one `#`; other bytes as they are.
    struct ShapeReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        let end: Int
        let digits: Bool

        init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, digits: Bool) {
            self.bytes = bytes
            index = range.lowerBound
            end = range.upperBound
            self.digits = digits
        }

        @inline(__always)
        mutating func next() -> UInt8? {
            guard index < end else { return nil }
            let byte = bytes[index]
            index &+= 1
            if digits && byte.isASCIIDigit {
                while index < end && bytes[index].isASCIIDigit { index &+= 1 }
                return UInt8(ascii: "#")
            }
            if byte == 0x20 || byte == 0x09 {
                while index < end && (bytes[index] == 0x20 || bytes[index] == 0x09) { index &+= 1 }
                return 0x20
            }
            // A blank to fill in (`___`, `____`) is one shape whatever its length.
            if byte == UInt8(ascii: "_") {
                while index < end && bytes[index] == UInt8(ascii: "_") { index &+= 1 }
            }
            return byte
        }
    }

    /// The hash and length of the shape of `range` (see `ShapeReader`).
    static func shapeHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, digits: Bool = true) -> (hash: UInt64, length: Int) {
        var reader = ShapeReader(bytes, range, digits: digits)
        var hash = ByteWordTable.seed, length = 0
        while let byte = reader.next() {
            hash = ByteWordTable.mix(hash, byte)
            length &+= 1
        }
        return (hash, length)
    }

    /// The shape of a line's `range`: its hash and length, and the value of each digit run (nil
    /// when too long to be a page number), into `numbers`.
    static func lineShape(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, numbers: inout [Int?]) -> (hash: UInt64, length: Int) {
        numbers.removeAll(keepingCapacity: true)
        var hash = ByteWordTable.seed, length = 0
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            var shaped = byte
            if byte.isASCIIDigit {
                var value = 0, digits = 0
                while index < end && bytes[index].isASCIIDigit {
                    if digits < 9 { value = value &* 10 &+ Int(bytes[index] &- 0x30) }
                    digits &+= 1
                    index &+= 1
                }
                shaped = UInt8(ascii: "#")
                numbers.append(digits <= 4 ? value : nil)
            } else if byte == 0x20 || byte == 0x09 {
                while index < end && (bytes[index] == 0x20 || bytes[index] == 0x09) { index &+= 1 }
                shaped = 0x20
            } else {
                index &+= 1
            }
            hash = ByteWordTable.mix(hash, shaped)
            length &+= 1
        }
        return (hash, length)
    }

    /// Whether `first` and `second` have the same shape.
    static func sameShape(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Range<Int>, _ second: Range<Int>, digits: Bool = true) -> Bool {
        var one = ShapeReader(bytes, first, digits: digits), other = ShapeReader(bytes, second, digits: digits)
        while true {
            let byte = one.next()
            guard byte == other.next() else { return false }
            if byte == nil { return true }
        }
    }

    /// `range` without the spaces and tabs at its ends.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start &+= 1 }
        while end > start && (bytes[end &- 1] == 0x20 || bytes[end &- 1] == 0x09) { end &-= 1 }
        return start..<end
    }
}

/// Candidates grouped by key as they are found; a group's member list is only built when it has
/// two members or more (most keys occur once), and its removals only then.
struct CandidateGrouping {
    private var index = HashedGroups()
    private var sizes: [Int] = []
    private var counts: [Int] = []
    /// Each candidate: its group, words, number, and where it came from (a line, a word).
    private var found: [(group: Int, words: ClosedRange<Int>, value: Int, origin: Int)] = []

    /// The group of the key hashed to `hash` that `isSame` accepts, or a new group of `size`
    /// words (numbered one past the last).
    mutating func find(_ hash: UInt64, size: Int, isSame: (Int) -> Bool) -> Int {
        let (group, isNew) = index.find(hash, isSame: isSame)
        if isNew {
            sizes.append(size)
            counts.append(0)
        }
        return group
    }

    mutating func add(_ group: Int, words: ClosedRange<Int>, value: Int, origin: Int) {
        counts[group] += 1
        found.append((group, words, value, origin))
    }

    /// The groups of two members or more, in the order they were first found, with the bytes to
    /// remove for each member (given its words and origin).
    func groups(removal: (ClosedRange<Int>, Int) -> Range<Int>) -> [CandidateGroup] {
        var position = [Int](repeating: -1, count: counts.count)
        var result: [CandidateGroup] = []
        for member in found where counts[member.group] >= 2 {
            if position[member.group] < 0 {
                position[member.group] = result.count
                var group = CandidateGroup(size: sizes[member.group])
                group.members.reserveCapacity(counts[member.group])
                result.append(group)
            }
            result[position[member.group]].members.append(
                FurnitureCandidate(removal: removal(member.words, member.origin), words: member.words, value: member.value))
        }
        return result
    }
}

/// Groups of keys found by hash and confirmed by an equality test on each group's first key, so
/// that two keys whose hashes collide stay apart. Open addressing over group numbers.
struct HashedGroups {
    private var slots = [Int32](repeating: 0, count: 64)
    private var hashes: [UInt64] = []

    var count: Int { hashes.count }

    /// The group of the key hashed to `hash` that `isSame` accepts, or a new group; `isNew` says which.
    mutating func find(_ hash: UInt64, isSame: (Int) -> Bool) -> (group: Int, isNew: Bool) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[slot] != 0 {
            let group = Int(slots[slot]) - 1
            if hashes[group] == hash && isSame(group) { return (group, false) }
            slot = (slot + 1) & mask
        }
        let group = hashes.count
        hashes.append(hash)
        slots[slot] = Int32(truncatingIfNeeded: group + 1)
        if hashes.count * 2 > slots.count { grow() }
        return (group, true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (group, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: group + 1)
        }
    }
}

extension UInt8 {
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
}
