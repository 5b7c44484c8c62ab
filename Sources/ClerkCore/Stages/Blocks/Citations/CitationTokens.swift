/// The words of a text as byte ranges (runs of bytes between blanks), with the byte tests the
/// citation grammar asks of them. Citations are read word by word, as eyecite reads them.
struct CitationTokens {
    let bytes: [UInt8]
    /// Each word's bytes; `ranges[i].upperBound` is exclusive.
    let ranges: [Range<Int>]

    init(_ bytes: [UInt8], in range: Range<Int>? = nil) {
        self.bytes = bytes
        let span = range ?? 0..<bytes.count
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(span.count / 6 + 1)
        bytes.withUnsafeBytes { raw in
            var index = span.lowerBound
            while true {
                while index < span.upperBound && Self.isSeparator(raw[index]) { index += 1 }
                guard index < span.upperBound else { break }
                let start = index
                index = Self.nextSeparator(in: raw, from: index + 1, end: span.upperBound)
                ranges.append(start..<index)
            }
        }
        self.ranges = ranges
    }

    /// A blank or a carriage return: what separates words.
    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        // Bits 9, 10, 13 and 32: tab, line feed, carriage return, space.
        byte <= 0x20 && (UInt64(0x1_0000_2600) >> UInt64(byte)) & 1 != 0
    }

    /// The first separator at or after `start`, or `end`. Words are read eight bytes at a time:
    /// only a byte below `!` can be a separator.
    private static func nextSeparator(in raw: UnsafeRawBufferPointer, from start: Int, end: Int) -> Int {
        var index = start
        while index + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // Flags every byte below 0x21 (and, through a borrow, perhaps some above one): each
            // flagged byte is tested again.
            var low = (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080
            while low != 0 {
                let position = index + low.trailingZeroBitCount >> 3
                if isSeparator(raw[position]) { return position }
                low &= low &- 1
            }
            index += 8
        }
        while index < end && !isSeparator(raw[index]) { index += 1 }
        return index
    }

    var count: Int { ranges.count }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    func string(_ index: Int) -> String { string(ranges[index]) }

    /// The word without the punctuation that may follow a citation part: `,` `;` `:` `)` `]`
    /// and closing quotes, and a period when `period` (page numbers end sentences; reporter
    /// abbreviations keep theirs).
    func core(_ index: Int, period: Bool = false) -> Range<Int> {
        var range = ranges[index]
        while range.count > 0 {
            let last = bytes[range.upperBound - 1]
            if last == UInt8(ascii: ",") || last == UInt8(ascii: ";") || last == UInt8(ascii: ":")
                || last == UInt8(ascii: ")") || last == UInt8(ascii: "]") || last == UInt8(ascii: "\"")
                || (period && last == UInt8(ascii: ".")) {
                range = range.lowerBound..<(range.upperBound - 1)
            } else if range.count >= 3, bytes[range.upperBound - 3] == 0xE2, bytes[range.upperBound - 2] == 0x80,
                      bytes[range.upperBound - 1] == 0x9D || bytes[range.upperBound - 1] == 0x99 {
                range = range.lowerBound..<(range.upperBound - 3)  // ” ’
            } else {
                break
            }
        }
        return range
    }

    /// The first byte after the word's core: what punctuation follows it (0 when none).
    func trailing(_ index: Int, period: Bool = false) -> UInt8 {
        let core = core(index, period: period)
        return core.upperBound < ranges[index].upperBound ? bytes[core.upperBound] : 0
    }

    func equals(_ index: Int, _ word: StaticString, period: Bool = false) -> Bool {
        // The core is within the word: a shorter word is no match, whatever its punctuation.
        index >= 0 && index < count && ranges[index].count >= word.utf8CodeUnitCount
            && startsLike(index, word) && ByteLines.equals(bytes[core(index, period: period)], word)
    }

    /// Whether the word's first two bytes are those of `word` (of at least two bytes); the core
    /// starts as the word does.
    @inline(__always)
    private func startsLike(_ index: Int, _ word: StaticString) -> Bool {
        let start = ranges[index].lowerBound
        return word.utf8CodeUnitCount < 2
            || (bytes[start] == word.utf8Start[0] && bytes[start + 1] == word.utf8Start[1])
    }

    /// Whether the word holds `first` followed by `second`.
    func holds(_ index: Int, _ first: UInt8, _ second: UInt8) -> Bool {
        let range = ranges[index]
        var position = range.lowerBound
        while position + 1 < range.upperBound {
            if bytes[position] == first && bytes[position + 1] == second { return true }
            position += 1
        }
        return false
    }

    /// All digits, 1 to `maximum` of them, with nothing but trailing punctuation after.
    func isNumber(_ index: Int, maximum: Int = 6, period: Bool = true) -> Bool {
        guard index >= 0 && index < count else { return false }
        let core = core(index, period: period)
        return core.count >= 1 && core.count <= maximum && bytes[core].allSatisfy(isDigit)
    }

    /// A volume: digits only, nothing after them.
    func isVolume(_ index: Int) -> Bool {
        index >= 0 && index < count && ranges[index].count <= 5 && bytes[ranges[index]].allSatisfy(isDigit)
    }

    /// A page or pinpoint: `862`, `396-97`, `528–30`, `*3`, `___` (a page not yet assigned), and
    /// `12a` / `A-5` forms are refused. Returns the part's bytes.
    func pageNumber(_ index: Int) -> Range<Int>? {
        guard index >= 0 && index < count else { return nil }
        let core = core(index, period: true)
        guard !core.isEmpty else { return nil }
        if bytes[core].allSatisfy({ $0 == UInt8(ascii: "_") }) { return core.count >= 2 ? core : nil }
        var position = core.lowerBound
        if bytes[position] == UInt8(ascii: "*") { position += 1 }
        let digitsStart = position
        while position < core.upperBound && isDigit(bytes[position]) { position += 1 }
        // Up to 7 digits: Westlaw and Lexis numbers (`2020 WL 1234567`) are pages too.
        guard position > digitsStart, position - digitsStart <= 7 else { return nil }
        if position == core.upperBound { return core }
        // A range: a hyphen or an en or em dash, then digits (optionally starred).
        if bytes[position] == UInt8(ascii: "-") {
            position += 1
        } else if position + 2 < core.upperBound, bytes[position] == 0xE2, bytes[position + 1] == 0x80,
                  bytes[position + 2] == 0x93 || bytes[position + 2] == 0x94 {
            position += 3
        } else {
            return nil
        }
        if position < core.upperBound && bytes[position] == UInt8(ascii: "*") { position += 1 }
        let secondStart = position
        while position < core.upperBound && isDigit(bytes[position]) { position += 1 }
        return position == core.upperBound && position > secondStart ? core : nil
    }

    func startsUppercase(_ index: Int) -> Bool {
        guard index >= 0 && index < count else { return false }
        var position = ranges[index].lowerBound
        position = HeadingTitle.afterOpeningPunctuation(in: bytes, from: position, end: ranges[index].upperBound)
        guard position < ranges[index].upperBound else { return false }
        if bytes[position] < 0x80 { return isUppercaseASCII(bytes[position]) }
        return UTF8Scalars.scalar(in: bytes, at: position).scalar.properties.isUppercase
    }

    /// Whether the word opens with `(`, `[` or an opening quote.
    func opensWithPunctuation(_ index: Int) -> Bool {
        HeadingTitle.afterOpeningPunctuation(in: bytes, from: ranges[index].lowerBound, end: ranges[index].upperBound)
            > ranges[index].lowerBound
    }

    func startsWith(_ index: Int, _ prefix: StaticString) -> Bool {
        index >= 0 && index < count && ByteLines.starts(bytes[ranges[index]], with: prefix)
    }
}
