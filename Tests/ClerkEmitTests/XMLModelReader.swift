import ClerkCore
import ClerkLibXML

/// Reads an emitted XML document back into the model, to prove that the XML carries the same
/// model as the JSON: the inverse of XMLEmitter, written independently of it.
enum XMLModelReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ root: XMLElement) throws -> (source: SourceInfo, pipeline: String?, caseInfo: CaseInfo, opinions: [Opinion],
                                                    disposition: String?, edits: [Edit], warnings: [Warning]) {
        let source = try child(root, "source")
        let info = SourceInfo(
            name: try attribute(source, "name"), bytes: Int(try attribute(source, "bytes")) ?? -1,
            sha256: try attribute(source, "sha256"), family: SourceFamily(rawValue: try attribute(source, "family")) ?? .unknown,
            reader: try attribute(source, "reader"))
        let pipeline = try root.elementChildren.first { $0.name == "pipeline" }.map { try attribute($0, "sha256") }
        var caseInfo = CaseInfo()
        for element in try child(root, "case").elementChildren {
            switch element.name {
            case "court": caseInfo.court = element.textContent
            case "docket": caseInfo.dockets.append(element.textContent)
            case "caseName": caseInfo.caseName = element.textContent
            case "party": caseInfo.parties.append(Party(name: element.textContent, role: try attribute(element, "role")))
            case "lowerCourt": caseInfo.lowerCourt = element.textContent
            case "date": caseInfo.dates.append(CaseDate(event: try attribute(element, "event"), date: element.textContent))
            case "judge": caseInfo.judges.append(element.textContent)
            case "meta": caseInfo.metadata.append(MetadataEntry(key: try attribute(element, "key"), value: element.textContent))
            default: throw Failure(description: "unexpected <\(element.name)> in <case>")
            }
        }
        var opinions: [Opinion] = []
        for element in try child(root, "opinions").elementChildren {
            var opinion = Opinion(type: OpinionType(rawValue: try attribute(element, "type")) ?? .unknown,
                                  author: element.attribute("author"), byline: element.attribute("byline"))
            for part in element.elementChildren {
                if part.name == "footnotes" {
                    opinion.footnotes = try part.elementChildren.map { note in
                        Footnote(label: try attribute(note, "label"), blocks: try note.elementChildren.map(block))
                    }
                } else {
                    opinion.blocks.append(try block(part))
                }
            }
            opinions.append(opinion)
        }
        let edits = try child(root, "edits").elementChildren.map { element in
            Edit(stage: try attribute(element, "stage"), sourceOffset: Int(try attribute(element, "sourceOffset")) ?? -1,
                 before: try child(element, "before").textContent, after: try child(element, "after").textContent,
                 reason: try attribute(element, "reason"),
                 alternative: element.elementChildren.first { $0.name == "alternative" }?.textContent,
                 confidence: element.attribute("confidence").flatMap(Double.init))
        }
        let warnings = try child(root, "warnings").elementChildren.map { element in
            Warning(stage: try attribute(element, "stage"), sourceOffset: element.attribute("sourceOffset").flatMap { Int($0) },
                    message: element.textContent)
        }
        let disposition = root.elementChildren.first { $0.name == "disposition" }?.textContent
        return (info, pipeline, caseInfo, opinions, disposition, edits, warnings)
    }

    private static func block(_ element: XMLElement) throws -> Block {
        let kind: BlockKind
        switch element.name {
        case "heading": kind = .heading
        case "p": kind = .paragraph
        case "blockquote": kind = .blockquote
        case "sectionBreak": kind = .sectionBreak
        default: throw Failure(description: "unexpected block <\(element.name)>")
        }
        var block = Block(
            kind: kind, text: "", level: element.attribute("level").flatMap { Int($0) }, label: element.attribute("label"),
            sourceOffset: element.attribute("sourceOffset").flatMap { Int($0) })
        var scalars = 0
        try inline(element.children, into: &block, scalars: &scalars, insideCitation: false)
        return block
    }

    private static func inline(_ nodes: [XMLNode], into block: inout Block, scalars: inout Int, insideCitation: Bool) throws {
        for node in nodes {
            switch node {
            case .text(let text):
                block.text += text
                scalars += text.unicodeScalars.count
            case .element(let element):
                switch element.name {
                case "pb": block.pageBreaks.append(PageBreak(offset: scalars, page: try attribute(element, "n")))
                case "fnref": block.footnoteRefs.append(FootnoteRef(offset: scalars, label: try attribute(element, "label")))
                case "cite" where !insideCitation:
                    let start = scalars
                    try inline(element.children, into: &block, scalars: &scalars, insideCitation: true)
                    var citation = Citation(
                        offset: start, length: scalars - start,
                        kind: CitationKind(rawValue: try attribute(element, "kind")) ?? .unknown,
                        text: String(String.UnicodeScalarView(Array(block.text.unicodeScalars)[start..<scalars])))
                    citation.volume = element.attribute("volume")
                    citation.reporter = element.attribute("reporter")
                    citation.page = element.attribute("page")
                    citation.pinpoint = element.attribute("pinpoint")
                    citation.court = element.attribute("court")
                    citation.year = element.attribute("year")
                    citation.caseName = element.attribute("caseName")
                    citation.section = element.attribute("section")
                    citation.refersTo = element.attribute("refersTo")
                    block.citations.append(citation)
                default: throw Failure(description: "unexpected inline <\(element.name)>")
                }
            }
        }
    }

    private static func child(_ element: XMLElement, _ name: String) throws -> XMLElement {
        guard let found = element.elementChildren.first(where: { $0.name == name }) else {
            throw Failure(description: "<\(element.name)> has no <\(name)>")
        }
        return found
    }

    private static func attribute(_ element: XMLElement, _ name: String) throws -> String {
        guard let value = element.attribute(name) else { throw Failure(description: "<\(element.name)> has no \(name)=") }
        return value
    }
}
