import ClerkCore
import ClerkEmit
import ClerkJSON
import ClerkLibXML
import ClerkTestSupport
import Foundation
import Testing

/// The same outputs checked by validators that are not ours: xmllint and Python jsonschema.
/// A bug in Clerk's own validators cannot hide a bad output from these.
@Suite struct IndependentValidatorTests {
    @Test func xmllintAndPythonJSONSchemaAcceptEmittedDocuments() throws {
        let folder = try Scratch()
        var xmlFiles: [String] = []
        var jsonFiles: [String] = []
        for (index, document) in [Fixtures.richDocument(), Fixtures.emptyDocument()].enumerated() {
            for output in try DocumentEmitter(formats: [.xml, .json]).emit(document) {
                let path = folder.path("doc\(index).\(output.format.rawValue)")
                try Data(output.bytes).write(to: URL(fileURLWithPath: path))
                (output.format == .xml ? { xmlFiles.append(path) } : { jsonFiles.append(path) })()
            }
        }
        let xmllint = try ExternalTool.run("xmllint", ["--noout", "--schema", Fixtures.packageRoot.path + "/Schemas/opinion.xsd"] + xmlFiles)
        #expect(xmllint.status == 0, "\(xmllint.output)")
        let python = try ExternalTool.run("python3", [Fixtures.packageRoot.path + "/scripts/checks/check-json-schema.py",
                                              Fixtures.packageRoot.path + "/Schemas/opinion.schema.json"] + jsonFiles)
        #expect(python.status == 0, "\(python.output)")
    }

    @Test func brokenOutputsAreRejectedByOursAndTheirsWithLineOrPointer() throws {
        let folder = try Scratch()
        let outputs = try DocumentEmitter(formats: [.xml, .json]).emit(Fixtures.richDocument())
        // XML: an opinion type outside the vocabulary, on a known line.
        var xml = String(decoding: outputs[0].bytes, as: UTF8.self)
        xml = xml.replacingOccurrences(of: #"<opinion type="dissent""#, with: #"<opinion type="dissenting""#)
        let badLine = xml.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(#"type="dissenting""#) }.map { $0 + 1 }
        let xmlPath = folder.path("bad.xml")
        try xml.write(toFile: xmlPath, atomically: true, encoding: .utf8)
        let ours = OutputSchemas.shipped.xml.validate(Array(xml.utf8), file: "bad.xml")
        #expect(ours.count >= 1)
        #expect(ours.first?.line == badLine)
        let xmllint = try ExternalTool.run("xmllint", ["--noout", "--schema", Fixtures.packageRoot.path + "/Schemas/opinion.xsd", xmlPath])
        #expect(xmllint.status != 0)
        #expect(xmllint.output.contains("bad.xml:\(badLine ?? -1):"))

        // JSON: a block kind outside the vocabulary and a missing required field.
        var value = try JSONReader.parse(outputs[1].bytes)
        guard case .object(var root) = value, case .array(var opinions)? = root["opinions"],
              case .object(var opinion) = opinions[0], case .array(var blocks)? = opinion["blocks"],
              case .object(var block) = blocks[1] else { Issue.record("unexpected JSON shape"); return }
        block["kind"] = "para"
        blocks[1] = .object(block)
        opinion["blocks"] = .array(blocks)
        opinions[0] = .object(opinion)
        root["opinions"] = .array(opinions)
        root["warnings"] = nil
        value = .object(root)
        let pointers = Set(OutputSchemas.shipped.json.validate(value).map(\.instancePointer.description))
        #expect(pointers.contains("/opinions/0/blocks/1/kind"))
        #expect(pointers.contains(""))
        let jsonPath = folder.path("bad.json")
        try Data(JSONWriter.write(value)).write(to: URL(fileURLWithPath: jsonPath))
        let python = try ExternalTool.run("python3", [Fixtures.packageRoot.path + "/scripts/checks/check-json-schema.py",
                                              Fixtures.packageRoot.path + "/Schemas/opinion.schema.json", jsonPath])
        #expect(python.status == 1)
        #expect(python.output.contains("/opinions/0/blocks/1/kind"))
    }
}

