/// Indented quotations in layout text become block quotes. PDF-to-text keeps the page's
/// indentation: body lines share one indentation (the most common one), a paragraph's first line
/// may be indented alone, and a block quote is a run of lines that share a deeper indentation,
/// often narrower on the right too, possibly over several paragraphs and across a page break:
///
/// ```
///     The statute reads as follows:
///
///           No person shall, under color of any statute, subject any
///           citizen to the deprivation of rights secured by law.
///
///     Id. § 12. The officers rely on that text.
/// ```
///
/// A run is taken when it has at least `minimumLines` lines indented at least
/// `minimumExtraIndent` characters more than the body, at least one of them half as long as a
/// full line (prose, not a title or a table of short lines), fewer than half of them with a
/// gap of three spaces between words (a table's columns), no line reaching past the body's
/// right margin (a page printed further right is not a quote), and every line deeper than the
/// run's own margin starting a paragraph (centred lines and hanging indents do not).
/// Not taken: a single indented line (a paragraph's first line, also one just after a quote),
/// label lines (`I.`, `A.`), `* * *` lines, lines that already start a block (headings,
/// opinions), anything before the first three body lines in a row (the caption), and numbered
/// lists whose every line at the run's margin starts with a label (`1. …`, `(a) …`; a warning
/// says so). A quoted list whose items wrap back to the quote's margin is still taken as a
/// quote: it cannot be told from a quoted statute.
///
/// The text is not changed: a `.blockquote` block start goes before the first quoted word and a
/// `.paragraph` start before the first word after the run; reflow makes the blocks.
/// Flattened text and HTML have no layout to read (HTML quotes come from the markup).
public struct BlockQuoteStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let minimumExtraIndent = Parameter.integer("minimumExtraIndent", 1...40, default: 3,
            "How many characters deeper than the body's usual indentation a line must start to be part of a block quote.")
        public static let minimumLines = Parameter.integer("minimumLines", 1...20, default: 2,
            "The fewest lines a block quote may have (one indented line is a paragraph's first line).")
        public var minimumExtraIndent: Int
        public var minimumLines: Int

        public init(_ values: StageParameterValues) {
            minimumExtraIndent = values[Self.minimumExtraIndent]
            minimumLines = values[Self.minimumLines]
        }

        /// Text with a layout to read: flattened text and HTML have none.
        public var families: FamilySelection { Self.withLayout }
        private static let withLayout = FamilySelection("layout, scan, unknown")
    }

    public static let id = "blockquotes"
    public static let summary =
        "Runs of lines indented deeper than the body (layout text) become block quotes; paragraph first lines, centred titles, labels, captions and numbered lists are left."
    public static let phase = StagePhase.structure

    /// Text whose typical line is longer than this is long-line text with no layout to read
    /// (reflow's default `longLineLength`).
    static let longLineLength = 300

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        guard configuration.families.includes(document.source.family) else { return }
        let stream = document.body
        let ranges = stream.lineRanges
        let lines = ranges.map { ReflowLine(range: $0, bytes: stream.bytes) }
        let profile = LineProfile(lines)
        guard profile.printedLength > 0, profile.typicalLength <= Self.longLineLength else { return }
        let layout = QuoteLayout(
            lines: lines, profile: profile, bytes: stream.bytes, starts: BlockStartLines(stream, lines: ranges),
            minimumExtraIndent: configuration.minimumExtraIndent)
        var edits: [TextEdit] = []
        for run in layout.runs() {
            switch layout.judge(run, minimumLines: configuration.minimumLines) {
            case .quote(let quote):
                edits.append(TextEdit(
                    range: lines[quote.lowerBound].content.lowerBound..<lines[quote.lowerBound].content.lowerBound,
                    reason: "block quote starts", marks: [.blockStart(.blockquote)]))
                if let next = layout.lineAfter(quote) {
                    let offset = lines[next].content.lowerBound
                    edits.append(TextEdit(range: offset..<offset, reason: "block quote ends", marks: [.blockStart(.paragraph)]))
                }
            case .list:
                document.log.warn(
                    stage: Self.id, sourceOffset: stream.sourceOffset(at: lines[run.lowerBound].content.lowerBound),
                    "an indented run of lines reads as a numbered list and was not taken as a block quote")
            case .none:
                break
            }
        }
        document.body.apply(edits, stage: Self.id, log: &document.log)
    }
}

/// Which lines hold a block start that an earlier structure stage put there: such a line
/// belongs to that structure (a heading, an opinion's first words) and is never quoted.
struct BlockStartLines {
    /// Lines with a block start other than `.paragraph` anywhere in them.
    private(set) var holdsStart: [Bool] = []
    /// Lines with any block start before their first word.
    private(set) var beginsBlock: [Bool] = []

    init(_ stream: TextStream, lines ranges: [Range<Int>]) {
        var markIndex = 0
        let marks = stream.marks
        for range in ranges {
            var holds = false, begins = false
            let first = trimmed(range, in: stream.bytes).lowerBound
            while markIndex < marks.count && marks[markIndex].offset < range.lowerBound { markIndex += 1 }
            var index = markIndex
            while index < marks.count && marks[index].offset <= range.upperBound {
                if case .blockStart(let start) = marks[index].kind {
                    if start != .paragraph { holds = true }
                    if marks[index].offset <= first { begins = true }
                }
                index += 1
            }
            holdsStart.append(holds)
            beginsBlock.append(begins)
        }
    }
}

/// The indentation of a layout text and the runs of deeper-indented lines in it, and whether a
/// run reads as a quotation.
struct QuoteLayout {
    enum Verdict: Equatable {
        /// The lines of the quote (the run, perhaps without a paragraph's first line at its end).
        case quote(ClosedRange<Int>)
        case list
        case none
    }

    let lines: [ReflowLine]
    let profile: LineProfile
    let bytes: [UInt8]
    let starts: BlockStartLines
    let minimumExtraIndent: Int

    /// Where the body's text ends on the right: the usual indentation plus a full line.
    private var rightMargin: Int { profile.baseIndent + profile.printedLength }

    /// The runs of candidate lines (blank lines inside a run belong to it), after the caption.
    func runs() -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        var index = firstBodyLine() ?? lines.count
        while index < lines.count {
            guard isCandidate(index) else { index += 1; continue }
            var last = index
            var next = index + 1
            while next < lines.count && (lines[next].isBlank || isCandidate(next)) {
                if !lines[next].isBlank { last = next }
                next += 1
            }
            runs.append(index...last)
            index = last + 1
        }
        return runs
    }

    /// The first line of the first three full body lines in a row: what comes before is the
    /// caption, whose centred lines are not quotes.
    private func firstBodyLine() -> Int? {
        var streak = 0
        for (index, line) in lines.enumerated() {
            let isBody = !line.isBlank && abs(line.indent - profile.baseIndent) <= 1 && line.length * 2 >= profile.printedLength
            streak = isBody ? streak + 1 : 0
            if streak == 3 { return index - 2 }
        }
        return nil
    }

    private func isCandidate(_ index: Int) -> Bool {
        let line = lines[index]
        return !line.isBlank && line.indent >= profile.baseIndent + minimumExtraIndent && !line.isLabelOnly
            && !isSectionBreak(line) && !starts.holdsStart[index]
    }

    /// `* * *` or `***`: a section break, not text.
    private func isSectionBreak(_ line: ReflowLine) -> Bool {
        bytes[line.content].allSatisfy { $0 == UInt8(ascii: "*") || $0 == 0x20 }
    }

    func judge(_ run: ClosedRange<Int>, minimumLines: Int) -> Verdict {
        let run = run.lowerBound...endWithoutParagraphStart(run)
        let indices = run.filter { !lines[$0].isBlank }
        guard indices.count >= max(1, minimumLines) else { return .none }
        let margin = indices.map { lines[$0].indent }.min()!
        guard indices.contains(where: { lines[$0].length * 2 >= profile.printedLength }) else { return .none }
        // Columns of a table are set apart by wide gaps; prose is not.
        guard indices.filter({ hasColumnGap(lines[$0]) }).count * 2 < indices.count else { return .none }
        // A page printed further right reaches past the body's margin by its whole shift; a
        // quote indented on the left only stays within about half of its indentation. Joined
        // lines cannot tell.
        let tolerance = max(2, (margin - profile.baseIndent) / 2)
        let reachesPast = indices.contains {
            !profile.isJoined(lines[$0]) && lines[$0].indent + lines[$0].length > rightMargin + tolerance
        }
        guard !reachesPast else { return .none }
        for (position, index) in indices.enumerated() where lines[index].indent > margin + 1 {
            let startsParagraph = position == 0 || lines[index - 1].isBlank || lines[indices[position - 1]].endsSentence
            guard startsParagraph else { return .none }
        }
        let aligned = indices.filter { lines[$0].indent <= margin + 1 }
        let labelled = indices.filter { startsWithLabel(lines[$0]) }
        if labelled.count >= 2 && aligned.allSatisfy({ startsWithLabel(lines[$0]) }) { return .list }
        return .quote(run)
    }

    /// The run's end once a paragraph's first line at its end is left out: an indented line that
    /// wraps into a body line right below it, after a line that ends a sentence (the quote's end).
    private func endWithoutParagraphStart(_ run: ClosedRange<Int>) -> Int {
        let last = run.upperBound
        guard last + 1 < lines.count, last > run.lowerBound else { return last }
        let line = lines[last], next = lines[last + 1]
        let before = lines[last - 1]
        let nextIsBody = !next.isBlank && next.indent < profile.baseIndent + minimumExtraIndent
        if nextIsBody && !line.endsSentence && (before.isBlank || before.endsSentence) {
            // The run's last line before it (a run starts with a non-blank line).
            var end = last - 1
            while lines[end].isBlank { end -= 1 }
            return end
        }
        return last
    }

    /// The first non-blank line after `run`, unless it already begins a block of its own.
    func lineAfter(_ run: ClosedRange<Int>) -> Int? {
        var index = run.upperBound + 1
        while index < lines.count && lines[index].isBlank { index += 1 }
        guard index < lines.count, !starts.beginsBlock[index] else { return nil }
        return index
    }

    /// Three spaces or more between two words.
    private func hasColumnGap(_ line: ReflowLine) -> Bool {
        var spaces = 0
        for byte in bytes[line.content] {
            spaces = byte == 0x20 ? spaces + 1 : 0
            if spaces == 3 { return true }
        }
        return false
    }

    /// A list item's label (`1.`, `(a)`, `(iv)`, `A.`) or a bullet, then a space.
    private func startsWithLabel(_ line: ReflowLine) -> Bool {
        var end = line.content.lowerBound
        while end < line.content.upperBound && bytes[end] != 0x20 { end += 1 }
        guard end < line.content.upperBound else { return false }
        let token = String(decoding: bytes[line.content.lowerBound..<end], as: UTF8.self)
        return token == "•" || ReflowLine.isLabel(token) || Self.isLowercaseLabel(token)
    }

    /// `a.`, `b.`: a lowercase letter label, which `ReflowLine.isLabel` leaves to initials.
    private static func isLowercaseLabel(_ token: String) -> Bool {
        let utf8 = Array(token.utf8)
        return utf8.count == 2 && isLowercaseASCII(utf8[0]) && utf8[1] == UInt8(ascii: ".")
    }
}
