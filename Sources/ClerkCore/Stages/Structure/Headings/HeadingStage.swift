/// Headings and section breaks become block starts for reflow.
///
/// - Numbered headings (`I.`, `A.`, `1.`, `a.`, `(1)`, `(a)`, `(i)`): the label leaves the text
///   (logged) and becomes the heading's label; a heading start goes where the label was and a
///   paragraph start where its title ends (right after the label when it has none). Levels
///   come from the numbering, per opinion (see `HeadingNumbering`); a label is taken only where
///   the numbering allows it, after a sentence end, and before a capital.
/// - Layout text (lines of a page width): a label alone on its line is a heading without a
///   title (or with the capitals line after it as its title, `I.` / `BACKGROUND`); a label and a
///   short title (`2. The search of the car`: shorter than a full line, no sentence
///   punctuation, the next line starting a sentence) is a heading with that title; a label at
///   the start of an ordinary sentence is a heading without a title before the paragraph.
/// - Running text (family `flat`, and any line longer than `longLine` bytes): headings run
///   inline (`… was denied. II. A. The parties agree …`); a title is read by `HeadingTitle`.
/// - Unlabelled headings: a short line of its own in capitals (`DISCUSSION`, `STANDARD OF
///   REVIEW`) after a sentence end, before a sentence start; always level 1 (see
///   `HeadingNumbering.levelForUnlabelled`).
/// - Section breaks: `* * *` (three or more stars, any spacing) on a line of its own, or
///   inline between sentences; the stars leave the text (logged).
public struct HeadingStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let maximumTitleWords = Parameter.integer("maximumTitleWords", 1...40, default: 12,
            "The most words a heading's title may have; longer runs of words after a label are read as the paragraph.")
        public static let sectionBreaks = Parameter.boolean("sectionBreaks", default: true,
            "Whether `* * *` on a line of its own or between sentences becomes a section break.")
        public static let capitalHeadings = Parameter.boolean("capitalHeadings", default: true,
            "Whether a short line of its own in capitals (`DISCUSSION`) becomes an unlabelled heading.")
        public var maximumTitleWords: Int
        public var sectionBreaks: Bool
        public var capitalHeadings: Bool

        public init(_ values: StageParameterValues) {
            maximumTitleWords = values[Self.maximumTitleWords]
            sectionBreaks = values[Self.sectionBreaks]
            capitalHeadings = values[Self.capitalHeadings]
        }
    }

    public static let id = "headings"
    public static let summary =
        "Numbered headings (I., A., 1., a., (1), (a), (i)) with their titles and levels, unlabelled headings in capitals and * * * section breaks become block starts; labels and stars leave the text."
    public static let phase = StagePhase.structure

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        var scanner = HeadingScanner(stream: document.body, family: document.source.family, configuration: configuration)
        document.body.apply(scanner.edits(), stage: Self.id, log: &document.log)
    }
}

/// One pass over the body's lines that finds the headings and section breaks and the edits
/// that mark them. Labels and stars are read only at token starts, and each candidate looks
/// back over one run of white space and ahead over a few words, so the pass is linear.
struct HeadingScanner {
    /// Lines longer than this many bytes are running text even in layout text.
    static let longLine = 300
    /// A title line is shorter than this share of a full line (as reflow's short lines).
    static let shortLineRatio = 0.8

    private let bytes: [UInt8]
    /// Each line without its indentation and trailing blanks.
    private let lines: [Range<Int>]
    /// For each line, the index of the next line that is not blank.
    private let nextNonBlank: [Int?]
    private let opinionStarts: [Int]
    private let isRunningText: Bool
    private let shortLength: Double
    private let title: HeadingTitle
    private let seconds: SecondLabels
    /// Where labels may start, in order (see `HeadingLabel.starts(in:)`).
    private let labelStarts: [Int]
    /// The first of `labelStarts` not passed yet (running text reads them in order).
    private var nextLabelStart = 0
    private let configuration: HeadingStage.Configuration

    private var numbering = HeadingNumbering()
    private var nextOpinion = 0
    /// Where the current opinion's text starts: text before it is no sentence to end.
    private var opinionStart = 0
    /// Where the last heading or section break ended: a label may follow it at once (`I. A.`).
    private var structureEnd = -1
    private var found: [TextEdit] = []

    init(stream: TextStream, family: SourceFamily, configuration: HeadingStage.Configuration) {
        bytes = stream.bytes
        isRunningText = family.linesAreRunningText ?? false
        var lines: [Range<Int>] = []
        // Layout text: the lengths of the non-blank lines, for the length of a full line.
        var lengths: [Int] = []
        for range in ByteLines.ranges(stream.bytes) {
            let content = trimmed(range, in: stream.bytes)
            lines.append(content)
            if !isRunningText && !content.isEmpty { lengths.append(BlockAssembler.scalarCount(stream.bytes[content])) }
        }
        self.lines = lines
        var next: [Int?] = Array(repeating: nil, count: lines.count)
        var following: Int?
        for index in lines.indices.reversed() {
            next[index] = following
            if !lines[index].isEmpty { following = index }
        }
        nextNonBlank = next
        opinionStarts = stream.marks.compactMap { mark in
            if case .blockStart(.opinion) = mark.kind { return mark.offset }
            return nil
        }
        shortLength = isRunningText ? 0 : Self.shortLineRatio * Double(LineProfile.fullLength(of: lengths))
        title = HeadingTitle(bytes: stream.bytes, maximumWords: configuration.maximumTitleWords)
        labelStarts = HeadingLabel.starts(in: stream.bytes)
        seconds = SecondLabels(stream.bytes, labelStarts: labelStarts)
        self.configuration = configuration
    }

    mutating func edits() -> [TextEdit] {
        found = []
        var index = 0
        while index < lines.count {
            let content = lines[index]
            if content.isEmpty {
                index += 1
            } else if isRunningText || content.count > Self.longLine {
                scanRunningText(content)
                index += 1
            } else {
                index = scanLine(index)
            }
        }
        return found
    }

    // MARK: Layout lines

    /// Looks at one line of layout text; returns the index of the next line to look at.
    private mutating func scanLine(_ index: Int) -> Int {
        let content = lines[index]
        let next = nextNonBlank[index]
        enterOpinion(upTo: content.lowerBound)
        if configuration.sectionBreaks, let stars = starRun(from: content.lowerBound, end: content.upperBound),
           stars.upperBound == content.upperBound {
            addSectionBreak(stars)
            return index + 1
        }
        if let shape = HeadingLabel.shape(in: bytes, at: content.lowerBound, end: content.upperBound) {
            guard followsSentenceEnd(content.lowerBound) else { return index + 1 }
            let label = HeadingLabel(
                range: shape.range, text: String(decoding: bytes[shape.range], as: UTF8.self), readings: shape.readings)
            // Asked only of labels: most lines hold none.
            let nextStartsSentence = next.map { startsSentence(at: lines[$0].lowerBound) } ?? true
            let rest = trimmed(label.range.upperBound..<content.upperBound, in: bytes)
            if rest.isEmpty {
                guard nextStartsSentence, let level = numbering.level(for: label) else { return index + 1 }
                // `I.` / `BACKGROUND`: the capitals line is the label's title.
                if let next, isCapitalHeading(next) {
                    addHeading(label: label, level: level, at: label.range.lowerBound, titleEnd: lines[next].upperBound)
                    return next + 1
                }
                addHeading(label: label, level: level, at: label.range.lowerBound, titleEnd: nil)
            } else if startsSentence(at: rest.lowerBound) {
                // A label before a sentence may be an initial (`A. Roe testified …`); before a title it is not.
                let isTitle = nextStartsSentence && isShort(content) && title.isTitleLine(rest)
                guard let level = isTitle ? numbering.level(for: label) : levelInRunningText(label) else { return index + 1 }
                addHeading(label: label, level: level, at: label.range.lowerBound, titleEnd: isTitle ? rest.upperBound : nil)
            }
            return index + 1
        }
        if isCapitalHeading(index) && followsSentenceEnd(content.lowerBound) {
            addHeading(label: nil, level: numbering.levelForUnlabelled(), at: content.lowerBound, titleEnd: content.upperBound)
        }
        return index + 1
    }

    private func isShort(_ content: Range<Int>) -> Bool {
        Double(BlockAssembler.scalarCount(bytes[content])) < shortLength
    }

    /// A short line of its own in capitals (`STANDARD OF REVIEW`) before a line that starts a
    /// sentence: capital letters, spaces, `&`, hyphens, dashes and apostrophes only (no digits,
    /// no commas, no periods, so `JOHN DOE,` and `AFFIRMED.` are not headings), with a word of
    /// four letters or more that is not a roman numeral.
    private func isCapitalHeading(_ index: Int) -> Bool {
        let content = lines[index]
        guard configuration.capitalHeadings, content.count <= 100 else { return false }
        var words = 0, letters = 0, hasLongWord = false, onlyRomanLetters = true
        func endWord() {
            if letters >= 4 && !onlyRomanLetters { hasLongWord = true }
            if letters > 0 { words += 1 }
            letters = 0
            onlyRomanLetters = true
        }
        var position = content.lowerBound
        while position < content.upperBound {
            let byte = bytes[position]
            if byte < 0x80 {
                // ASCII, read without decoding.
                position += 1
                if byte == 0x20 || byte == 0x09 {
                    endWord()
                } else if isLetterASCII(byte) {
                    guard !isLowercaseASCII(byte) else { return false }
                    letters += 1
                    switch byte {
                    case UInt8(ascii: "I"), UInt8(ascii: "V"), UInt8(ascii: "X"), UInt8(ascii: "L"), UInt8(ascii: "C"),
                         UInt8(ascii: "D"), UInt8(ascii: "M"): break
                    default: onlyRomanLetters = false
                    }
                } else if byte != UInt8(ascii: "&") && byte != UInt8(ascii: "-") && byte != UInt8(ascii: "'") {
                    return false
                }
                continue
            }
            let (scalar, length) = UTF8Scalars.scalar(in: bytes, at: position)
            position += length
            if UTF8Scalars.isLetter(scalar) {
                guard !scalar.properties.isLowercase else { return false }
                letters += 1
                onlyRomanLetters = false
            } else if !"\u{2019}\u{2013}\u{2014}".unicodeScalars.contains(scalar) {
                return false
            }
        }
        endWord()
        guard hasLongWord && words <= configuration.maximumTitleWords else { return false }
        // Looked at last: most lines have a lowercase letter, which ends the look at once.
        if let next = nextNonBlank[index], !startsSentence(at: lines[next].lowerBound) { return false }
        return true
    }

    // MARK: Running text

    /// Looks for headings and section breaks at the token starts of a line of running text.
    private mutating func scanRunningText(_ content: Range<Int>) {
        // Only token starts where a label or a star may start are looked at (see
        // `HeadingLabel.starts(in:)`), in order; those inside a structure just found are passed.
        while nextLabelStart < labelStarts.count && labelStarts[nextLabelStart] < content.lowerBound { nextLabelStart += 1 }
        let firstCandidate = nextLabelStart
        while nextLabelStart < labelStarts.count && labelStarts[nextLabelStart] < content.upperBound { nextLabelStart += 1 }
        let candidates = labelStarts[firstCandidate..<nextLabelStart]
        var stars: [Int] = []
        ByteLines.forEachIndex(of: UInt8(ascii: "*"), UInt8(ascii: "*"), UInt8(ascii: "*"), in: bytes, range: content) { index in
            if index == content.lowerBound || isBlankByte(bytes[index - 1]) { stars.append(index) }
        }
        var resume = content.lowerBound
        var label = candidates.startIndex, star = 0
        while label < candidates.endIndex || star < stars.count {
            let index: Int
            if star == stars.count || (label < candidates.endIndex && candidates[label] < stars[star]) {
                index = candidates[label]
                label += 1
            } else {
                index = stars[star]
                star += 1
            }
            guard index >= resume else { continue }
            if let end = runningStructure(at: index, lineEnd: content.upperBound) { resume = end }
        }
    }

    /// A section break or an inline heading that starts at `index`; returns where it ends.
    private mutating func runningStructure(at index: Int, lineEnd: Int) -> Int? {
        let byte = bytes[index]
        guard byte == UInt8(ascii: "*") || byte == UInt8(ascii: "(") || isLetterOrDigitASCII(byte) else { return nil }
        enterOpinion(upTo: index)
        if byte == UInt8(ascii: "*") {
            // The sentence end first: a star inside a long run follows none, and reading the run
            // from every star in it would make the pass quadratic.
            guard configuration.sectionBreaks, followsSentenceEnd(index), let stars = starRun(from: index, end: lineEnd),
                  startsSentence(at: stars.upperBound) || onlyBlanks(from: stars.upperBound) else { return nil }
            addSectionBreak(stars)
            return stars.upperBound
        }
        // The label's text is made only once the checks on its bytes pass; most candidates follow
        // no sentence end (`v.`, `Inc.`), which is the cheapest to see.
        guard followsSentenceEnd(index), let shape = HeadingLabel.shape(in: bytes, at: index, end: lineEnd),
              startsSentence(at: shape.range.upperBound) || startsLabel(at: shape.range.upperBound) else { return nil }
        let label = HeadingLabel(
            range: shape.range, text: String(decoding: bytes[shape.range], as: UTF8.self), readings: shape.readings)
        guard let level = levelInRunningText(label) else { return nil }
        let titleEnd = title.endInRunningText(from: label.range.upperBound)
        addHeading(label: label, level: level, at: index, titleEnd: titleEnd)
        return titleEnd ?? label.range.upperBound
    }

    /// The level of a label that runs into text: a first label needs its second later in the
    /// same opinion (see `SecondLabels`).
    private mutating func levelInRunningText(_ label: HeadingLabel) -> Int? {
        let opinionEnd = nextOpinion < opinionStarts.count ? opinionStarts[nextOpinion] : bytes.count
        let rest = label.range.upperBound..<opinionEnd
        let seconds = seconds
        return numbering.level(for: label) { seconds.contains($0, in: rest) }
    }

    // MARK: Reading the bytes

    /// Resets the numbering at each opinion start up to `position`.
    private mutating func enterOpinion(upTo position: Int) {
        while nextOpinion < opinionStarts.count && opinionStarts[nextOpinion] <= position {
            opinionStart = opinionStarts[nextOpinion]
            numbering.reset()
            nextOpinion += 1
        }
    }

    /// Whether the text before `position` ends a sentence (`.`, `?`, `!`, perhaps followed by
    /// closing quotes or brackets, the period not after an abbreviation or an initial), or
    /// nothing of the opinion comes before, or a heading or section break ended there.
    private func followsSentenceEnd(_ position: Int) -> Bool {
        var end = position
        while end > 0 && isBlankByte(bytes[end - 1]) { end -= 1 }
        if end <= opinionStart || end == structureEnd { return true }
        // Closing quotes and brackets after the punctuation: `…” `, `…). `
        while end > 0 {
            let byte = bytes[end - 1]
            if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                end -= 1
            } else if (byte == 0x9D || byte == 0x99) && end >= 3 && bytes[end - 3] == 0xE2 && bytes[end - 2] == 0x80 {
                end -= 3  // ” or ’
            } else {
                break
            }
        }
        guard end > 0 else { return false }
        let last = bytes[end - 1]
        guard last == UInt8(ascii: ".") else { return last == UInt8(ascii: "?") || last == UInt8(ascii: "!") }
        return !Sentences.endsAbbreviation(bytes, period: end - 1, idIsAbbreviation: true)
    }

    /// Whether the first text at or after `index` (past white space and opening quotes) is a
    /// capital letter.
    private func startsSentence(at index: Int) -> Bool {
        var start = index
        while start < bytes.count && isBlankByte(bytes[start]) { start += 1 }
        // The word runs to the next blank, which no opening punctuation or letter passes: the
        // end of the text bounds the look as well as the word's end would.
        return HeadingTitle.firstLetterCase(in: bytes, start..<bytes.count) == .upper
    }

    /// Whether another label follows at `index`, after white space (`I. A. The facts …`).
    private func startsLabel(at index: Int) -> Bool {
        var start = index
        while start < bytes.count && isBlankByte(bytes[start]) { start += 1 }
        return HeadingLabel.shape(in: bytes, at: start, end: bytes.count) != nil
    }

    private func onlyBlanks(from index: Int) -> Bool {
        bytes[index...].allSatisfy(isBlankByte)
    }

    /// Three or more stars with only spaces or tabs between them, starting at `start` and
    /// followed by white space or `end`: the range from the first star to the last.
    private func starRun(from start: Int, end: Int) -> Range<Int>? {
        var stars = 0
        var last = start
        var index = start
        while index < end {
            if bytes[index] == UInt8(ascii: "*") {
                stars += 1
                last = index
            } else if bytes[index] != 0x20 && bytes[index] != 0x09 {
                break
            }
            index += 1
        }
        guard stars >= 3, last + 1 == end || isBlankByte(bytes[last + 1]) else { return nil }
        return start..<(last + 1)
    }

    // MARK: Edits

    private mutating func addHeading(label: HeadingLabel?, level: Int, at start: Int, titleEnd: Int?) {
        let heading = TextMark.Kind.blockStart(.heading(level: level, label: label?.text))
        let paragraph = TextMark.Kind.blockStart(.paragraph)
        if let label {
            found.append(TextEdit(
                range: label.range, reason: "heading label, kept as the heading's label (level \(level))",
                marks: titleEnd == nil ? [heading, paragraph] : [heading]))
        } else {
            found.append(TextEdit(range: start..<start, reason: "unlabelled heading (level \(level))", marks: [heading]))
        }
        if let titleEnd {
            found.append(TextEdit(range: titleEnd..<titleEnd, reason: "end of a heading's title", marks: [paragraph]))
        }
        structureEnd = titleEnd ?? label?.range.upperBound ?? start
    }

    private mutating func addSectionBreak(_ stars: Range<Int>) {
        found.append(TextEdit(range: stars, reason: "section break, kept as a break", marks: [.blockStart(.sectionBreak)]))
        structureEnd = stars.upperBound
    }
}
