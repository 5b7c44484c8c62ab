import ClerkCore
import ClerkLibXML

private typealias Name = XMLModelName

/// The output model as XML (Schemas/opinion.xsd), from `ModelWalk`. Single values are
/// attributes, texts are elements; a block's text is its character content, its marks inline
/// elements (`XMLBlockContent`). Element-only content puts each child on a line of its own,
/// which gives validation errors useful line numbers; whitespace is never added inside mixed
/// content.
struct XMLModelWriter: ModelVisitor {
    let writer: XMLWriter
    private var block = XMLBlockContent()

    init(writer: XMLWriter) {
        self.writer = writer
    }

    mutating func beginDocument() {
        writer.startElement(Name.opinionDocument)
        writer.attribute(Name.schemaVersion, JSONEmitter.schemaVersion)
        newline()
    }

    mutating func endDocument() { writer.endElement() }

    mutating func source(name: String, bytes: Int, sha256: String, family: SourceFamily, reader: String, record: RecordIdentity?) {
        writer.startElement(Name.source)
        writer.attribute(Name.name, name)
        writer.attribute(Name.bytes, bytes)
        writer.attribute(Name.sha256, sha256)
        writer.attribute(Name.family, family.rawValue)
        writer.attribute(Name.reader, reader)
        if let record {
            writer.startElement(Name.record)
            writer.attribute(Name.collection, record.collection)
            if let id = record.id { writer.attribute(Name.id, id) }
            if let clusterId = record.clusterId { writer.attribute(Name.clusterId, clusterId) }
            if let textField = record.textField { writer.attribute(Name.textField, textField) }
            for citation in record.citations { textElement(Name.citation, citation, newline: false) }
            writer.endElement()
        }
        endLine()
    }

    mutating func pipeline(sha256: String?) {
        guard let sha256 else { return }
        writer.emptyElement(Name.pipeline, attribute: Name.sha256, sha256)
        newline()
    }

    mutating func beginList(_ list: ModelList) {
        guard let name = Self.container(list) else { return }
        writer.startElement(name)
        newline()
    }

    mutating func endList(_ list: ModelList) {
        guard Self.container(list) != nil else { return }
        endLine()
    }

    /// The element around a list's items, when it has one; the case's lists and a block's
    /// lists have none, and blocks follow the opinion's own values directly.
    private static func container(_ list: ModelList) -> XMLName? {
        switch list {
        case .opinions: Name.opinions
        case .footnotes: Name.footnotes
        case .edits: Name.edits
        case .warnings: Name.warnings
        case .dockets, .parties, .dates, .judges, .metadata, .blocks, .pageBreaks, .footnoteRefs, .citations: nil
        }
    }

    mutating func beginCase() {
        writer.startElement(Name.case)
        newline()
    }

    mutating func court(_ court: String?) {
        if let court { textElement(Name.court, court) }
    }

    mutating func docket(_ docket: String) { textElement(Name.docket, docket) }

    mutating func caseName(_ caseName: String?) {
        if let caseName { textElement(Name.caseName, caseName) }
    }

    mutating func party(name: String, role: String) { textElement(Name.party, name, attribute: (Name.role, role)) }

    mutating func lowerCourt(_ lowerCourt: String?) {
        if let lowerCourt { textElement(Name.lowerCourt, lowerCourt) }
    }

    mutating func date(event: String, date: String) { textElement(Name.date, date, attribute: (Name.event, event)) }
    mutating func judge(_ judge: String) { textElement(Name.judge, judge) }
    mutating func metadataEntry(key: String, value: String) { textElement(Name.meta, value, attribute: (Name.key, key)) }
    mutating func endCase() { endLine() }

    mutating func beginOpinion(type: OpinionType, author: String?, byline: String?) {
        writer.startElement(Name.opinion)
        writer.attribute(Name.type, type.rawValue)
        if let author { writer.attribute(Name.author, author) }
        if let byline { writer.attribute(Name.byline, byline) }
        newline()
    }

    mutating func endOpinion() { endLine() }

    mutating func beginFootnote(label: String) {
        writer.startElement(Name.footnote)
        writer.attribute(Name.label, label)
        newline()
    }

    mutating func endFootnote() { endLine() }

    mutating func beginBlock(kind: BlockKind, level: Int?, label: String?, text: String, sourceOffset: Int?) {
        switch kind {
        case .heading:
            writer.startElement(Name.heading)
            writer.attribute(Name.level, level ?? 1)
            if let label { writer.attribute(Name.label, label) }
        case .paragraph:
            writer.startElement(Name.p)
        case .blockquote:
            writer.startElement(Name.blockquote)
        case .sectionBreak:
            writer.startElement(Name.sectionBreak)
        }
        if let sourceOffset { writer.attribute(Name.sourceOffset, sourceOffset) }
        block.begin(text: text)
    }

    mutating func pageBreak(offset: Int, page: String) { block.pageBreak(offset: offset, page: page) }
    mutating func footnoteRef(offset: Int, label: String) { block.footnoteRef(offset: offset, label: label) }

    /// The citation's text is the span it marks, so it is not written again.
    mutating func citation(
        offset: Int, length: Int, kind: CitationKind, text: String, volume: String?, reporter: String?, page: String?,
        pinpoint: String?, court: String?, year: String?, caseName: String?, section: String?, refersTo: String?
    ) {
        block.citation(XMLBlockContent.CitationStart(
            offset: offset, length: length, kind: kind, volume: volume, reporter: reporter, page: page, pinpoint: pinpoint,
            court: court, year: year, caseName: caseName, section: section, refersTo: refersTo))
    }

    mutating func endBlock() {
        block.write(to: writer)
        endLine()
    }

    mutating func disposition(_ disposition: String?) {
        if let disposition { textElement(Name.disposition, disposition) }
    }

    mutating func edit(
        stage: String, sourceOffset: Int, before: String, after: String, reason: String, alternative: String?,
        confidence: Double?
    ) {
        writer.startElement(Name.edit)
        writer.attribute(Name.stage, stage)
        writer.attribute(Name.sourceOffset, sourceOffset)
        writer.attribute(Name.reason, reason)
        if let confidence { writer.attribute(Name.confidence, String(confidence)) }
        textElement(Name.before, before, newline: false)
        textElement(Name.after, after, newline: false)
        if let alternative { textElement(Name.alternative, alternative, newline: false) }
        endLine()
    }

    mutating func warning(stage: String, sourceOffset: Int?, message: String) {
        writer.startElement(Name.warning)
        writer.attribute(Name.stage, stage)
        if let sourceOffset { writer.attribute(Name.sourceOffset, sourceOffset) }
        if !message.isEmpty { writer.text(message) }
        endLine()
    }

    private func textElement(_ name: XMLName, _ text: String, attribute: (XMLName, String)? = nil, newline: Bool = true) {
        writer.startElement(name)
        if let (key, value) = attribute { writer.attribute(key, value) }
        if !text.isEmpty { writer.text(text) }
        writer.endElement()
        if newline { self.newline() }
    }

    /// Ends the open element and its line.
    private func endLine() {
        writer.endElement()
        newline()
    }

    private static let lineEnd: StaticString = "\n"

    private func newline() {
        writer.text(utf8: UnsafeBufferPointer(start: Self.lineEnd.utf8Start, count: 1))
    }
}
