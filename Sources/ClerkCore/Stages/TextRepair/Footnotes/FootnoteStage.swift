/// Footnotes leave the body and become notes of their own; their markers in the body become
/// footnote references. Three shapes, found by evidence, never by position alone:
/// - at page bottoms (layout text): the last lines of a page, starting with a line `N Text`
///   (the label maybe set apart by several spaces, or alone on its line above the indented
///   text) whose number is the next expected footnote and whose marker appears earlier in the body;
///   footnote lines set in smaller type are wider than body lines, which also finds a footnote
///   continued at the bottom of the next page (its lines come before that page's new notes);
/// - inline at page ends (flattened text): ` N Text …` just before a page break;
/// - gathered at the end (reporter scans): trailing lines `N Text`, or a line whose label OCR
///   lost (`. When the …`), matched to a marker in the body, with a warning.
/// Markers: `N` after sentence punctuation or a closing quote (`actions.1`, `shooting. 1`,
/// `now!” 2 The officer`), glued to a word (`the CPA2 auditor`, web text's `proof5that`) or in
/// brackets glued to it (`price[2]`), after a title on its own line (`Opinion and Order 1`),
/// glued to the next sentence in flattened text (`7While`), or raised onto a line of its own.
/// The rule drawn over a page's notes leaves with them. Numbering
/// restarts at 1 where a later opinion starts its own notes. Pages are the spans between page
/// break marks, so this stage runs after `furniture` and `starPages`.
public struct FootnoteStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let wideLineRatio = Parameter.number("wideLineRatio", 1.0...1.5, default: 1.04,
            "A line longer than this share of the body's full line width is set in footnote type (layout text).")
        public static let maximumShareOfPage = Parameter.number("maximumShareOfPage", 0.1...0.95, default: 0.7,
            "Footnotes may fill at most this share of a page (of a printed page's length at most, where page breaks were missed); a candidate that would take more is body text.")
        public static let endNotes = Parameter.boolean("endNotes", default: true,
            "Look for notes gathered at the end of the text (reporter scans).")
        public var wideLineRatio: Double
        public var maximumShareOfPage: Double
        public var endNotes: Bool

        public init(_ values: StageParameterValues) {
            wideLineRatio = values[Self.wideLineRatio]
            maximumShareOfPage = values[Self.maximumShareOfPage]
            endNotes = values[Self.endNotes]
        }
    }

    public static let id = "footnotes"
    public static let summary =
        "Moves footnotes (page bottoms, inline at page ends, or gathered at the end) out of the body into notes, rejoins notes continued on the next page, and turns their markers into footnote references."
    public static let phase = StagePhase.text
    public static let finds: SourceStructure = [.footnotes]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        var finder = FootnoteFinder(stream: document.body, family: document.source.family, configuration: configuration)
        finder.findPageNotes()
        if configuration.endNotes { finder.findEndNotes() }
        guard !finder.notes.isEmpty else { return }
        var edits: [TextEdit] = []
        for note in finder.notes {
            edits.append(contentsOf: note.markerEdits)
            for (index, region) in note.regions.enumerated() {
                // The label (gone: the note keeps it as its label), the text (moved), what follows it.
                let text = note.textRanges[index].clamped(to: region)
                if region.lowerBound < text.lowerBound {
                    edits.append(TextEdit(
                        range: region.lowerBound..<text.lowerBound, replacement: "",
                        reason: "label of footnote \(note.label) (kept as the note's label)"))
                }
                edits.append(TextEdit(
                    range: text, replacement: "",
                    reason: index == 0 ? "footnote \(note.label) moved from the body to the notes"
                        : "continuation of footnote \(note.label) moved from the body to the notes"))
                if text.upperBound < region.upperBound {
                    edits.append(TextEdit(range: text.upperBound..<region.upperBound, replacement: "", reason: "after footnote \(note.label)"))
                }
            }
        }
        for rule in finder.separators {
            edits.append(TextEdit(range: rule, replacement: "", reason: "the rule that sets a page's footnotes off from its text"))
        }
        for warning in finder.warnings { document.log.warn(stage: Self.id, sourceOffset: document.body.sourceOffset(at: warning.offset), warning.message) }
        var notes: [NoteText] = []
        for note in finder.notes {
            var text = TextStream()
            for (index, range) in note.textRanges.enumerated() {
                if index > 0 && text.bytes.last != 0x0A { text.append([0x0A], source: document.body.sourceOffset(at: range.lowerBound)) }
                text.append(contentsOf: document.body.substream(range))
            }
            notes.append(NoteText(label: note.label, text: text))
        }
        document.body.apply(edits, stage: Self.id, log: &document.log)
        document.notes.append(contentsOf: notes)
    }
}

/// A footnote found in the body: where its marker is, where its text is.
struct FoundNote {
    var label: String
    /// The text of the note, without its label; more than one range when it continues on later pages.
    var textRanges: [Range<Int>]
    /// What is removed from the body: the label and the text, with the line breaks around them.
    var regions: [Range<Int>]
    var markerEdits: [TextEdit]
    var endsSentence: Bool
    var continuationWarned = false
}

/// The search for footnotes over one stream, page by page.
struct FootnoteFinder {
    let bytes: [UInt8]
    let configuration: FootnoteStage.Configuration
    private let lines: [Range<Int>]
    private let pageBounds: [Int]
    /// The median length of a page, where the text has pages enough to tell.
    private let usualPageLength: Int
    /// The width (in characters) of a full body line.
    private let bodyWidth: Int
    /// Flattened text: notes sit inline at page ends rather than on lines of their own.
    private let isLongLineText: Bool
    private(set) var notes: [FoundNote] = []
    private(set) var warnings: [(offset: Int, message: String)] = []
    /// Rules drawn above a page's notes (`________`), with the blank lines after them.
    private(set) var separators: [Range<Int>] = []
    private var expected = 1
    private var markerSearchFrom = 0
    /// Bytes already given to a note.
    private var consumedUpTo = 0
    /// The document's word pairs, counted when a flattened continuation needs them.
    private var bigrams: WordBigrams?
    /// For each label, where the last search for its marker ended without finding one: the
    /// search goes on from there instead of reading the same text again.
    private var markerSearchedTo: [String: Int] = [:]

    /// More bytes than a printed page holds (one holds about 3,000 to 5,000). A "page" longer
    /// than this is several whose breaks were missed, and its share would let one footnote
    /// take the rest of the document.
    static let longestPage = 8_000

    init(stream: TextStream, family: SourceFamily, configuration: FootnoteStage.Configuration) {
        bytes = stream.bytes
        self.configuration = configuration
        let (lines, lengths) = Self.lines(stream.bytes)
        self.lines = lines
        var bounds = [0]
        for mark in stream.marks {
            if case .pageBreak = mark.kind, mark.offset > bounds.last! { bounds.append(mark.offset) }
        }
        if bounds.last! < stream.count { bounds.append(stream.count) }
        pageBounds = bounds
        let pageLengths = zip(bounds, bounds.dropFirst()).map { $0.1 - $0.0 }.sorted()
        usualPageLength = pageLengths.count < 3 ? 0 : pageLengths[pageLengths.count / 2]
        bodyWidth = lengths.isEmpty ? 0 : lengths.element(at: lengths.count * 4 / 5)
        let median = lengths.isEmpty ? 0 : lengths.element(at: lengths.count / 2)
        isLongLineText = family.linesAreRunningText ?? (median > 200)
    }

    /// The lines of `bytes` (as `TextStream.lineRanges`), and the length in scalars of each
    /// nonblank one without the spaces and tabs at its ends.
    private static func lines(_ bytes: [UInt8]) -> ([Range<Int>], LengthCounts) {
        bytes.withUnsafeBufferPointer { buffer in
            var lines: [Range<Int>] = []
            lines.reserveCapacity(buffer.count / 64)
            var lengths = LengthCounts()
            var start = 0
            while start < buffer.count {
                let end = ByteSearch.next(0x0A, in: buffer, from: start)
                lines.append(start..<end)
                var first = start, last = end
                while first < last && (buffer[first] == 0x20 || buffer[first] == 0x09) { first += 1 }
                while last > first && (buffer[last - 1] == 0x20 || buffer[last - 1] == 0x09) { last -= 1 }
                if first < last { lengths.add(UTF8Scalars.count(in: UnsafeBufferPointer(rebasing: buffer[first..<last]))) }
                start = end + 1
            }
            return (lines, lengths)
        }
    }

    /// The most bytes the notes of `page` may take: `maximumShareOfPage` of it, and of a printed
    /// page at most. A page shorter than the document's usual page (notes crowd out its body
    /// lines, or a section ends on it) is measured as a usual one.
    private func notesLimit(_ page: Range<Int>) -> Double {
        Double(min(max(page.count, usualPageLength), Self.longestPage)) * configuration.maximumShareOfPage
    }

    private static let abbreviationsBeforeNumbers: Set<String> = [
        "No.", "Nos.", "no.", "p.", "pp.", "n.", "nn.", "art.", "Art.", "ch.", "cl.", "R.", "P.", "Pt.", "Vol.", "vol.",
        "Ex.", "ex.", "Tr.", "Doc.", "Dkt.", "op.", "v.", "§", "§§", "¶", "¶¶",
    ]

    // MARK: Notes at page bottoms and page ends

    mutating func findPageNotes() {
        var lineIndex = 0
        for page in zip(pageBounds, pageBounds.dropFirst()).map({ $0.0..<$0.1 }) where page.count > 0 {
            // Lines and pages are both in order: walk them together.
            while lineIndex < lines.count && lines[lineIndex].lowerBound < page.lowerBound { lineIndex += 1 }
            var pageLines: [Range<Int>] = []
            while lineIndex < lines.count && lines[lineIndex].upperBound <= page.upperBound {
                pageLines.append(lines[lineIndex])
                lineIndex += 1
            }
            let starts = isLongLineText ? inlineNoteStarts(in: page) : lineNoteStarts(in: page, lines: pageLines)
            let notesEnd = trailingBlankStart(of: page)
            // A note left unfinished on the previous page may continue here, before the new notes.
            if isLongLineText, let last = notes.indices.last, !notes[last].endsSentence, !notes[last].continuationWarned {
                notes[last].continuationWarned = true
                let before = starts.first?.region.lowerBound ?? notesEnd
                if let cut = flatContinuationStart(before: before, page: page, note: notes[last]) {
                    let text = cut..<before
                    notes[last].textRanges.append(text)
                    notes[last].regions.append((cut - 1)..<before)
                    notes[last].endsSentence = endsSentence(text)
                    markerSearchFrom = max(markerSearchFrom, before)
                } else {
                    warnings.append((page.lowerBound, "footnote \(notes[last].label) ends mid-sentence; where its continuation starts on this page could not be told apart from the body, so it stays there"))
                }
            }
            var notesStart = starts.first?.region.lowerBound
            if !isLongLineText, let last = notes.indices.last, !notes[last].endsSentence {
                let before = starts.first?.region.lowerBound ?? notesEnd
                if let continuation = wideBlock(endingAt: before, lines: pageLines, page: page) {
                    notes[last].textRanges.append(continuation)
                    notes[last].regions.append(continuation)
                    notes[last].endsSentence = endsSentence(continuation)
                    notesStart = continuation.lowerBound
                }
            }
            if !isLongLineText, let notesStart, let rule = ruleLine(before: notesStart, page: page) { separators.append(rule) }
            for (index, start) in starts.enumerated() {
                let end = index + 1 < starts.count ? starts[index + 1].region.lowerBound : notesEnd
                let text = start.textStart..<max(start.textStart, end)
                notes.append(FoundNote(
                    label: start.label, textRanges: [text], regions: [start.region.lowerBound..<end],
                    markerEdits: start.markerEdits, endsSentence: endsSentence(text)))
                consumedUpTo = end
                // A later marker lies after the notes taken so far (a glued label is no marker).
                markerSearchFrom = max(markerSearchFrom, end)
            }
        }
    }

    /// The rule over the page's notes: the last line with text before `start`, if it is only a
    /// rule (at least eight of `_`, `-`, `—`, `–`, `=`, spaced or not), to `start`.
    private func ruleLine(before start: Int, page: Range<Int>) -> Range<Int>? {
        var lineEnd = start
        while lineEnd > page.lowerBound {
            var lineStart = lineEnd - 1
            while lineStart > page.lowerBound && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
            let marks = line.unicodeScalars.filter { !$0.properties.isWhitespace }
            if marks.isEmpty {
                lineEnd = lineStart
                continue
            }
            guard marks.count >= 8, marks.allSatisfy({ "_-—–=".unicodeScalars.contains($0) }) else { return nil }
            return lineStart..<start
        }
        return nil
    }

    private struct NoteStart {
        var label: String
        var region: Range<Int>
        var textStart: Int
        var markerEdits: [TextEdit]
    }

    /// Layout text: lines of the page that start with the next expected label, after their marker.
    private mutating func lineNoteStarts(in page: Range<Int>, lines pageLines: [Range<Int>]) -> [NoteStart] {
        var starts: [NoteStart] = []
        for (position, line) in pageLines.enumerated() {
            let content = trimmed(line, in: bytes)
            guard let (label, textStart) = labelAtStart(of: content) ?? labelAlone(content, line: line, before: pageLines[(position + 1)...]),
                  acceptsLabel(label) else { continue }
            guard starts.isEmpty || label != starts.last!.label else { continue }
            // The notes from here to the page end must look like notes: not most of the page.
            if starts.isEmpty {
                guard Double(page.upperBound - line.lowerBound) <= notesLimit(page) else { continue }
            }
            let searchEnd = starts.first?.region.lowerBound ?? line.lowerBound
            guard let markerEdits = marker(label, from: markerSearchFrom, to: searchEnd) else { continue }
            starts.append(NoteStart(label: label, region: line.lowerBound..<line.lowerBound, textStart: textStart, markerEdits: markerEdits))
            advance(past: label)
        }
        return starts
    }

    /// Flattened text: ` N Text` inside the last part of the page, after the marker of N.
    private mutating func inlineNoteStarts(in page: Range<Int>) -> [NoteStart] {
        var starts: [NoteStart] = []
        let earliest = page.upperBound - Int(notesLimit(page))
        var index = max(page.lowerBound, earliest, consumedUpTo)
        var expectedLabel = String(expected)
        while index < page.upperBound {
            // Labels are numbers: only digits need a look.
            index = bytes.withUnsafeBufferPointer { ByteSearch.nextDigit(in: UnsafeBufferPointer(rebasing: $0[..<page.upperBound]), from: index) }
            guard index < page.upperBound else { break }
            // The next number, or 1 where a later opinion restarts its notes.
            // After a space, or at a line's start where web text gave each note a line.
            guard index > page.lowerBound, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x0A,
                  let label = matches(expectedLabel.utf8, at: index) ? expectedLabel
                    : expected > 1 && starts.isEmpty && matches("1".utf8, at: index) ? "1" : nil,
                  case let length = label.utf8.count, index + length + 1 < page.upperBound,
                  case let textStart = bytes[index + length] == 0x20 ? index + length + 1 : index + length,
                  textStart > index + length ? startsNoteText(at: textStart) : startsGluedWord(at: textStart) else {
                index += 1
                continue
            }
            let searchEnd = starts.first?.region.lowerBound ?? index
            if let markerEdits = marker(label, from: markerSearchFrom, to: searchEnd) {
                starts.append(NoteStart(
                    label: label, region: (index - 1)..<(index - 1), textStart: textStart, markerEdits: markerEdits))
                advance(past: label)
                expectedLabel = String(expected)
            }
            index += length + 1
        }
        return starts
    }

    private mutating func advance(past label: String) {
        if let number = Int(label) { expected = number + 1 }
    }

    /// The next expected number, or 1 again (a later opinion restarting its notes), or a
    /// symbol label (`*`, `**`), which has no sequence: its marker alone is the evidence.
    /// The first note of a text may be numbered 2: its number 1 went to a note set apart (a
    /// starred notice printed as the first note, or a note of a part left unpublished).
    private func acceptsLabel(_ label: String) -> Bool {
        label == String(expected) || (label == "1" && expected > 1) || label.utf8.allSatisfy { $0 == 0x2A }
            || (label == "2" && expected == 1 && notes.isEmpty)
    }

    /// Flattened text gives a continued note no mark of its own: it sits between the page's body
    /// and the page break. The cut is where both joins read naturally in the document's own
    /// language: the note's last word followed by the continuation's first, and the body's last
    /// word before the cut followed by the next page's first word, each scored by its lift over
    /// the second word's own frequency. One cut must win by three times the next best.
    private mutating func flatContinuationStart(before end: Int, page: Range<Int>, note: FoundNote) -> Int? {
        guard let noteEnd = note.textRanges.last?.upperBound,
              let noteWordRange = WordBigrams.word(in: bytes, before: noteEnd),
              let nextPageWordRange = WordBigrams.word(in: bytes, from: page.upperBound) else { return nil }
        if bigrams == nil { bigrams = WordBigrams(bytes) }
        guard let bigrams else { return nil }
        let noteWord = bigrams.word(bytes, noteWordRange), nextPageWord = bigrams.word(bytes, nextPageWordRange)
        let earliest = max(page.lowerBound, consumedUpTo, end - Int(notesLimit(page)))
        var best: (score: Double, cut: Int)?
        var runnerUp = 0.0
        // The next word from the last candidate, reused while no word starts before it.
        var next: (from: Int, word: Range<Int>?)?
        var index = earliest
        while index < end {
            defer { index += 1 }
            // After a space, or at a line's start where web text gave each note a line.
            guard index > page.lowerBound, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x0A, bytes[index] != 0x20 else { continue }
            if next == nil || index > (next!.word?.lowerBound ?? Int.max) {
                next = (index, WordBigrams.word(in: bytes, from: index))
            }
            guard let firstRange = next?.word,
                  let bodyWordRange = WordBigrams.word(in: bytes, before: index - 1) else { continue }
            let first = bigrams.word(bytes, firstRange), bodyWord = bigrams.word(bytes, bodyWordRange)
            let score = bigrams.lift(of: first, after: noteWord) * bigrams.lift(of: nextPageWord, after: bodyWord)
            if score > (best?.score ?? 0) {
                runnerUp = best?.score ?? 0
                best = (score, index)
            } else if score > runnerUp {
                runnerUp = score
            }
        }
        guard let best, best.score > 0, best.score >= 3 * runnerUp else { return nil }
        return best.cut
    }

    // MARK: Notes gathered at the end

    mutating func findEndNotes() {
        // Trailing lines of the text after what page notes took: `N Text`, or a lost label `. Text`.
        var index = lines.count - 1
        var found: [(line: Range<Int>, label: String?, textStart: Int)] = []
        while index >= 0, lines[index].lowerBound >= consumedUpTo {
            let content = trimmed(lines[index], in: bytes)
            if content.isEmpty { index -= 1; continue }
            if let (label, textStart) = labelAtStart(of: content) {
                found.append((lines[index], label, textStart))
            } else if content.count > 2, bytes[content.lowerBound] == 0x2E, bytes[content.lowerBound + 1] == 0x20,
                      startsNoteText(at: content.lowerBound + 2) {
                found.append((lines[index], nil, content.lowerBound + 2))
            } else {
                break
            }
            index -= 1
        }
        for entry in found.reversed() {
            let label = entry.label ?? String(expected)
            guard acceptsLabel(label), let markerEdits = marker(label, from: markerSearchFrom, to: entry.line.lowerBound) else { continue }
            if entry.label == nil {
                warnings.append((entry.line.lowerBound, "a note at the end has lost its label; taken as footnote \(label), whose marker is in the text"))
            }
            let end = entry.line.upperBound < bytes.count ? entry.line.upperBound + 1 : entry.line.upperBound
            notes.append(FoundNote(
                label: label, textRanges: [entry.textStart..<entry.line.upperBound], regions: [entry.line.lowerBound..<end],
                markerEdits: markerEdits, endsSentence: true))
            advance(past: label)
        }
    }

    // MARK: Markers

    /// The edits that turn marker `label` into a footnote reference: the first marker in
    /// `start..<end`. `start` never falls from call to call (it is `markerSearchFrom`), so text
    /// searched in vain for a label is not searched again.
    private mutating func marker(_ label: String, from start: Int, to end: Int) -> [TextEdit]? {
        guard start < end else { return nil }
        let digits = Array(label.utf8)
        var index = max(start, (markerSearchedTo[label] ?? 0) - digits.count + 1)
        let found: (index: Int, edits: [TextEdit])? = bytes.withUnsafeBufferPointer { buffer in
            // Candidates start with the label's first byte: found eight bytes at a time.
            let last = min(end - digits.count + 1, buffer.count)
            guard index < last else { return nil }
            let searched = UnsafeBufferPointer(rebasing: buffer[..<last])
            index = ByteSearch.next(digits[0], in: searched, from: index)
            while index < last {
                if matches(digits, at: index), let edits = markerEdits(digits, at: index, label: label) { return (index, edits) }
                index = ByteSearch.next(digits[0], in: searched, from: index + 1)
            }
            return nil
        }
        if let found {
            markerSearchFrom = found.index + digits.count
            return found.edits
        }
        markerSearchedTo[label] = max(markerSearchedTo[label] ?? 0, end)
        return nil
    }

    private func markerEdits(_ digits: [UInt8], at index: Int, label: String) -> [TextEdit]? {
        let end = index + digits.count
        guard index > 0, end <= bytes.count else { return nil }
        if end < bytes.count && isDigit(bytes[end]) { return nil }
        if isDigit(bytes[index - 1]) { return nil }
        let reference = TextMark.Kind.footnoteRef(label: label)
        let after: UInt8 = end < bytes.count ? bytes[end] : 0x0A
        let reason = "footnote marker \(label) became a footnote reference"
        // Glued to the next sentence in flattened text: ` 7While`.
        if bytes[index - 1] == 0x20, isUppercaseASCII(after), end + 1 < bytes.count, isLowercaseASCII(bytes[end + 1]) {
            let space = index - 1
            return [TextEdit(range: space..<space, reason: reason, marks: [reference]),
                    TextEdit(range: index..<end, replacement: "", reason: reason)]
        }
        // Raised above the line, pdftotext may give the marker a line of its own between two
        // lines of the body: the line and its break go, the reference stays after the word.
        if after == 0x0A, let lineBreak = lineBreakBefore(onlySpacesFrom: index - 1) {
            guard lineBreak > 0, bytes[lineBreak - 1] != 0x0A,
                  let place = raisedMarkerPlace(column: index - lineBreak - 1, nextLine: end + 1)
                    ?? endOfLine(endingAt: lineBreak, atColumn: index - lineBreak - 1) else { return nil }
            return [TextEdit(range: lineBreak..<end, replacement: "", reason: reason),
                    TextEdit(range: place..<place, reason: reason, marks: [reference])]
        }
        // In brackets glued to the word before it (`the price[2] and`), as some extraction
        // renders a raised marker: the brackets go with it.
        if index >= 2, bytes[index - 1] == UInt8(ascii: "["), after == UInt8(ascii: "]"), isLetterASCII(bytes[index - 2]) {
            return [TextEdit(range: (index - 1)..<(end + 1), replacement: "", reason: reason, marks: [reference])]
        }
        // After a title on a line of its own (`Opinion and Order 1`, `OPINION 1`): the note
        // on the title itself.
        if after == 0x0A, bytes[index - 1] == 0x20, isTitleLine(endingAt: index - 1) {
            return [TextEdit(range: (index - 1)..<end, replacement: "", reason: reason, marks: [reference])]
        }
        // Glued between a closing bracket or quote and the next word (web text: `(b)3of`).
        if isLowercaseASCII(after), [0x29, 0x5D].contains(bytes[index - 1]) || endsWithClosingQuote(at: index) {
            return [TextEdit(range: index..<end, replacement: " ", reason: reason, marks: [reference])]
        }
        // Glued to the end of a word of letters only (`the CPA2 auditor`), in web text even to
        // the next word (`proof5that`): a word of one letter or with digits is a code (`W2`,
        // `F3`), not a word with a marker.
        if isLetterASCII(bytes[index - 1]) {
            guard after == 0x20 || after == 0x0A || isLowercaseASCII(after), endsWordOfLetters(at: index) else { return nil }
            return [TextEdit(range: index..<end, replacement: isLowercaseASCII(after) ? " " : "", reason: reason, marks: [reference])]
        }
        guard after == 0x20 || after == 0x0A || isUppercaseASCII(after) else { return nil }
        // After sentence punctuation or a closing quote, with at most one space between.
        var before = index - 1
        let spaced = bytes[before] == 0x20
        if spaced { before -= 1 }
        guard before >= 0 else { return nil }
        let start = UTF8Scalars.start(before: before + 1, in: bytes)
        let scalar = UTF8Scalars.scalar(in: bytes, at: start).scalar
        guard [".", ",", ";", ":", "!", "?", "\u{201D}", "\u{2019}", "\"", ")", "]", "\u{2014}"].contains(scalar) else { return nil }
        if precedingWordIsAbbreviation(endingAt: before + 1) { return nil }
        let removal = spaced ? (index - 1)..<end : index..<end
        return [TextEdit(range: removal, replacement: "", reason: reason, marks: [reference])]
    }

    /// Whether the line up to `end` is a title: one to six words of letters, capitalized but
    /// for joining words (`Opinion and Order`), the last not a word that numbers a part
    /// (`Count 1`, `Part 1` are headings).
    private func isTitleLine(endingAt end: Int) -> Bool {
        var start = end
        while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
        let words = String(decoding: bytes[start..<end], as: UTF8.self).split(separator: " ")
        guard (1...6).contains(words.count), let last = words.last, !Self.numberingWords.contains(last.lowercased()) else { return false }
        return words.first?.first?.isUppercase == true && words.allSatisfy { word in
            (word.first.map { $0.isUppercase } == true || Self.titleJoiners.contains(String(word)))
                && word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "&" }
        }
    }

    private static let titleJoiners: Set<String> = ["and", "of", "on", "the", "for", "in", "to"]

    private static let numberingWords: Set<String> = [
        "count", "part", "section", "article", "chapter", "claim", "issue", "exhibit", "ground", "point", "step", "phase",
        "schedule", "appendix", "title", "rule", "division", "volume", "book", "case", "no", "number", "table", "figure",
    ]

    /// pdftotext sets a raised marker on a line of its own, at the column where it follows its
    /// word in the line below: where that line has sentence punctuation or a closing quote
    /// just before the column (one column either way) and a space or the line's end at it, the
    /// reference goes there. A centred heading number has a word under it instead.
    private func raisedMarkerPlace(column: Int, nextLine: Int) -> Int? {
        guard nextLine < bytes.count, bytes[nextLine] != 0x0A else { return nil }
        var index = nextLine, scalars = 0
        while index < bytes.count && bytes[index] != 0x0A && scalars < column + 1 {
            if scalars >= column - 1, isMarkerPlace(index) { return index }
            index += UTF8Scalars.scalar(in: bytes, at: index).length
            scalars += 1
        }
        return index < bytes.count && scalars >= column - 1 && scalars <= column + 1 && isMarkerPlace(index) ? index : nil
    }

    /// A marker raised past the end of a short next line belongs to the line above when that
    /// line ends where the marker stands (one column either way): the end of that line.
    private func endOfLine(endingAt lineEnd: Int, atColumn column: Int) -> Int? {
        var lineStart = lineEnd
        while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var end = lineEnd
        while end > lineStart && bytes[end - 1] == 0x20 { end -= 1 }
        guard end > lineStart else { return nil }
        let length = bytes[lineStart..<end].withUnsafeBufferPointer { ByteLines.scalarCount($0) }
        return abs(length - column) <= 1 ? end : nil
    }

    /// A space or a line's end right after sentence punctuation or a closing quote.
    private func isMarkerPlace(_ index: Int) -> Bool {
        guard index > 0, index >= bytes.count || bytes[index] == 0x20 || bytes[index] == 0x0A else { return false }
        let scalar = UTF8Scalars.scalar(in: bytes, at: UTF8Scalars.start(before: index, in: bytes)).scalar
        return [".", ",", ";", ":", "!", "?", "\u{201D}", "\u{2019}", "\"", ")", "]"].contains(scalar)
    }

    /// Whether two or more letters, and nothing else, run back from `index` to a space or a line's start.
    private func endsWordOfLetters(at index: Int) -> Bool {
        var start = index
        while start > 0 && isLetterASCII(bytes[start - 1]) { start -= 1 }
        return index - start >= 2 && (start == 0 || bytes[start - 1] == 0x20 || bytes[start - 1] == 0x0A)
    }

    /// The line break before `index` when only spaces lie between them.
    private func lineBreakBefore(onlySpacesFrom index: Int) -> Int? {
        var index = index
        while index >= 0 && bytes[index] == 0x20 { index -= 1 }
        return index >= 0 && bytes[index] == 0x0A ? index : nil
    }

    /// Whether a closing quote (`”` `’`) ends just before `index`.
    private func endsWithClosingQuote(at index: Int) -> Bool {
        index >= 3 && bytes[index - 3] == 0xE2 && bytes[index - 2] == 0x80 && (bytes[index - 1] == 0x9D || bytes[index - 1] == 0x99)
    }

    private func precedingWordIsAbbreviation(endingAt end: Int) -> Bool {
        // A word longer than every abbreviation is none: no need to read back to its start.
        let longest = 8
        var start = end
        while start > 0 && end - start <= longest && bytes[start - 1] != 0x20 && bytes[start - 1] != 0x0A { start -= 1 }
        guard end - start <= longest else { return false }
        return Self.abbreviationsBeforeNumbers.contains(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    // MARK: Small readers

    /// `N Text` or `* Text` at the start of a line's content: the label and where the text starts.
    private func labelAtStart(of content: Range<Int>) -> (String, Int)? {
        var index = content.lowerBound
        while index < content.upperBound && index - content.lowerBound < 3 && isDigit(bytes[index]) { index += 1 }
        if index == content.lowerBound {
            while index < content.upperBound && bytes[index] == 0x2A && index - content.lowerBound < 3 { index += 1 }
        }
        let labelEnd = index
        // One space after the label, or several where the page set it apart in a column of its
        // own (`2       All further …`), or none where the label is glued to a capitalised word
        // (`7While …`).
        while index < content.upperBound && bytes[index] == 0x20 && index - labelEnd < Self.widestLabelGap { index += 1 }
        guard labelEnd > content.lowerBound, index < content.upperBound,
              index > labelEnd ? startsNoteText(at: index) : startsGluedWord(at: index) else { return nil }
        return (String(decoding: bytes[content.lowerBound..<labelEnd], as: UTF8.self), index)
    }

    /// The most spaces between a note's label and its text on the same line.
    static let widestLabelGap = 10

    /// A label alone on its line (`2`, `*`), the note's text starting on the next line, which
    /// the page indents under it: where that text starts.
    /// A number centred over a paragraph is a heading: the label sits in the left third of the
    /// line, and the text under it starts no more than two columns to its left.
    private func labelAlone(_ content: Range<Int>, line: Range<Int>, before following: ArraySlice<Range<Int>>) -> (String, Int)? {
        guard !content.isEmpty, content.count <= 3,
              bytes[content].allSatisfy({ isDigit($0) }) || bytes[content].allSatisfy({ $0 == 0x2A }),
              let next = following.first else { return nil }
        let text = trimmed(next, in: bytes)
        let labelColumn = content.lowerBound - line.lowerBound
        guard !text.isEmpty, startsNoteText(at: text.lowerBound), labelColumn * 3 < bodyWidth,
              text.lowerBound - next.lowerBound + 2 >= labelColumn else { return nil }
        return (String(decoding: bytes[content], as: UTF8.self), text.lowerBound)
    }

    /// A capital letter followed by a lowercase one: a word glued to the number before it.
    private func startsGluedWord(at index: Int) -> Bool {
        index + 1 < bytes.count && isUppercaseASCII(bytes[index]) && isLowercaseASCII(bytes[index + 1])
    }

    /// Note text starts like a sentence: a capital letter or an opening quote.
    private func startsNoteText(at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let scalar = UTF8Scalars.scalar(in: bytes, at: index).scalar
        return scalar.properties.isUppercase || scalar == "\u{201C}" || scalar == "\""
    }

    /// The wide lines (footnote type) just before `end` on the page: a continued note.
    private func wideBlock(endingAt end: Int, lines pageLines: [Range<Int>], page: Range<Int>) -> Range<Int>? {
        let wide = Int(Double(bodyWidth) * configuration.wideLineRatio)
        let candidates = pageLines.filter { $0.upperBound <= end && !trimmed($0, in: bytes).isEmpty }
        var first: Range<Int>?
        for (position, line) in candidates.enumerated().reversed() {
            let length = BlockAssembler.scalarCount(bytes[trimmed(line, in: bytes)])
            // A short line belongs to the block where it ends a paragraph of the note: the block's
            // last line, or a line ending a sentence, under a wide line.
            let isLastOfBlock = position == candidates.count - 1
            let underWideLine = position > 0
                && BlockAssembler.scalarCount(bytes[trimmed(candidates[position - 1], in: bytes)]) > wide
            guard length > wide || (underWideLine && (isLastOfBlock || endsSentence(line))) else { break }
            if labelAtStart(of: trimmed(line, in: bytes)) != nil { break }
            first = line
        }
        guard let first else { return nil }
        let range = first.lowerBound..<min(end, page.upperBound)
        guard Double(range.count) <= notesLimit(page) else { return nil }
        return range
    }

    /// Where the blank lines and spaces that end `page` begin. Not before the page: pages with no
    /// text (lines of star pages only) may follow each other by the thousand.
    private func trailingBlankStart(of page: Range<Int>) -> Int {
        let end = page.upperBound
        var index = end
        while index > page.lowerBound && (bytes[index - 1] == 0x0A || bytes[index - 1] == 0x20) { index -= 1 }
        // Keep the line break that ends the last note line in the body's structure.
        return index < end && bytes[index] == 0x0A ? index + 1 : index
    }

    private func endsSentence(_ range: Range<Int>) -> Bool {
        var index = range.upperBound
        while index > range.lowerBound && (bytes[index - 1] == 0x0A || bytes[index - 1] == 0x20) { index -= 1 }
        guard index > range.lowerBound else { return true }
        let scalar = UTF8Scalars.scalar(in: bytes, at: UTF8Scalars.start(before: index, in: bytes)).scalar
        return [".", "?", "!", "\u{201D}", ")"].contains(scalar)
    }

    /// Whether the text holds `needle` (a label or its digits) at `index`.
    private func matches(_ needle: some Collection<UInt8>, at index: Int) -> Bool {
        ByteLines.has(needle, at: index, in: bytes)
    }
}

