import ClerkCore
import ClerkJSON
import Testing

@Suite struct HTMLReaderTests {
    /// `text` read by the HTML reader with its defaults overridden by `parameters`.
    private func html(_ text: String, parameters: [String: JSONValue] = [:]) throws -> Document {
        try ReaderHarness.read(HTMLReader.self, text, parameters: parameters)
    }

    private let page = """
        <!DOCTYPE html>
        <html><head><title>Doe v. Roe (2019)</title>
        <script>window.analytics = "track";</script><style>.x { margin: 0 }</style></head>
        <body>
        <nav>Home | Opinions</nav>
        <h1>Doe v. Roe</h1>
        <p>Opinion text, <i>first</i>paragraph&nbsp;&sect;&nbsp;1983.</p>
        <p>Second paragraph<sup><a href="#fn1">1</a></sup> continues
        on the next line.</p>
        <div class="footnotes"><p id="fn1">1 The note.</p></div>
        </body></html>
        """

    @Test func pageBecomesParagraphsSeparatedByBlankLines() throws {
        let document = try html(page)
        #expect(document.body.text == """
            Doe v. Roe

            Opinion text, firstparagraph § 1983.

            Second paragraph continues on the next line.

            1 The note.

            """)
        #expect(document.source.family == .html)
        #expect(document.caseInfo.metadata == [MetadataEntry(key: "title", value: "Doe v. Roe (2019)")])
        #expect(document.log.warnings.contains { $0.stage == "html" && $0.message.contains("markup converted") })
    }

    @Test func chromeAndCodeAreLoggedAsRemoved() throws {
        let document = try html(page)
        let removed = document.log.edits.filter { $0.after.isEmpty }
        #expect(removed.contains { $0.before == "Doe v. Roe (2019)" && $0.reason.contains("title") })
        #expect(removed.contains { $0.before.contains("window.analytics") && $0.reason.contains("<script>") })
        #expect(removed.contains { $0.before.contains("margin: 0") && $0.reason.contains("<style>") })
        #expect(removed.contains { $0.before == "Home | Opinions" && $0.reason.contains("<nav>") })
        // The nav's raw line starts at byte offset of line 5.
        let raw = Array(page.utf8)
        let navOffset = try #require(removed.first { $0.before == "Home | Opinions" }?.sourceOffset)
        #expect(raw[navOffset..<navOffset + 5].elementsEqual("<nav>".utf8))
    }

    @Test func footnoteLinksBecomeMarksAtTheirPlace() throws {
        let document = try html(page)
        let bytes = document.body.bytes
        let marks = document.body.marks
        #expect(marks.map(\.kind) == [.footnoteRef(label: "1")])
        let offset = try #require(marks.first?.offset)
        #expect(String(decoding: bytes[..<offset], as: UTF8.self).hasSuffix("Second paragraph"))
        #expect(document.log.edits.contains { $0.before == "1" && $0.reason.contains("footnote") })

        let asText = try html(page, parameters: ["footnoteLinksAsMarks": false])
        #expect(asText.body.marks.isEmpty)
        #expect(asText.body.text.contains("Second paragraph1 continues"))
    }

    @Test func textMapsToTheStartOfItsSourceLine() throws {
        let source = "<html>\n<body>\n<p>Alpha</p>\n  <p>Beta\ngamma</p>\n</body></html>\n"
        let document = try html(source)
        #expect(document.body.text == "Alpha\n\nBeta gamma\n")
        let raw = Array(source.utf8)
        let body = document.body.text
        let beta = body.utf8.count - "Beta gamma\n".utf8.count
        let gamma = beta + "Beta ".utf8.count
        #expect(document.body.sourceOffset(at: beta) == (raw.firstIndex(of: UInt8(ascii: " "))! ))
        #expect(raw[document.body.sourceOffset(at: gamma)...].starts(with: "gamma".utf8))
        #expect(raw[document.body.sourceOffset(at: 0)...].starts(with: "<p>Alpha".utf8))
    }

    @Test func preformattedOpinionKeepsItsLines() throws {
        let document = try html("<html><body><pre>\nIN THE COURT\n    No. 1\n\nText  here.\n</pre></body></html>")
        #expect(document.body.text == "IN THE COURT\n    No. 1\n\nText  here.\n")
    }

    @Test func malformedHTMLStillGivesItsText() throws {
        let document = try html("<html><body><p>one<p>two <b>bold<div>three</body>")
        #expect(StageHarness.words(document.body.text) == ["one", "two", "bold", "three"])
    }

    @Test func theHTMLReaderReadsWhateverItIsGiven() throws {
        #expect(try html("<p>one</p>\n").body.text == "one\n")
        #expect(try html("no markup at all\n").body.text == "no markup at all\n")
    }

    @Test func pipelineReadsHTMLThenRunsChrome() throws {
        let source = """
            <html><head><title>Poe v. State (2020)</title></head><body>
            <h1>Poe v. State (2020)</h1>
            <p>IN THE SUPREME COURT</p>
            <p>The judgment is affirmed.</p>
            <div>Document Info<br>Docket Number: 20-7<br>Filed Date: 5/6/2020</div>
            </body></html>
            """
        let converter = Converter(configuration: try PipelineConfiguration.builtIn())
        let document = try converter.convert(Array(source.utf8), name: "poe.html")
        // The court line is caption: the caption stage moves it to the case.
        #expect(document.opinions.first?.blocks.map(\.text) == ["The judgment is affirmed."])
        #expect(document.caseInfo.court == "Supreme Court")
        #expect(document.caseInfo.metadata.map(\.key) == ["title", "Docket Number", "Filed Date"])
        #expect(document.source.family == .html)
        #expect(document.source.reader == "html")
    }

    // MARK: - A PDF turned into HTML

    /// A positioned page as `pdftohtml -c` writes one: a running head, lines of text, a page number.
    private func positionedPage(_ number: Int, _ lines: [String]) -> String {
        var runs = ["<p style=\"position:absolute;top:60px;left:100px\" class=\"ft1\">ROE&#160;v.&#160;DOE</p>"]
        for (index, line) in lines.enumerated() {
            runs.append("<p style=\"position:absolute;top:\(120 + 24 * index)px;left:100px\" class=\"ft1\">\(line)</p>")
        }
        runs.append("<p style=\"position:absolute;top:1100px;left:450px\" class=\"ft1\">\(number)</p>")
        return """
            <a name="\(number)"></a>
            <div id="page\(number)-div" style="position:relative;width:918px;height:1188px;">
            \(runs.joined(separator: "\n"))
            </div>

            """
    }

    @Test func positionedPagesAreReadAsAPrintedPagesLines() throws {
        let words = "the court considered the record and the briefs of the parties with care before it"
        let pages = (1...3).map { number in
            positionedPage(number, (1...12).map { "Line \($0) of page \(number): \(words)" })
        }
        let source = "<html><head><style>.ft1{font-size:20px;}</style></head><body>\n" + pages.joined() + "</body></html>"
        let document = try html(source)
        #expect(document.source.family == .unknown)
        #expect(document.log.warnings.contains { $0.message.contains("printed pages (absolutely positioned runs") })
        let pageMarks = document.body.marks.filter { $0.kind == .pageBreak(label: nil) }
        #expect(pageMarks.count == 2)
        // Each boundary stands at the start of the next page's running head.
        for mark in pageMarks {
            #expect(document.body.text.utf8.dropFirst(mark.offset).starts(with: "ROE v. DOE".utf8))
        }

        // Through the pipeline, the pages' lines are layout text: their furniture is found.
        let converter = Converter(configuration: try PipelineConfiguration.builtIn())
        let converted = try converter.convert(Array(source.utf8), name: "roe.html")
        #expect(converted.source.family == .layout)
        let text = converted.opinions.flatMap(\.blocks).map(\.text).joined(separator: "\n")
        #expect(!text.contains("ROE v. DOE"))
        // One paragraph runs on over the page boundaries; the page numbers are gone with the heads.
        #expect(text.contains("Line 12 of page 2: \(words) Line 1 of page 3:"))
        #expect(converted.log.edits.contains { $0.stage == "furniture" && $0.before.contains("2") && !$0.before.contains("Line") })
        #expect(converted.log.edits.contains { $0.stage == "furniture" && $0.before.contains("ROE v. DOE") })
    }

    @Test func formFeedsOfAPreformattedDumpArePageBoundaries() throws {
        let source = "<html><body><pre>\nFirst page line one\nFirst page line two\n\u{0C}Second page line one\n\u{0C}Third page\n</pre></body></html>"
        let document = try html(source)
        #expect(document.source.family == .unknown)
        let offsets = document.body.marks.filter { $0.kind == .pageBreak(label: nil) }.map(\.offset)
        let text = document.body.text
        #expect(offsets.map { String(decoding: Array(text.utf8).dropFirst($0).prefix(6), as: UTF8.self) } == ["Second", "Third "])
        #expect(!document.log.warnings.contains { $0.message.contains("could not be placed") })
    }
}
