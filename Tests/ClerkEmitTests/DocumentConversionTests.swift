import ClerkCore
import ClerkEmit
import ClerkJSON
import Testing

/// The one entry point every command converts through: bytes in, valid outputs in the drains
/// and the document out, or a failure that says which kind it is.
@Suite struct DocumentConversionTests {
    private let converter = Converter(configuration: try! PipelineConfiguration.builtIn())

    @Test func writesEachRequestedOutputValidIntoItsDrain() throws {
        let conversion = DocumentConversion(converter: converter, formats: [.xml, .json])
        var outputs: [OutputFormat: [UInt8]] = [:]
        var steps: [String] = []
        let document = try conversion.run(
            Array("Smith v. Jones, 472 U.S. 511 (1985).\n\nThe judgment is affirmed.\n".utf8), name: "a.txt",
            into: { format in { outputs[format, default: []].append(contentsOf: $0) } },
            timed: { step, _ in steps.append(step) })
        #expect(document.source.name == "a.txt")
        #expect(document.raw.isEmpty, "the stages' text and the raw bytes are dropped once converted")
        #expect(OutputSchemas.shipped.xml.validate(try #require(outputs[.xml]), file: "a.xml").isEmpty)
        #expect(OutputSchemas.shipped.json.validate(try JSONReader.parse(try #require(outputs[.json]))).isEmpty)
        #expect(steps.prefix(1) == ["read"])
        #expect(steps.suffix(3) == ["invariants", "json", "xml"])
    }

    @Test func anInputThatCannotBeConvertedIsAnInputFailure() throws {
        let conversion = DocumentConversion(converter: converter, formats: [.json])
        var drained = 0
        #expect {
            _ = try conversion.run([0x50, 0x4B, 0x00, 0x04], name: "b.txt", into: { _ in { drained += $0.count } })
        } throws: { error in
            guard case .input(let failure) = error as? DocumentConversion.Failure else { return false }
            return failure.description.hasPrefix("b.txt: stage decode: binary file")
        }
        #expect(drained == 0)
    }

    @Test func aStopRequestStopsBeforeTheNextStage() throws {
        let conversion = DocumentConversion(converter: converter, formats: [.json])
        var asked = 0
        #expect {
            _ = try conversion.run(Array("Text.\n".utf8), name: "c.txt", shouldStop: { asked += 1; return asked > 2 })
        } throws: { error in
            guard case .stopped = error as? DocumentConversion.Failure else { return false }
            return true
        }
        #expect(asked == 3)
    }

    @Test func noFormatsMeansNoOutputsButTheModelIsStillChecked() throws {
        let conversion = DocumentConversion(converter: converter, formats: [])
        var drains = 0
        var steps: [String] = []
        _ = try conversion.run(
            Array("Text.\n".utf8), name: "d.txt", into: { _ in drains += 1; return { _ in } }, timed: { step, _ in steps.append(step) })
        #expect(drains == 0)
        #expect(steps.last == "invariants")
    }
}
