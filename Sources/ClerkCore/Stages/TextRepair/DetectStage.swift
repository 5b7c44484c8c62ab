/// Decides the family of text that its reader left undecided (the text reader's output), from
/// evidence gathered in one pass over the bytes, and records it in `document.source.family` for
/// the stages after it. A family the reader set (HTML) is kept.
///
/// - Text whose bytes sit mostly in long lines (≥ 110 characters) is paragraph-per-line (scan) or
///   flattened (flat); text in short lines is layout.
/// - Long lines: a rising star pagination sequence (`*531 … *532`) says scan. Without it,
///   flattened text has lines that stop mid-sentence and word splits left inline (`be- lieving`),
///   while a paragraph-per-line scan ends its lines with sentence punctuation; lines in the
///   thousands of characters on average also say flat.
/// - Short lines: layout, unless they carry star pagination and no consistent indentation
///   (a hard-wrapped OCR scan). Star pagination in indented short lines (a printed reporter
///   service page) stays layout, with a warning.
/// Weak or conflicting evidence (a tiny file, a mixed line shape) is kept as a warning that
/// states the numbers.
public struct DetectStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let choices = ["auto"] + [SourceFamily.layout, .flat, .scan].map(\.rawValue)
        public static let family = Parameter.string("family", allowed: choices, default: "auto",
            "\"auto\" decides the family of text from its line shape (a family its reader set, such as html, is kept); any other value forces that family.")
        /// nil: decide from the text.
        public var forced: SourceFamily?

        public init(_ values: StageParameterValues) {
            forced = SourceFamily(rawValue: values[Self.family])
        }
    }

    public static let id = "detect"
    public static let summary = "Decides the family of plain text (layout, flat, scan) from star pagination and line shape."
    public static let phase = StagePhase.text

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        if let forced = configuration.forced {
            document.source.family = forced
            return
        }
        guard document.source.family == .unknown else { return }
        let evidence = FamilyEvidence(document.body.bytes)
        let verdict = evidence.verdict
        document.source.family = verdict.family
        if let doubt = verdict.doubt {
            // The markup is counted for the warning only: the reader has decided on it already.
            let summary = evidence.summary(markup: MarkupEvidence(document.body.bytes))
            document.log.warn(stage: Self.id, "family \(verdict.family.rawValue) is a weak decision (\(doubt)); evidence: \(summary)")
        }
    }
}

/// The measurements the family decision rests on.
struct FamilyEvidence {
    static let shortLine = 110
    static let veryLongLine = 3000

    var bytes = 0
    var nonBlankLines = 0
    var shortLines = 0
    /// Bytes in lines of at least `shortLine` characters.
    var longLineBytes = 0
    var contentBytes = 0
    var longLines = 0
    /// Long lines whose last character ends a sentence or a quotation.
    var longLinesEndingSentences = 0
    /// Non-blank lines that start with at least two spaces or a tab.
    var indentedLines = 0
    /// The most frequent indentation (in bytes, 1…64) and how many lines have it.
    var commonIndentLines = 0
    /// `word- word` splits left inside lines.
    var inlineSplits = 0
    var words = 0
    var starMarkers = 0

    init(_ text: [UInt8]) {
        bytes = text.count
        var indentCounts = [Int](repeating: 0, count: 65)
        text.withUnsafeBufferPointer { buffer in
            var lineStart = 0
            while lineStart <= buffer.count {
                let end = ByteSearch.next(0x0A, in: buffer, from: lineStart)
                measureLine(buffer, lineStart..<end, indentCounts: &indentCounts)
                lineStart = end + 1
            }
        }
        commonIndentLines = indentCounts.dropFirst().max() ?? 0
        starMarkers = StarPageScanner.sequences(
            StarPageScanner.candidates(in: text), maximumGap: 5, minimumLength: 2).accepted.count
    }

    private mutating func measureLine(_ text: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, indentCounts: inout [Int]) {
        var start = line.lowerBound, end = line.upperBound
        while start < end && (text[start] == 0x20 || text[start] == 0x09) { start += 1 }
        while end > start && (text[end - 1] == 0x20 || text[end - 1] == 0x09) { end -= 1 }
        guard start < end else { return }
        nonBlankLines += 1
        let indent = start - line.lowerBound
        if indent >= 2 || (indent >= 1 && text[line.lowerBound] == 0x09) { indentedLines += 1 }
        if indent > 0 { indentCounts[min(indent, 64)] += 1 }
        let content = UnsafeBufferPointer(rebasing: text[start..<end])
        let characters = UTF8Scalars.count(in: content)
        words += Self.wordCount(content)
        // `be- lieving`: lowercase, hyphen, space, lowercase.
        var position = ByteSearch.next(0x2D, in: content, from: 1)
        while position + 2 < content.count {
            if isLowercaseASCII(content[position - 1]), content[position + 1] == 0x20, isLowercaseASCII(content[position + 2]) {
                inlineSplits += 1
            }
            position = ByteSearch.next(0x2D, in: content, from: position + 1)
        }
        contentBytes += end - start
        if characters < Self.shortLine {
            shortLines += 1
            return
        }
        longLines += 1
        longLineBytes += end - start
        if endsSentence(text, before: end) { longLinesEndingSentences += 1 }
    }

    /// How many runs of bytes other than spaces and tabs `content` holds (it starts with one),
    /// eight bytes at a time: a run starts at a byte that is no space after one that is.
    private static func wordCount(_ content: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0, index = 0
        var previousWasSpace: UInt64 = 0x80  // the byte before the content counts as a space
        if content.count >= 8 {
            let raw = UnsafeRawPointer(content.baseAddress!)
            while index + 8 <= content.count {
                let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let spaces = ByteSearch.equalBytes(chunk, 0x20) | ByteSearch.equalBytes(chunk, 0x09)
                let starts = ~spaces & 0x8080_8080_8080_8080 & (spaces << 8 | previousWasSpace)
                count += starts.nonzeroBitCount
                previousWasSpace = spaces >> 56
                index += 8
            }
        }
        var wasSpace = previousWasSpace != 0
        while index < content.count {
            let isSpace = content[index] == 0x20 || content[index] == 0x09
            if !isSpace && wasSpace { count += 1 }
            wasSpace = isSpace
            index += 1
        }
        return count
    }

    /// `.`, `?`, `!`, `:` or `;`, possibly followed by closing quotes, brackets or parentheses.
    private func endsSentence(_ text: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
        var index = end
        while index > 0 {
            let byte = text[index - 1]
            switch byte {
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                index -= 1
            case 0x99, 0x9D:  // the last byte of ’ or ”
                guard index >= 3 && text[index - 3] == 0xE2 && text[index - 2] == 0x80 else { return false }
                index -= 3
            case UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: ";"):
                return true
            default:
                return false
            }
        }
        return false
    }

    // MARK: Decision

    var longLineShare: Double { contentBytes == 0 ? 0 : Double(longLineBytes) / Double(contentBytes) }
    var sentenceEndShare: Double { longLines == 0 ? 0 : Double(longLinesEndingSentences) / Double(longLines) }
    var splitsPerThousandWords: Double { words == 0 ? 0 : Double(inlineSplits) * 1000 / Double(words) }
    var averageLongLine: Int { longLines == 0 ? 0 : longLineBytes / longLines }
    var isIndented: Bool { nonBlankLines > 0 && Double(max(indentedLines, commonIndentLines)) >= 0.5 * Double(nonBlankLines) }

    var verdict: (family: SourceFamily, doubt: String?) {
        if nonBlankLines == 0 { return (.unknown, "no text") }
        let tiny = nonBlankLines < 5 ? "only \(nonBlankLines) non-blank line(s)" : nil
        let mixed = (0.3...0.7).contains(longLineShare) ? "line shape is mixed" : nil
        if longLineShare > 0.5 {
            if starMarkers >= 2 { return (.scan, tiny) }
            let flatVotes = [sentenceEndShare < 0.5, splitsPerThousandWords >= 2, averageLongLine >= Self.veryLongLine]
                .filter { $0 }.count
            if flatVotes >= 2 { return (.flat, tiny ?? mixed) }
            if flatVotes == 0 { return (.scan, tiny ?? mixed ?? "no star pagination; paragraph-per-line text") }
            let family: SourceFamily = sentenceEndShare >= 0.5 ? .scan : .flat
            return (family, "flat and scan evidence disagree")
        }
        if starMarkers >= 2 && !isIndented { return (.scan, tiny ?? "star pagination in short unindented lines") }
        if starMarkers >= 2 { return (.layout, "star pagination in indented short lines") }
        return (.layout, tiny ?? mixed)
    }

    /// The measurements in words, with the markup counts of the same text.
    func summary(markup: MarkupEvidence) -> String {
        func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
        return "\(nonBlankLines) non-blank lines, \(percent(longLineShare)) of text in lines of \(Self.shortLine)+ characters "
            + "(\(longLines), \(percent(sentenceEndShare)) ending a sentence, average \(averageLongLine) bytes), "
            + "\(indentedLines) indented lines, \(String(format1: splitsPerThousandWords)) inline word splits per 1000 words, "
            + "\(starMarkers) star page markers in sequence, \(markup.tags) HTML tags, \(markup.entities) entities"
    }
}

extension String {
    /// One decimal place, without Foundation.
    fileprivate init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
