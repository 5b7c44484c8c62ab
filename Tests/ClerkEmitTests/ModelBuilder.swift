import ClerkCore
import Testing

/// Builds the output model back from a visitor's calls: what `XMLModelReader` reads goes into
/// it, and so does `ModelWalk` (which must give back the document it walked). Every value is
/// made by an initializer given every field, so a field that a call does not carry is missed.
struct ModelBuilder: ModelVisitor {
    /// The output model of a document (`Document` also holds the stages' working state).
    struct Output {
        var source: SourceInfo?
        var pipeline: String?
        var caseInfo: CaseInfo?
        var opinions: [Opinion] = []
        var disposition: String?
        var edits: [Edit] = []
        var warnings: [Warning] = []

        /// Expects every part to equal the document's output model, each part its own check so
        /// that a failure names the part.
        func expectEqual(to document: Document, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(source == document.source, sourceLocation: sourceLocation)
            #expect(pipeline == document.pipelineSHA256, sourceLocation: sourceLocation)
            #expect(caseInfo == document.caseInfo, sourceLocation: sourceLocation)
            #expect(opinions == document.opinions, sourceLocation: sourceLocation)
            #expect(disposition == document.disposition, sourceLocation: sourceLocation)
            #expect(edits == document.log.edits, sourceLocation: sourceLocation)
            #expect(warnings == document.log.warnings, sourceLocation: sourceLocation)
        }
    }

    private(set) var output = Output()

    private var court: String?
    private var dockets: [String] = []
    private var caseName: String?
    private var parties: [Party] = []
    private var lowerCourt: String?
    private var dates: [CaseDate] = []
    private var judges: [String] = []
    private var metadata: [MetadataEntry] = []

    private var opinion: (type: OpinionType, author: String?, byline: String?)?
    private var blocks: [Block] = []
    /// The opinion's blocks, set aside while a footnote's are built.
    private var opinionBlocks: [Block] = []
    private var footnoteLabel: String?
    private var footnotes: [Footnote] = []

    private var block: (kind: BlockKind, level: Int?, label: String?, text: String, sourceOffset: Int?)?
    private var pageBreaks: [PageBreak] = []
    private var footnoteRefs: [FootnoteRef] = []
    private var citations: [Citation] = []

    /// The output model of `document`, through `ModelWalk`.
    static func build(_ document: Document) -> Output {
        var builder = ModelBuilder()
        ModelWalk.walk(document, into: &builder)
        return builder.output
    }

    mutating func beginDocument() { output = Output() }
    mutating func endDocument() {}

    mutating func source(name: String, bytes: Int, sha256: String, family: SourceFamily, reader: String, record: RecordIdentity?) {
        output.source = SourceInfo(name: name, bytes: bytes, sha256: sha256, family: family, reader: reader)
        output.source?.record = record
    }

    mutating func pipeline(sha256: String?) { output.pipeline = sha256 }
    mutating func beginList(_ list: ModelList) {}
    mutating func endList(_ list: ModelList) {}

    mutating func beginCase() {}
    mutating func court(_ court: String?) { self.court = court }
    mutating func docket(_ docket: String) { dockets.append(docket) }
    mutating func caseName(_ caseName: String?) { self.caseName = caseName }
    mutating func party(name: String, role: String) { parties.append(Party(name: name, role: role)) }
    mutating func lowerCourt(_ lowerCourt: String?) { self.lowerCourt = lowerCourt }
    mutating func date(event: String, date: String) { dates.append(CaseDate(event: event, date: date)) }
    mutating func judge(_ judge: String) { judges.append(judge) }
    mutating func metadataEntry(key: String, value: String) { metadata.append(MetadataEntry(key: key, value: value)) }

    mutating func endCase() {
        output.caseInfo = CaseInfo(
            court: court, dockets: dockets, caseName: caseName, parties: parties, lowerCourt: lowerCourt, dates: dates,
            judges: judges, metadata: metadata)
    }

    mutating func beginOpinion(type: OpinionType, author: String?, byline: String?) {
        opinion = (type, author, byline)
        blocks = []
        footnotes = []
    }

    mutating func endOpinion() {
        guard let opinion else { return }
        output.opinions.append(Opinion(
            type: opinion.type, author: opinion.author, byline: opinion.byline, blocks: blocks, footnotes: footnotes))
        self.opinion = nil
    }

    mutating func beginFootnote(label: String) {
        footnoteLabel = label
        opinionBlocks = blocks
        blocks = []
    }

    mutating func endFootnote() {
        footnotes.append(Footnote(label: footnoteLabel ?? "", blocks: blocks))
        blocks = opinionBlocks
        footnoteLabel = nil
    }

    mutating func beginBlock(kind: BlockKind, level: Int?, label: String?, text: String, sourceOffset: Int?) {
        block = (kind, level, label, text, sourceOffset)
        pageBreaks = []
        footnoteRefs = []
        citations = []
    }

    mutating func pageBreak(offset: Int, page: String) { pageBreaks.append(PageBreak(offset: offset, page: page)) }
    mutating func footnoteRef(offset: Int, label: String) { footnoteRefs.append(FootnoteRef(offset: offset, label: label)) }

    mutating func citation(
        offset: Int, length: Int, kind: CitationKind, text: String, volume: String?, reporter: String?, page: String?,
        pinpoint: String?, court: String?, year: String?, caseName: String?, section: String?, refersTo: String?
    ) {
        citations.append(Citation(
            offset: offset, length: length, kind: kind, text: text, volume: volume, reporter: reporter, page: page,
            pinpoint: pinpoint, court: court, year: year, caseName: caseName, section: section, refersTo: refersTo))
    }

    mutating func endBlock() {
        guard let block else { return }
        blocks.append(Block(
            kind: block.kind, text: block.text, level: block.level, label: block.label, pageBreaks: pageBreaks,
            footnoteRefs: footnoteRefs, citations: citations, sourceOffset: block.sourceOffset))
        self.block = nil
    }

    mutating func disposition(_ disposition: String?) { output.disposition = disposition }

    mutating func edit(
        stage: String, sourceOffset: Int, before: String, after: String, reason: String, alternative: String?,
        confidence: Double?
    ) {
        output.edits.append(Edit(
            stage: stage, sourceOffset: sourceOffset, before: before, after: after, reason: reason, alternative: alternative,
            confidence: confidence))
    }

    mutating func warning(stage: String, sourceOffset: Int?, message: String) {
        output.warnings.append(Warning(stage: stage, sourceOffset: sourceOffset, message: message))
    }
}
