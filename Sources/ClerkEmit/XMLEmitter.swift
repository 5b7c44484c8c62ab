import ClerkCore
import ClerkLibXML

/// The output model as XML (see Schemas/opinion.xsd). A block's text is its character content;
/// page breaks, footnote references and citations are inline elements placed at their offsets.
public enum XMLEmitter {
    /// The document's XML, not validated.
    public static func bytes(_ document: Document) throws(XMLFailure) -> [UInt8] {
        let writer = XMLWriter(capacity: estimatedSize(document))
        write(document, to: writer)
        return try writer.finish()
    }

    /// About how many bytes the document's XML takes (a little more, rather than less), so that
    /// the writer's buffer is sized once.
    public static func estimatedSize(_ document: Document) -> Int {
        func size(_ block: Block) -> Int {
            block.text.utf8.count + 48 + 40 * (block.pageBreaks.count + block.footnoteRefs.count)
                + 120 * block.citations.count
        }
        var bytes = 4096
        for opinion in document.opinions {
            for block in opinion.blocks { bytes += size(block) }
            for footnote in opinion.footnotes {
                bytes += 48
                for block in footnote.blocks { bytes += size(block) }
            }
        }
        for edit in document.log.edits {
            bytes += 120 + edit.stage.utf8.count + edit.reason.utf8.count + edit.before.utf8.count + edit.after.utf8.count
                + (edit.alternative?.utf8.count ?? 0)
        }
        for warning in document.log.warnings { bytes += 64 + warning.stage.utf8.count + warning.message.utf8.count }
        return bytes + bytes / 8
    }

    /// Writes the document into `writer`, which may validate it as it goes.
    public static func write(_ document: Document, to writer: XMLWriter) {
        writer.startElement(Name.opinionDocument)
        writer.attribute(Name.schemaVersion, JSONEmitter.schemaVersion)
        newline(writer)
        writer.startElement(Name.source)
        writer.attribute(Name.name, document.source.name)
        writer.attribute(Name.bytes, document.source.bytes)
        writer.attribute(Name.sha256, document.source.sha256)
        writer.attribute(Name.family, document.source.family.rawValue)
        writer.attribute(Name.reader, document.source.reader)
        writer.endElement()
        newline(writer)
        if let fingerprint = document.pipelineSHA256 {
            writer.emptyElement(Name.pipeline, attribute: Name.sha256, fingerprint)
            newline(writer)
        }
        writeCase(document.caseInfo, to: writer)
        container(Name.opinions, to: writer) {
            for opinion in document.opinions {
                writer.startElement(Name.opinion)
                writer.attribute(Name.type, opinion.type.rawValue)
                if let author = opinion.author { writer.attribute(Name.author, author) }
                if let byline = opinion.byline { writer.attribute(Name.byline, byline) }
                newline(writer)
                for block in opinion.blocks { writeBlock(block, to: writer) }
                container(Name.footnotes, to: writer) {
                    for footnote in opinion.footnotes {
                        writer.startElement(Name.footnote)
                        writer.attribute(Name.label, footnote.label)
                        newline(writer)
                        for block in footnote.blocks { writeBlock(block, to: writer) }
                        writer.endElement()
                        newline(writer)
                    }
                }
                writer.endElement()
                newline(writer)
            }
        }
        if let disposition = document.disposition { textElement(Name.disposition, disposition, to: writer) }
        container(Name.edits, to: writer) {
            for edit in document.log.edits {
                writer.startElement(Name.edit)
                writer.attribute(Name.stage, edit.stage)
                writer.attribute(Name.sourceOffset, edit.sourceOffset)
                writer.attribute(Name.reason, edit.reason)
                if let confidence = edit.confidence { writer.attribute(Name.confidence, String(confidence)) }
                textElement(Name.before, edit.before, newline: false, to: writer)
                textElement(Name.after, edit.after, newline: false, to: writer)
                if let alternative = edit.alternative { textElement(Name.alternative, alternative, newline: false, to: writer) }
                writer.endElement()
                newline(writer)
            }
        }
        container(Name.warnings, to: writer) {
            for warning in document.log.warnings {
                writer.startElement(Name.warning)
                writer.attribute(Name.stage, warning.stage)
                if let offset = warning.sourceOffset { writer.attribute(Name.sourceOffset, offset) }
                if !warning.message.isEmpty { writer.text(warning.message) }
                writer.endElement()
                newline(writer)
            }
        }
        writer.endElement()
    }

    private static let lineEnd: StaticString = "\n"

    private static func newline(_ writer: XMLWriter) {
        writer.text(utf8: UnsafeBufferPointer(start: lineEnd.utf8Start, count: 1))
    }

    /// An element with element-only content: its children go on lines of their own, which gives
    /// validation errors useful line numbers. Whitespace is never added inside mixed content.
    private static func container(_ name: XMLName, to writer: XMLWriter, _ children: () -> Void) {
        writer.startElement(name)
        newline(writer)
        children()
        writer.endElement()
        newline(writer)
    }

    private static func writeCase(_ info: CaseInfo, to writer: XMLWriter) {
        writer.startElement(Name.case)
        newline(writer)
        if let court = info.court { textElement(Name.court, court, to: writer) }
        for docket in info.dockets { textElement(Name.docket, docket, to: writer) }
        if let caseName = info.caseName { textElement(Name.caseName, caseName, to: writer) }
        for party in info.parties { textElement(Name.party, party.name, attribute: (Name.role, party.role), to: writer) }
        if let lowerCourt = info.lowerCourt { textElement(Name.lowerCourt, lowerCourt, to: writer) }
        for date in info.dates { textElement(Name.date, date.date, attribute: (Name.event, date.event), to: writer) }
        for judge in info.judges { textElement(Name.judge, judge, to: writer) }
        for entry in info.metadata { textElement(Name.meta, entry.value, attribute: (Name.key, entry.key), to: writer) }
        writer.endElement()
        newline(writer)
    }

    private static func textElement(
        _ name: XMLName, _ text: String, attribute: (XMLName, String)? = nil, newline: Bool = true,
        to writer: XMLWriter
    ) {
        writer.startElement(name)
        if let (key, value) = attribute { writer.attribute(key, value) }
        if !text.isEmpty { writer.text(text) }
        writer.endElement()
        if newline { self.newline(writer) }
    }

    private static func writeBlock(_ block: Block, to writer: XMLWriter) {
        switch block.kind {
        case .heading:
            writer.startElement(Name.heading)
            writer.attribute(Name.level, block.level ?? 1)
            if let label = block.label { writer.attribute(Name.label, label) }
        case .paragraph:
            writer.startElement(Name.p)
        case .blockquote:
            writer.startElement(Name.blockquote)
        case .sectionBreak:
            writer.startElement(Name.sectionBreak)
        }
        if let offset = block.sourceOffset { writer.attribute(Name.sourceOffset, offset) }
        writeInline(block, to: writer)
        writer.endElement()
        newline(writer)
    }

    private static func writeInline(_ block: Block, to writer: XMLWriter) {
        guard !block.pageBreaks.isEmpty || !block.footnoteRefs.isEmpty || !block.citations.isEmpty else {
            if !block.text.isEmpty { writer.text(block.text) }
            return
        }
        var events = InlineEvents(block)
        var text = block.text
        text.withUTF8 { events.write(text: $0, to: writer) }
    }

    /// The byte index `scalars` Unicode scalars after `start` in `utf8`, or its end if the text
    /// ends first, and how many scalars were passed. ASCII goes eight bytes at a time.
    fileprivate static func advance(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, scalars: Int) -> (index: Int, skipped: Int) {
        let base = utf8.baseAddress!
        let count = utf8.count
        var index = start
        var left = scalars
        while left > 0 && index < count {
            if left >= 8 && index + 8 <= count,
               UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                left -= 8
                continue
            }
            index += 1
            while index < count && base[index] & 0xC0 == 0x80 { index += 1 }
            left -= 1
        }
        return (index, scalars - left)
    }
}

/// The marks of one block as a queue of offsets. Holds the block's arrays (shared, not copied)
/// and the order to take them in.
private struct InlineEvents {
    private let pageBreaks: [PageBreak]
    private let footnoteRefs: [FootnoteRef]
    private let citations: [Citation]
    /// Page breaks (`index`) and footnote references (`count of page breaks + index`) in the
    /// order they are written.
    private var points: [(offset: Int, index: Int)]
    /// Citations by start; their ends, in order.
    private var starts: [(offset: Int, index: Int)]
    private var ends: [Int]
    private var pointIndex = 0
    private var startIndex = 0
    private var endIndex = 0

    init(_ block: Block) {
        pageBreaks = block.pageBreaks
        footnoteRefs = block.footnoteRefs
        citations = block.citations
        var points: [(offset: Int, index: Int)] = []
        points.reserveCapacity(pageBreaks.count + footnoteRefs.count)
        for (index, pageBreak) in pageBreaks.enumerated() { points.append((pageBreak.offset, index)) }
        for (index, ref) in footnoteRefs.enumerated() { points.append((ref.offset, pageBreaks.count + index)) }
        // Stable: a page break and a footnote reference at one offset keep that order.
        if !points.indices.dropLast().allSatisfy({ points[$0].offset <= points[$0 + 1].offset }) {
            points.sort { ($0.offset, $0.index) < ($1.offset, $1.index) }
        }
        self.points = points
        var starts = citations.enumerated().map { (offset: $0.element.offset, index: $0.offset) }
        if !starts.indices.dropLast().allSatisfy({ starts[$0].offset <= starts[$0 + 1].offset }) {
            starts.sort { ($0.offset, $0.index) < ($1.offset, $1.index) }
        }
        self.starts = starts
        ends = citations.map { $0.offset + $0.length }.sorted()
    }

    /// Walks the text's UTF-8 once, cutting it at every offset (in Unicode scalars) where a mark
    /// starts or ends. At one offset, citations that end there close first, then points are
    /// written, then citations that start there open.
    mutating func write(text utf8: UnsafeBufferPointer<UInt8>, to writer: XMLWriter) {
        var position = 0  // in scalars
        var index = 0  // in bytes
        var segmentStart = 0
        while true {
            if nextOffset == position {
                if segmentStart < index { writer.text(utf8: UnsafeBufferPointer(rebasing: utf8[segmentStart..<index])) }
                segmentStart = index
                write(at: position, to: writer)
            }
            guard index < utf8.count else { break }
            if let next = nextOffset, next > position {
                // Jump to the next event, or to the end of the text.
                let (end, skipped) = XMLEmitter.advance(utf8, from: index, scalars: next - position)
                index = end
                position += skipped
            } else {
                // No event left that can be placed.
                index = utf8.count
                position = Int.max
            }
        }
        if segmentStart < index { writer.text(utf8: UnsafeBufferPointer(rebasing: utf8[segmentStart..<index])) }
        // Marks past the end of the text cannot be placed; DocumentInvariants reports them before emitting.
    }

    private var nextOffset: Int? {
        var next: Int? = nil
        if pointIndex < points.count { next = points[pointIndex].offset }
        if startIndex < starts.count { next = min(next ?? .max, starts[startIndex].offset) }
        if endIndex < ends.count { next = min(next ?? .max, ends[endIndex]) }
        return next
    }

    private mutating func write(at offset: Int, to writer: XMLWriter) {
        while endIndex < ends.count && ends[endIndex] == offset && endIndex < startIndex {
            writer.endElement()
            endIndex += 1
        }
        while pointIndex < points.count && points[pointIndex].offset == offset {
            let index = points[pointIndex].index
            if index < pageBreaks.count {
                writer.emptyElement(Name.pb, attribute: Name.n, pageBreaks[index].page)
            } else {
                writer.emptyElement(Name.fnref, attribute: Name.label, footnoteRefs[index - pageBreaks.count].label)
            }
            pointIndex += 1
        }
        while startIndex < starts.count && starts[startIndex].offset == offset {
            let index = starts[startIndex].index
            citations.withUnsafeBufferPointer { Self.writeStart(of: $0[index], to: writer) }
            startIndex += 1
        }
    }

    private static func writeStart(of citation: borrowing Citation, to writer: XMLWriter) {
        writer.startElement(Name.cite)
        writer.attribute(Name.kind, citation.kind.rawValue)
        // The parts in the JSON's order (`JSONModelWalk.citation`).
        if let volume = citation.volume { writer.attribute(Name.volume, volume) }
        if let reporter = citation.reporter { writer.attribute(Name.reporter, reporter) }
        if let page = citation.page { writer.attribute(Name.page, page) }
        if let pinpoint = citation.pinpoint { writer.attribute(Name.pinpoint, pinpoint) }
        if let court = citation.court { writer.attribute(Name.court, court) }
        if let year = citation.year { writer.attribute(Name.year, year) }
        if let caseName = citation.caseName { writer.attribute(Name.caseName, caseName) }
        if let section = citation.section { writer.attribute(Name.section, section) }
        if let refersTo = citation.refersTo { writer.attribute(Name.refersTo, refersTo) }
    }
}

/// The element and attribute names of opinion.xsd, made once.
private enum Name {
    static let opinionDocument: XMLName = "opinionDocument"
    static let schemaVersion: XMLName = "schemaVersion"
    static let source: XMLName = "source"
    static let name: XMLName = "name"
    static let bytes: XMLName = "bytes"
    static let sha256: XMLName = "sha256"
    static let family: XMLName = "family"
    static let reader: XMLName = "reader"
    static let pipeline: XMLName = "pipeline"
    static let `case`: XMLName = "case"
    static let court: XMLName = "court"
    static let docket: XMLName = "docket"
    static let caseName: XMLName = "caseName"
    static let party: XMLName = "party"
    static let role: XMLName = "role"
    static let lowerCourt: XMLName = "lowerCourt"
    static let date: XMLName = "date"
    static let event: XMLName = "event"
    static let judge: XMLName = "judge"
    static let meta: XMLName = "meta"
    static let key: XMLName = "key"
    static let opinions: XMLName = "opinions"
    static let opinion: XMLName = "opinion"
    static let type: XMLName = "type"
    static let author: XMLName = "author"
    static let byline: XMLName = "byline"
    static let footnotes: XMLName = "footnotes"
    static let footnote: XMLName = "footnote"
    static let label: XMLName = "label"
    static let heading: XMLName = "heading"
    static let level: XMLName = "level"
    static let p: XMLName = "p"
    static let blockquote: XMLName = "blockquote"
    static let sectionBreak: XMLName = "sectionBreak"
    static let sourceOffset: XMLName = "sourceOffset"
    static let pb: XMLName = "pb"
    static let n: XMLName = "n"
    static let fnref: XMLName = "fnref"
    static let cite: XMLName = "cite"
    static let kind: XMLName = "kind"
    static let volume: XMLName = "volume"
    static let reporter: XMLName = "reporter"
    static let page: XMLName = "page"
    static let pinpoint: XMLName = "pinpoint"
    static let year: XMLName = "year"
    static let section: XMLName = "section"
    static let refersTo: XMLName = "refersTo"
    static let disposition: XMLName = "disposition"
    static let edits: XMLName = "edits"
    static let edit: XMLName = "edit"
    static let stage: XMLName = "stage"
    static let reason: XMLName = "reason"
    static let confidence: XMLName = "confidence"
    static let before: XMLName = "before"
    static let after: XMLName = "after"
    static let alternative: XMLName = "alternative"
    static let warnings: XMLName = "warnings"
    static let warning: XMLName = "warning"
}
