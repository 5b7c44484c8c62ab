import ClerkTestSupport
import Foundation
import Testing

@Suite struct ConfigurationCommandTests {
    /// Each bad configuration: its text, and what the error must name.
    static let badConfigurations: [(name: String, text: String, expected: String)] = [
        ("unknown stage", #"{"stages": [{"stage": "detect"}, {"stage": "no-such-stage"}]}"#, "/stages/1/stage"),
        ("wrong type", #"{"stages": [{"stage": "detect"}, {"stage": "reflow", "longLineLength": "2"}]}"#,
         "/stages/1/longLineLength"),
        ("malformed JSON", "{\"stages\": [\n  {\"stage\": \"detect\"\n]}", "line 3"),
        ("switch not a boolean", #"{"stages": [{"stage": "detect", "enabled": 0}]}"#, "/stages/0/enabled"),
        ("reader unknown", #"{"reading": {"reader": "pdf"}, "stages": []}"#, "/reading/reader"),
        ("decoding listed as a stage", #"{"stages": [{"stage": "decode"}]}"#, "/stages/0/stage"),
        ("empty file", "", "line 1"),
        ("not an object", "[]", "(root)"),
        ("value not allowed", #"{"stages": [{"stage": "detect"}, {"stage": "reflow", "mode": "sideways"}]}"#, "/stages/1/mode"),
        ("unknown parameter", #"{"stages": [{"stage": "detect", "familly": "flat"}]}"#, "/stages/0"),
    ]

    @Test(arguments: 0..<badConfigurations.count)
    func badConfigurationFailsWithItsPathAndWritesNothing(index: Int) throws {
        let bad = Self.badConfigurations[index]
        let scratch = try Scratch()
        let config = try scratch.write("pipeline.json", bad.text)
        let input = try scratch.write("doc.txt", "Text.\n")
        let result = try ClerkProcess.run(["convert", input, "--out", scratch.path("out"), "--config", config])
        #expect(result.status == 2, "\(bad.name)")
        #expect(result.stderr.contains(config), "\(bad.name): \(result.stderr)")
        #expect(result.stderr.contains(bad.expected), "\(bad.name): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")), "\(bad.name): output folder was created")
    }

    @Test func missingOrUnreadableConfigurationFileIsAUsageError() throws {
        let scratch = try Scratch()
        let input = try scratch.write("doc.txt", "Text.\n")
        let result = try ClerkProcess.run(["convert", input, "--out", scratch.path("out"), "--config", scratch.path("nope.json")])
        #expect(result.status == 2)
        #expect(result.stderr.contains(
            "clerk: error: \(scratch.path("nope.json")): cannot read the pipeline configuration: No such file or directory"), "\(result.stderr)")
        let folder = scratch.path("folder.json")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let unreadable = try ClerkProcess.run(["convert", input, "--out", scratch.path("out"), "--config", folder])
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains("\(folder): cannot read the pipeline configuration: Is a directory"), "\(unreadable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
    }

    /// A configuration read from a pipe, as `--config /dev/stdin` or a process substitution give it.
    @Test func configurationFromAPipeIsRead() throws {
        let scratch = try Scratch()
        let input = try scratch.write("doc.txt", "a\nb\n\nc\n")
        let config = #"{"stages": [{"stage": "detect"}, {"stage": "reflow", "mode": "blankLines"}]}"#
        let result = try ExternalTool.run(executable: URL(fileURLWithPath: "/bin/bash"), [
            "-c", "printf '%s' \"$1\" | \"$0\" convert \"$2\" --out \"$3\" --config /dev/stdin --format json",
            ClerkProcess.executable.path, config, input, scratch.path("out"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try String(contentsOfFile: scratch.path("out/doc.json"), encoding: .utf8)
        #expect(json.contains(#""text": "a b""#))
    }

    /// Every problem of a configuration is an error line of its own, in the one format.
    @Test func everyConfigurationProblemIsAnErrorLine() throws {
        let scratch = try Scratch()
        let input = try scratch.write("doc.txt", "Text.\n")
        let config = try scratch.write("p.json", #"{"stages": [{"stage": "nope"}, {"stage": "reflow", "bogus": 1}]}"#)
        let result = try ClerkProcess.run(["convert", input, "--out", scratch.path("out"), "--config", config])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 2, "\(result.stderr)")
        for line in lines { #expect(line.hasPrefix("clerk: error: \(config): /stages/"), "\(line)") }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
    }

    @Test func customConfigurationIsApplied() throws {
        let scratch = try Scratch()
        let config = try scratch.write("p.json", #"{"stages": [{"stage": "detect"}, {"stage": "reflow", "mode": "blankLines"}]}"#)
        let input = try scratch.write("doc.txt", "a\nb\n\nc\n")
        let result = try ClerkProcess.run(["convert", input, "--out", scratch.path("out"), "--config", config, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try String(contentsOfFile: scratch.path("out/doc.json"), encoding: .utf8)
        #expect(json.contains(#""text": "a b""#))
    }

    @Test func stagesListsEveryStageWithParameters() throws {
        let result = try ClerkProcess.run(["stages"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Reading: reader = \"auto\""))
        #expect(result.stdout.contains("fallbackEncoding = \"windows-1252\""))
        #expect(result.stdout.contains("reader html\n"))
        #expect(result.stdout.contains("dropPageChrome = true"))
        #expect(result.stdout.contains("1. detect (enabled)"))
        // Numbered, wherever the registry puts it.
        #expect(result.stdout.contains(". citations (enabled, after reflow)"))
    }

    @Test func stagesJSONSchemaIsTheShippedSchema() throws {
        let result = try ClerkProcess.run(["stages", "--json-schema"])
        #expect(result.status == 0)
        let shipped = try String(contentsOfFile: ClerkProcess.packageRoot.path + "/Schemas/pipeline.schema.json", encoding: .utf8)
        #expect(result.stdout == shipped)
    }

    @Test func shippedPipelineValidatesWithPythonJSONSchema() throws {
        let root = ClerkProcess.packageRoot.path
        let python = try ClerkProcess.tool("python3", ["\(root)/scripts/checks/check-json-schema.py", "\(root)/Schemas/pipeline.schema.json", "\(root)/pipeline.json"])
        #expect(python.status == 0, "\(python.output)")
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try ClerkProcess.run(["convert", "--frobnicate"])
        #expect(result.status == 2)
    }
}
