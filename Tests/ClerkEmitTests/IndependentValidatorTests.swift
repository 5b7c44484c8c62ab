import ClerkCore
import ClerkEmit
import ClerkJSON
import ClerkLibXML
import Foundation
import Testing

/// The same outputs checked by validators that are not ours: xmllint and Python jsonschema.
/// A bug in Clerk's own validators cannot hide a bad output from these.
@Suite struct IndependentValidatorTests {
    @Test func xmllintAndPythonJSONSchemaAcceptEmittedDocuments() throws {
        let folder = try TemporaryFolder()
        var xmlFiles: [String] = []
        var jsonFiles: [String] = []
        for (index, document) in [Fixtures.richDocument(), Fixtures.emptyDocument()].enumerated() {
            for output in try DocumentEmitter(formats: [.xml, .json]).emit(document) {
                let path = folder.path("doc\(index).\(output.format.rawValue)")
                try Data(output.bytes).write(to: URL(fileURLWithPath: path))
                (output.format == .xml ? { xmlFiles.append(path) } : { jsonFiles.append(path) })()
            }
        }
        let xmllint = try Tool.run("xmllint", ["--noout", "--schema", Fixtures.packageRoot.path + "/Schemas/opinion.xsd"] + xmlFiles)
        #expect(xmllint.status == 0, "\(xmllint.output)")
        let python = try Tool.run("python3", [Fixtures.packageRoot.path + "/scripts/check-json-schema.py",
                                              Fixtures.packageRoot.path + "/Schemas/opinion.schema.json"] + jsonFiles)
        #expect(python.status == 0, "\(python.output)")
    }

    @Test func brokenOutputsAreRejectedByOursAndTheirsWithLineOrPointer() throws {
        let folder = try TemporaryFolder()
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
        let xmllint = try Tool.run("xmllint", ["--noout", "--schema", Fixtures.packageRoot.path + "/Schemas/opinion.xsd", xmlPath])
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
        let python = try Tool.run("python3", [Fixtures.packageRoot.path + "/scripts/check-json-schema.py",
                                              Fixtures.packageRoot.path + "/Schemas/opinion.schema.json", jsonPath])
        #expect(python.status == 1)
        #expect(python.output.contains("/opinions/0/blocks/1/kind"))
    }
}

/// A folder under the system's temporary directory, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs an external program found on PATH; a missing program is a test failure that says what to install.
enum Tool {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) is not installed; run scripts/setup (it installs libxml2-utils and Python jsonschema)" }
    }

    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let search = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let executable = search.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Missing(name: name)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
