import ClerkCore
import ClerkLibXML

/// The output model as XML (see Schemas/opinion.xsd). A block's text is its character content;
/// page breaks, footnote references and citations are inline elements placed at their offsets.
public enum XMLEmitter {
    public static func bytes(_ document: Document) throws(XMLFailure) -> [UInt8] {
        let writer = XMLWriter()
        writer.startElement("opinionDocument")
        writer.attribute("schemaVersion", JSONEmitter.schemaVersion)
        writer.text("\n")
        writer.emptyElement("source", attributes: [
            ("name", document.source.name), ("bytes", String(document.source.bytes)),
            ("sha256", document.source.sha256), ("family", document.source.family.rawValue),
        ])
        writer.text("\n")
        if let fingerprint = document.pipelineSHA256 {
            writer.emptyElement("pipeline", attributes: [("sha256", fingerprint)])
            writer.text("\n")
        }
        writeCase(document.caseInfo, to: writer)
        container("opinions", to: writer) {
            for opinion in document.opinions {
                writer.startElement("opinion")
                writer.attribute("type", opinion.type.rawValue)
                if let author = opinion.author { writer.attribute("author", author) }
                if let byline = opinion.byline { writer.attribute("byline", byline) }
                writer.text("\n")
                for block in opinion.blocks { writeBlock(block, to: writer) }
                container("footnotes", to: writer) {
                    for footnote in opinion.footnotes {
                        writer.startElement("footnote")
                        writer.attribute("label", footnote.label)
                        writer.text("\n")
                        for block in footnote.blocks { writeBlock(block, to: writer) }
                        writer.endElement()
                        writer.text("\n")
                    }
                }
                writer.endElement()
                writer.text("\n")
            }
        }
        if let disposition = document.disposition { textElement("disposition", disposition, to: writer) }
        container("edits", to: writer) {
            for edit in document.log.edits {
                writer.startElement("edit")
                writer.attribute("stage", edit.stage)
                writer.attribute("sourceOffset", String(edit.sourceOffset))
                writer.attribute("reason", edit.reason)
                if let confidence = edit.confidence { writer.attribute("confidence", String(confidence)) }
                textElement("before", edit.before, newline: false, to: writer)
                textElement("after", edit.after, newline: false, to: writer)
                if let alternative = edit.alternative { textElement("alternative", alternative, newline: false, to: writer) }
                writer.endElement()
                writer.text("\n")
            }
        }
        container("warnings", to: writer) {
            for warning in document.log.warnings {
                var attributes = [("stage", warning.stage)]
                if let offset = warning.sourceOffset { attributes.append(("sourceOffset", String(offset))) }
                textElement("warning", warning.message, attributes: attributes, to: writer)
            }
        }
        writer.endElement()
        return try writer.finish()
    }

    /// An element with element-only content: its children go on lines of their own, which gives
    /// validation errors useful line numbers. Whitespace is never added inside mixed content.
    private static func container(_ name: String, to writer: XMLWriter, _ children: () -> Void) {
        writer.startElement(name)
        writer.text("\n")
        children()
        writer.endElement()
        writer.text("\n")
    }

    private static func writeCase(_ info: CaseInfo, to writer: XMLWriter) {
        writer.startElement("case")
        writer.text("\n")
        if let court = info.court { textElement("court", court, to: writer) }
        for docket in info.dockets { textElement("docket", docket, to: writer) }
        if let caseName = info.caseName { textElement("caseName", caseName, to: writer) }
        for party in info.parties { textElement("party", party.name, attributes: [("role", party.role)], to: writer) }
        if let lowerCourt = info.lowerCourt { textElement("lowerCourt", lowerCourt, to: writer) }
        for date in info.dates { textElement("date", date.date, attributes: [("event", date.event)], to: writer) }
        for judge in info.judges { textElement("judge", judge, to: writer) }
        for entry in info.metadata { textElement("meta", entry.value, attributes: [("key", entry.key)], to: writer) }
        writer.endElement()
        writer.text("\n")
    }

    private static func textElement(
        _ name: String, _ text: String, attributes: [(String, String)] = [], newline: Bool = true,
        to writer: XMLWriter
    ) {
        writer.startElement(name)
        for (key, value) in attributes { writer.attribute(key, value) }
        if !text.isEmpty { writer.text(text) }
        writer.endElement()
        if newline { writer.text("\n") }
    }

    private static func writeBlock(_ block: Block, to writer: XMLWriter) {
        switch block.kind {
        case .heading:
            writer.startElement("heading")
            writer.attribute("level", String(block.level ?? 1))
            if let label = block.label { writer.attribute("label", label) }
        case .paragraph:
            writer.startElement("p")
        case .blockquote:
            writer.startElement("blockquote")
        case .sectionBreak:
            writer.startElement("sectionBreak")
        }
        if let offset = block.sourceOffset { writer.attribute("sourceOffset", String(offset)) }
        writeInline(block, to: writer)
        writer.endElement()
        writer.text("\n")
    }

    /// Walks the text once, cutting it at every offset where a mark starts or ends. At one
    /// offset, citations that end there close first, then points are written, then citations
    /// that start there open.
    private static func writeInline(_ block: Block, to writer: XMLWriter) {
        var events = InlineEvents(block)
        let scalars = block.text.unicodeScalars
        // Counted once: measuring what is left at each mark would walk the rest of the text each time.
        let count = scalars.count
        var position = 0
        var segmentStart = scalars.startIndex
        var index = scalars.startIndex
        func flushText() {
            if segmentStart < index { writer.text(String(scalars[segmentStart..<index])) }
            segmentStart = index
        }
        while true {
            if events.hasEvents(at: position) {
                flushText()
                events.write(at: position, to: writer)
            }
            guard index < scalars.endIndex else { break }
            if let next = events.nextOffset, next > position {
                // Jump to the next event, or to the end of the text.
                let distance = min(next - position, count - position)
                index = scalars.index(index, offsetBy: distance)
                position += distance
            } else if events.nextOffset == nil {
                index = scalars.endIndex
                position = Int.max
            } else {
                index = scalars.index(after: index)
                position += 1
            }
        }
        flushText()
        // Marks past the end of the text cannot be placed; DocumentInvariants reports them before emitting.
    }
}

/// The marks of one block as a queue of offsets.
private struct InlineEvents {
    private var points: [(offset: Int, write: (XMLWriter) -> Void)]
    private var starts: [Citation]
    private var ends: [Int]
    private var pointIndex = 0
    private var startIndex = 0
    private var endIndex = 0

    init(_ block: Block) {
        var points: [(offset: Int, write: (XMLWriter) -> Void)] = []
        for pageBreak in block.pageBreaks {
            points.append((pageBreak.offset, { $0.emptyElement("pb", attributes: [("n", pageBreak.page)]) }))
        }
        for ref in block.footnoteRefs {
            points.append((ref.offset, { $0.emptyElement("fnref", attributes: [("label", ref.label)]) }))
        }
        // Stable: a page break and a footnote reference at one offset keep that order.
        self.points = points.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }.map(\.element)
        starts = block.citations.sorted { $0.offset < $1.offset }
        ends = starts.map { $0.offset + $0.length }.sorted()
    }

    var nextOffset: Int? {
        [
            pointIndex < points.count ? points[pointIndex].offset : nil,
            startIndex < starts.count ? starts[startIndex].offset : nil,
            endIndex < ends.count ? ends[endIndex] : nil,
        ].compactMap { $0 }.min()
    }

    func hasEvents(at offset: Int) -> Bool { nextOffset == offset }

    mutating func write(at offset: Int, to writer: XMLWriter) {
        while endIndex < ends.count && ends[endIndex] == offset && endIndex < startIndex {
            writer.endElement()
            endIndex += 1
        }
        while pointIndex < points.count && points[pointIndex].offset == offset {
            points[pointIndex].write(writer)
            pointIndex += 1
        }
        while startIndex < starts.count && starts[startIndex].offset == offset {
            let citation = starts[startIndex]
            writer.startElement("cite")
            writer.attribute("kind", citation.kind.rawValue)
            for (key, part) in citation.parts { writer.attribute(key, part) }
            startIndex += 1
        }
    }
}
