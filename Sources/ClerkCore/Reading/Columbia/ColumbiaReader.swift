internal import ClerkLibXML

/// The Columbia project's XML, as CourtListener imported it: one `<opinion>` whose children are
/// the case's parts. The caption's elements (`<caption>`, `<docket>`, `<court>`, `<date>`,
/// `<panel>`, `<hearing_date>`) are read into the case, `<attorneys>` into its metadata, the
/// citations (`<citation>`) into `source.record`; `<posture>` (the reporter's statement of the
/// case) is a summary before the opinions, of type syllabus; each `<opinion_text>`,
/// `<dissent_text>` or `<concurrence_text>` is an opinion of that type, its author from the
/// byline before it (`<opinion_byline>` …). In their text a blank line ends a paragraph,
/// `<block_quote>` is a block quote, `<page_number>` a page boundary, `<footnote_reference>` a
/// footnote reference and `<footnote_body>` a footnote. Opinions, footnotes, pages and caption
/// are marked, so the stages that find them do not run; the text was typed, so the family is
/// `html` (paragraphs by blank lines).
public struct ColumbiaReader: InputReader {
    public static let id = "columbia"
    public static let summary =
        "Columbia-project XML (<opinion> with <caption>, <docket>, <opinion_byline>, <opinion_text>, <dissent_text>…): opinions, authors, footnotes and page numbers as marked; the caption's elements into the case."

    public init(configuration: NoParameters) {}

    private static let opinionKinds: [(name: String, type: OpinionType)] = [
        ("opinion", .majority), ("dissent", .dissent), ("concurrence", .concurrence),
    ]

    public static func evidence(in input: ReaderInput) -> ReaderEvidence? {
        let head = input.bytes.prefix(8192)
        guard let root = ByteLines.firstRange(of: Array("<opinion>".utf8), in: head),
              head[..<root.lowerBound].allSatisfy({ TextTokenizer.isSpaceOrLineEnd($0) || $0 == 0x0D })
                || ByteLines.firstRange(of: Array("?>".utf8), in: head[..<root.lowerBound]) != nil
        else { return nil }
        let parts = ["<opinion_text>", "<dissent_text>", "<concurrence_text>", "<reporter_caption>", "<opinion_byline>"]
        guard parts.contains(where: { ByteLines.firstRange(of: Array($0.utf8), in: input.bytes[...]) != nil }) else { return nil }
        return ReaderEvidence(.signature, "an <opinion> root with Columbia's parts (<opinion_text>, <reporter_caption>…)")
    }

    public func read(_ input: ReaderInput, into document: inout Document) throws(ReadingFailure) {
        let root: XMLElement
        do {
            root = try XMLDocumentParser.parse(input.bytes, file: input.name)
        } catch {
            throw ReadingFailure(step: Self.id, "the Columbia XML could not be parsed: \(error.description)")
        }
        guard root.name == "opinion" else {
            throw ReadingFailure(step: Self.id, "the XML's root is <\(root.name)>, not <opinion>")
        }
        var reading = ColumbiaDocument(stage: Self.id, offsets: LineOffsets(input.bytes))
        reading.read(root, log: &document.log)
        guard !reading.text.isEmpty else {
            throw ReadingFailure(step: Self.id, "the Columbia XML has no opinion text (no <opinion_text>, <dissent_text> or <concurrence_text>)")
        }
        document.caseInfo = reading.recordCase.reconciled(stage: Self.id, log: &document.log)
        reading.text.finish(into: &document)
        document.source.record = RecordIdentity(collection: "columbia", citations: reading.citations)
        document.source.family = .html
        document.source.marked = [.opinions, .footnotes, .pages, .caption]
    }

    static func opinionType(ofElement name: String) -> (kind: String, type: OpinionType, isText: Bool)? {
        for kind in opinionKinds {
            if name == kind.name + "_text" { return (kind.name, kind.type, true) }
            if name == kind.name + "_byline" { return (kind.name, kind.type, false) }
        }
        return nil
    }
}

/// One Columbia document being read.
struct ColumbiaDocument {
    var text: RecordText
    var recordCase = RecordCase()
    var citations: [String] = []
    private let stage: String
    private let offsets: LineOffsets
    private var bylines: [String: String] = [:]
    private var attorneys: [String] = []

    init(stage: String, offsets: LineOffsets) {
        self.stage = stage
        self.offsets = offsets
        text = RecordText(source: 0)
    }

    mutating func read(_ root: XMLElement, log: inout EditLog) {
        var sawOpinion = false
        var inSummary = false
        for part in root.elementChildren {
            if part.line > 0 { text.source = offsets.offset(part.line) }
            collectCitations(part)
            if let (kind, type, isText) = ColumbiaReader.opinionType(ofElement: part.name) {
                if !isText {
                    bylines[kind] = ByteLines.collapsingWhitespace(Self.spacedText(part))
                    leftOut(part, "the opinion's byline (<\(part.name)>), kept as its byline", log: &log)
                    continue
                }
                let header = RecordOpinionHeader.header(type: type, byline: bylines.removeValue(forKey: kind))
                if let author = header.author { recordCase.authors.append(author) }
                text.startOpinion(header)
                sawOpinion = true
                inSummary = false
                Self.blocks(part, into: &text, log: &log, stage: stage)
                continue
            }
            switch part.name {
            case "caption": headMatter(part, as: .parties, log: &log)
            case "docket": headMatter(part, as: .docket, log: &log)
            case "court": headMatter(part, as: .court, log: &log)
            case "date": headMatter(part, as: .dates(bare: "decided"), log: &log)
            case "hearing_date": headMatter(part, as: .dates(bare: "argued"), log: &log)
            case "panel": headMatter(part, as: .judges, log: &log)
            case "attorneys":
                let printed = ByteLines.collapsingWhitespace(Self.spacedText(part))
                if !printed.isEmpty { attorneys.append(printed) }
                leftOut(part, "the attorneys (<attorneys>), kept in the case's metadata `attorneys`", log: &log)
            case "reporter_caption", "citation_line":
                leftOut(part, "the reporter's caption and citations (<\(part.name)>), kept in the source's record", log: &log)
            case "footnote_body":
                Self.footnote(part, into: &text, log: &log, stage: stage)
            default:
                // The reporter's statement of the case (`<posture>`) and anything else before the
                // opinions is its summary; after them, more of the last opinion.
                if !sawOpinion && !inSummary {
                    text.startOpinion(OpinionHeader(type: .syllabus))
                    inSummary = true
                }
                Self.blocks(part, into: &text, log: &log, stage: stage)
            }
        }
        if !attorneys.isEmpty {
            recordCase.printed.metadata.append(MetadataEntry(key: "attorneys", value: attorneys.joined(separator: "\n")))
        }
    }

    private mutating func headMatter(_ element: XMLElement, as kind: MarkedCaption.Element, log: inout EditLog) {
        var facts = MarkedCaption.facts(Self.spacedText(element), as: kind)
        if case .parties = kind {
            // The caption is the case's name as the reporter prints it.
            var name = ByteLines.collapsingWhitespace(Self.spacedText(element))
            if name.hasSuffix(".") { name.removeLast() }
            if !name.isEmpty { facts.caseName = name }
        }
        recordCase.addPrinted(facts)
        leftOut(element, "head matter (<\(element.name)>) read into the case", log: &log)
    }

    /// The text of `element`, a space between its elements' texts (`<center>March 6, 1979.</center>
    /// <center>Rehearing Denied …</center>` are two lines of the caption).
    static func spacedText(_ element: XMLElement) -> String {
        var result = ""
        for child in element.children {
            switch child {
            case .text(let string): result += string
            case .element(let part): result += " " + spacedText(part) + " "
            }
        }
        return result
    }

    private mutating func collectCitations(_ element: XMLElement) {
        guard element.name == "reporter_caption" || element.name == "citation_line" else { return }
        func walk(_ element: XMLElement) {
            for child in element.elementChildren {
                if child.name == "citation" {
                    let cite = ByteLines.collapsingWhitespace(child.textContent)
                    if !cite.isEmpty && !citations.contains(cite) { citations.append(cite) }
                } else {
                    walk(child)
                }
            }
        }
        walk(element)
    }

    private func leftOut(_ element: XMLElement, _ reason: String, log: inout EditLog) {
        text.logLeftOut(ByteLines.collapsingWhitespace(Self.spacedText(element)), reason, stage: stage, log: &log)
    }

    /// An element's text as paragraphs (a blank line ends one), with its inline marks and
    /// block quotes.
    static func blocks(_ element: XMLElement, into target: inout RecordText, log: inout EditLog, stage: String) {
        for child in element.children {
            switch child {
            case .text(let string):
                appendParagraphs(string, to: &target)
            case .element(let part):
                switch part.name {
                case "block_quote":
                    target.startBlockQuote()
                    blocks(part, into: &target, log: &log, stage: stage)
                    target.endBlockQuote()
                case "page_number":
                    target.mark(.pageBreak(label: pageLabel(part.textContent)))
                    logMarked(part, "a page number (<page_number>) became a page boundary", in: target, log: &log, stage: stage)
                case "footnote_reference":
                    target.mark(.footnoteRef(label: noteLabel(part.textContent)))
                    logMarked(part, "a footnote reference (<footnote_reference>) became a footnote reference mark", in: target, log: &log, stage: stage)
                case "footnote_body":
                    footnote(part, into: &target, log: &log, stage: stage)
                default:
                    blocks(part, into: &target, log: &log, stage: stage)
                }
            }
        }
        target.endParagraph()
    }

    /// A footnote: its label from `<footnote_number>` or its leading `[1]`, its text as paragraphs.
    static func footnote(_ element: XMLElement, into target: inout RecordText, log: inout EditLog, stage: String) {
        var content = RecordText(source: target.source)
        var label: String?
        var rest = element
        if let number = element.elementChildren.first(where: { $0.name == "footnote_number" }) {
            label = noteLabel(number.textContent)
            rest.children = element.children.filter { if case .element(let child) = $0 { child.name != "footnote_number" } else { true } }
        } else if case .text(let first)? = element.children.first {
            let trimmed = first.drop { $0.isWhitespace }
            if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]"), trimmed.distance(from: trimmed.startIndex, to: close) <= 8 {
                label = noteLabel(String(trimmed[...close]))
                rest.children[0] = .text(String(trimmed[trimmed.index(after: close)...]))
            }
        }
        blocks(rest, into: &content, log: &log, stage: stage)
        target.addNote(label: label ?? String(target.notes.count + 1), content)
    }

    private static func appendParagraphs(_ string: String, to target: inout RecordText) {
        var lineIsBlank = true
        var sawLineEnd = false
        var pending = ""
        for character in string {
            if character == "\n" || character == "\r\n" {
                if sawLineEnd && lineIsBlank {
                    target.append(pending)
                    pending = ""
                    target.endParagraph()
                }
                sawLineEnd = true
                lineIsBlank = true
                pending.append(" ")
            } else {
                if !character.isWhitespace { lineIsBlank = false }
                pending.append(character)
            }
        }
        target.append(pending)
    }

    /// `Page 412` → `412`.
    private static func pageLabel(_ text: String) -> String {
        let words = ByteLines.collapsingWhitespace(text).split(separator: " ")
        return String(words.last.map { $0.filter { $0 != "*" } } ?? "")
    }

    /// `[fn1]`, `[1]`, `1` → `1`.
    private static func noteLabel(_ text: String) -> String {
        var label = ByteLines.collapsingWhitespace(text).filter { $0 != "[" && $0 != "]" && $0 != "*" }
        if label.lowercased().hasPrefix("fn") { label = String(label.dropFirst(2)) }
        return label.isEmpty ? "*" : label
    }

    private static func logMarked(_ element: XMLElement, _ reason: String, in target: RecordText, log: inout EditLog, stage: String) {
        target.logLeftOut(ByteLines.collapsingWhitespace(element.textContent), reason, stage: stage, log: &log)
    }
}
