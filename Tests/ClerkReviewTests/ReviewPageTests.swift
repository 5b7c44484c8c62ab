import ClerkCore
import ClerkLibXML
import ClerkTestSupport
import Foundation
import ClerkReview
import Testing

/// The review page of documents built by hand with the awkward cases: marks at one offset, a
/// page break inside a citation, a footnote referred to twice and one never, a reference to a
/// missing footnote, two opinions with the same footnote labels, letters beyond ASCII before the
/// marks (so that scalar and byte offsets differ), and text with `<`, `&` and quotes.
@Suite struct ReviewPageTests {
    /// The scalar offset of the first `needle` in `text`.
    static func offset(of needle: String, in text: String) -> Int {
        let range = text.range(of: needle)!
        return text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
    }

    static let citationText = "Smith v. Jones, 472 U.S. 511, 528 (1985)"
    static let firstText =
        "Zürich — “Ünïcödé” 𝔸 text. See \(citationText), and <script>alert(\"x\")</script> & 'more' at https://example.com/x."
    static let secondText = "Second paragraph: id. again."
    static let noteText = "Note one, with a page break here and a reference to the next note."

    static func trickyDocument() -> Document {
        var document = Document(raw: [], source: SourceInfo(
            name: "tricky <&> \"name\".txt", bytes: 1234, sha256: String(repeating: "ab", count: 32), family: .layout))
        document.pipelineSHA256 = String(repeating: "c3", count: 32)
        var info = CaseInfo()
        info.caseName = "Smith \"the elder\" <Jr.> v. Jones & Co."
        info.court = "Court of Appeals for the Ninth Circuit"
        info.dockets = ["20-1754", "21-0001"]
        info.parties = [Party(name: "SMITH", role: "Plaintiff-Appellee"), Party(name: "JONES & CO.", role: "Defendant")]
        info.lowerCourt = "District of Oregon"
        info.dates = [CaseDate(event: "argued", date: "2020-12-07"), CaseDate(event: "filed", date: "sometime")]
        info.judges = ["ROE", "O’NEILL"]
        info.metadata = [MetadataEntry(key: "status", value: "Precedential <yes>")]
        document.caseInfo = info
        document.disposition = "AFFIRMED & REMANDED"

        let first = firstText
        let citeStart = offset(of: citationText, in: first)
        let citeEnd = citeStart + citationText.unicodeScalars.count
        var citation = Citation(offset: citeStart, length: citationText.unicodeScalars.count, kind: .fullCase, text: citationText)
        citation.volume = "472"
        citation.reporter = "U.S."
        citation.page = "511"
        citation.pinpoint = "528"
        citation.caseName = "Smith v. Jones"
        citation.year = "1985"
        let firstBlock = Block(
            kind: .paragraph, text: first,
            pageBreaks: [PageBreak(offset: citeStart, page: "2"), PageBreak(offset: offset(of: "511", in: first), page: "3"),
                         PageBreak(offset: citeEnd, page: "4")],
            footnoteRefs: [FootnoteRef(offset: citeStart, label: "1"), FootnoteRef(offset: citeEnd, label: "9")],
            citations: [citation], sourceOffset: 100)
        let idStart = offset(of: "id.", in: secondText)
        var idCitation = Citation(offset: idStart, length: 3, kind: .id, text: "id.")
        idCitation.refersTo = "472 U.S. 511"
        let secondBlock = Block(
            kind: .paragraph, text: secondText, footnoteRefs: [FootnoteRef(offset: secondText.unicodeScalars.count, label: "1")],
            citations: [idCitation], sourceOffset: 200)
        let noteBlock = Block(
            kind: .paragraph, text: noteText, pageBreaks: [PageBreak(offset: offset(of: "here", in: noteText), page: "5")],
            footnoteRefs: [FootnoteRef(offset: noteText.unicodeScalars.count, label: "2")])
        let majority = Opinion(
            type: .majority, author: "BRENNAN", byline: "BRENNAN, Circuit Judge.",
            blocks: [
                Block(kind: .heading, text: "BACKGROUND & FACTS", level: 1, label: "I.", sourceOffset: 50),
                firstBlock,
                Block(kind: .heading, text: "", level: 5, label: "(a)"),
                secondBlock,
                Block(kind: .sectionBreak, text: "", pageBreaks: [PageBreak(offset: 0, page: "6")]),
                Block(kind: .blockquote, text: "A quoted <statute> & “more”.", sourceOffset: 300),
            ],
            footnotes: [
                Footnote(label: "1", blocks: [noteBlock]),
                Footnote(label: "2", blocks: [Block(kind: .paragraph, text: "Note two.")]),
                Footnote(label: "3", blocks: []),
            ])
        let dissentText = "Dissent text. And more."
        let dissent = Opinion(
            type: .dissent, author: "O’NEILL", byline: "O’NEILL, Circuit Judge, dissenting.",
            blocks: [Block(kind: .paragraph, text: dissentText,
                           footnoteRefs: [FootnoteRef(offset: offset(of: " And", in: dissentText), label: "1")],
                           sourceOffset: 400)],
            footnotes: [Footnote(label: "1", blocks: [Block(kind: .paragraph, text: "Dissent note one.")]),
                        Footnote(label: "2", blocks: [Block(kind: .paragraph, text: "Dissent note two.")])])
        document.opinions = [majority, dissent]
        document.log.edit(stage: "decode", sourceOffset: 18, before: "\r\n", after: "\n", reason: "line ends normalized")
        document.log.edit(stage: "furniture", sourceOffset: 40, before: "   2      No. 20-1754\n", after: "",
                          reason: "running header of page 2 <removed> & \"logged\"")
        document.log.edit(stage: "dehyphenate", sourceOffset: 90, before: "dis-\nputed", after: "disputed",
                          reason: "line-end hyphen joined", alternative: "dis-puted")
        document.log.edit(stage: "ocr", sourceOffset: 95, before: "unpredietably", after: "unpredictably",
                          reason: "OCR misread repaired", confidence: 0.75 - 0.15)
        document.log.edit(stage: "furniture", sourceOffset: 140, before: "3", after: " ", reason: "page number removed")
        document.log.warn(stage: "caption", sourceOffset: 7, "no court <line> found")
        document.log.warn(stage: "opinions", "no byline")
        return document
    }

    @Test func pageIsWellFormedWithUniqueIDsAndNoDeadLink() throws {
        let page = try PageTree(Self.trickyDocument())
        #expect(page.root.name == "html")
        #expect(page.duplicateIDs.isEmpty, "\(page.duplicateIDs)")
        #expect(page.deadLinks.isEmpty, "\(page.deadLinks)")
        #expect(page.all("a").count > 10)
    }

    @Test func pageLoadsNothingAndLinksNowhereOutside() throws {
        let document = Self.trickyDocument()
        let page = try PageTree(document)
        for element in page.elements {
            #expect(element.attribute("src") == nil && element.attribute("srcset") == nil, "\(element.name) has a source")
            for attribute in element.attributes where ["href", "action", "poster", "data"].contains(attribute.name) {
                #expect(attribute.value.hasPrefix("#"), "\(element.name) \(attribute.name)=\(attribute.value)")
            }
            for attribute in element.attributes {
                #expect(!attribute.value.lowercased().contains("http:") && !attribute.value.lowercased().contains("https:"),
                        "\(element.name) \(attribute.name)=\(attribute.value)")
            }
        }
        #expect(page.all("link").isEmpty && page.all("img").isEmpty && page.all("iframe").isEmpty)
        // The only URL is the one in the opinion's text, shown as text.
        #expect(page.text.components(separatedBy: "https:").count - 1 == 1)
        #expect(!page.text.contains("http:"))
        #expect(page.all("script").count == 1 && page.all("style").count == 1)
        #expect(page.all("script")[0].attributes.isEmpty)
    }

    @Test func textFromTheDocumentIsEscaped() throws {
        let document = Self.trickyDocument()
        let page = try PageTree(document)
        #expect(page.text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;"))
        #expect(page.text.components(separatedBy: "<script").count - 1 == 1)
        #expect(page.all("h1").map { $0.text(skipping: { _ in false }) } == [document.caseInfo.caseName!])
        #expect(page.all("title")[0].textContent == document.caseInfo.caseName! + " · Clerk review")
        #expect(page.text.contains("tricky &lt;&amp;&gt; &quot;name&quot;.txt"))
    }

    @Test func blocksKeepTheirTextAndCitationsCoverTheirSpanCountedInScalars() throws {
        let document = Self.trickyDocument()
        let page = try PageTree(document)
        let skipReferences: (XMLElement) -> Bool = { $0.name == "sup" }
        for block in document.opinions.flatMap(\.blocks) where block.sourceOffset != nil {
            let element = try #require(page.elements.first { $0.attribute("data-source-offset") == String(block.sourceOffset!) })
            var text = element.text(skipping: skipReferences)
            if let label = block.label { text = String(text.dropFirst(label.count + 1)) }
            #expect(text == block.text)
        }
        let cites = page.all("cite", class: "citation")
        let expected = document.opinions.flatMap(\.blocks).flatMap(\.citations)
        #expect(cites.count == expected.count)
        for (element, citation) in zip(cites, expected) {
            #expect(element.text(skipping: skipReferences) == citation.text)
            #expect(element.attribute("data-kind") == citation.kind.rawValue)
        }
        #expect(cites[0].attribute("title")?.contains("volume 472, reporter U.S., page 511, pinpoint 528") == true)
        #expect(cites[1].attribute("title")?.contains("refers to 472 U.S. 511") == true)
    }

    @Test func marksAtOneOffsetNestInOrder() throws {
        let page = try PageTree(Self.trickyDocument())
        let paragraph = try #require(page.elements.first { $0.attribute("data-source-offset") == "100" })
        // At the citation's start: its page break, then the reference, then the citation; at its
        // end: the citation closes, then the page break, then the reference.
        let children = paragraph.elementChildren.map { "\($0.name).\($0.classes.first ?? "")" }
        #expect(children == ["span.pb", "sup.fnref", "cite.citation", "span.pb", "sup.fnref"])
        #expect(paragraph.elementChildren.filter { $0.name == "span" }.map { $0.attribute("data-page") } == ["2", "4"])
        let cite = paragraph.elementChildren[2]
        #expect(cite.elementChildren.map(\.name) == ["span"])
        #expect(cite.elementChildren[0].attribute("data-page") == "3")
        #expect(cite.text(skipping: { _ in false }) == Self.citationText)
    }

    @Test func pageMarkersCarryEveryPageInOrder() throws {
        let document = Self.trickyDocument()
        let page = try PageTree(document)
        let markers = page.all("span", class: "pb")
        var pages: [String] = []
        for opinion in document.opinions {
            pages += opinion.blocks.flatMap(\.pageBreaks).map(\.page)
            pages += opinion.footnotes.flatMap(\.blocks).flatMap(\.pageBreaks).map(\.page)
        }
        #expect(markers.map { $0.attribute("data-page") } == pages.map(Optional.some))
        #expect(markers.allSatisfy { $0.attribute("id") != nil && $0.attribute("aria-label") == "page " + $0.attribute("data-page")! })
        let sectionBreak = try #require(page.all("div", class: "section-break").first)
        #expect(sectionBreak.elementChildren.first?.attribute("data-page") == "6")
    }

    @Test func footnotesAndReferencesLinkBothWaysWithinTheirOpinion() throws {
        let page = try PageTree(Self.trickyDocument())
        let references = page.elements.filter { $0.name == "a" && $0.attribute("role") == "doc-noteref" }
        let backlinks = page.elements.filter { $0.name == "a" && $0.attribute("role") == "doc-backlink" }
        // Two references to note 1 and one (from note 1) to note 2 in the majority, one in the dissent.
        #expect(references.count == 4)
        #expect(backlinks.count == 4)
        for reference in references {
            let note = try #require(page.element(id: String(reference.attribute("href")!.dropFirst())))
            #expect(note.name == "li" && note.classes.contains("footnote"))
            let back = note.descendants("a").filter { $0.attribute("role") == "doc-backlink" }
            #expect(back.contains { $0.attribute("href") == "#" + reference.attribute("id")! }, "note \(note.attribute("id")!)")
        }
        let notes = page.all("li", class: "footnote")
        #expect(notes.count == 5)
        let firstNote = notes[0].descendants("a").filter { $0.attribute("role") == "doc-backlink" }
        #expect(firstNote.count == 2)
        // The dissent's note 1 is its own, not the majority's.
        let dissentReference = try #require(references.last)
        #expect(dissentReference.attribute("href") == "#" + notes[3].attribute("id")!)
        #expect(notes[0].attribute("id") != notes[3].attribute("id"))
        // A reference to a label no note has is plain text.
        let missing = page.all("sup", class: "fnref").filter { $0.descendants("a").isEmpty }
        #expect(missing.map { $0.textContent } == ["9"])
        // Notes nothing refers to say so (the majority's note 3 and the dissent's note 2).
        #expect(page.all("span", class: "unreferenced").count == 2)
    }

    @Test func headingsSectionsAndLandmarks() throws {
        let document = Self.trickyDocument()
        let page = try PageTree(document)
        #expect(page.root.attribute("lang") == "en")
        #expect(page.all("h1").count == 1)
        #expect(page.all("header").count == 1 && page.all("main").count == 1 && page.all("aside").count == 1)
        #expect(page.all("nav").count == 1)
        #expect(page.all("meta").contains { $0.attribute("name") == "viewport" })
        let body = try #require(page.all("body").first)
        let skip = try #require(body.elementChildren.first)
        #expect(skip.name == "a" && skip.attribute("href") == "#opinion" && page.all("main")[0].attribute("id") == "opinion")
        #expect(page.all("h2").prefix(2).map { $0.text(skipping: { _ in false }) } == ["Majority opinion by BRENNAN", "Dissent by O’NEILL"])
        #expect(page.all("p", class: "byline").map(\.textContent) == [
            "BRENNAN, Circuit Judge.", "O’NEILL, Circuit Judge, dissenting.",
        ])
        let h3 = page.all("h3").first { $0.attribute("data-level") == "1" }
        #expect(h3?.elementChildren.first?.textContent == "I.")
        #expect(h3?.textContent == "I. BACKGROUND & FACTS")
        #expect(page.all("h6").first?.attribute("data-level") == "5")
        #expect(page.all("blockquote").count == 1)
        #expect(page.all("div", class: "section-break").first?.attribute("role") == "separator")
        for section in page.all("section") {
            let labelledBy = try #require(section.attribute("aria-labelledby"))
            #expect(page.element(id: labelledBy) != nil)
        }
    }

    @Test func headerShowsTheCaseSourceAndPipeline() throws {
        let document = Self.trickyDocument()
        let page = try PageTree(document)
        let header = try #require(page.all("header").first)
        let text = header.textContent
        for expected in ["Court of Appeals for the Ninth Circuit", "20-1754, 21-0001", "SMITH", "Plaintiff-Appellee",
                         "JONES & CO.", "District of Oregon", "December 7, 2020", "sometime", "ROE, O’NEILL",
                         "AFFIRMED & REMANDED", "tricky <&> \"name\".txt", "1234 bytes", "layout",
                         String(repeating: "ab", count: 32), String(repeating: "c3", count: 32), "Precedential <yes>"] {
            #expect(text.contains(expected), "\(expected)")
        }
        let times = header.descendants("time")
        #expect(times.map { $0.attribute("datetime") } == ["2020-12-07", "sometime"])
    }

    @Test func everyEditAppearsOnceInOrderWithWhiteSpaceShown() throws {
        let document = Self.trickyDocument()
        let page = try PageTree(document)
        let rows = page.all("li", class: "edit")
        #expect(rows.map { $0.attribute("data-stage") } == document.log.edits.map { Optional($0.stage) })
        for edit in document.log.edits {
            #expect(rows.filter { $0.textContent.contains(edit.reason) }.count == 1, "\(edit.reason)")
        }
        func shown(_ row: XMLElement, _ element: String) -> String {
            row.descendants(element).first.map { $0.textContent } ?? "?"
        }
        #expect(shown(rows[0], "del") == "␍⏎" && shown(rows[0], "ins") == "⏎")
        #expect(shown(rows[1], "del") == "···2······No. 20-1754⏎" && shown(rows[1], "ins") == "∅")
        #expect(rows[1].descendants("span").contains { $0.attribute("title") == "6 spaces" })
        #expect(shown(rows[2], "del") == "dis-⏎puted")
        #expect(rows[2].textContent.contains("dis-puted"))
        #expect(rows[3].textContent.contains("confidence 0.6") && !rows[3].textContent.contains("0.600"))
        #expect(shown(rows[4], "ins") == "·")
        #expect(rows.allSatisfy { $0.textContent.contains("byte ") })
        let warnings = page.all("li", class: "warning")
        #expect(warnings.map(\.textContent) == ["caption byte 7no court <line> found", "opinionsno byline"])
    }

    @Test func stageFilterHasAControlPerStageAndALiveCount() throws {
        let document = Self.trickyDocument()
        let page = try PageTree(document)
        let filter = try #require(page.element(id: "stage-filter"))
        #expect(filter.name == "fieldset" && filter.attribute("hidden") != nil)
        #expect(filter.descendants("legend").count == 1)
        let labels = filter.descendants("label")
        #expect(labels.map { $0.descendants("input").first?.attribute("value") } == ["", "decode", "furniture", "dehyphenate", "ocr"])
        #expect(labels.map { $0.descendants("span").first?.textContent } == ["5", "1", "2", "1", "1"])
        #expect(labels.allSatisfy { $0.descendants("input").first?.attribute("type") == "radio" })
        let count = try #require(page.element(id: "edit-count"))
        #expect(count.attribute("aria-live") == "polite")
        #expect(count.textContent == "5 of 5 edits shown")
    }

    @Test func drainedPiecesMakeTheSamePage() throws {
        let document = Self.trickyDocument()
        var pieces: [[UInt8]] = []
        ReviewPage.write(document, pieceSize: 512) { pieces.append(Array($0)) }
        #expect(pieces.count > 3)
        #expect(pieces.joined().elementsEqual(ReviewPage.bytes(document)))
    }

    @Test func marksOutsideTheTextAndOverlappingCitationsStillNest() throws {
        var document = Document(raw: [], source: SourceInfo(name: "bad.txt", bytes: 0, sha256: String(repeating: "0", count: 64)))
        let text = "ééé abc def"
        document.opinions = [Opinion(type: .unknown, blocks: [Block(
            kind: .paragraph, text: text,
            pageBreaks: [PageBreak(offset: -3, page: "1"), PageBreak(offset: 99, page: "2")],
            footnoteRefs: [FootnoteRef(offset: 2, label: "x")],
            citations: [Citation(offset: 1, length: 5, kind: .unknown, text: "?"), Citation(offset: 3, length: 4, kind: .unknown, text: "?"),
                        Citation(offset: 8, length: 50, kind: .unknown, text: "?"), Citation(offset: 4, length: 0, kind: .unknown, text: "")])])]
        let page = try PageTree(document)
        let paragraph = try #require(page.all("main").first?.descendants("p").first)
        #expect(paragraph.text(skipping: { $0.name == "sup" }) == text)
        #expect(page.all("cite").map { $0.text(skipping: { $0.name == "sup" }) } == ["éé ab", "def"])
        #expect(page.all("span", class: "pb").count == 2)
    }

    @Test func anEmptyDocumentMakesASoundPage() throws {
        let document = Document(raw: [], source: SourceInfo(name: "empty.txt", bytes: 0, sha256: String(repeating: "0", count: 64)))
        let page = try PageTree(document)
        #expect(page.all("h1").map(\.textContent) == ["empty.txt"])
        #expect(page.all("main")[0].textContent == "No opinion text was found.")
        #expect(page.element(id: "stage-filter") == nil)
        #expect(page.element(id: "edit-count")?.textContent == "0 of 0 edits shown")
        #expect(page.deadLinks.isEmpty && page.duplicateIDs.isEmpty)
    }

    /// One block of n and of 10 n words, each with a page break, a footnote reference and a
    /// citation, and n edits: the page takes time linear in the document.
    @Test func pageTakesTimeLinearInTheDocument() throws {
        func document(words count: Int) -> Document {
            var document = Document(raw: [], source: SourceInfo(name: "t.txt", bytes: 0, sha256: String(repeating: "0", count: 64)))
            var text = ""
            var block = Block(kind: .paragraph, text: "")
            var scalars = 0
            for index in 0..<count {
                text += "é 1 U.S. 2 "
                block.pageBreaks.append(PageBreak(offset: scalars, page: String(index)))
                block.footnoteRefs.append(FootnoteRef(offset: scalars + 1, label: "1"))
                block.citations.append(Citation(offset: scalars + 2, length: 8, kind: .fullCase, text: "1 U.S. 2"))
                scalars += 11
                document.log.edit(stage: "s\(index % 7)", sourceOffset: index, before: "a  \n", after: "", reason: "removed")
            }
            block.text = text
            document.opinions = [Opinion(type: .majority, blocks: [block], footnotes: [Footnote(label: "1", blocks: [])])]
            return document
        }
        let measurement = try LinearTime.measure(small: document(words: 1_500), large: document(words: 15_000)) { document in
            _ = ReviewPage.bytes(document)
        }
        LinearTime.report("review page", measurement)
        #expect(measurement.isLinear, "\(measurement)")
    }
}

extension ReviewPageTests {
    /// An edit links to the block that starts nearest before its byte offset (the first block
    /// when it comes before them all), body and footnote blocks alike.
    @Test func editsLinkToTheBlockNearestBeforeThem() throws {
        var document = Self.trickyDocument()
        document.opinions[0].footnotes[1].blocks[0].sourceOffset = 150
        let page = try PageTree(document)
        let rows = page.all("li", class: "edit")
        let targets = rows.map { $0.descendants("a").first { $0.classes.contains("goto") }?.attribute("href") }
        // Edits at bytes 18, 40, 90, 95, 140; blocks at 50 (heading), 100, 200, 300, 400, a note's at 150.
        #expect(targets == ["#blk-1-b1", "#blk-1-b1", "#blk-1-b1", "#blk-1-b1", "#blk-1-b2"])
        let target = try #require(page.element(id: "blk-1-b2"))
        #expect(target.attribute("data-source-offset") == "100")
        document.log.edit(stage: "late", sourceOffset: 160, before: "x", after: "", reason: "late edit")
        let later = try PageTree(document)
        let last = later.all("li", class: "edit").last?.descendants("a").first?.attribute("href")
        #expect(last == "#blk-1-n2-b1")
        #expect(later.deadLinks.isEmpty)
    }
}
