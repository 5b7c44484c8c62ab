import ClerkJSON

/// CourtListener opinion records: an opinion as the REST API returns it (JSON), or a row of the
/// bulk opinions table given as a JSON object of its columns (`id`, `cluster_id`, `type`,
/// `author_str`, `per_curiam`, `joined_by_str`, and the text in `plain_text`, `html`,
/// `html_lawbox`, `html_columbia`, `html_anon_2020`, `xml_harvard`, `html_with_citations`).
///
/// The text is the first field of `textFields` that holds any; `source.record.textField` says
/// which. `xml_harvard` (the Caselaw Access Project's casebody XML) is read as the `cap` reader
/// reads a casebody, keeping its marks; the HTML fields through the `html` reader; `plain_text`
/// through the `text` reader. A record of one opinion (any type but `010combined`) is that
/// opinion: its type from `type` (`per_curiam` makes a lead opinion per curiam), its author from
/// `author_str`, and the opinions stage leaves it whole; a combined record is left to the
/// opinions stage to split. Columns of the opinion's cluster, docket and court joined to the
/// record (`case_name`, `date_filed`, `docket_number`, `court_full_name`) fill the case.
/// `source.record` holds the opinion and cluster ids.
public struct CourtListenerReader: InputReader {
    public struct Configuration: StageConfiguration {
        public static let textFields = Parameter.string(
            "textFields", default: "xml_harvard, html_columbia, html_lawbox, html_anon_2020, html, html_with_citations, plain_text",
            "The record's text fields in the order they are tried (comma-separated): the first that holds text is read.")
        var textFields: [String]

        public init(_ values: StageParameterValues) {
            textFields = values[Self.textFields].split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
        }
    }

    public static let id = "courtlistener"
    public static let summary =
        "CourtListener opinion records (API JSON, or a bulk CSV row's columns): the first text field of textFields that holds text (xml_harvard as a CAP casebody, HTML fields as HTML, plain_text as text); the opinion's type and author from the record."

    /// Every text column of the opinions table.
    static let knownTextFields: Set<String> = [
        "xml_harvard", "html_columbia", "html_lawbox", "html_anon_2020", "html", "html_with_citations", "plain_text",
    ]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public static func evidence(in input: ReaderInput) -> ReaderEvidence? {
        let head = input.bytes.prefix(4096)
        func hasKey(_ name: String) -> Bool { ByteLines.firstRange(of: Array("\"\(name)\"".utf8), in: input.bytes[...]) != nil }
        // A text column and a column only an opinion record has: a table exported with some
        // columns left out is read as well as the full one.
        guard head.first(where: { !TextTokenizer.isSpaceOrLineEnd($0) && $0 != 0x0D }) == UInt8(ascii: "{"),
              let text = knownTextFields.sorted().first(where: hasKey),
              let own = ["cluster_id", "cluster", "author_str", "per_curiam", "joined_by_str"].first(where: hasKey)
        else { return nil }
        return ReaderEvidence(.content, "a JSON object with CourtListener's opinion fields \(text) and \(own)")
    }

    public func read(_ input: ReaderInput, into document: inout Document) throws(ReadingFailure) {
        let record: JSONValue
        do {
            record = try JSONReader.parse(input.bytes)
        } catch {
            throw ReadingFailure(step: Self.id, "the opinion record's JSON could not be parsed: \(error.description)")
        }
        try read(record, name: input.name, into: &document)
    }

    /// An opinion record already parsed (a row of the bulk table, a line of JSON Lines).
    func read(_ record: JSONValue, name: String, into document: inout Document) throws(ReadingFailure) {
        guard case .object = record else {
            throw ReadingFailure(step: Self.id, "the opinion record is a JSON \(record.typeName), not an object")
        }
        let unknown = configuration.textFields.filter { !Self.knownTextFields.contains($0) }
        if !unknown.isEmpty {
            document.log.warn(stage: Self.id, "textFields names fields the opinions table does not have: \(unknown.joined(separator: ", "))")
        }
        guard let (field, text) = configuration.textFields.lazy.compactMap({ field in
            record[field]?.stringValue.flatMap { $0.contains(where: { !$0.isWhitespace }) ? (field, $0) : nil }
        }).first else {
            throw ReadingFailure(step: Self.id, "the opinion record has no text in any of its text fields (\(configuration.textFields.joined(separator: ", ")))")
        }
        var given = RecordCase()
        given.given.caseName = (record["case_name_full"]?.stringValue).flatMap { $0.isEmpty ? nil : $0 }
            ?? (record["case_name"]?.stringValue).flatMap { $0.isEmpty ? nil : $0 }
        given.given.court = (record["court_full_name"]?.stringValue).flatMap { $0.isEmpty ? nil : $0 }
        if let docket = record["docket_number"]?.stringValue, !docket.isEmpty {
            given.given.dockets = MarkedCaption.facts(docket, as: .docket).dockets
        }
        if let date = record["date_filed"]?.stringValue, let iso = CAPCaseReader.isoDate(String(date.prefix(10))) {
            given.given.dates = [CaseDate(event: "decided", date: iso)]
        }
        let perCuriam = ["true", "t", "1"].contains(Self.string(record["per_curiam"])?.lowercased() ?? "")
        let typeName = Self.string(record["type"])
        let type = RecordOpinionHeader.courtListenerType(typeName, perCuriam: perCuriam)
        let author = record["author_str"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }

        let bytes = Array(text.utf8)
        switch field {
        case "xml_harvard":
            try CAPCaseReader.readCaseBodyXML(Self.asCaseBody(bytes), name: name, offsetOfLine: nil, into: &document, given: given)
            document.source.family = .scan
        case "plain_text":
            try ReaderInput(name: name, bytes: bytes).text().start(&document)
            document.caseInfo = given.given
        default:
            let html = HTMLReader.Configuration(StageParameterValues(parameters: HTMLReader.Configuration.parameters))
            try HTMLReader(configuration: html).read(ReaderInput(name: name, bytes: bytes), into: &document)
            document.caseInfo = given.given
        }
        if field != "xml_harvard" {
            document.log.warn(stage: Self.id, "the text is the record's \(field); source offsets count bytes of that field's text, not of the record")
            // One opinion per record, unless the record combines the cluster's opinions.
            if let type, type != .combined {
                var body = TextStream()
                body.appendMark(.blockStart(.opinion(OpinionHeader(type: type, author: author, byline: nil))))
                body.append(contentsOf: document.body)
                document.body = body
                document.source.marked.insert(.opinions)
            }
        }
        if let author, let index = document.caseInfo.judges.firstIndex(of: author) { document.caseInfo.judges.remove(at: index) }
        if let author { document.caseInfo.judges.insert(author, at: 0) }
        document.source.record = RecordIdentity(
            collection: "courtlistener", id: CAPCaseReader.identifier(record["id"]),
            clusterId: CAPCaseReader.identifier(record["cluster_id"]) ?? Self.clusterId(fromURL: record["cluster"]?.stringValue),
            citations: [], textField: field)
    }

    /// `xml_harvard` holds the case's `<opinion>` elements (after an XML declaration, maybe):
    /// inside a `<casebody>` they read as a casebody.
    static func asCaseBody(_ bytes: [UInt8]) -> [UInt8] {
        var content = bytes[...]
        if let declaration = ByteLines.firstRange(of: Array("<?xml".utf8), in: content.prefix(64)),
           let end = ByteLines.firstRange(of: Array("?>".utf8), in: content[declaration.upperBound...]) {
            content = content[end.upperBound...]
        }
        if ByteLines.firstRange(of: Array("<casebody".utf8), in: content.prefix(512)) != nil { return Array(content) }
        return Array("<casebody>".utf8) + content + Array("</casebody>".utf8)
    }

    /// A value that a CSV row gives as text and the API as a number or a boolean.
    private static func string(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .int(let number)?: String(number)
        case .bool(let flag)?: flag ? "true" : "false"
        default: nil
        }
    }

    /// `https://www.courtlistener.com/api/rest/v4/clusters/12345/` → `12345`.
    private static func clusterId(fromURL url: String?) -> String? {
        guard let url else { return nil }
        return url.split(separator: "/").last(where: { $0.allSatisfy(\.isNumber) }).map(String.init)
    }
}
