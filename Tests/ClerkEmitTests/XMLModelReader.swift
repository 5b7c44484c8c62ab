import ClerkCore
import ClerkLibXML

/// Reads an emitted XML document back into the model, to prove that the XML carries the same
/// model as the JSON: the inverse of the XML writer, written independently of it. It speaks to
/// a `ModelVisitor` (a `ModelBuilder`, to get the model), so a field added to the visitor's calls
/// must be read here too before the tests build.
enum XMLModelReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The model the XML under `root` holds.
    static func read(_ root: XMLElement) throws -> ModelBuilder.Output {
        var builder = ModelBuilder()
        try read(root, into: &builder)
        return builder.output
    }

    /// Hands the XML's model to `visitor`, in the order `ModelWalk` does.
    static func read<Visitor: ModelVisitor>(_ root: XMLElement, into visitor: inout Visitor) throws {
        visitor.beginDocument()
        let source = try child(root, "source")
        visitor.source(
            name: try attribute(source, "name"), bytes: Int(try attribute(source, "bytes")) ?? -1,
            sha256: try attribute(source, "sha256"), family: SourceFamily(rawValue: try attribute(source, "family")) ?? .unknown,
            reader: try attribute(source, "reader"),
            record: source.elementChildren.first { $0.name == "record" }.map { record in
                RecordIdentity(
                    collection: record.attribute("collection") ?? "", id: record.attribute("id"), clusterId: record.attribute("clusterId"),
                    citations: record.elementChildren.filter { $0.name == "citation" }.map(\.textContent),
                    textField: record.attribute("textField"))
            })
        visitor.pipeline(sha256: try root.elementChildren.first { $0.name == "pipeline" }.map { try attribute($0, "sha256") })
        try readCase(try child(root, "case"), into: &visitor)
        visitor.beginList(.opinions)
        for element in try child(root, "opinions").elementChildren { try opinion(element, into: &visitor) }
        visitor.endList(.opinions)
        visitor.disposition(root.elementChildren.first { $0.name == "disposition" }?.textContent)
        visitor.beginList(.edits)
        for element in try child(root, "edits").elementChildren {
            visitor.edit(
                stage: try attribute(element, "stage"), sourceOffset: Int(try attribute(element, "sourceOffset")) ?? -1,
                before: try child(element, "before").textContent, after: try child(element, "after").textContent,
                reason: try attribute(element, "reason"),
                alternative: element.elementChildren.first { $0.name == "alternative" }?.textContent,
                confidence: element.attribute("confidence").flatMap(Double.init))
        }
        visitor.endList(.edits)
        visitor.beginList(.warnings)
        for element in try child(root, "warnings").elementChildren {
            visitor.warning(
                stage: try attribute(element, "stage"), sourceOffset: element.attribute("sourceOffset").flatMap { Int($0) },
                message: element.textContent)
        }
        visitor.endList(.warnings)
        visitor.endDocument()
    }

    /// The case's children come grouped by field; the visitor hears them in the contract's order.
    private static func readCase<Visitor: ModelVisitor>(_ element: XMLElement, into visitor: inout Visitor) throws {
        let known = ["court", "docket", "caseName", "party", "lowerCourt", "date", "judge", "meta"]
        if let stray = element.elementChildren.first(where: { !known.contains($0.name) }) {
            throw Failure(description: "unexpected <\(stray.name)> in <case>")
        }
        func all(_ name: String) -> [XMLElement] { element.elementChildren.filter { $0.name == name } }
        visitor.beginCase()
        visitor.court(all("court").first?.textContent)
        visitor.beginList(.dockets)
        for docket in all("docket") { visitor.docket(docket.textContent) }
        visitor.endList(.dockets)
        visitor.caseName(all("caseName").first?.textContent)
        visitor.beginList(.parties)
        for party in all("party") { visitor.party(name: party.textContent, role: try attribute(party, "role")) }
        visitor.endList(.parties)
        visitor.lowerCourt(all("lowerCourt").first?.textContent)
        visitor.beginList(.dates)
        for date in all("date") { visitor.date(event: try attribute(date, "event"), date: date.textContent) }
        visitor.endList(.dates)
        visitor.beginList(.judges)
        for judge in all("judge") { visitor.judge(judge.textContent) }
        visitor.endList(.judges)
        visitor.beginList(.metadata)
        for entry in all("meta") { visitor.metadataEntry(key: try attribute(entry, "key"), value: entry.textContent) }
        visitor.endList(.metadata)
        visitor.endCase()
    }

    private static func opinion<Visitor: ModelVisitor>(_ element: XMLElement, into visitor: inout Visitor) throws {
        visitor.beginOpinion(
            type: OpinionType(rawValue: try attribute(element, "type")) ?? .unknown, author: element.attribute("author"),
            byline: element.attribute("byline"))
        visitor.beginList(.blocks)
        for part in element.elementChildren where part.name != "footnotes" { try block(part, into: &visitor) }
        visitor.endList(.blocks)
        visitor.beginList(.footnotes)
        for note in element.elementChildren.filter({ $0.name == "footnotes" }).flatMap(\.elementChildren) {
            visitor.beginFootnote(label: try attribute(note, "label"))
            visitor.beginList(.blocks)
            for part in note.elementChildren { try block(part, into: &visitor) }
            visitor.endList(.blocks)
            visitor.endFootnote()
        }
        visitor.endList(.footnotes)
        visitor.endOpinion()
    }

    private static func block<Visitor: ModelVisitor>(_ element: XMLElement, into visitor: inout Visitor) throws {
        let kind: BlockKind
        switch element.name {
        case "heading": kind = .heading
        case "p": kind = .paragraph
        case "blockquote": kind = .blockquote
        case "sectionBreak": kind = .sectionBreak
        default: throw Failure(description: "unexpected block <\(element.name)>")
        }
        var content = InlineContent()
        try content.read(element.children, insideCitation: false)
        visitor.beginBlock(
            kind: kind, level: element.attribute("level").flatMap { Int($0) }, label: element.attribute("label"),
            text: content.text, sourceOffset: element.attribute("sourceOffset").flatMap { Int($0) })
        visitor.beginList(.pageBreaks)
        for mark in content.pageBreaks { visitor.pageBreak(offset: mark.offset, page: mark.page) }
        visitor.endList(.pageBreaks)
        visitor.beginList(.footnoteRefs)
        for mark in content.footnoteRefs { visitor.footnoteRef(offset: mark.offset, label: mark.label) }
        visitor.endList(.footnoteRefs)
        visitor.beginList(.citations)
        for cite in content.citations {
            let part = { (name: String) in cite.element.attribute(name) }
            visitor.citation(
                offset: cite.offset, length: cite.length,
                kind: CitationKind(rawValue: try attribute(cite.element, "kind")) ?? .unknown,
                text: String(String.UnicodeScalarView(Array(content.text.unicodeScalars)[cite.offset..<cite.offset + cite.length])),
                volume: part("volume"), reporter: part("reporter"), page: part("page"), pinpoint: part("pinpoint"),
                court: part("court"), year: part("year"), caseName: part("caseName"), section: part("section"),
                refersTo: part("refersTo"))
        }
        visitor.endList(.citations)
        visitor.endBlock()
    }

    /// A block's mixed content taken apart: the text, and each mark at its offset in scalars.
    private struct InlineContent {
        var text = ""
        var scalars = 0
        var pageBreaks: [(offset: Int, page: String)] = []
        var footnoteRefs: [(offset: Int, label: String)] = []
        var citations: [(offset: Int, length: Int, element: XMLElement)] = []

        mutating func read(_ nodes: [XMLNode], insideCitation: Bool) throws {
            for node in nodes {
                switch node {
                case .text(let piece):
                    text += piece
                    scalars += piece.unicodeScalars.count
                case .element(let element):
                    switch element.name {
                    case "pb": pageBreaks.append((scalars, try attribute(element, "n")))
                    case "fnref": footnoteRefs.append((scalars, try attribute(element, "label")))
                    case "cite" where !insideCitation:
                        let start = scalars
                        try read(element.children, insideCitation: true)
                        citations.append((start, scalars - start, element))
                    default: throw Failure(description: "unexpected inline <\(element.name)>")
                    }
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
