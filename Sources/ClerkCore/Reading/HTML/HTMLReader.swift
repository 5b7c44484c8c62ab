internal import ClerkLibXML

/// HTML pages to plain text, through libxml2's HTML parser (see `HTMLText`), after decoding the
/// bytes as the text reader does. Blocks become paragraphs with a blank line between them, `<br>`
/// and table rows line breaks, `<pre>` keeps its lines; `script`, `style`, `head`, comments and
/// page navigation are left out and logged; clear footnote links become footnote reference
/// marks; star-page anchors stay text for the star-page stage. The family is `html`.
///
/// A PDF turned into HTML (`PrintedPageMarkup`: text in `<pre>`, a `<br>` per line with `<hr>`
/// between pages, or positioned runs per page) is read as its pages' lines instead: positioned
/// runs are laid out in rows and columns, pages end in page boundaries (also the form feeds of a
/// `<pre>` dump), the converter's outline is left out as navigation, and the family is left for
/// detect to decide from the lines, as for a text dump.
///
/// Chosen by content, not by the file's extension: markup dense enough (`MarkupEvidence`) says
/// HTML whatever the file is called, and a `.html` file of plain text is better read as text
/// than through an HTML parser that folds its lines.
///
/// Source map: every text run maps to the raw offset of the start of the input line it begins
/// on (libxml2 reports lines, not columns), so edit offsets of later stages are line-accurate.
public struct HTMLReader: InputReader {
    public struct Configuration: StageConfiguration {
        public static let dropPageChrome = Parameter.boolean("dropPageChrome", default: true,
            "Leave out site navigation: <nav>, navigation/banner/contentinfo/search roles, and <header>/<footer> outside <article>/<main> (their text goes to the edit log).")
        public static let footnoteLinksAsMarks = Parameter.boolean("footnoteLinksAsMarks", default: true,
            "Turn clear footnote links (a short label linking to #…, in <sup> or named like a footnote) into footnote reference marks instead of text.")
        var options: HTMLTextOptions

        public init(_ values: StageParameterValues) {
            options = HTMLTextOptions(
                dropsPageChrome: values[Self.dropPageChrome], findsFootnoteReferences: values[Self.footnoteLinksAsMarks])
        }
    }

    public static let id = "html"
    public static let summary =
        "HTML pages to plain text via libxml2's HTML parser: blocks to paragraphs, <br> to line breaks, entities decoded, script/style/head/navigation removed and logged, footnote links to marks."

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public static func evidence(in input: ReaderInput) -> ReaderEvidence? {
        guard let text = try? input.text() else { return nil }
        let markup = MarkupEvidence(text.stream.bytes)
        guard markup.isMarkup else { return nil }
        return ReaderEvidence(
            .content, "\(markup.tags) HTML tags (\(markup.documentTags) of a whole page) and \(markup.entities) entities in \(markup.bytes) bytes",
            doubt: markup.doubt)
    }

    public func read(_ input: ReaderInput, into document: inout Document) throws(ReadingFailure) {
        try input.text().start(&document)
        let body = document.body
        let extraction: HTMLTextExtraction
        do {
            extraction = try HTMLText.extract(body.bytes, options: configuration.options)
        } catch {
            throw ReadingFailure(step: Self.id, "the HTML could not be parsed: \(error.description)")
        }
        let lines = LineOffsets(body.bytes)
        func sourceOffset(line: Int) -> Int {
            body.sourceOffset(at: lines.offset(line))
        }

        // Form feeds (in a text dump inside <pre>) became page boundaries when the bytes were
        // decoded; each is placed again before the first text from the input line after it.
        var formFeeds = Self.pageBoundaryLines(body).makeIterator()
        var nextFormFeed = formFeeds.next()
        var text = TextStream()
        for run in extraction.runs {
            let source = sourceOffset(line: run.line)
            switch run.kind {
            case .text:
                while let line = nextFormFeed, run.line >= line {
                    text.appendMark(.pageBreak(label: nil))
                    nextFormFeed = formFeeds.next()
                }
                text.append(run.text.utf8, source: source)
            case .lineBreak, .paragraphBreak:
                text.append(run.text.utf8, source: source)
            case .pageBreak:
                text.append(run.text.utf8, source: source)
                text.appendMark(.pageBreak(label: nil))
            case .footnoteReference:
                text.appendMark(.footnoteRef(label: run.text))
                document.log.edit(
                    stage: Self.id, sourceOffset: source, before: run.text, after: "",
                    reason: "footnote link in the HTML became a footnote reference mark")
            case .removed(let element):
                document.log.edit(
                    stage: Self.id, sourceOffset: source, before: run.text, after: "", reason: Self.reason(removing: element))
            }
        }
        if let last = text.bytes.last, last != 0x0A {
            text.append([0x0A], source: input.bytes.count)
        }
        if let printed = extraction.printedPages {
            // A PDF turned into HTML: its text is a page's lines, and detect decides their family.
            document.log.warn(
                stage: Self.id, sourceOffset: 0,
                "the HTML is a PDF's printed pages (\(printed.description)): its text is read as the pages' lines, not as paragraphs")
        } else {
            document.source.family = .html
        }
        document.log.warn(
            stage: Self.id, sourceOffset: 0,
            "HTML markup converted to text (\(extraction.elementCount) elements; tags and attributes are not kept); source offsets of the text point to the start of the input line it came from")
        if let title = extraction.title, !document.caseInfo.metadata.contains(where: { $0.key == "title" }) {
            document.caseInfo.metadata.append(MetadataEntry(key: "title", value: title))
        }
        document.body = text
    }

    private static func reason(removing element: String) -> String {
        switch element {
        case "comment": "HTML comment removed (not opinion text)"
        case "title": "HTML page <title> removed (kept as metadata `title`)"
        case "nav", "header", "footer": "web page chrome removed: <\(element)> outside the opinion"
        case "script", "style", "noscript", "template": "HTML <\(element)> content removed (code, not text)"
        default: "HTML <\(element)> content removed (page furniture, not opinion text)"
        }
    }

    /// For each page boundary of the decoded body, the 1-based input line its new page starts on.
    private static func pageBoundaryLines(_ body: TextStream) -> [Int] {
        let offsets = body.marks.compactMap { mark -> Int? in
            if case .pageBreak = mark.kind { mark.offset } else { nil }
        }
        guard !offsets.isEmpty else { return [] }
        var lines: [Int] = []
        var line = 1
        var next = 0
        for index in body.bytes.indices {
            while next < offsets.count && offsets[next] <= index {
                lines.append(line)
                next += 1
            }
            if body.bytes[index] == 0x0A { line += 1 }
        }
        while next < offsets.count {
            lines.append(line)
            next += 1
        }
        return lines
    }
}
