internal import ClerkLibXML

/// A Caselaw Access Project casebody in XML (`<casebody>`): its head matter (`<parties>`,
/// `<docketnumber>`, `<court>`, `<decisiondate>`, `<otherdate>`, `<judges>`, `<attorneys>`) is
/// read into the case, what else is printed before the opinions (`<syllabus>`, `<headnotes>`,
/// `<summary>`) becomes an opinion of type syllabus, and each `<opinion type=…>` an opinion with
/// the author its `<author>` names; `<p>` and `<blockquote>` are paragraphs and block quotes,
/// `<page-number label="16">` a page boundary, `<footnotemark>` a footnote reference and
/// `<footnote label=…>` a footnote. Everything the text leaves out is in the edit log.
struct CAPCaseBody {
    private(set) var text: RecordText
    private(set) var recordCase = RecordCase()
    /// What the text leaves out, for the document's log.
    private(set) var log = EditLog()
    private let stage: String
    /// The raw offset of an element, from its line (nil: every element maps to the text's start).
    private let offsetOfLine: ((Int) -> Int)?
    private var inSummary = false
    private var opinionCount = 0

    init(stage: String, source: Int, offsetOfLine: ((Int) -> Int)?) {
        self.stage = stage
        self.text = RecordText(source: source)
        self.offsetOfLine = offsetOfLine
    }

    /// Reads `root`, the `<casebody>` element.
    mutating func read(_ root: XMLElement) {
        for child in root.children {
            guard case .element(let element) = child else { continue }
            locate(element)
            let name = Self.localName(element.name)
            switch name {
            case "parties": headMatter(element, as: .parties)
            case "docketnumber": headMatter(element, as: .docket)
            case "court": headMatter(element, as: .court)
            case "decisiondate": headMatter(element, as: .dates(bare: "decided"))
            case "otherdate": headMatter(element, as: .dates(bare: "other"))
            case "judges": headMatter(element, as: .judges)
            case "attorneys":
                let printed = ByteLines.collapsingWhitespace(element.textContent)
                if !printed.isEmpty { attorneys.append(printed) }
                pageMarks(in: element)
                logLeftOut(element, "the attorneys (<attorneys>), kept in the case's metadata `attorneys`")
            case "opinion": opinion(element)
            case "page-number": pageNumber(element)
            case "footnote": footnote(element)
            case _ where opinionCount == 0:
                // Whatever else the reporter prints before the opinions (a syllabus, headnotes, a
                // summary, a note of citations) is its summary of the case.
                if !inSummary {
                    text.startOpinion(OpinionHeader(type: .syllabus, byline: nil))
                    inSummary = true
                }
                block(element)
            default:
                block(element)
            }
        }
        if !attorneys.isEmpty {
            recordCase.printed.metadata.append(MetadataEntry(key: "attorneys", value: attorneys.joined(separator: "\n")))
        }
    }

    private var attorneys: [String] = []

    /// A caption element: read into the case, its text logged as left out (page numbers in it
    /// still mark their boundaries).
    private mutating func headMatter(_ element: XMLElement, as kind: MarkedCaption.Element) {
        recordCase.addPrinted(MarkedCaption.facts(Self.textWithoutPageNumbers(element), as: kind))
        pageMarks(in: element)
        logLeftOut(element, "head matter (<\(Self.localName(element.name))>) read into the case")
    }

    private mutating func opinion(_ element: XMLElement) {
        opinionCount += 1
        inSummary = false
        let authors = element.elementChildren.filter { Self.localName($0.name) == "author" }
        let named = authors.map { Self.textWithoutPageNumbers($0) }.joined(separator: " ")
        var byline = named
        // `<author>` may hold the name alone, the byline's rest (`delivered the opinion of the
        // Court:`, `(with whom concurred …) dissenting:`) in the paragraph after it.
        let remainder = authors.isEmpty ? nil : Self.bylineRemainder(of: element)
        if let remainder { byline += " " + Self.textWithoutPageNumbers(remainder) }
        // The author from the name `<author>` gives; the type from the record, or the whole byline.
        var header = RecordOpinionHeader.header(
            type: RecordOpinionHeader.capType(element.attribute("type")), byline: byline.isEmpty ? nil : byline)
        if remainder != nil, let author = RecordOpinionHeader.header(type: header.type, byline: named).author {
            header.author = author
        }
        if let author = header.author { recordCase.authors.append(author) }
        if let printed = header.byline {
            // `…, (with whom concurred ROE and DOE, JJ.,) dissenting`: they sat too.
            let bytes = Array(printed.utf8)
            recordCase.authors += JoinedClauses.judges(in: TextTokenizer.tokens(in: bytes, range: 0..<bytes.count))
        }
        text.startOpinion(header)
        for child in element.children {
            guard case .element(let part) = child else { continue }
            locate(part)
            switch Self.localName(part.name) {
            case "author":
                pageMarks(in: part)
                logLeftOut(part, "the opinion's byline (<author>), kept as its byline")
            case _ where remainder.map({ $0.line == part.line && $0 == part }) ?? false:
                pageMarks(in: part)
                logLeftOut(part, "the rest of the opinion's byline (after <author>), kept as its byline")
            case "footnote": footnote(part)
            case "page-number": pageNumber(part)
            default: block(part)
            }
        }
    }

    /// The paragraph right after `<author>` when it only finishes the byline: short, starting in
    /// lower case or with a parenthesis, ending with a colon.
    private static func bylineRemainder(of opinion: XMLElement) -> XMLElement? {
        let parts = opinion.elementChildren.filter { localName($0.name) != "page-number" }
        guard let authorIndex = parts.firstIndex(where: { localName($0.name) == "author" }), authorIndex + 1 < parts.count else {
            return nil
        }
        let next = parts[authorIndex + 1]
        let printed = ByteLines.collapsingWhitespace(textWithoutPageNumbers(next))
        guard localName(next.name) == "p", let first = printed.first, first.isLowercase || first == "(",
              printed.hasSuffix(":"), printed.split(separator: " ").count <= 30 else { return nil }
        return next
    }

    private mutating func block(_ element: XMLElement) {
        Self.block(element, into: &text, log: &log, stage: stage)
    }

    private mutating func footnote(_ element: XMLElement) {
        Self.footnote(element, into: &text, log: &log, stage: stage)
    }

    /// A footnote (`<footnote label=…>`), its paragraphs in a text of its own.
    private static func footnote(_ element: XMLElement, into target: inout RecordText, log: inout EditLog, stage: String) {
        let label = element.attribute("label") ?? String(target.notes.count + 1)
        var content = RecordText(source: target.source)
        for child in element.children {
            switch child {
            case .text(let string): content.append(string)
            case .element(let part): block(part, into: &content, log: &log, stage: stage)
            }
        }
        target.addNote(label: label, content)
    }

    /// A block element: a block quote, or a paragraph of whatever it holds.
    private static func block(_ element: XMLElement, into target: inout RecordText, log: inout EditLog, stage: String) {
        if localName(element.name) == "blockquote" {
            target.startBlockQuote()
            inline(element, into: &target, log: &log, stage: stage)
            target.endBlockQuote()
        } else {
            inline(element, into: &target, log: &log, stage: stage)
            target.endParagraph()
        }
    }

    /// The text of `element` with its inline marks: page numbers, footnote marks; other inline
    /// elements (`<em>`, `<extracted-citation>`) give their text.
    private static func inline(_ element: XMLElement, into target: inout RecordText, log: inout EditLog, stage: String) {
        for child in element.children {
            switch child {
            case .text(let string):
                target.append(string)
            case .element(let part):
                switch localName(part.name) {
                case "page-number":
                    target.mark(.pageBreak(label: pageLabel(part)))
                    logMarked(part, "a page number (<page-number>) became a page boundary", in: target, log: &log, stage: stage)
                case "footnotemark":
                    let label = ByteLines.collapsingWhitespace(part.textContent)
                    target.mark(.footnoteRef(label: label))
                    logMarked(part, "a footnote mark (<footnotemark>) became a footnote reference", in: target, log: &log, stage: stage)
                case "img":
                    logMarked(part, "an image (<img>) has no text", in: target, log: &log, stage: stage)
                case "footnote":
                    footnote(part, into: &target, log: &log, stage: stage)
                default:
                    inline(part, into: &target, log: &log, stage: stage)
                }
            }
        }
    }

    private mutating func pageNumber(_ element: XMLElement) {
        text.mark(.pageBreak(label: Self.pageLabel(element)))
        Self.logMarked(element, "a page number (<page-number>) became a page boundary", in: text, log: &log, stage: stage)
    }

    /// Page boundaries inside an element whose text is left out (head matter, a byline).
    private mutating func pageMarks(in element: XMLElement) {
        for child in element.elementChildren {
            if Self.localName(child.name) == "page-number" {
                pageNumber(child)
            } else {
                pageMarks(in: child)
            }
        }
    }

    private static func pageLabel(_ element: XMLElement) -> String {
        let label = element.attribute("label") ?? element.textContent
        return String(label.filter { $0 != "*" && !$0.isWhitespace })
    }

    private static func textWithoutPageNumbers(_ element: XMLElement) -> String {
        var result = ""
        for child in element.children {
            switch child {
            case .text(let string): result += string
            case .element(let part) where localName(part.name) != "page-number": result += textWithoutPageNumbers(part)
            case .element: result += " "
            }
        }
        return result
    }

    private mutating func locate(_ element: XMLElement) {
        if let offsetOfLine, element.line > 0 { text.source = offsetOfLine(element.line) }
    }

    private mutating func logLeftOut(_ element: XMLElement, _ reason: String) {
        text.logLeftOut(ByteLines.collapsingWhitespace(Self.textWithoutPageNumbers(element)), reason, stage: stage, log: &log)
    }

    private static func logMarked(_ element: XMLElement, _ reason: String, in target: RecordText, log: inout EditLog, stage: String) {
        target.logLeftOut(ByteLines.collapsingWhitespace(element.textContent), reason, stage: stage, log: &log)
    }

    /// `casebody` for `casebody` and `cap:casebody` alike.
    static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }
}
