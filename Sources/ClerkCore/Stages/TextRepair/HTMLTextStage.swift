internal import ClerkLibXML

/// HTML pages to plain text, through libxml2's HTML parser (see `HTMLText`). Blocks become
/// paragraphs with a blank line between them, `<br>` and table rows line breaks, `<pre>` keeps
/// its lines; `script`, `style`, `head`, comments and page navigation are left out and logged;
/// clear footnote links become footnote reference marks; star-page anchors stay text for the
/// star-page stage. Runs on the `html` family, or on `unknown` input that clearly is HTML.
///
/// Source map: every text run maps to the raw offset of the start of the input line it begins
/// on (libxml2 reports lines, not columns), so edit offsets of later stages are line-accurate.
public struct HTMLTextStage: Stage {
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
        "HTML input to plain text via libxml2's HTML parser: blocks to paragraphs, <br> to line breaks, entities decoded, script/style/head/navigation removed and logged, footnote links to marks."
    public static let phase = StagePhase.text
    public static let requires = [DecodeStage.id]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        let family = document.source.family
        let body = document.body
        guard family == .html || (family == .unknown && HTMLSniffer.looksLikeHTML(body.bytes)) else { return }
        let extraction: HTMLTextExtraction
        do {
            extraction = try HTMLText.extract(body.bytes, options: configuration.options)
        } catch {
            throw StageFailure("the HTML could not be parsed: \(error.description)")
        }
        let lineStarts = Self.lineStarts(body.bytes)
        func sourceOffset(line: Int) -> Int {
            body.sourceOffset(at: lineStarts[min(max(line - 1, 0), lineStarts.count - 1)])
        }

        var text = TextStream()
        for run in extraction.runs {
            let source = sourceOffset(line: run.line)
            switch run.kind {
            case .text, .lineBreak, .paragraphBreak:
                text.append(run.text.utf8, source: source)
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
            text.append([0x0A], source: document.raw.count)
        }
        if !body.marks.isEmpty {
            document.log.warn(
                stage: Self.id,
                "\(body.marks.count) mark(s) of the HTML source (page boundaries from form feeds) could not be placed in the text and were dropped")
        }
        document.log.warn(
            stage: Self.id, sourceOffset: 0,
            "HTML markup converted to text (\(extraction.elementCount) elements; tags and attributes are not kept); source offsets of the text point to the start of the input line it came from")
        if let title = extraction.title, !document.caseInfo.metadata.contains(where: { $0.key == "title" }) {
            document.caseInfo.metadata.append(MetadataEntry(key: "title", value: title))
        }
        document.body = text
        if family == .unknown { document.source.family = .html }
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

    /// Offsets where each line starts; entry `n` is line `n + 1`.
    private static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for index in bytes.indices where bytes[index] == 0x0A && index + 1 < bytes.count {
            starts.append(index + 1)
        }
        return starts
    }
}

/// Decides whether text of unknown family is HTML, from clear evidence only: it opens with a
/// DOCTYPE or `<html>`, or it has both an opening and a closing `html`/`body` tag, or common
/// tags (`<p>`, `</div>`, `<br/>`, `<i>`…) are dense: at least 4, and one per 20 non-blank lines. A plain-text
/// opinion that quotes a tag or two stays text. One pass over the bytes.
enum HTMLSniffer {
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count && isSpace(bytes[index]) { index += 1 }
        if startsWith(bytes, at: index, "<!doctype html") || startsWith(bytes, at: index, "<html") { return true }

        var openDocumentTag = false, closeDocumentTag = false
        var tags = 0, nonBlankLines = 0, lineHasText = false
        index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                if lineHasText { nonBlankLines += 1 }
                lineHasText = false
            } else if !isSpace(byte) {
                lineHasText = true
            }
            guard byte == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            var cursor = index + 1
            let closing = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
            if closing { cursor += 1 }
            var name: [UInt8] = []
            while cursor < bytes.count, name.count < 12, isASCIIAlphanumeric(bytes[cursor]) {
                name.append(bytes[cursor] | 0x20)
                cursor += 1
            }
            let ends = cursor < bytes.count && (bytes[cursor] == UInt8(ascii: ">") || bytes[cursor] == UInt8(ascii: "/") || isSpace(bytes[cursor]))
            if ends && !name.isEmpty {
                let tag = String(decoding: name, as: UTF8.self)
                if tag == "html" || tag == "body" {
                    if closing { closeDocumentTag = true } else { openDocumentTag = true }
                } else if commonTagNames.contains(tag) {
                    tags += 1
                }
            }
            index = max(cursor, index + 1)
        }
        if lineHasText { nonBlankLines += 1 }
        if openDocumentTag && closeDocumentTag { return true }
        return tags >= 4 && tags * 20 >= nonBlankLines
    }

    private static let commonTagNames: Set<String> = [
        "p", "div", "br", "table", "tr", "td", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "center", "span", "sup", "a", "i", "b", "em",
    ]

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    /// Whether `bytes` has `prefix` (lowercase ASCII) at `index`, ignoring ASCII case.
    private static func startsWith(_ bytes: [UInt8], at index: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { expected in
            (0..<count).allSatisfy { offset in
                let byte = bytes[index + offset]
                return (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected[offset]
            }
        }
    }
}
