import ClerkLibXML
import Testing

/// HTML that a PDF converter made: its text is a printed page's lines, page by page.
@Suite struct PrintedPageHTMLTests {
    private func extract(_ html: String) throws -> HTMLTextExtraction {
        try HTMLText.extract(Array(html.utf8))
    }

    private func pageBreaks(_ extraction: HTMLTextExtraction) -> Int {
        extraction.runs.count { $0.kind == .pageBreak }
    }

    /// One positioned run, as `pdftohtml -c` writes it.
    private func run(_ top: Int, _ left: Int, _ text: String, font: String = "ft2") -> String {
        "<p style=\"position:absolute;top:\(top)px;left:\(left)px;white-space:nowrap\" class=\"\(font)\">\(text)</p>"
    }

    private func page(_ number: Int, _ runs: [String]) -> String {
        """
        <!-- Page \(number) -->
        <a name="\(number)"></a>
        <div id="page\(number)-div" style="position:relative;width:918px;height:1188px;">
        <img width="918" height="1188" src="page\(number).png" alt="background image"/>
        \(runs.joined(separator: "\n"))
        </div>

        """
    }

    private let styleSheet = """
        <style type="text/css">
        <!--
        \tp {margin: 0; padding: 0;}\t.ft1{font-size:30px;font-family:Times;color:#000000;}
        \t.ft2{font-size:20px;font-family:Times;color:#000000;}
        \t.ft3{font-size:12px;font-family:Times;color:#000000;}
        -->
        </style>
        """

    @Test func positionedRunsAreLaidOutAsRowsAndColumnsPageByPage() throws {
        // Runs out of order, a caption in two columns, a centred title in a bigger face, a
        // superscript note mark, and a second page.
        let html = "<html><head>\(styleSheet)</head><body>"
            + page(1, [
                run(100, 300, "SUPREME COURT OF EXAMPLE", font: "ft1"),
                run(170, 100, "JANE ROE,"),
                run(170, 420, ")"),
                run(170, 460, "No. 24-0001"),
                run(194, 140, "Appellant,"),
                run(194, 420, ")"),
                run(218, 100, "v."),
                run(218, 420, ")"),
                run(266, 140, "The&#160;facts&#160;are&#160;few."),
                run(263, 300, "1", font: "ft3"),
                run(290, 100, "Second&#160;line&#160;of&#160;text."),
            ])
            + page(2, [run(100, 100, "Page&#160;two&#160;text.")])
            + "</body></html>"
        let extraction = try extract(html)
        #expect(extraction.printedPages == .positioned)
        #expect(pageBreaks(extraction) == 1)
        let lines = extraction.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // 20 px text: a column is 8 px, counted from the page's left margin (100 px).
        #expect(lines[0] == String(repeating: " ", count: 25) + "SUPREME COURT OF EXAMPLE")
        // The gap to the caption is more than a line of the title's size: one blank line.
        #expect(lines[1] == "")
        #expect(lines[2] == "JANE ROE," + String(repeating: " ", count: 31) + ")    No. 24-0001")
        #expect(lines[3] == "     Appellant," + String(repeating: " ", count: 25) + ")")
        #expect(lines[4] == "v." + String(repeating: " ", count: 38) + ")")
        // Two lines of text down: one blank line. The smaller, higher `1` is a superscript.
        #expect(lines[5] == "")
        #expect(lines[6] == "     The facts are few.1")
        #expect(lines[7] == "Second line of text.")
        #expect(lines[8] == "")
        #expect(lines[9] == "Page two text.")
        #expect(lines.count == 10)
    }

    @Test func aRunPaddedWithSpacesStandsInTheColumnOfItsSeparator() throws {
        // Converters pad a run with the spaces of a tab stop: its text is further right than
        // its position, and the caption's `)` column says where.
        let html = "<html><head>\(styleSheet)</head><body>"
            + page(1, [
                run(100, 100, "JANE ROE,"), run(100, 420, ")"),
                run(124, 100, "&#160; &#160; &#160;)&#160;Appeal&#160;from"),
                run(148, 100, "v."), run(148, 420, ")"),
            ])
            + "</body></html>"
        let lines = try extract(html).plainText.split(separator: "\n").map(String.init)
        #expect(lines[1] == String(repeating: " ", count: 40) + ") Appeal from")
    }

    @Test func impossiblePositionsAndSizesNeitherCrashNorLoseText() throws {
        let html = "<html><head><style>.big{font-size:0px}.huge{font-size:1e308px}</style></head><body>"
            + page(1, [
                run(100, 100, "first"), run(124, 99_999_999, "far right", font: "big"), run(148, 100, "third", font: "huge"), run(172, 900_000, "clamped"),
                "<p style=\"position:absolute;top:inf;left:nan\">unplaced</p>",
            ])
            + "</body></html>"
        let text = try extract(html).plainText
        for word in ["first", "far right", "third", "unplaced", "clamped"] { #expect(text.contains(word)) }
        #expect(text.count < 2_000)
    }

    @Test func aLineBreakInsideARunStartsTheNextLine() throws {
        let html = "<html><head>\(styleSheet)</head><body>"
            + page(1, [run(100, 100, "first<br/>second"), run(148, 100, "third")])
            + "</body></html>"
        #expect(try extract(html).plainText == "first\nsecond\nthird")
    }

    @Test func linesEndedByBreaksWithRulesBetweenPagesArePrintedPages() throws {
        let firstPage = (1...12).map { "Line \($0) of the first page of the opinion text<br/>" }.joined(separator: "\n")
        let html = """
            <html><body>
            <a name=1></a>\(firstPage)
            <hr/>
            <a name=2></a>Line one of the second page<br/>
            Line two of the second page<br/>
            </body></html>
            """
        let extraction = try extract(html)
        #expect(extraction.printedPages == .lineBreaks)
        #expect(pageBreaks(extraction) == 1)
        #expect(extraction.plainText.contains("opinion text\n\nLine one of the second page\nLine two"))
    }

    @Test func aRuleInAWebPageStaysAParagraphBreak() throws {
        let paragraphs = (1...12).map { "<p>Paragraph \($0) of an opinion that a court published as a web page.</p>" }
        let html = "<html><body>" + paragraphs.joined() + "<hr/><p>After the rule.</p></body></html>"
        let extraction = try extract(html)
        #expect(extraction.printedPages == nil)
        #expect(pageBreaks(extraction) == 0)
        #expect(extraction.plainText.hasSuffix("web page.\n\nAfter the rule."))
    }

    @Test func paragraphsEndedByDoubleBreaksAreNotPrintedLines() throws {
        let paragraph = "This paragraph is a long line of running text, much longer than a line of a printed page could ever hold, as web text is."
        let html = "<html><body>" + Array(repeating: paragraph + "<br><br>\n", count: 8).joined() + "<hr>" + paragraph + "</body></html>"
        let extraction = try extract(html)
        #expect(extraction.printedPages == nil)
        #expect(pageBreaks(extraction) == 0)
    }

    @Test func textInsidePreIsAPrintedPageDump() throws {
        let extraction = try extract("<html><head><title>x.pdf</title></head><body><pre>\nLine one\n  Line two\n</pre></body></html>")
        #expect(extraction.printedPages == .preformatted)
        #expect(try extract("<p>A page with a short</p><p>code sample:</p><pre>x</pre>").printedPages == nil)
    }

    @Test func theConvertersOutlineIsNavigation() throws {
        let lines = (1...12).map { "Line \($0) of the opinion<br/>" }.joined(separator: "\n")
        let html = """
            <html><body>
            <a name=1></a>\(lines)
            <hr/>
            <a name="outline"></a><h1>Document Outline</h1>
            <ul><li><a href="x.html#1">I. Background</a></li>
            <li><a href="x.html#2">II. Discussion</a><ul><li><a href="x.html#2">A. Standing</a></li></ul></li></ul>
            </body></html>
            """
        let extraction = try extract(html)
        #expect(!extraction.plainText.contains("Outline"))
        #expect(!extraction.plainText.contains("Background"))
        let gone = extraction.runs.compactMap { run -> String? in
            if case .removed(let element) = run.kind, element == "outline" { run.text } else { nil }
        }
        #expect(gone.joined(separator: " ") == "Document Outline I. Background II. Discussion A. Standing")
    }

    @Test func outlineEndsAtTheNextText() throws {
        let html = """
            <html><body><a name="outline"></a><h2>Contents</h2><ul><li><a href="#a">Part A</a></li></ul>
            <p>Opinion text.</p><ul><li>a listed point</li></ul></body></html>
            """
        let extraction = try extract(html)
        #expect(extraction.plainText == "Opinion text.\n\na listed point")
    }
}
