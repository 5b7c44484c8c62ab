import ClerkJSON
internal import ClerkLibXML

/// The Caselaw Access Project's cases: a case JSON record (`id`, `name`, `decision_date`,
/// `docket_number`, `court`, `citations`, `casebody`) or a casebody XML file (`<casebody>`).
///
/// The casebody's `data` is XML (see `CAPCaseBody`: opinions, authors, footnotes and page numbers
/// are taken as marked, and the stages that would look for them do not run), plain text (older
/// exports: read as a reporter scan, and the stages find its structure), or JSON (`head_matter`,
/// `opinions: [{type, author, text}]`: opinions as given, their text as paragraphs). The case's
/// name, decision date, docket and court come from the record's fields and from the head matter
/// it prints; where the two disagree both are kept, with a warning (`RecordCase`). `source.record`
/// carries the case id and citations. The text is a reporter's OCR, so the family is `scan`.
public struct CAPCaseReader: InputReader {
    public static let id = "cap"
    public static let summary =
        "Caselaw Access Project case JSON (or a casebody XML file): opinions, authors, footnotes and page numbers as the casebody marks them; case name, date, docket and court from the record."

    public init(configuration: NoParameters) {}

    public static func evidence(in input: ReaderInput) -> ReaderEvidence? {
        let head = input.bytes.prefix(4096)
        if ByteLines.firstRange(of: Array("<casebody".utf8), in: head) != nil {
            return ReaderEvidence(.signature, "a <casebody> element")
        }
        guard head.first(where: { !TextTokenizer.isSpaceOrLineEnd($0) }) == UInt8(ascii: "{"),
              ByteLines.firstRange(of: Array("\"casebody\"".utf8), in: input.bytes[...]) != nil,
              ByteLines.firstRange(of: Array("\"decision_date\"".utf8), in: input.bytes[...]) != nil
        else { return nil }
        return ReaderEvidence(.content, "a JSON object with casebody and decision_date fields")
    }

    public func read(_ input: ReaderInput, into document: inout Document) throws(ReadingFailure) {
        let first = input.bytes.first { !TextTokenizer.isSpaceOrLineEnd($0) }
        if first == UInt8(ascii: "<") {
            try Self.readCaseBodyXML(input.bytes, name: input.name, offsetOfLine: LineOffsets(input.bytes).offset, into: &document, given: RecordCase())
            document.source.record = RecordIdentity(collection: "cap")
        } else {
            let record: JSONValue
            do {
                record = try JSONReader.parse(input.bytes)
            } catch {
                throw ReadingFailure(step: Self.id, "the case JSON could not be parsed: \(error.description)")
            }
            try readCase(record, raw: input.bytes, name: input.name, into: &document)
        }
        document.source.family = .scan
    }

    /// A case record already parsed (one line of a volume's JSON Lines, one element of an array).
    func readCase(_ record: JSONValue, raw: [UInt8], name: String, into document: inout Document) throws(ReadingFailure) {
        guard case .object = record else {
            throw ReadingFailure(step: Self.id, "the case record is a JSON \(record.typeName), not an object")
        }
        var given = RecordCase()
        given.given.caseName = record["name"]?.stringValue.map(ByteLines.collapsingWhitespace).map(MarkedCaption.withoutClosingPeriod)
        given.given.court = record["court"]?["name"]?.stringValue
        if let docket = record["docket_number"]?.stringValue, !docket.isEmpty {
            given.given.dockets = MarkedCaption.facts(docket, as: .docket).dockets
        }
        if let date = record["decision_date"]?.stringValue, let iso = Self.isoDate(date) {
            given.given.dates = [CaseDate(event: "decided", date: iso)]
        }
        let citations = (record["citations"]?.arrayValue ?? []).compactMap { $0["cite"]?.stringValue }
        document.source.record = RecordIdentity(collection: "cap", id: Self.identifier(record["id"]), citations: citations)
        let source = ByteLines.firstRange(of: Array("\"casebody\"".utf8), in: raw[...])?.lowerBound ?? 0
        guard let casebody = record["casebody"], case .object = casebody else {
            throw ReadingFailure(step: Self.id, "the case record has no casebody object")
        }
        switch casebody["data"] {
        case .string(let data)? where data.drop { $0.isWhitespace }.first == "<":
            try Self.readCaseBodyXML(Array(data.utf8), name: name, offsetOfLine: nil, source: source, into: &document, given: given)
        case .string(let data)?:
            readCaseBodyText(data, source: source, into: &document, given: given)
        case .object?:
            readCaseBodyJSON(casebody["data"]!, source: source, into: &document, given: given)
        default:
            let status = casebody["status"]?.stringValue.map { " (status \($0))" } ?? ""
            throw ReadingFailure(step: Self.id, "the case record's casebody has no text\(status)")
        }
    }

    /// A casebody's XML into the document: text, marks, the case reconciled with `given`.
    static func readCaseBodyXML(
        _ bytes: [UInt8], name: String, offsetOfLine: ((Int) -> Int)?, source: Int = 0, into document: inout Document, given: RecordCase
    ) throws(ReadingFailure) {
        let root: XMLElement
        do {
            root = try XMLDocumentParser.parse(bytes, file: name)
        } catch {
            throw ReadingFailure(step: Self.id, "the casebody XML could not be parsed: \(error.description)")
        }
        guard CAPCaseBody.localName(root.name) == "casebody" else {
            throw ReadingFailure(step: Self.id, "the casebody XML's root is <\(root.name)>, not <casebody>")
        }
        var body = CAPCaseBody(stage: Self.id, source: source, offsetOfLine: offsetOfLine)
        body.read(root)
        document.log.append(contentsOf: body.log)
        var recordCase = body.recordCase
        recordCase.given = given.given
        document.caseInfo = recordCase.reconciled(stage: Self.id, log: &document.log)
        body.text.finish(into: &document)
        document.source.marked = [.opinions, .footnotes, .pages, .caption]
    }

    /// Plain text (older exports): a paragraph per line, head matter and star pages in the text;
    /// the stages find the structure, and the record's fields fill the case.
    private func readCaseBodyText(_ data: String, source: Int, into document: inout Document, given: RecordCase) {
        var text = RecordText(source: source)
        for line in data.split(separator: "\n", omittingEmptySubsequences: true) {
            text.append(String(line))
            text.endParagraph()
        }
        text.finish(into: &document)
        document.caseInfo = given.given
    }

    /// The casebody as JSON: `head_matter` (text), `judges`, `parties`, `attorneys` (lists) and
    /// `opinions: [{type, author, text}]`.
    private func readCaseBodyJSON(_ data: JSONValue, source: Int, into document: inout Document, given: RecordCase) {
        var recordCase = given
        var text = RecordText(source: source)
        for party in data["parties"]?.arrayValue ?? [] {
            if let party = party.stringValue { recordCase.addPrinted(MarkedCaption.facts(party, as: .parties)) }
        }
        for judges in data["judges"]?.arrayValue ?? [] {
            if let judges = judges.stringValue { recordCase.addPrinted(MarkedCaption.facts(judges, as: .judges)) }
        }
        let attorneys = (data["attorneys"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !attorneys.isEmpty {
            recordCase.printed.metadata.append(MetadataEntry(key: "attorneys", value: attorneys.joined(separator: "\n")))
        }
        if let headMatter = data["head_matter"]?.stringValue {
            text.logLeftOut(headMatter, "head matter (head_matter) read into the case", stage: Self.id, log: &document.log)
        }
        for opinion in data["opinions"]?.arrayValue ?? [] {
            let header = RecordOpinionHeader.header(
                type: RecordOpinionHeader.capType(opinion["type"]?.stringValue), byline: opinion["author"]?.stringValue)
            if let author = header.author { recordCase.authors.append(author) }
            text.startOpinion(header)
            for line in (opinion["text"]?.stringValue ?? "").split(separator: "\n", omittingEmptySubsequences: true) {
                text.append(String(line))
                text.endParagraph()
            }
        }
        document.caseInfo = recordCase.reconciled(stage: Self.id, log: &document.log)
        text.finish(into: &document)
        document.source.marked = [.opinions, .caption]
    }

    /// `1924-10-16`, and the month or year alone (`1903-07`) that some records give.
    static func isoDate(_ text: String) -> String? {
        let parts = text.split(separator: "-")
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        return parts.joined(separator: "-")
    }

    static func identifier(_ value: JSONValue?) -> String? {
        switch value {
        case .int(let number)?: String(number)
        case .string(let text)? where !text.isEmpty: text
        default: nil
        }
    }
}
