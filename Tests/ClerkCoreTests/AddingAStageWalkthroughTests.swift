import ClerkCore
import ClerkJSON
import Testing

/// docs/walkthroughs/adding-a-stage.md, done: a stage written the way the walkthrough says (one
/// type, its phase, one typed parameter declared once, `TextEdit`s handed to
/// `document.body.apply`), a registry that holds it beside the standard stages, a pipeline.json
/// that lists it, a conversion, the schema it implies, and the phase rule it obeys.
///
/// The walkthrough adds the stage to `StageRegistry.standard`; a test cannot, so it builds a
/// registry of its own, and the loader checks a pipeline against the schema that registry
/// generates (for the standard registry, the shipped `Schemas/pipeline.schema.json`).
@Suite struct AddingAStageWalkthroughTests {
    // MARK: The stage, as the walkthrough writes it

    /// Mends the British spelling "judgement" into "judgment", at most `maximumEdits` times per
    /// document, each change logged.
    struct JudgmentSpellingStage: Stage {
        struct Configuration: StageConfiguration {
            static let maximumEdits = Parameter.integer(
                "maximumEdits", 0...10_000, default: 100, "At most this many words are mended in a document.")
            var maximumEdits: Int

            init(_ values: StageParameterValues) {
                maximumEdits = values[Self.maximumEdits]
            }
        }

        static let id = "judgmentSpelling"
        static let summary = "Mends the spelling \"judgement\" into \"judgment\"."
        static let phase = StagePhase.text

        let configuration: Configuration

        init(configuration: Configuration) {
            self.configuration = configuration
        }

        func run(_ document: inout Document) throws(StageFailure) {
            let bytes = document.body.bytes
            let word = Array("judgement".utf8)
            var edits: [TextEdit] = []
            var index = 0
            while index + word.count <= bytes.count, edits.count < configuration.maximumEdits {
                if bytes[index..<index + word.count].elementsEqual(word) {
                    edits.append(TextEdit(
                        range: index..<index + word.count, replacement: "judgment", reason: "British spelling mended"))
                    index += word.count
                } else {
                    index += 1
                }
            }
            document.body.apply(edits, stage: Self.id, log: &document.log)
        }
    }

    // MARK: The registry line and the pipeline.json entry

    /// `StageRegistry.standard` with the new stage after `tokens`, where the walkthrough's line
    /// would put it.
    static let registry = StageRegistry([
        DetectStage.self, NormalizeStage.self, ChromeStage.self,
        PageFurnitureStage.self, StarPaginationStage.self, FootnoteStage.self, DehyphenationStage.self,
        TokenRepairStage.self, JudgmentSpellingStage.self, OCRRepairStage.self, CaseBoundaryStage.self, OpinionStage.self, CaptionStage.self,
        HeadingStage.self, BlockQuoteStage.self, ReflowStage.self, DispositionStage.self, CitationStage.self,
    ])

    static let pipeline = #"""
        { "stages": [
            { "stage": "judgmentSpelling", "maximumEdits": 1 },
            { "stage": "reflow" }
        ] }
        """#

    static let input = "The judgement below is affirmed.\nNo other judgement is disturbed.\n"

    @Test func theRegistryIsTheStandardOneAndTheNewStage() {
        #expect(Self.registry.ids.filter { $0 != JudgmentSpellingStage.id } == StageRegistry.standard.ids)
        #expect(Self.registry.descriptor(for: "judgmentSpelling")?.phase == .text)
    }

    /// What the configuration's initializer reads is the stage's parameter list.
    @Test func theParameterIsDeclaredOnce() {
        let parameters = JudgmentSpellingStage.Configuration.parameters
        #expect(parameters.map(\.name) == ["maximumEdits"])
        #expect(parameters.first?.type == .integer(0...10_000))
        #expect(parameters.first?.defaultValue == .int(100))
    }

    // MARK: Regenerating Schemas/pipeline.schema.json

    /// `clerk stages --json-schema` prints `PipelineSchema.generate()`; with the stage registered,
    /// it holds the stage and its parameter, and it accepts the pipeline above.
    @Test func theGeneratedSchemaHoldsTheStageAndItsParameter() throws {
        let schema = PipelineSchema.generate(registry: Self.registry)
        let entry = try #require(schema["$defs"]?["judgmentSpelling"])
        #expect(entry["description"]?.stringValue == JudgmentSpellingStage.summary)
        let parameter = try #require(entry["properties"]?["maximumEdits"])
        #expect(parameter["type"]?.stringValue == "integer")
        #expect(parameter["minimum"]?.intValue == 0)
        #expect(parameter["maximum"]?.intValue == 10_000)
        #expect(parameter["default"]?.intValue == 100)
        #expect(schema["$defs"]?["entry"]?["properties"]?["stage"]?["enum"]?.arrayValue?.contains(.string("judgmentSpelling")) == true)

        let compiled = try JSONSchema(schema)
        #expect(compiled.validate(try JSONReader.parse(Array(Self.pipeline.utf8))).isEmpty)
        let wrong = try JSONReader.parse(Array(#"{"stages": [{"stage": "detect"}, {"stage": "judgmentSpelling", "maximumEdits": "all"}]}"#.utf8))
        #expect(compiled.validate(wrong).map(\.instancePointer.description) == ["/stages/1/maximumEdits"])
        // The standard registry's schema, the one shipped, does not know the stage.
        #expect(PipelineSchema.generate()["$defs"]?["judgmentSpelling"] == nil)
    }

    // MARK: Converting

    @Test func theEditIsInTheTextAndInTheEditLog() throws {
        let document = try Converter(configuration: try ConfigurationHarness.load(registry: Self.registry, Self.pipeline)).convert(Array(Self.input.utf8), name: "a.txt")
        let text = document.opinions.flatMap(\.blocks).map(\.text).joined(separator: "\n")
        // maximumEdits 1: the first word is mended, the second is left.
        #expect(text == "The judgment below is affirmed. No other judgement is disturbed.")
        let edits = document.log.edits.filter { $0.stage == "judgmentSpelling" }
        #expect(edits == [Edit(stage: "judgmentSpelling", sourceOffset: 4, before: "judgement", after: "judgment", reason: "British spelling mended")])
    }

    @Test func theParameterTakesItsDefaultWhenLeftOut() throws {
        let pipeline = #"{"stages": [{"stage": "judgmentSpelling"}, {"stage": "reflow"}]}"#
        let document = try Converter(configuration: try ConfigurationHarness.load(registry: Self.registry, pipeline)).convert(Array(Self.input.utf8), name: "a.txt")
        #expect(document.log.edits.filter { $0.stage == "judgmentSpelling" }.map(\.sourceOffset) == [4, 42])
    }

    // MARK: Loading pipeline.json

    /// The walkthrough's last check: pipeline.json lists the stage, and the loader takes it.
    @Test func theLoaderTakesAPipelineThatListsTheStage() throws {
        let loaded = try PipelineConfiguration.load(Array(Self.pipeline.utf8), origin: "pipeline.json", registry: Self.registry)
        #expect(loaded.stages.map(\.descriptor.id) == ["judgmentSpelling", "reflow"])
        #expect(loaded.fingerprint == (try ConfigurationHarness.load(registry: Self.registry, Self.pipeline)).fingerprint)
        // The registry's own schema checks the stage's parameters.
        #expect(ConfigurationHarness.problems(registry: Self.registry, #"{"stages": [{"stage": "detect"}, {"stage": "judgmentSpelling", "maximumEdits": -1}]}"#)
            .map(\.location) == ["/stages/1/maximumEdits"])
    }

    /// A text-phase stage listed after a blocks-phase stage is refused, naming both.
    @Test func listingTheStageAfterABlocksPhaseStageIsRefused() {
        let late = #"{"stages": [{"stage": "detect"}, {"stage": "reflow"}, {"stage": "judgmentSpelling"}]}"#
        #expect(ConfigurationHarness.problems(registry: Self.registry, late) == [ConfigurationError.Problem(
            location: "/stages/2/stage",
            message: "stage \"judgmentSpelling\" of the text phase comes after stage \"reflow\" of the blocks phase; "
                + "the phases run in order: text, structure, blocks")])
        // The same rule on the standard stages: a text stage after reflow.
        #expect(ConfigurationHarness.problems(registry: Self.registry, #"{"stages": [{"stage": "detect"}, {"stage": "reflow"}, {"stage": "tokens"}]}"#) == [
            ConfigurationError.Problem(
                location: "/stages/2/stage",
                message: "stage \"tokens\" of the text phase comes after stage \"reflow\" of the blocks phase; "
                    + "the phases run in order: text, structure, blocks"),
        ])
    }
}
