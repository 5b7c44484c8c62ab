import ClerkCore
import ClerkJSON
import Foundation
import Testing

@Suite struct PipelineConfigurationTests {
    private func load(_ text: String) throws(ConfigurationError) -> PipelineConfiguration {
        try ConfigurationHarness.load(text)
    }

    private func problems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ConfigurationError.Problem] {
        ConfigurationHarness.problems(text, sourceLocation: sourceLocation)
    }

    @Test func builtInPipelineLoadsAndListsEveryStage() throws {
        let pipeline = try PipelineConfiguration.builtIn()
        #expect(pipeline.stages.map(\.descriptor.id) == StageRegistry.standard.ids)
        #expect(pipeline.stages.allSatisfy { $0.enabled })
    }

    @Test func shippedPipelineSchemaIsWhatTheRegistryGenerates() throws {
        let shipped = try JSONReader.parse(PipelineSchema.shippedBytes)
        #expect(shipped == PipelineSchema.generate(), "run `swift run clerk stages --json-schema > Schemas/pipeline.schema.json`")
    }

    /// The fingerprint is of the configuration as it runs: spelling a default out, reordering
    /// keys or spacing changes nothing; a parameter, a switch or the stage order does.
    @Test func fingerprintFollowsWhatRunsNotHowItIsWritten() throws {
        let base = try load(#"{"stages": [{"stage": "detect"}, {"stage": "reflow"}]}"#).fingerprint
        #expect(base.count == 64 && base.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        let spelledOut = try load(#"""
            { "reading": { "html": { "footnoteLinksAsMarks": true }, "fallbackEncoding": "windows-1252", "reader": "auto" },
              "stages": [ { "enabled": true, "stage": "detect", "family": "auto" },
                          { "longLineLength": 300, "stage": "reflow", "mode": "auto" } ] }
            """#).fingerprint
        #expect(spelledOut == base)
        #expect(try load(#"{"stages": [{"stage": "detect"}, {"stage": "reflow", "longLineLength": 301}]}"#).fingerprint != base)
        #expect(try load(#"{"stages": [{"stage": "detect"}, {"stage": "reflow", "enabled": false}]}"#).fingerprint != base)
        #expect(try load(#"{"stages": [{"stage": "detect"}]}"#).fingerprint != base)
        // What reading does is part of it too.
        #expect(try load(#"{"reading": {"reader": "text"}, "stages": [{"stage": "detect"}, {"stage": "reflow"}]}"#).fingerprint != base)
        #expect(try load(#"{"reading": {"fallbackEncoding": "iso-8859-1"}, "stages": [{"stage": "detect"}, {"stage": "reflow"}]}"#).fingerprint != base)
        #expect(try load(#"{"reading": {"html": {"dropPageChrome": false}}, "stages": [{"stage": "detect"}, {"stage": "reflow"}]}"#).fingerprint != base)
        #expect(try PipelineConfiguration.builtIn().fingerprint != base)
    }

    @Test func parametersAndDefaultsReachTheStage() throws {
        let pipeline = try load(#"{"stages": [{"stage": "detect"}, {"stage": "reflow", "longLineLength": 3000}]}"#)
        #expect(pipeline.stages[0].enabled)
        #expect(pipeline.stages[0].values[DetectStage.Configuration.family] == "auto")
        #expect(pipeline.stages[1].values[ReflowStage.Configuration.longLineLength] == 3000)
        #expect(pipeline.stages[1].values[ReflowStage.Configuration.mode] == "auto")
    }

    @Test func unknownStageIsNamedByItsPointer() {
        let found = problems(#"{"stages": [{"stage": "detect"}, {"stage": "no-such-stage"}]}"#)
        #expect(found.map(\.location) == ["/stages/1/stage"])
        #expect(found.first?.message.contains("no-such-stage") == true)
    }

    @Test func wrongParameterTypeIsNamedByItsPointer() {
        let found = problems(#"{"stages": [{"stage": "detect"}, {"stage": "reflow", "longLineLength": "two"}]}"#)
        #expect(found.map(\.location) == ["/stages/1/longLineLength"])
    }

    @Test func outOfRangeAndUnknownParametersAreRejected() {
        let found = problems(#"{"stages": [{"stage": "detect", "family": "html", "speed": 3}, {"stage": "reflow", "longLineLength": 0}]}"#)
        let locations = Set(found.map(\.location))
        #expect(locations.contains("/stages/0/family"))
        #expect(locations.contains("/stages/0") || locations.contains("/stages/0/speed"))
        #expect(locations.contains("/stages/1/longLineLength"))
    }

    @Test func wrongEnabledTypeIsRejected() {
        let found = problems(#"{"stages": [{"stage": "detect", "enabled": "yes"}]}"#)
        #expect(found.map(\.location) == ["/stages/0/enabled"])
    }

    @Test func malformedJSONNamesLineAndColumn() {
        let found = problems("{\n  \"stages\": [\n    {\"stage\": \"detect\",}\n  ]\n}")
        #expect(found.count == 1)
        #expect(found.first?.location.hasPrefix("line 3, column") == true)
    }

    @Test func missingStagesListIsRejected() {
        #expect(problems(#"{"stage": "detect"}"#).isEmpty == false)
        #expect(problems(#"[{"stage": "detect"}]"#).isEmpty == false)
    }

    @Test func readingOptionsAreCheckedByTheirPointer() {
        let found = problems(#"{"reading": {"reader": "pdf", "fallbackEncoding": "ebcdic", "html": {"dropPageChrome": 1}, "text": {"x": 1}}, "stages": []}"#)
        let locations = Set(found.map(\.location))
        #expect(locations.isSuperset(of: ["/reading/reader", "/reading/fallbackEncoding", "/reading/html/dropPageChrome"]), "\(found)")
        #expect(locations.contains("/reading/text") || locations.contains("/reading/text/x"), "\(found)")
        #expect(!problems(#"{"reading": {"speed": 3}, "stages": []}"#).isEmpty)
    }

    /// Decoding or a reader listed as a stage is refused with where its options go.
    @Test func aReaderListedAsAStageIsToldWhereItWent() {
        let found = problems(#"{"stages": [{"stage": "decode", "fallbackEncoding": "iso-8859-1"}, {"stage": "html"}, {"stage": "detect", "family": "html"}]}"#)
        // Each said once, and the other problems still reported beside them.
        #expect(found.map(\.location) == ["/stages/0/stage", "/stages/1/stage", "/stages/2/family"])
        #expect(found.first?.message.contains("set \"fallbackEncoding\" under \"reading\"") == true, "\(found)")
        #expect(found[1].message.contains("\"html\" is no longer a stage but a reader") == true, "\(found)")
    }

    @Test func readingOptionsReachTheReaders() throws {
        let pipeline = try load(#"{"reading": {"reader": "html", "fallbackEncoding": "iso-8859-1", "html": {"dropPageChrome": false}}, "stages": []}"#)
        #expect(pipeline.reading.forced?.descriptor.id == "html")
        #expect(pipeline.reading.fallback == .latin1)
        let html = try #require(pipeline.reading.readers.first { $0.descriptor.id == "html" })
        #expect(html.values[HTMLReader.Configuration.dropPageChrome] == false)
        #expect(html.values[HTMLReader.Configuration.footnoteLinksAsMarks] == true)
        #expect(try load(#"{"stages": []}"#).reading.forced == nil)
    }

    @Test func stagesAppearOnceAndAfterWhatTheyNeed() {
        let twice = problems(#"{"stages": [{"stage": "detect"}, {"stage": "detect"}]}"#)
        #expect(twice.map(\.location) == ["/stages/1/stage"])
        let misordered = problems(#"{"stages": [{"stage": "citations"}, {"stage": "reflow"}]}"#)
        #expect(misordered.map(\.location) == ["/stages/0/stage"])
        #expect(misordered.first?.message.contains("needs stage \"reflow\"") == true)
        let phases = problems(#"{"stages": [{"stage": "reflow"}, {"stage": "detect"}]}"#)
        #expect(phases.map(\.location) == ["/stages/1/stage"])
        #expect(phases.last?.message.contains("of the text phase comes after stage \"reflow\" of the blocks phase") == true)
    }

    /// Stages run phase after phase (text, structure, blocks): a text repair listed after a
    /// structure stage, or a structure stage after reflow, is refused where it is listed.
    @Test func phasesRunInOrder() {
        let textAfterStructure = problems(#"{"stages": [{"stage": "detect"}, {"stage": "opinions"}, {"stage": "ocr"}]}"#)
        #expect(textAfterStructure.map(\.location) == ["/stages/2/stage"])
        #expect(textAfterStructure.first?.message == """
            stage "ocr" of the text phase comes after stage "opinions" of the structure phase; \
            the phases run in order: text, structure, blocks
            """)
        let structureAfterBlocks = problems(#"{"stages": [{"stage": "detect"}, {"stage": "reflow"}, {"stage": "headings"}]}"#)
        #expect(structureAfterBlocks.map(\.location) == ["/stages/2/stage"])
        // A disabled stage is listed, so its place counts too.
        #expect(!problems(#"{"stages": [{"stage": "detect"}, {"stage": "reflow"}, {"stage": "ocr", "enabled": false}]}"#).isEmpty)
        // The shipped order keeps the phases.
        let phases = StageRegistry.standard.descriptors.map(\.phase)
        #expect(phases == phases.sorted())
    }

    @Test func disabledStageIsKeptButDoesNotRun() throws {
        let pipeline = try load(#"{"stages": [{"stage": "detect"}, {"stage": "reflow", "enabled": false}]}"#)
        let document = try Converter(configuration: pipeline).convert(Array("text".utf8), name: "a.txt")
        #expect(pipeline.stages[1].enabled == false)
        #expect(document.opinions.isEmpty)
        #expect(document.body.lines == ["text"])
    }

    @Test func errorDescriptionNamesOriginAndPointer() {
        do {
            _ = try load(#"{"stages": [{"stage": "nope"}]}"#)
        } catch {
            #expect(error.description.hasPrefix("pipeline.json: /stages/0/stage: "))
        }
    }
}

@Suite struct ConverterTests {
    @Test func fillsSourceWithSizeAndSHA256() throws {
        let converter = Converter(configuration: try PipelineConfiguration.builtIn())
        let document = try converter.convert(Array("abc".utf8), name: "x.txt")
        #expect(document.source.name == "x.txt")
        #expect(document.source.bytes == 3)
        // FIPS 180-2 test vector for "abc".
        #expect(document.source.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(document.source.reader == "text")
    }

    @Test func stageFailureNamesFileAndStage() throws {
        let converter = Converter(configuration: try PipelineConfiguration.builtIn())
        #expect(throws: ConversionError(file: "bin.dat", stage: "decode", message: "binary file: NUL byte (UTF-16 or UTF-32 without a byte order mark is not supported)", sourceOffset: 1)) {
            try converter.convert([0x41, 0x00], name: "bin.dat")
        }
    }
}
