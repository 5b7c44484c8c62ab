import ClerkCore
import ClerkJSON
import Testing

/// docs/walkthroughs/adding-an-input-format.md, done: a reader written the way the walkthrough
/// says (one type, evidence from the first bytes, one typed option declared once, a working text
/// built with its source offsets, what it leaves out logged, what the format states put in the
/// case), a registry that holds it before the standard readers, a pipeline.json that configures
/// it, the schema that implies, the choice among readers, and a conversion.
///
/// The walkthrough adds the reader to `ReaderRegistry.standard`; a test cannot, so it builds a
/// registry of its own, and the loader checks a pipeline against the schema that registry
/// generates.
@Suite struct AddingAnInputFormatWalkthroughTests {
    // MARK: The reader, as the walkthrough writes it

    /// Text exported with a front matter block, as static-site and notebook exports write it:
    /// `---`, `key: value` lines, `---`, then the opinion's text.
    struct FrontMatterReader: InputReader {
        struct Configuration: StageConfiguration {
            static let keepUnknownKeys = Parameter.boolean(
                "keepUnknownKeys", default: true, "Keep keys other than court and docket as case metadata.")
            var keepUnknownKeys: Bool

            init(_ values: StageParameterValues) {
                keepUnknownKeys = values[Self.keepUnknownKeys]
            }
        }

        static let id = "frontMatter"
        static let summary = "Text with a front matter block (`---`, `key: value` lines, `---`): the keys go to the case, the rest is read as text."

        let configuration: Configuration

        init(configuration: Configuration) {
            self.configuration = configuration
        }

        /// The format's own first bytes: a signature, stronger than anything the content shows.
        static func evidence(in input: ReaderInput) -> ReaderEvidence? {
            guard input.bytes.starts(with: Array("---\n".utf8)) else { return nil }
            return ReaderEvidence(.signature, "starts with a front matter block")
        }

        func read(_ input: ReaderInput, into document: inout Document) throws(ReadingFailure) {
            let text = try input.text()
            let bytes = text.stream.bytes
            let lines = text.stream.lineRanges
            guard let end = lines.dropFirst().firstIndex(where: { bytes[$0].elementsEqual("---".utf8) }) else {
                throw ReadingFailure(step: Self.id, "the front matter block is not closed by a --- line")
            }
            let bodyStart = lines[end].upperBound + 1
            var body = TextStream()
            body.append(bytes[bodyStart...], source: text.stream.sourceOffset(at: bodyStart))
            text.start(&document)
            document.body = body
            document.log.edit(
                stage: Self.id, sourceOffset: 0, before: String(decoding: bytes[..<bodyStart], as: UTF8.self), after: "",
                reason: "front matter block, moved to the case")
            for line in lines[1..<end] {
                let entry = String(decoding: bytes[line], as: UTF8.self)
                guard let colon = entry.firstIndex(of: ":") else { continue }
                let key = String(entry[..<colon]), value = entry[entry.index(after: colon)...].trimmingPrefix(" ")
                switch key {
                case "court": document.caseInfo.court = String(value)
                case "docket": document.caseInfo.dockets.append(String(value))
                default:
                    if configuration.keepUnknownKeys {
                        document.caseInfo.metadata.append(MetadataEntry(key: key, value: String(value)))
                    }
                }
            }
        }
    }

    // MARK: The registry line and the pipeline.json entry

    /// `ReaderRegistry.standard` with the new reader where the walkthrough's line puts it: a
    /// specific format before the readers that take anything.
    static let readers = ReaderRegistry([
        CAPCaseReader.self, ColumbiaReader.self, CourtListenerReader.self, FrontMatterReader.self, HTMLReader.self, TextReader.self,
    ])

    static let pipeline = #"""
        { "reading": { "frontMatter": { "keepUnknownKeys": false } },
          "stages": [ { "stage": "detect" }, { "stage": "reflow" } ] }
        """#

    static let input = "---\ncourt: Supreme Court of Utopia\ndocket: 24-101\nauthor: Roe\n---\nThe judgment is affirmed.\n"

    @Test func theRegistryIsTheStandardOneAndTheNewReader() {
        #expect(Self.readers.ids.filter { $0 != FrontMatterReader.id } == ReaderRegistry.standard.ids)
        #expect(FrontMatterReader.Configuration.parameters.map(\.name) == ["keepUnknownKeys"])
    }

    // MARK: Regenerating Schemas/pipeline.schema.json

    @Test func theGeneratedSchemaHoldsTheReaderAndItsOption() throws {
        let schema = PipelineSchema.generate(readers: Self.readers)
        let reading = try #require(schema["properties"]?["reading"]?["properties"])
        #expect(reading["reader"]?["enum"]?.arrayValue?.contains(.string("frontMatter")) == true)
        #expect(reading["frontMatter"]?["properties"]?["keepUnknownKeys"]?["type"]?.stringValue == "boolean")
        #expect(PipelineSchema.generate()["properties"]?["reading"]?["properties"]?["frontMatter"] == nil)
        #expect(ConfigurationHarness.problems(readers: Self.readers, #"{"reading": {"frontMatter": {"keepUnknownKeys": "no"}}, "stages": []}"#).map(\.location)
            == ["/reading/frontMatter/keepUnknownKeys"])
    }

    // MARK: The choice

    @Test func theReaderIsChosenByItsSignatureAndOnlyThen() throws {
        let reading = try ConfigurationHarness.load(readers: Self.readers, Self.pipeline).reading
        func chosen(_ text: String) -> String {
            reading.choose(for: ReaderInput(name: "a.txt", bytes: Array(text.utf8))).reader.descriptor.id
        }
        #expect(chosen(Self.input) == "frontMatter")
        #expect(chosen("The judgment is affirmed.\n---\n") == "text")
        #expect(chosen("<html><body><p>The judgment is affirmed.</p></body></html>\n") == "html")
    }

    // MARK: Converting

    @Test func theFormatsFactsGoToTheCaseAndItsTextIsRead() throws {
        let document = try Converter(configuration: try ConfigurationHarness.load(readers: Self.readers, Self.pipeline))
            .convert(Array(Self.input.utf8), name: "a.md")
        #expect(document.source.reader == "frontMatter")
        #expect(document.caseInfo.court == "Supreme Court of Utopia")
        #expect(document.caseInfo.dockets == ["24-101"])
        // keepUnknownKeys false: `author` is not kept.
        #expect(document.caseInfo.metadata.isEmpty)
        #expect(document.opinions.flatMap(\.blocks).map(\.text) == ["The judgment is affirmed."])
        // The text's source offset still points into the raw input.
        let raw = Array(Self.input.utf8)
        let offset = try #require(document.opinions.first?.blocks.first?.sourceOffset)
        #expect(raw[offset...].starts(with: "The judgment".utf8))
        #expect(document.log.edits.first?.reason == "front matter block, moved to the case")
    }

    @Test func aFailureNamesTheReaderStep() throws {
        let converter = Converter(configuration: try ConfigurationHarness.load(readers: Self.readers, Self.pipeline))
        #expect(throws: ConversionError(file: "b.md", stage: "frontMatter", message: "the front matter block is not closed by a --- line")) {
            try converter.convert(Array("---\ncourt: X\n".utf8), name: "b.md")
        }
    }
}
