import ClerkCore
import ClerkEmit
import ClerkJSON
import ClerkLibXML
import Foundation
import Testing

@Suite struct EmitterTests {
    private let emitter = DocumentEmitter(formats: [.xml, .json])

    private func emitted(_ document: Document) throws -> (xml: [UInt8], json: [UInt8]) {
        let outputs = try emitter.emit(document)
        #expect(outputs.map(\.format) == [.xml, .json])
        return (outputs[0].bytes, outputs[1].bytes)
    }

    @Test func shippedSchemasCompile() throws {
        _ = try OutputSchemas(xsd: OutputSchemas.xsdBytes, jsonSchema: OutputSchemas.jsonSchemaBytes)
        let onDisk = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("Schemas/opinion.xsd"))
        #expect([UInt8](onDisk) == OutputSchemas.xsdBytes, "the binary embeds Schemas/opinion.xsd as it is")
    }

    @Test func richDocumentEmitsValidXMLAndJSON() throws {
        let (xml, json) = try emitted(Fixtures.richDocument())
        #expect(OutputSchemas.shipped.xml.validate(xml, file: "rich.xml").isEmpty)
        #expect(OutputSchemas.shipped.json.validate(try JSONReader.parse(json)).isEmpty)
    }

    @Test func emptyDocumentEmitsValidXMLAndJSON() throws {
        let (xml, json) = try emitted(Fixtures.emptyDocument())
        #expect(OutputSchemas.shipped.xml.validate(xml, file: "empty.xml").isEmpty)
        #expect(OutputSchemas.shipped.json.validate(try JSONReader.parse(json)).isEmpty)
    }

    @Test func xmlCarriesTheSameModelAsJSON() throws {
        let document = Fixtures.richDocument()
        let (xml, _) = try emitted(document)
        let back = try XMLModelReader.read(try XMLDocumentParser.parse(xml, file: "rich.xml"))
        back.expectEqual(to: document)
    }

    /// Real conversions: the samples and the structure fixtures, with captions, several opinions,
    /// headings, section breaks and restarted footnotes, read back from their XML.
    @Test(arguments: [
        "Samples/000_39a4dcb9fca6dd5d.txt", "Samples/001_adfd90a293bb973c.txt", "Samples/002_b9cf1909a371d268.txt",
        "Tests/Fixtures/Structure/slip-opinion.txt", "Tests/Fixtures/Structure/partial-dissent.txt",
    ])
    func xmlCarriesTheSameStructureAsTheModelForRealConversions(path: String) throws {
        let raw = [UInt8](try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent(path)))
        let document = try Converter(configuration: try .builtIn()).convert(raw, name: path)
        let (xml, _) = try emitted(document)
        let back = try XMLModelReader.read(try XMLDocumentParser.parse(xml, file: path))
        #expect(back.caseInfo == document.caseInfo)
        #expect(back.opinions == document.opinions)
        #expect(back.disposition == document.disposition)
    }

    @Test func jsonCarriesTheModelWithOffsetsIntoPlainText() throws {
        let document = Fixtures.richDocument()
        let (_, json) = try emitted(document)
        let value = try JSONReader.parse(json)
        let block = try #require(value["opinions"]?.arrayValue?.first?["blocks"]?.arrayValue?[1])
        #expect(block["text"]?.stringValue == document.opinions[0].blocks[1].text)
        #expect(block["pageBreaks"]?.arrayValue?.compactMap { $0["offset"]?.intValue } == [0, 13, document.opinions[0].blocks[1].text.unicodeScalars.count])
        let citation = try #require(block["citations"]?.arrayValue?.first)
        #expect(citation["text"]?.stringValue == "472 U.S. 511, 528")
        #expect(citation["reporter"]?.stringValue == "U.S.")
        #expect(value["case"]?["metadata"]?["Precedential Status"]?.stringValue == "Precedential")
        #expect(value["edits"]?.arrayValue?.first?["before"]?.stringValue == "\r\n")
    }

    @Test func pageBreakInsideACitationIsNestedInTheCiteElement() throws {
        let (xml, _) = try emitted(Fixtures.richDocument())
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains(#"<p sourceOffset="120"><pb n="1"/>See <cite kind="fullCase" volume="472" reporter="U.S." page="511" pinpoint="528" court="7th Cir." year="1985" caseName="Mitchell v. Forsyth">472 U.S. <pb n="*528"/>511, 528</cite><fnref label="1"/>. Tabs"#))
        // Marks at the very end of the text come after the last character, page break first.
        #expect(text.contains(#"𝔸.<pb n="3"/><fnref label="*"/></p>"#))
        #expect(text.contains("]]&gt;"))
        #expect(text.contains("&lt;tags&gt; &amp;"))
    }

    /// Outputs handed to drains piece by piece (as `convert` writes its files) are the bytes of
    /// the outputs made in memory; a refused model gives nothing to any drain.
    @Test func outputsDrainedPieceByPieceAreTheOutputsInMemory() throws {
        let raw = [UInt8](try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("Samples/002_b9cf1909a371d268.txt")))
        for document in [try Converter(configuration: try .builtIn()).convert(raw, name: "002.txt"), Fixtures.richDocument()] {
            var drained: [OutputFormat: [UInt8]] = [:]
            var steps: [String] = []
            try emitter.emit(document, into: { format in { drained[format, default: []] += $0 } }, timed: { step, _ in steps.append(step) })
            let whole = try emitter.emit(document)
            #expect(whole.map(\.format) == [.xml, .json])
            for output in whole { #expect(drained[output.format] == output.bytes, "\(output.format)") }
            #expect(steps == ["invariants", "json", "xml"])
        }
        var broken = Fixtures.richDocument()
        broken.opinions[0].blocks[1].pageBreaks.append(PageBreak(offset: 10_000, page: "9"))
        var pieces = 0
        #expect(throws: EmissionError.self) { try emitter.emit(broken, into: { _ in { _ in pieces += 1 } }) }
        #expect(pieces == 0)
    }

    @Test func inconsistentModelIsRefusedBeforeAnythingIsWritten() throws {
        var document = Fixtures.richDocument()
        document.opinions[0].blocks[1].pageBreaks.append(PageBreak(offset: 10_000, page: "9"))
        do {
            _ = try emitter.emit(document)
            Issue.record("an out-of-range page break was emitted")
        } catch {
            #expect(error.format == nil)
            #expect(error.description.contains("/opinions/0/blocks/1/pageBreaks/3"))
        }
    }

    @Test func textXMLForbidsMakesEmissionFailNotAnInvalidFile() throws {
        var document = Fixtures.emptyDocument()
        document.opinions = [Opinion(type: .unknown, blocks: [Block(kind: .paragraph, text: "bell \u{07} here")])]
        #expect(throws: EmissionError.self) { try emitter.emit(document) }
        // JSON alone can carry it (escaped), and does.
        let json = try DocumentEmitter(formats: [.json]).emit(document)
        #expect(String(decoding: json[0].bytes, as: UTF8.self).contains(#"bell \u0007 here"#))
    }

    /// The XML is validated as it is written: a model the XSD refuses is not emitted, and the
    /// problem names the line of the written document.
    @Test func aModelTheXSDRefusesIsNotEmitted() throws {
        var document = Fixtures.emptyDocument()
        document.caseInfo.dates = [CaseDate(event: "decided", date: "2021-7-1")]  // not YYYY-MM-DD
        document.opinions = [Opinion(type: .majority, blocks: [Block(kind: .heading, text: "I", level: 12)])]  // level <= 9
        let written = String(decoding: try XMLEmitter.bytes(document), as: UTF8.self).split(separator: "\n").map(String.init)
        let dateLine = try #require(written.firstIndex { $0.hasPrefix("<date ") }) + 1
        let headingLine = try #require(written.firstIndex { $0.hasPrefix("<heading ") }) + 1
        do {
            _ = try DocumentEmitter(formats: [.xml]).emit(document)
            Issue.record("an XML output the schema refuses was emitted")
        } catch {
            #expect(error.format == .xml)
            #expect(error.problems.count == 2, "\(error.problems)")
            #expect(error.problems.first?.hasPrefix("a.txt.xml:\(dateLine): ") == true, "\(error.problems)")
            #expect(error.problems.first?.contains("2021-7-1") == true)
            #expect(error.problems.last?.hasPrefix("a.txt.xml:\(headingLine): ") == true, "\(error.problems)")
            #expect(error.problems.last?.contains("level") == true)
        }
    }

    @Test func modelEnumsMatchBothSchemas() throws {
        let schema = try JSONReader.parse(OutputSchemas.jsonSchemaBytes)
        let definitions = try #require(schema["$defs"])
        func jsonEnum(_ value: JSONValue?) -> [String] { value?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        #expect(jsonEnum(definitions["opinionType"]) == OpinionType.allCases.map(\.rawValue))
        #expect(jsonEnum(definitions["block"]?["properties"]?["kind"]) == BlockKind.allCases.map(\.rawValue))
        #expect(jsonEnum(definitions["citation"]?["properties"]?["kind"]) == CitationKind.allCases.map(\.rawValue))
        #expect(jsonEnum(definitions["source"]?["properties"]?["family"]) == SourceFamily.allCases.map(\.rawValue))
        #expect(jsonEnum(definitions["source"]?["properties"]?["reader"]) == ReaderRegistry.standard.ids.sorted())

        let xsd = try XMLDocumentParser.parse(OutputSchemas.xsdBytes, file: "opinion.xsd")
        func xsdEnum(_ typeName: String) -> [String] {
            let type = xsd.elementChildren.first { $0.name == "xs:simpleType" && $0.attribute("name") == typeName }
            return type?.elementChildren.first?.elementChildren.compactMap { $0.attribute("value") } ?? []
        }
        #expect(xsdEnum("opinionTypeType") == OpinionType.allCases.map(\.rawValue))
        #expect(xsdEnum("citationKindType") == CitationKind.allCases.map(\.rawValue))
        #expect(xsdEnum("familyType") == SourceFamily.allCases.map(\.rawValue))
        #expect(xsdEnum("readerType") == ReaderRegistry.standard.ids.sorted())
    }
}

/// The JSON output is written from the model and checked as it is written; the bytes and the verdict are those of
/// the whole value.
@Suite struct JSONPartsTests {
    @Test(arguments: [
        "Samples/000_39a4dcb9fca6dd5d.txt", "Samples/002_b9cf1909a371d268.txt", "Tests/Fixtures/Structure/slip-opinion.txt",
    ])
    func partsGiveTheBytesOfTheWholeValue(path: String) throws {
        let raw = [UInt8](try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent(path)))
        let document = try Converter(configuration: try .builtIn()).convert(raw, name: path)
        let bytes = try JSONEmitter.bytes(document, schema: OutputSchemas.shipped.json)
        #expect(bytes == JSONWriter.write(JSONEmitter.value(document), pretty: true))
        // Written in small pieces, as into a file: the same bytes.
        var pieces: [[UInt8]] = []
        try JSONEmitter.write(document, schema: OutputSchemas.shipped.json, chunk: 512) { pieces.append(Array($0)) }
        #expect(pieces.count > 1)
        #expect(Array(pieces.joined()) == bytes)
        for fixture in [Fixtures.richDocument(), Fixtures.emptyDocument()] {
            #expect(try JSONEmitter.bytes(fixture, schema: OutputSchemas.shipped.json) == JSONWriter.write(JSONEmitter.value(fixture), pretty: true))
        }
    }

    /// The shipped schema is checked as the JSON is written, not on whole values.
    @Test func theShippedSchemaIsCheckedAsItIsWritten() {
        #expect(JSONSchemaStream(OutputSchemas.shipped.json) != nil)
    }

    /// Models that break one rule of the schema each (a type, required, an enum, a pattern, a
    /// minimum or maximum, minLength, if/then/else): the JSON emitter refuses every one, with the
    /// violations of the whole value.
    @Test(arguments: 0..<10)
    func aModelThatBreaksTheSchemaIsRefused(rule: Int) throws {
        var document = Fixtures.richDocument()
        switch rule {
        case 0: document.opinions[0].blocks[0] = Block(kind: .heading, text: "no level")
        case 1: document.opinions[0].blocks[0] = Block(kind: .paragraph, text: "a level", level: 1)
        case 2: document.opinions[0].blocks[0].level = 12
        case 3: document.opinions[0].blocks[1].citations[0].year = "85"
        case 4: document.opinions[0].blocks[1].citations[0].length = 0
        case 5: document.source.sha256 = "ABC"
        case 6: document.source.bytes = -1
        case 7: document.opinions[0].footnotes[0].label = ""
        case 8: document.caseInfo.dates = [CaseDate(event: "decided", date: "2021-8-18")]
        default: document.log.edit(stage: "ocr", sourceOffset: 0, before: "a", after: "b", reason: "why", confidence: 1.5)
        }
        let whole = OutputSchemas.shipped.json.validate(JSONEmitter.value(document))
        #expect(!whole.isEmpty)
        do {
            _ = try JSONEmitter.bytes(document, schema: OutputSchemas.shipped.json)
            Issue.record("a model that breaks the schema was written")
        } catch {
            #expect(error.violations == whole)
        }
    }

    @Test func aBrokenPartIsReportedAtItsPlaceInTheDocument() throws {
        var document = Fixtures.richDocument()
        document.opinions[0].footnotes[0].blocks[1].pageBreaks = [PageBreak(offset: 0, page: "")]
        document.log.edit(stage: "", sourceOffset: -1, before: "", after: "", reason: "")
        do {
            _ = try DocumentEmitter(formats: [.json]).emit(document)
            Issue.record("a document that breaks the schema was emitted")
        } catch {
            #expect(error.format == .json)
            let whole = OutputSchemas.shipped.json.validate(JSONEmitter.value(document)).map(\.description)
            #expect(!whole.isEmpty)
            #expect(error.problems == whole)
        }
    }
}
