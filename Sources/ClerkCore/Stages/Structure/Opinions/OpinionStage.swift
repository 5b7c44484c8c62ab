/// Splits the text into opinions at their bylines, in the forms BylineParser reads
/// (`NAME, Circuit Judge.`, `NAME, Chief Judge, dissenting.`, `JUSTICE NAME delivered the
/// opinion of the Court.`, `PER CURIAM.`, `Opinion for the court filed by Circuit Judge NAME.`,
/// …), at the start of a line or of a sentence (flattened text runs them inline). Each byline
/// is taken out of the text (logged) and kept as the opinion's `byline`, with its type and
/// author; reflow starts a new opinion there.
///
/// - A byline that names no type (`NAME, Circuit Judge.`) opens the lead opinion (majority)
///   unless a lead opinion came before, then its type is unknown.
/// - A line that is only `Syllabus` before any byline opens the syllabus (a Supreme Court slip
///   opinion); its summary of who wrote what (`NAME, J., delivered the opinion of the Court, in
///   which … joined.`) is not a byline.
/// - A fragment that starts inside a byline (`dissenting.` as its first words) gets the type the
///   phrase names, no author, and a warning.
/// - Without any byline, a decision's title near the top (`ORDER`, `MEMORANDUM OPINION AND
///   ORDER`; see `DecisionTitle`) opens the court's decision, as its lead opinion; without a
///   title either, a text that opens with a caption (a court or parties) is the court's
///   decision, opened at the top (the caption stage takes its head matter out).
/// - A signature block closing an opinion (see `SignatureBlock`) is taken out of the text
///   (logged): its signer is the opinion's author where no byline named one, the judges who
///   concur go with the opinion, and its signature lines are never bylines. Text before the
///   first byline that such a block closes is an opinion of its own, the lead, opened at its
///   title or at the top of the text (the caption stage then takes the head matter out of it).
public struct OpinionStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let fragmentStart = Parameter.boolean("fragmentStart", default: true,
            "Read a type phrase that opens the text (`dissenting.`) as the cut-off byline of a fragment.")
        public static let syllabus = Parameter.boolean("syllabus", default: true,
            "A line that is only `Syllabus`, before any byline, opens an opinion of type syllabus.")
        public static let signatures = Parameter.boolean("signatures", default: true,
            "Read the signature block that closes an opinion (`ROE, J.` / `We concur:` / …): its signer is the author of an opinion without one, a signed text without a byline is an opinion, and signatures are not bylines.")
        public var fragmentStart: Bool
        public var syllabus: Bool
        public var signatures: Bool

        public init(_ values: StageParameterValues) {
            fragmentStart = values[Self.fragmentStart]
            syllabus = values[Self.syllabus]
            signatures = values[Self.signatures]
        }
    }

    public static let id = "opinions"
    public static let summary =
        "Splits the text into opinions at their bylines (NAME, Circuit Judge. / NAME, J., dissenting. / JUSTICE NAME delivered the opinion of the Court. / PER CURIAM.), each with its type and author."
    public static let phase = StagePhase.structure
    public static let finds: SourceStructure = [.opinions]

    private static let leadTypes: Set<OpinionType> = [.majority, .plurality, .perCuriam, .unanimous]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// A byline found, before its type is settled (signatures read as bylines are dropped first).
    private struct Found {
        var range: Range<Int>
        /// nil for a syllabus title.
        var byline: BylineParser.Byline?
        var header: OpinionHeader
        var reason: String
        var marksStart: Bool
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        let bytes = document.body.bytes
        guard let textStart = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A }) else { return }
        var found: [Found] = []
        var scanFrom = 0
        var inSyllabus = false
        var sawOpinion = false
        var window = TokenWindow(bytes: bytes, limit: 64)
        for candidate in Self.candidates(in: bytes) where candidate >= scanFrom {
            let atStart = candidate == textStart
            guard atStart || Self.mayOpenByline(bytes, at: candidate) else { continue }
            if configuration.syllabus, let line = Self.lineIfAlone(in: bytes, at: candidate),
               ["syllabus", "syllabus."].contains(line.text.lowercased()), !sawOpinion || inSyllabus {
                found.append(Found(
                    range: line.range, byline: nil, header: OpinionHeader(type: .syllabus, byline: line.text),
                    reason: inSyllabus ? "the syllabus's running title" : "the syllabus's title, kept as the opinion's byline",
                    marksStart: !inSyllabus))
                inSyllabus = true
                sawOpinion = true
                scanFrom = line.range.upperBound
                continue
            }
            guard BylineParser.mayParse(bytes, at: candidate, atFragmentStart: atStart && configuration.fragmentStart) else { continue }
            let words = window.words(from: candidate)
            guard let byline = BylineParser.parse(
                words, atFragmentStart: atStart && configuration.fragmentStart, allowSummaryForm: !inSyllabus) else { continue }
            // A panel line names judges with their titles (`BEFORE: ROE, Chief Judge. Concurring
            // Opinion: DOE, Judge.`): no name it lists opens an opinion.
            if Self.isInPanelLine(bytes, at: candidate) { continue }
            // A reporter sets the byline off from the text with a dash (`ROE, J. — The …`).
            let bylineWords = byline.wordCount < words.count && words[byline.wordCount].isDash ? byline.wordCount + 1 : byline.wordCount
            let end = words[bylineWords - 1].range.upperBound
            let printed = ByteLines.collapsingWhitespace(bytes[candidate..<end])
            found.append(Found(
                range: candidate..<end, byline: byline, header: OpinionHeader(type: byline.type ?? .unknown, author: byline.author, byline: printed),
                reason: "the opinion's byline, kept as its byline", marksStart: true))
            if atStart && byline.author == nil && byline.type != .perCuriam {
                document.log.warn(
                    stage: Self.id, sourceOffset: document.body.sourceOffset(at: candidate),
                    "the text starts inside an opinion: its byline is cut off, so the type (\((byline.type ?? .unknown).rawValue)) comes from \"\(printed)\" and no author is given")
            }
            inSyllabus = false
            sawOpinion = true
            scanFrom = end
        }
        Self.dropRunningHeads(&found, bytes: bytes)
        let signed = configuration.signatures ? SignedOpinions(bytes: bytes, textStart: textStart, bylines: found.map(\.range)) : nil
        var edits = Self.startEdits(found, signed: signed, bytes: bytes, textStart: textStart)
        if let signed { edits += Self.signatureEdits(signed, bytes: bytes, caseInfo: &document.caseInfo) }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        if edits.isEmpty, let start = Self.startWithoutByline(bytes, textStart: textStart) {
            edits.append(start)
        } else if edits.isEmpty {
            document.log.warn(stage: Self.id, "no byline found: the text is one opinion of unknown type")
        }
        document.body.apply(edits, stage: Self.id, log: &document.log)
    }

    /// Where a byline may start: the first non-blank byte of each line, and a capital that starts
    /// a sentence inside a line (after `.`, `?`, `!` or `:`; see `Sentences.nextSentenceStart`).
    static func candidates(in bytes: [UInt8]) -> [Int] {
        var result: [Int] = []
        // Line ends and sentence marks are found with `memchr`; the bytes between are passed over.
        var atLineStart = true
        var lineStart = 0
        ByteLines.forEachIndex(
            of: [0x0A, UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ":")], in: bytes, range: 0..<bytes.count
        ) { index in
            if atLineStart {
                // The line's first byte that is no space or tab, if it comes before this mark.
                var first = lineStart
                while first < index && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
                if first < index || bytes[index] != 0x0A {
                    result.append(first)
                    atLineStart = false
                }
            }
            if bytes[index] == 0x0A {
                atLineStart = true
                lineStart = index + 1
            } else if let start = Sentences.nextSentenceStart(in: bytes, after: index), UTF8Scalars.isUppercase(in: bytes, at: start) {
                result.append(start)
            }
        }
        if atLineStart {
            var first = lineStart
            while first < bytes.count && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
            if first < bytes.count { result.append(first) }
        }
        return result
    }

    /// A cheap look at the first word before the parser runs: a byline starts with a word in
    /// capitals (`HALE,` `JUSTICE` `PER` `THE`, also `ØVERBY`) or one of the parser's `openingWords`. Most
    /// sentences start otherwise, so most candidates stop here.
    private static func mayOpenByline(_ bytes: [UInt8], at start: Int) -> Bool {
        guard UTF8Scalars.isUppercase(in: bytes, at: start) else { return false }
        var end = start
        var lowercase = 0
        while end < bytes.count, end - start < 24, bytes[end] != 0x20, bytes[end] != 0x0A, bytes[end] != 0x09 {
            if isLowercaseASCII(bytes[end]) { lowercase += 1 }
            end += 1
        }
        if lowercase == 0 { return end - start >= 2 }
        var word = bytes[start..<end]
        while let last = word.last, last == 0x2C || last == 0x2E || last == 0x3A { word = word.dropLast() }
        // `McCOY,`: a name in capitals after a `Mc` or `Mac`.
        for prefix: [UInt8] in [[0x4D, 0x63], [0x4D, 0x61, 0x63]] where word.starts(with: prefix) {
            if !word.dropFirst(prefix.count).contains(where: isLowercaseASCII) { return true }
        }
        return BylineParser.openingWords.contains(String(decoding: word, as: UTF8.self))
    }

    /// The opinion starts: each byline that is no signature, with its type settled (a byline
    /// naming none opens the lead, or is `unknown` after one) and the author and concurring
    /// judges of the block that closes its opinion; before them, a lead opinion for text that
    /// a signature block closes before any byline (at its title, or at the top).
    private static func startEdits(_ found: [Found], signed: SignedOpinions?, bytes: [UInt8], textStart: Int) -> [TextEdit] {
        var edits: [TextEdit] = []
        var sawLead = false
        if let topBlock = signed?.closing[-1] {
            // Signed by no one, the panel concurring (`ROE, J.P., DOE and POE, JJ., concur.`): the court's, per curiam.
            let type: OpinionType = topBlock.signer == nil && !topBlock.concurring.isEmpty ? .perCuriam : .majority
            var header = OpinionHeader(type: type, author: topBlock.signer, concurring: topBlock.concurring)
            let firstStart = found.first(where: \.marksStart).map(\.range.lowerBound) ?? bytes.count
            if let title = DecisionTitle.find(in: bytes), title.range.upperBound <= firstStart {
                header.byline = title.text
                edits.append(TextEdit(
                    range: title.range, reason: "the decision's title, kept as the opinion's byline", marks: [.blockStart(.opinion(header))]))
            } else {
                edits.append(TextEdit(range: textStart..<textStart, reason: "an opinion signed at its end, with no byline of its own",
                                      marks: [.blockStart(.opinion(header))]))
            }
            sawLead = true
        }
        for (index, var item) in found.enumerated() where signed?.isSignature[index] != true {
            if let byline = item.byline, item.marksStart {
                item.header.type = byline.type ?? (sawLead ? .unknown : .majority)
                if leadTypes.contains(item.header.type) { sawLead = true }
            }
            if let block = signed?.closing[index] {
                item.header.author = item.header.author ?? block.signer
                item.header.concurring = block.concurring
            }
            edits.append(TextEdit(range: item.range, reason: item.reason, marks: item.marksStart ? [.blockStart(.opinion(item.header))] : []))
        }
        return edits
    }

    /// The signature blocks and the trailing matter after the last, out of the text; their
    /// dates (`Dated:` → `signed`, a counsel sheet's `Date Filed:`) into the case.
    private static func signatureEdits(_ signed: SignedOpinions, bytes: [UInt8], caseInfo: inout CaseInfo) -> [TextEdit] {
        var edits: [TextEdit] = []
        for block in signed.blocks {
            edits.append(TextEdit(range: block.range, reason: "the opinion's signature block: its author and the judges who concur"))
            if let dated = block.dated { caseInfo.dates.append(CaseDate(event: "signed", date: dated)) }
        }
        if let trailing = signed.trailing {
            edits.append(TextEdit(range: trailing, reason: "trailing matter after the last opinion's signature block (counsel, notices), kept in the edit log"))
            caseInfo.dates += dates(in: bytes, trailing)
        }
        return edits
    }

    /// With no byline at all: the court's decision opens under its title, or, under a caption,
    /// at the top.
    private static func startWithoutByline(_ bytes: [UInt8], textStart: Int) -> TextEdit? {
        if let title = DecisionTitle.find(in: bytes) {
            return TextEdit(range: title.range, reason: "the decision's title, kept as the opinion's byline",
                            marks: [.blockStart(.opinion(OpinionHeader(type: .majority, byline: title.text)))])
        }
        guard opensWithCaption(bytes) else { return nil }
        return TextEdit(range: textStart..<textStart, reason: "a decision under a caption, with no byline or title of its own",
                        marks: [.blockStart(.opinion(OpinionHeader(type: .majority)))])
    }

    /// A slip opinion prints `Per Curiam` alone at the head of the per curiam opinion's pages,
    /// while its byline ends with a period (`Per Curiam.`): where both are found, the lines
    /// without the period are running heads, taken out but opening nothing.
    private static func dropRunningHeads(_ found: inout [Found], bytes: [UInt8]) {
        func isPerCuriam(_ item: Found) -> Bool { item.byline?.type == .perCuriam && item.byline?.author == nil }
        func punctuated(_ item: Found) -> Bool {
            guard let last = item.header.byline.map(BylineParser.withoutNoteMark)?.last else { return false }
            return last == "." || last == ":"
        }
        guard found.contains(where: { isPerCuriam($0) && punctuated($0) }) else { return }
        for index in found.indices where isPerCuriam(found[index]) && !punctuated(found[index])
            && lineIfAlone(in: bytes, at: found[index].range.lowerBound) != nil {
            found[index].marksStart = false
            found[index].reason = "a running head naming the opinion"
        }
    }

    /// The dates printed at a line's start in `range` (`Date Filed: July 3, 2031`), as a caption prints them.
    private static func dates(in bytes: [UInt8], _ range: Range<Int>) -> [CaseDate] {
        let tokens = TextTokenizer.tokens(in: bytes, range: range)
        let reader = CaptionReader(tokens: tokens)
        return tokens.indices.filter { tokens[$0].startsLine }.flatMap { index -> [CaseDate] in
            guard let element = reader.element(at: index, after: nil), element.kind == .dates else { return [] }
            return element.facts.dates
        }
    }

    /// Whether the text opens with a caption: a court or parties read from the top.
    private static func opensWithCaption(_ bytes: [UInt8]) -> Bool {
        let window = CaptionWindow(bytes: bytes, maximumLines: 60, maximumBytes: 4096).fromTop(upTo: nil)
        let scan = CaptionScan(bytes: bytes, tokens: TextTokenizer.tokens(in: bytes, range: window), resync: true)
        return scan.elements.contains { $0.kind == .court || $0.kind == .parties }
    }

    /// Whether `start` follows a colon inside a line that opens with `Before` or `Present`: a
    /// name the panel lists (`Concurring Opinion: CHO, Judge.`), where a byline after the
    /// panel's sentence (flattened text runs it on) is one. Only printed lines are looked at.
    private static func isInPanelLine(_ bytes: [UInt8], at start: Int) -> Bool {
        guard let before = bytes[..<start].last(where: { $0 != 0x20 && $0 != 0x09 }), before == UInt8(ascii: ":") else { return false }
        let longestPanelLine = 400
        var lineStart = start
        while lineStart > 0 && bytes[lineStart - 1] != 0x0A {
            lineStart -= 1
            if start - lineStart > longestPanelLine { return false }
        }
        var lineEnd = start
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A {
            lineEnd += 1
            if lineEnd - lineStart > longestPanelLine { return false }
        }
        while lineStart < start && (bytes[lineStart] == 0x20 || bytes[lineStart] == 0x09) { lineStart += 1 }
        guard lineStart < start else { return false }
        var wordEnd = lineStart
        while wordEnd < start && (bytes[wordEnd] | 0x20) >= 0x61 && (bytes[wordEnd] | 0x20) <= 0x7A { wordEnd += 1 }
        let word = String(decoding: bytes[lineStart..<wordEnd], as: UTF8.self).lowercased()
        return word == "before" || word == "present"
    }

    /// The line that starts at `start`, when the text there is alone on its line.
    private static func lineIfAlone(in bytes: [UInt8], at start: Int) -> (text: String, range: Range<Int>)? {
        guard start == 0 || bytes[..<start].last(where: { $0 != 0x20 && $0 != 0x09 }).map({ $0 == 0x0A }) ?? true else { return nil }
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        let content = trimmed(start..<end, in: bytes)
        guard content.count <= 40 else { return nil }
        return (String(decoding: bytes[content], as: UTF8.self), content)
    }
}
