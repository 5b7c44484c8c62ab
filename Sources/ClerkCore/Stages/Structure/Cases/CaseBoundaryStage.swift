/// Pages of a reporter volume hold more than one case: the page where a case begins often
/// ends the case before it, and the page where it ends may begin the next. A printed reporter
/// opens each case with a line in brackets (`ReporterCaseLine`:
/// `[No. 8123-4-II. Division Two. March 9, 1982.]`), and that line says where one case stops.
///
/// - The first such line after more than `leadingWords` words, when the text before it starts
///   in the middle of a sentence (its first line of text, past running heads and page numbers,
///   begins in lower case): that text is the end of another case, and is cut.
/// - The first such line after text that starts a case of its own (a caption line with `v.`
///   or a byline before it) and every later one: the text from there on is another case, and
///   is cut.
/// - Otherwise the line is left, with a warning that another case may begin there.
///
/// Cut text goes to the edit log, with a warning naming the other case's line: one document is
/// one case, never an opinion made of two.
public struct CaseBoundaryStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let leadingWords = Parameter.integer("leadingWords", 0...10000, default: 40,
            "Words before a reporter's case line that can still be this case's own head matter (running heads, a term header); more, and they are another case's end or this case's start.")
        public var leadingWords: Int

        public init(_ values: StageParameterValues) {
            leadingWords = values[Self.leadingWords]
        }
    }

    public static let id = "cases"
    public static let summary =
        "Where a reporter's bracketed case line ([No. 1234. Division One. June 9, 1987.]) shows another case on the same pages, the other case's end before this one, or its start after it, is cut and logged with a warning."
    public static let phase = StagePhase.structure
    public static let finds: SourceStructure = [.opinions]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        let bytes = document.body.bytes
        let lines = Self.caseLines(in: bytes)
        guard let first = lines.first else { return }
        var keepFrom = 0
        var keepTo = bytes.count
        var later = lines.dropFirst()
        let before = bytes[0..<first.start]
        if ByteLines.wordCount(bytes, in: 0..<first.start) > configuration.leadingWords {
            if Self.startsMidSentence(before) {
                keepFrom = first.start
            } else if Self.startsACase(bytes, before: first.start) {
                keepTo = first.start
                later = []
            } else {
                document.log.warn(
                    stage: Self.id, sourceOffset: document.body.sourceOffset(at: first.start),
                    "another case may begin at “\(first.text)”: the text before it neither starts in mid-sentence nor opens a case, so nothing was cut")
            }
        }
        if let next = later.first { keepTo = next.start }

        var edits: [TextEdit] = []
        if keepFrom > 0 {
            edits.append(TextEdit(range: 0..<keepFrom, replacement: "",
                reason: "the end of another case, printed on the page where this case begins (before “\(first.text)”)"))
            document.log.warn(
                stage: Self.id, sourceOffset: document.body.sourceOffset(at: 0),
                "the text before “\(first.text)” is the end of another case: cut (\(ByteLines.wordCount(bytes, in: 0..<first.start)) words, in the edit log)")
        }
        if keepTo < bytes.count {
            let other = lines.first { $0.start == keepTo }?.text ?? ""
            edits.append(TextEdit(range: keepTo..<bytes.count, replacement: "",
                reason: "another case, which begins on the page where this case ends (“\(other)”)"))
            document.log.warn(
                stage: Self.id, sourceOffset: document.body.sourceOffset(at: keepTo),
                "another case begins at “\(other)”: cut from there to the end (\(ByteLines.wordCount(bytes, in: keepTo..<bytes.count)) words, in the edit log)")
        }
        document.body.apply(edits, stage: Self.id, log: &document.log)
    }

    /// The reporter's case lines of the text: where each starts and what it says.
    private static func caseLines(in bytes: [UInt8]) -> [(start: Int, text: String)] {
        var found: [(start: Int, text: String)] = []
        let lines = ByteLines.ranges(bytes)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard let first = bytes[line].firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), bytes[first] == UInt8(ascii: "[") else { continue }
            // The line and the next: a case line may wrap once.
            let end = index < lines.count ? lines[index].upperBound : line.upperBound
            let tokens = TextTokenizer.tokens(in: bytes, range: first..<end, limit: 32)
            guard let read = ReporterCaseLine.read(tokens, at: 0) else { continue }
            found.append((line.lowerBound, tokens[0..<read.end].map(\.text).joined(separator: " ")))
            // A wrapped line takes the next line too.
            if index < lines.count, tokens[read.end - 1].range.upperBound > line.upperBound { index += 1 }
        }
        return found
    }

    /// Whether the first line of text, past short lines (running heads, page numbers, a term
    /// header), begins with a lower-case letter: the page continues a sentence.
    private static func startsMidSentence(_ bytes: ArraySlice<UInt8>) -> Bool {
        for line in bytes.split(separator: 0x0A) {
            let text = String(decoding: line, as: UTF8.self)
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count > 5, !isRunningHead(words) else { continue }
            return words[0].first.map { $0.isLowercase } ?? false
        }
        return false
    }

    /// A reporter's running head: a page number at one end, or the volume's cite in a bracket
    /// (`512   ROE v. DOE   [31 Wn. App.`).
    private static func isRunningHead(_ words: [Substring]) -> Bool {
        guard let first = words.first, let last = words.last else { return false }
        return first.allSatisfy(\.isNumber) || last.allSatisfy(\.isNumber) || words.contains { $0.hasPrefix("[") && $0.dropFirst().first?.isNumber == true }
    }

    /// Whether the text before `end` opens a case of its own: a caption line of parties (` v. `
    /// in a line that is no running head) or an opinion's byline.
    private static func startsACase(_ bytes: [UInt8], before end: Int) -> Bool {
        var lineStart = 0
        var window = TokenWindow(bytes: bytes, limit: 64)
        while lineStart < end {
            let lineEnd = min(bytes[lineStart..<end].firstIndex(of: 0x0A) ?? end, end)
            let line = bytes[lineStart..<lineEnd]
            let words = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.contains("v."), !isRunningHead(words) { return true }
            if let first = line.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
               BylineParser.mayParse(bytes, at: first, atFragmentStart: false),
               BylineParser.parse(window.words(from: first)) != nil {
                return true
            }
            lineStart = lineEnd + 1
        }
        return false
    }
}
