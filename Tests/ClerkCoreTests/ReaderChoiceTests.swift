import ClerkCore
import ClerkJSON
import Testing

/// Which reader reads an input: the evidence each reader finds, the strongest winning, and the
/// reader named in `pipeline.json` overriding it.
@Suite struct ReaderChoiceTests {
    private func choose(_ text: String, name: String = "input.txt") throws -> (reader: String, evidence: ReaderEvidence?) {
        let reading = try PipelineConfiguration.builtIn().reading
        let choice = reading.choose(for: ReaderInput(name: name, bytes: Array(text.utf8)))
        return (choice.reader.descriptor.id, choice.evidence)
    }

    @Test func markupIsReadAsHTMLEvenAsAFragment() throws {
        let page = "<!DOCTYPE html>\n<html><body>\n<div class=\"opinion\">\n<p>" + DetectStageTests.prose(sentences: 20)
            + "</p>\n<p>More &amp; more.<br/>End.</p>\n</div></body></html>\n"
        let choice = try choose(page)
        #expect(choice.reader == "html")
        #expect(choice.evidence?.doubt == nil)
        let fragment = try choose("<p>The judgment is <em>affirmed</em>.</p>\n")
        #expect(fragment.reader == "html")
        #expect(fragment.evidence?.doubt == "only 4 HTML tags")
    }

    @Test func aFewTagsOrEntitiesInALongTextAreReadAsText() throws {
        let text = DetectStageTests.layout(pages: 6).replacingFirst("highway.", with: "highway <br> in a <p> tag &amp; more.")
        #expect(try choose(text).reader == "text")
        let entities = DetectStageTests.flat().replacingFirst("officers", with: "officers &amp; &nbsp; &#8217;")
        #expect(try choose(entities).reader == "text")
        // Comparison signs are not tags.
        #expect(try choose(DetectStageTests.scan().replacingFirst("The", with: "if a < b and c > d")).reader == "text")
    }

    /// Found by the property tests: two comments in 2 KB of scan text made it HTML, and the HTML
    /// parser then read `<clearly weapon … >` as a tag and lost its words. Few tags need a page's
    /// own tags or a high density.
    @Test func fewTagsInAShortTextAreTextWithoutAPageAroundThem() throws {
        let text = "I respectfully dissent <!-- --> and " + DetectStageTests.prose(sentences: 12) + " <!-- --> the court <b>bold</b>, a <clearly odd word.\n"
            + DetectStageTests.prose(sentences: 12, from: 3) + "\n"
        #expect(text.utf8.count > 1000)
        #expect(try choose(text).reader == "text")
        let page = "<html><body>" + DetectStageTests.prose(sentences: 20) + "</body></html>\n"
        #expect(try choose(page).reader == "html")
        let fragment = "<p>" + DetectStageTests.prose(sentences: 1) + "</p><p>" + DetectStageTests.prose(sentences: 1, from: 2) + "</p>\n"
        #expect(try choose(fragment).reader == "html")
    }

    /// Markup decides, not the name: a `.html` file of plain text is read as text, and markup in a
    /// `.txt` file as HTML.
    @Test func theContentDecidesNotTheExtension() throws {
        #expect(try choose("The judgment is affirmed.\n", name: "opinion.html").reader == "text")
        #expect(try choose("<html><body><p>The judgment is affirmed.</p></body></html>\n", name: "opinion.txt").reader == "html")
    }

    @Test func anInputThatCannotBeDecodedGoesToTheTextReaderWhichSaysWhy() throws {
        #expect(try choose("").reader == "text")
        let converter = Converter(configuration: try PipelineConfiguration.builtIn())
        #expect(throws: ConversionError(file: "empty.html", stage: "decode", message: "the file is empty (0 bytes)")) {
            try converter.convert([], name: "empty.html")
        }
    }

    @Test func theConfiguredReaderOverridesTheEvidence() throws {
        let page = "<html><body><p>One &amp; two.</p></body></html>\n"
        let asText = try PipelineConfiguration.load(Array(#"{"reading": {"reader": "text"}, "stages": []}"#.utf8), origin: "t.json")
        let document = try Converter(configuration: asText).convert(Array(page.utf8), name: "p.html")
        #expect(document.source.reader == "text")
        #expect(document.body.text == page)

        let auto = try Converter(configuration: try PipelineConfiguration.load(Array(#"{"stages": []}"#.utf8), origin: "t.json"))
            .convert(Array(page.utf8), name: "p.html")
        #expect(auto.source.reader == "html")
        #expect(auto.source.family == .html)
        #expect(auto.body.text == "One & two.\n")
    }

    @Test func weakEvidenceIsAWarning() throws {
        let converter = Converter(configuration: try PipelineConfiguration.builtIn())
        let document = try converter.convert(Array("<p>The judgment is <em>affirmed</em>.</p>\n".utf8), name: "f.txt")
        #expect(document.source.reader == "html")
        let warning = try #require(document.log.warnings.first { $0.stage == "read" })
        #expect(warning.message.contains("reader html chosen on weak evidence (only 4 HTML tags)"), "\(warning.message)")
    }

    /// A registry without a reader of last resort still reads every input, with its last
    /// reader, and the conversion says it had no evidence.
    @Test func anInputNoReaderClaimsIsReadByTheLastReaderWithAWarning() throws {
        let pipeline = try ConfigurationHarness.load(readers: ReaderRegistry([HTMLReader.self]), #"{"stages": []}"#)
        let document = try Converter(configuration: pipeline).convert(Array("Plain text.\n".utf8), name: "a.txt")
        #expect(document.source.reader == "html")
        #expect(document.log.warnings.contains { $0.stage == "read" && $0.message.contains("no reader claims the input") })
    }
}
