/// How a heading label counts: arabic numbers, letters or roman numerals, in capitals or not,
/// written `1.` or `(1)`. Each combination is a scheme of its own (`A.` and `(a)` differ).
struct NumberingScheme: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case arabic, upperLetter, lowerLetter, upperRoman, lowerRoman }
    enum Style: Hashable, Sendable { case period, parenthesized }

    var kind: Kind
    var style: Style
}

/// A label as printed at the start of a heading (`IV.`, `B.`, `12.`, `c.`, `(2)`, `(b)`,
/// `(iii)`), with what it can count as: `I.` is the roman one or the ninth letter, `C.` only a
/// letter (roman numerals are read from I, V and X only, up to XXXIX).
struct HeadingLabel: Equatable {
    struct Reading: Equatable {
        var scheme: NumberingScheme
        var value: Int
    }

    /// A label's readings, at most two (a letter and a roman numeral), held without an array.
    struct Readings: Sequence, Equatable {
        private var first: Reading?
        private var second: Reading?

        init() {}

        var isEmpty: Bool { first == nil }

        mutating func append(_ reading: Reading) {
            if first == nil { first = reading } else { second = reading }
        }

        func makeIterator() -> Iterator { Iterator(readings: self) }

        struct Iterator: IteratorProtocol {
            let readings: Readings
            var position = 0

            mutating func next() -> Reading? {
                position += 1
                return position == 1 ? readings.first : position == 2 ? readings.second : nil
            }
        }
    }

    /// The label's bytes in the stream.
    let range: Range<Int>
    let text: String
    /// Letter readings come before roman ones (see `HeadingNumbering.level(for:)`).
    let readings: Readings

    /// The label that starts at `start` and is followed by white space or `end`, if any.
    static func read(in bytes: [UInt8], at start: Int, end: Int) -> HeadingLabel? {
        guard let (range, readings) = shape(in: bytes, at: start, end: end) else { return nil }
        return HeadingLabel(range: range, text: String(decoding: bytes[range], as: UTF8.self), readings: readings)
    }

    /// The token starts of `bytes` (after white space or at the start) where a label may start,
    /// in order: a `.` or `)` followed by white space or the end closes at most seven letters or
    /// digits that open the token, or follow its `(`. Labels are found from their closing marks,
    /// which `memchr` finds, so most of the text is passed over quickly. The same starts hold
    /// for any line of the text with its own start and end (white space surrounds lines).
    static func starts(in bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        ByteLines.forEachIndex(of: UInt8(ascii: "."), UInt8(ascii: ")"), UInt8(ascii: "."), in: bytes, range: 0..<bytes.count) { close in
            guard close + 1 == bytes.count || isBlankByte(bytes[close + 1]) else { return }
            var start = close
            while start > 0 && close - start < 8 && isLetterOrDigitASCII(bytes[start - 1]) { start -= 1 }
            guard start < close else { return }
            if bytes[close] == UInt8(ascii: ")") {
                guard start > 0, bytes[start - 1] == UInt8(ascii: "(") else { return }
                start -= 1
            }
            guard start == 0 || isBlankByte(bytes[start - 1]) else { return }
            starts.append(start)
        }
        return starts
    }

    /// The bytes and readings of the label at `start`, without making its text.
    static func shape(in bytes: [UInt8], at start: Int, end: Int) -> (range: Range<Int>, readings: Readings)? {
        guard start < end else { return nil }
        let parenthesized = bytes[start] == UInt8(ascii: "(")
        let bodyStart = parenthesized ? start + 1 : start
        var index = bodyStart
        while index < end && index - bodyStart <= 6 && isLetterOrDigitASCII(bytes[index]) { index += 1 }
        guard index > bodyStart, index < end,
              bytes[index] == UInt8(ascii: parenthesized ? ")" : ".") else { return nil }
        let labelEnd = index + 1
        guard labelEnd == end || isBlankByte(bytes[labelEnd]) else { return nil }
        let style: NumberingScheme.Style = parenthesized ? .parenthesized : .period
        let readings = Self.readings(of: bytes[bodyStart..<index], style: style)
        guard !readings.isEmpty else { return nil }
        return (start..<labelEnd, readings)
    }

    private static func readings(of body: ArraySlice<UInt8>, style: NumberingScheme.Style) -> Readings {
        var readings = Readings()
        if body.allSatisfy(isDigit) {
            guard body.count <= 3, body.first != UInt8(ascii: "0") else { return readings }
            let value = body.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            readings.append(Reading(scheme: NumberingScheme(kind: .arabic, style: style), value: value))
            return readings
        }
        let upper = body.allSatisfy(isUppercaseASCII)
        guard upper || body.allSatisfy(isLowercaseASCII) else { return readings }
        if body.count == 1 {
            let value = Int(body.first! | 0x20) - 0x60
            readings.append(Reading(scheme: NumberingScheme(kind: upper ? .upperLetter : .lowerLetter, style: style), value: value))
        }
        if let value = romanValue(body) {
            readings.append(Reading(scheme: NumberingScheme(kind: upper ? .upperRoman : .lowerRoman, style: style), value: value))
        }
        return readings
    }

    /// The value of a roman numeral of I, V and X (either case) in its usual form (`IIII` is not
    /// one), 1...39: up to three `X`, then the units as written from I to IX.
    static func romanValue(_ letters: some Collection<UInt8>) -> Int? {
        guard letters.count <= 7 else { return nil }
        var tens = 0, ones = 0, fives = 0
        var unitsStart = true
        var lastWasI = false
        var subtractive: Int?
        for letter in letters {
            guard subtractive == nil else { return nil }  // nothing follows `IV` or `IX`
            switch letter & ~0x20 {
            case UInt8(ascii: "X"):
                if unitsStart {
                    tens += 1
                } else if lastWasI && ones == 1 && fives == 0 {
                    subtractive = 9
                } else {
                    return nil
                }
            case UInt8(ascii: "V"):
                if lastWasI && ones == 1 && fives == 0 {
                    subtractive = 4
                } else if ones == 0 && fives == 0 {
                    fives = 1
                } else {
                    return nil
                }
                unitsStart = false
            case UInt8(ascii: "I"):
                ones += 1
                unitsStart = false
                lastWasI = true
                continue
            default:
                return nil
            }
            lastWasI = false
        }
        guard tens <= 3, ones <= 3 else { return nil }
        let value = tens * 10 + (subtractive ?? (fives * 5 + ones))
        return value >= 1 ? value : nil
    }
}

/// The heading numbering open in one opinion, as a stack: the first scheme seen is level 1, a
/// new scheme opens the next level down, and a scheme already open returns to its level and
/// closes the levels below it. A label is accepted only as the first of a scheme not open yet
/// (`I.`, `A.`, `1.`, `a.`, `(1)`…) or as the successor of the last label at an open level, so
/// `773.` at a line start or a pronoun `I.` never becomes a heading.
struct HeadingNumbering {
    /// A nil scheme is the level of unlabelled headings in capitals (`DISCUSSION`).
    private var levels: [(scheme: NumberingScheme?, last: Int)] = []

    mutating func reset() {
        levels = []
    }

    /// The level of a heading labelled `label`, or nil when the numbering does not allow the
    /// label here. A successor wins over a first label, and letters over roman numerals, so
    /// `I.` after `H.` is a letter and `I.` with no letters open a roman numeral. A first label
    /// opens its scheme only where `opens` agrees.
    mutating func level(for label: HeadingLabel, opens: (NumberingScheme) -> Bool = { _ in true }) -> Int? {
        for reading in label.readings {
            if let depth = levels.firstIndex(where: { $0.scheme == reading.scheme }), levels[depth].last + 1 == reading.value {
                levels.removeSubrange((depth + 1)...)
                levels[depth].last = reading.value
                return depth + 1
            }
        }
        for reading in label.readings
        where reading.value == 1 && !levels.contains(where: { $0.scheme == reading.scheme }) && opens(reading.scheme) {
            levels.append((reading.scheme, 1))
            return levels.count
        }
        return nil
    }

    /// The level of an unlabelled heading in capitals: always 1. When it comes first, numbered
    /// headings open below it, and the next one closes them again (`BACKGROUND`, `A.`, `B.`,
    /// `DISCUSSION`, `A.`); when numbered headings came first, it leaves their numbering open
    /// (`I.`, `II.`, `CONCLUSION`).
    mutating func levelForUnlabelled() -> Int {
        if levels.isEmpty {
            levels.append((nil, 0))
        } else if levels[0].scheme == nil {
            levels.removeSubrange(1...)
        }
        return 1
    }
}

/// Where the labels that can be the second of their scheme (`II.`, `B.`, `2.`, `b.`, `(2)`,
/// `(b)`, `(ii)`) stand. In running text a first label opens its scheme only when its second
/// follows in the same opinion: a numbering of one item is rare, an initial at the start of a
/// sentence (`… at 770. A. Roe testified …`) is not.
struct SecondLabels {
    private var offsets: [NumberingScheme: [Int]] = [:]

    /// Collects the labels at token starts of `bytes` (the offsets come out sorted).
    /// `labelStarts`: where labels may start (`HeadingLabel.starts(in:)`).
    init(_ bytes: [UInt8], labelStarts: [Int]) {
        for start in labelStarts {
            // A second label's body: `2`, `B`, `b`, `II` or `ii`.
            let body = bytes[start] == UInt8(ascii: "(") ? start + 1 : start
            let first = bytes[body]
            guard first == UInt8(ascii: "2") || first | 0x20 == UInt8(ascii: "b") || first | 0x20 == UInt8(ascii: "i"),
                  let label = HeadingLabel.shape(in: bytes, at: start, end: bytes.count) else { continue }
            for reading in label.readings where reading.value == 2 {
                offsets[reading.scheme, default: []].append(start)
            }
        }
    }

    /// Whether a second label of `scheme` stands in `range`.
    func contains(_ scheme: NumberingScheme, in range: Range<Int>) -> Bool {
        guard let list = offsets[scheme] else { return false }
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low] < range.upperBound
    }
}
