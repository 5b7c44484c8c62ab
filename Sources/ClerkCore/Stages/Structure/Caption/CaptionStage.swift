/// Reads the caption — court, docket numbers, parties with their roles, lower court, dates,
/// panel — into `caseInfo`, and takes it out of the body, so that it does not open the first
/// opinion's first paragraph.
///
/// Where captions are:
/// - in an opinion opened at the top of the text with no byline (signed at its end): up to
///   where its own text begins (`OpeningHeadMatter`), all of it, as below;
/// - before the first opinion start (the byline mark the opinions stage leaves): the elements
///   read from the top of the body (within `maximumLines` lines) are removed; the rest goes to
///   the edit log as head matter where it clearly is (`HeadMatter`), else words that are not
///   caption material stay, with a warning;
/// - before each later opinion start (slip opinions repeat the caption before every opinion):
///   the run of caption elements that ends right at the mark, found by walking back from it;
///   what they say is merged without duplicates;
/// - without any opinion start: elements read from the top until the first words that are not
///   caption material, removed only when they show a caption (a court line or parties, or two
///   other elements); a fragment that starts mid-opinion is left alone.
///
/// Elements, one per line or a few (layout) or run together on one line (flattened text), between
/// rules or not: a court line (`In the United States Court of Appeals For the Ninth Circuit` →
/// `United States Court of Appeals for the Ninth Circuit`; all capitals → title case), docket
/// numbers (`No. 20-1234`, `Nos. 19–101, 19–102 and 19–250`, `Docket No.`, `Case No.`, `S123456`),
/// parties (`JANE ROE, Plaintiff-Appellee, v. ACME CORP., Defendant-Appellant.`; a side printed
/// without a role gets the role `unstated`), the lower court (`Appeal from …`, `ON WRIT OF
/// CERTIORARI TO …`, `Petition for Review of an Order of …`) with the lower court's docket and
/// judge on the next line (metadata `lowerCourtDocket`, `lowerCourtJudge`), dates (`ARGUED
/// DECEMBER 7, 2020 — DECIDED MAY 3, 2021`, `Filed 3/4/2021`, `[June 1, 2020]` → decided), the
/// panel (`Before ROE, Chief Judge, and DOE and ST. CLAIR, Circuit Judges.`) and rules (`____`).
public struct CaptionStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let maximumLines = Parameter.integer("maximumLines", 1...10_000, default: 80,
            "A caption is looked for within this many lines from the top, and from each later opinion start back.")
        public static let keepText = Parameter.boolean("keepText", default: false,
            "Leave the caption text in the body (the case metadata is filled all the same).")
        public var maximumLines: Int
        public var keepText: Bool

        public init(_ values: StageParameterValues) {
            maximumLines = values[Self.maximumLines]
            keepText = values[Self.keepText]
        }
    }

    public static let id = "caption"
    public static let summary = "Reads the caption (court, dockets, parties, lower court, dates, panel) into the case metadata and removes it from the body."
    public static let phase = StagePhase.structure
    public static let finds: SourceStructure = [.caption]

    /// A caption is small: the bytes read from the top or back from an opinion start stop here,
    /// so that a flattened opinion on one long line is never tokenized whole.
    static let maximumBytes = 8_192

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        let bytes = document.body.bytes
        let window = CaptionWindow(bytes: bytes, maximumLines: configuration.maximumLines, maximumBytes: Self.maximumBytes)
        var starts: [Int] = []
        var syllabusStarts: Set<Int> = []
        var headingStarts: Set<Int> = []
        var firstHeader: OpinionHeader?
        var authors: [String] = []
        for mark in document.body.marks {
            guard case .blockStart(.opinion(let header)) = mark.kind else { continue }
            if starts.last != mark.offset { starts.append(mark.offset) }
            if header.type == .syllabus { syllabusStarts.insert(mark.offset) }
            // A per curiam opened by its heading (`Per Curiam`), as a report prints it, with the
            // caption under the heading.
            if header.type == .perCuriam, header.author == nil, header.byline != nil { headingStarts.insert(mark.offset) }
            if firstHeader == nil { firstHeader = header }
            if let author = header.author { authors.append(author) }
            authors += header.concurring
            // `… delivered the opinion of the Board, in which Judge Roe joined.`
            if let byline = header.byline, byline.contains(" which ") {
                authors += JoinedClauses.judges(in: TextTokenizer.tokens(in: Array(byline.utf8), range: 0..<byline.utf8.count))
            }
        }
        var edits: [TextEdit] = []
        // What each caption says, merged once at the end.
        var facts: [CaseInfo] = []
        if var first = starts.first {
            // An opinion opened at the top with no byline (signed at its end): its head matter
            // lies after the start, up to where its own text begins.
            var opensAtTop = false
            // So may one opened at a decision's title printed inside the caption (`OPINION` in
            // its right-hand column).
            let atTop = !bytes[..<first].contains(where: { !Self.isSpace($0) })
            let bylineless = atTop && firstHeader?.byline == nil
            let end = bylineless || firstHeader?.byline.map(DecisionTitle.isTitle) == true
                ? OpeningHeadMatter.end(in: bytes, region: window.fromTop(upTo: starts.dropFirst().first)) : nil
            if let end, end > first {
                first = end
                opensAtTop = true
            }
            let region = window.fromTop(upTo: first)
            let scan = CaptionScan(bytes: bytes, tokens: TextTokenizer.tokens(in: bytes, range: region), resync: true)
            if bylineless && !opensAtTop {
                // Where its text begins is not clear: the caption from the top, as if no opinion started.
                let top = CaptionScan(
                    bytes: bytes, tokens: TextTokenizer.tokens(in: bytes, range: window.fromTop(upTo: starts.dropFirst().first)), resync: false)
                if top.showsCaption {
                    facts.append(top.facts)
                    edits += top.removal(upTo: nil)
                }
            } else if let firstHeader,
               opensAtTop || HeadMatter.precedes(start: first, header: firstHeader, bytes: bytes, windowEnd: region.upperBound) {
                authors += JoinedClauses.judges(in: scan.tokens)
                let scans = HeadMatter.captionScans(from: scan).filter { $0.evidence > 0 }
                let caption = scans.flatMap { $0.removal(upTo: first) }
                facts += scans.map(\.facts)
                edits += caption + HeadMatter.removal(before: first, besides: caption, bytes: bytes)
            } else if scan.evidence > 0 {
                facts.append(scan.facts)
                edits += scan.removal(upTo: region.upperBound == first ? first : nil)
                for words in scan.skipped {
                    let range = scan.byteRange(words)
                    document.log.warn(
                        stage: Self.id, sourceOffset: document.body.sourceOffset(at: range.lowerBound),
                        "text before the first opinion that is not caption material stays in the body: “\(Self.excerpt(bytes, range))”")
                }
            }
            var floor = edits.map(\.range.upperBound).max() ?? 0
            for (index, start) in starts.enumerated() where syllabusStarts.contains(start) || headingStarts.contains(start) {
                // A syllabus repeats the caption under its title, before its own text; a heading
                // may stand over it (then it starts right under the heading).
                let underHeading = !syllabusStarts.contains(start)
                let next = index + 1 < starts.count ? starts[index + 1] : nil
                let region = window.forward(from: start, upTo: next)
                // It may follow a note (`NOTE: Where it is feasible, …`): the first line from
                // which the words read as a caption.
                let tokens = TextTokenizer.tokens(in: bytes, range: region)
                // Its summary of who wrote and who joined closes it: read back from the next start.
                if let next, !underHeading {
                    authors += JoinedClauses.judges(in: TextTokenizer.tokens(in: bytes, range: window.back(from: next, floor: start)))
                }
                let read = tokens.indices.prefix(underHeading ? 1 : tokens.count).lazy.filter { underHeading || tokens[$0].startsLine }
                    .map { CaptionScan(bytes: bytes, tokens: tokens, from: $0, resync: true) }
                    .first { $0.showsCaption && $0.elements.first?.tokens.lowerBound == $0.startIndex }
                if let read {
                    facts.append(read.facts)
                    edits += read.removal(upTo: nil).filter { $0.range.lowerBound >= floor }
                    floor = max(floor, edits.map(\.range.upperBound).max() ?? floor)
                }
            }
            for start in starts.dropFirst() {
                if let scan = Self.captionEnding(at: start, window: window.back(from: start, floor: floor), bytes: bytes) {
                    facts.append(scan.facts)
                    edits += scan.removal(upTo: start)
                }
                floor = start
            }
        } else {
            let region = window.fromTop(upTo: nil)
            let scan = CaptionScan(bytes: bytes, tokens: TextTokenizer.tokens(in: bytes, range: region), resync: false)
            if scan.showsCaption {
                facts.append(scan.facts)
                edits += scan.removal(upTo: nil)
            }
        }
        // A name read from parties printed without roles (a syllabus's short title) gives way
        // to one printed with them (the caption over the opinion names the parties in full).
        if document.caseInfo.caseName == nil,
           let named = facts.first(where: { $0.caseName != nil && !Self.namesPartiesWithoutRoles($0) }) {
            document.caseInfo.caseName = named.caseName
        }
        document.caseInfo.merge(facts)
        document.caseInfo.addJudges(authors)
        if !configuration.keepText {
            document.body.apply(edits, stage: Self.id, log: &document.log)
        }
    }

    /// The caption that runs up to `start`: of the places in `region` where one could begin (a
    /// line start, after a rule, after a sentence), the earliest from which every word up to
    /// `start` reads as caption.
    private static func captionEnding(at start: Int, window region: Range<Int>, bytes: [UInt8]) -> CaptionScan? {
        let tokens = TextTokenizer.tokens(in: bytes, range: region)
        // From the start backwards: the caption grows line by line while every word reads as
        // caption. A few places in a row that do not read (a court name's second line alone, the
        // wrapped lines of a long party name) are passed over; more end the search, which keeps
        // it linear in the caption's length.
        var best: CaptionScan?
        var misses = 0
        for candidate in tokens.indices.reversed() {
            if candidate > 0 && !tokens[candidate].startsLine && !tokens[candidate - 1].isRule && !endsSentence(tokens[candidate - 1]) {
                continue
            }
            let scan = CaptionScan(bytes: bytes, tokens: tokens, from: candidate, resync: false)
            if scan.readsToEnd {
                misses = 0
                if scan.showsCaption { best = scan }
            } else {
                misses += 1
                if misses > 6 { break }
            }
        }
        return best
    }

    private static func namesPartiesWithoutRoles(_ facts: CaseInfo) -> Bool {
        !facts.parties.isEmpty && facts.parties.allSatisfy { $0.role == PartyReader.unstatedRole }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func endsSentence(_ token: TextToken) -> Bool {
        guard let last = token.text.unicodeScalars.last else { return false }
        return ".?!:\u{201D}\"".unicodeScalars.contains(last)
    }

    private static func excerpt(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        let text = String(decoding: bytes[range], as: UTF8.self)
        return text.count > 80 ? text.prefix(80) + "…" : text
    }
}
