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

    /// The label's bytes in the stream.
    let range: Range<Int>
    let text: String
    /// Letter readings come before roman ones (see `HeadingNumbering.level(for:)`).
    let readings: [Reading]

    /// The label that starts at `start` and is followed by white space or `end`, if any.
    static func read(in bytes: [UInt8], at start: Int, end: Int) -> HeadingLabel? {
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
        return HeadingLabel(
            range: start..<labelEnd, text: String(decoding: bytes[start..<labelEnd], as: UTF8.self), readings: readings)
    }

    private static func readings(of body: ArraySlice<UInt8>, style: NumberingScheme.Style) -> [Reading] {
        if body.allSatisfy(isDigit) {
            guard body.count <= 3, body.first != UInt8(ascii: "0") else { return [] }
            let value = body.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            return [Reading(scheme: NumberingScheme(kind: .arabic, style: style), value: value)]
        }
        let upper = body.allSatisfy(isUppercaseASCII)
        guard upper || body.allSatisfy(isLowercaseASCII) else { return [] }
        var readings: [Reading] = []
        if body.count == 1 {
            let value = Int(body.first! | 0x20) - 0x60
            readings.append(Reading(scheme: NumberingScheme(kind: upper ? .upperLetter : .lowerLetter, style: style), value: value))
        }
        if let value = romanValue(body.map { $0 & ~0x20 }) {
            readings.append(Reading(scheme: NumberingScheme(kind: upper ? .upperRoman : .lowerRoman, style: style), value: value))
        }
        return readings
    }

    private static let romanUnits = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]

    /// The value of a roman numeral of I, V and X in its usual form (`IIII` is not one), 1...39.
    static func romanValue(_ capitals: [UInt8]) -> Int? {
        guard capitals.count <= 7 else { return nil }
        let text = String(decoding: capitals, as: UTF8.self)
        for value in 1...39 where String(repeating: "X", count: value / 10) + romanUnits[value % 10] == text {
            return value
        }
        return nil
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
    init(_ bytes: [UInt8]) {
        for index in bytes.indices where index == 0 || isBlankByte(bytes[index - 1]) {
            guard Self.firstBytes.contains(bytes[index]),
                  let label = HeadingLabel.read(in: bytes, at: index, end: bytes.count) else { continue }
            for reading in label.readings where reading.value == 2 {
                offsets[reading.scheme, default: []].append(index)
            }
        }
    }

    private static let firstBytes: Set<UInt8> = Set("IiBb2(".utf8)

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
