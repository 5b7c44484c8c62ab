import ClerkTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ConvertCommandTests {
    private let samples = ClerkProcess.packageRoot.appendingPathComponent("Samples").path

    @Test func convertsSamplesIntoValidXMLAndJSON() throws {
        let scratch = try Scratch()
        let out = scratch.path("out")
        let result = try ClerkProcess.run(["convert", samples, "--out", out, "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".txt") }.sorted()
        let stems = seeds.map { ($0 as NSString).deletingPathExtension }
        #expect(scratch.files(under: "out") == stems.flatMap { ["\($0).json", "\($0).xml"] }.sorted())
        #expect(!seeds.isEmpty)

        let xmlFiles = stems.map { "\(out)/\($0).xml" }
        let jsonFiles = stems.map { "\(out)/\($0).json" }
        let validate = try ClerkProcess.run(["validate"] + xmlFiles + jsonFiles)
        #expect(validate.status == 0, "\(validate.stderr)")
        let xmllint = try ClerkProcess.tool("xmllint", ["--noout", "--schema", ClerkProcess.packageRoot.path + "/Schemas/opinion.xsd"] + xmlFiles)
        #expect(xmllint.status == 0, "\(xmllint.output)")
        let python = try ClerkProcess.tool("python3", [
            ClerkProcess.packageRoot.path + "/scripts/checks/check-json-schema.py",
            ClerkProcess.packageRoot.path + "/Schemas/opinion.schema.json"] + jsonFiles)
        #expect(python.status == 0, "\(python.output)")
    }

    @Test func oneBadFileDoesNotStopTheBatch() throws {
        let scratch = try Scratch()
        _ = try scratch.write("in/a.txt", "First paragraph.\n\nSecond.\n")
        _ = try scratch.write("in/b.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        _ = try scratch.write("in/nested/c.txt", "Third\r\n")
        _ = try scratch.write("in/empty.txt", [])
        _ = try scratch.write("in/notes.md", "not an input")
        let result = try ClerkProcess.run(["convert", scratch.path("in"), "--out", scratch.path("out")])
        #expect(result.status == 1)
        #expect(scratch.files(under: "out") == ["a.json", "a.xml", "nested/c.json", "nested/c.xml"])
        #expect(result.stderr.contains("b.txt: stage decode: binary file"))
        #expect(result.stderr.contains("(byte 4)"))
        #expect(result.stderr.contains("empty.txt: stage decode: the file is empty"))
        #expect(result.stderr.contains("converted 2 of 4"))
    }

    @Test func controlCharactersAndFormFeedsConvertToValidOutputs() throws {
        let scratch = try Scratch()
        let input = try scratch.write("ff.txt", "Page one text.\u{0C}Page two\u{01} text.\r\n")
        let result = try ClerkProcess.run(["convert", input, "--out", scratch.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let validate = try ClerkProcess.run(["validate", scratch.path("out/ff.xml"), scratch.path("out/ff.json")])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    /// `<`, `&`, `>`, `]]>` and quotes survive into both outputs: Python reads the same paragraph
    /// texts from the XML (ElementTree) and from the JSON, and both equal what the input said.
    @Test func markupCharactersAreEscapedInBothOutputs() throws {
        let scratch = try Scratch()
        // No HTML tag names, so that the text is not read as HTML (whose tags and entities
        // the html reader would read).
        let nasty = #"Compare x < y && y > z, "quoted" 'text' <<with>> ]]> and <![CDATA[ x ]]> &amp here."#
        let input = try scratch.write("nasty.txt", nasty + "\n\nA second <paragraph> & more.\n")
        let result = try ClerkProcess.run(["convert", input, "--out", scratch.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let xmllint = try ClerkProcess.tool("xmllint", [
            "--noout", "--schema", ClerkProcess.packageRoot.path + "/Schemas/opinion.xsd", scratch.path("out/nasty.xml")])
        #expect(xmllint.status == 0, "\(xmllint.output)")
        let script = """
            import json, sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            xml = ["".join(p.itertext()) for p in root.iter("p")]
            doc = json.load(open(sys.argv[2], encoding="utf-8"))
            js = [b["text"] for o in doc["opinions"] for b in o["blocks"] if b["kind"] == "paragraph"]
            print(json.dumps(xml == js))
            print(json.dumps(js))
            """
        let python = try ClerkProcess.tool("python3", ["-c", script, scratch.path("out/nasty.xml"), scratch.path("out/nasty.json")])
        #expect(python.status == 0, "\(python.output)")
        let lines = python.output.split(separator: "\n")
        #expect(lines.first == "true", "\(python.output)")
        let texts = try JSONSerialization.jsonObject(with: Data(lines.last.map(String.init)?.utf8 ?? "".utf8)) as? [String]
        #expect(texts == [nasty, "A second <paragraph> & more."], "\(python.output)")
    }

    /// A FIFO would block a reader forever and a device may never end: neither is read.
    @Test func fifosAndDevicesAreNotRead() throws {
        let scratch = try Scratch()
        try scratch.write("in/a.txt", "Text of an opinion.\n")
        #expect(mkfifo(scratch.path("in/pipe.txt"), 0o644) == 0)
        let result = try ClerkProcess.run(["convert", scratch.path("in"), "/dev/zero", "--out", scratch.path("out")])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("/dev/zero: not a regular file"), "\(result.stderr)")
        #expect(scratch.files(under: "out") == ["a.json", "a.xml"])
    }

    @Test func inputsOverTheSizeLimitAreRefusedUnread() throws {
        let scratch = try Scratch()
        try scratch.write("in/small.txt", "Text of an opinion.\n")
        // A megabyte is 10⁶ bytes, as everywhere Clerk prints MB.
        try scratch.write("in/large.txt", Array(repeating: 0x61, count: 1_000_001))
        let result = try ClerkProcess.run(["convert", scratch.path("in"), "--out", scratch.path("out"), "--max-input-size", "1"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("large.txt: 1000001 bytes, more than --max-input-size allows (1000000 bytes)"), "\(result.stderr)")
        #expect(scratch.files(under: "out") == ["small.json", "small.xml"])
        #expect(try ClerkProcess.run(["convert", scratch.path("in"), "--out", scratch.path("out"), "--max-input-size", "0"]).status == 2)
    }

    @Test func formatOptionLimitsOutputs() throws {
        let scratch = try Scratch()
        let input = try scratch.write("one.txt", "Text.\n")
        let result = try ClerkProcess.run(["convert", input, "--out", scratch.path("out"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(scratch.files(under: "out") == ["one.json"])
        let bad = try ClerkProcess.run(["convert", input, "--out", scratch.path("out2"), "--format", "pdf"])
        #expect(bad.status == 2)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out2")))
    }

    @Test func existingOutputsAreReplacedAndNoTemporaryFilesRemain() throws {
        let scratch = try Scratch()
        let input = try scratch.write("doc.txt", "Old text.\n")
        #expect(try ClerkProcess.run(["convert", input, "--out", scratch.path("out")]).status == 0)
        _ = try scratch.write("doc.txt", "New text.\n")
        #expect(try ClerkProcess.run(["convert", input, "--out", scratch.path("out")]).status == 0)
        let json = try String(contentsOfFile: scratch.path("out/doc.json"), encoding: .utf8)
        #expect(json.contains("New text."))
        #expect(scratch.files(under: "out") == ["doc.json", "doc.xml"])
        let hidden = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out")).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty)
    }

    @Test func inputsThatWouldShareAnOutputNameAreNotOverwritten() throws {
        let scratch = try Scratch()
        let first = try scratch.write("x/doc.txt", "From x.\n")
        let second = try scratch.write("y/doc.txt", "From y.\n")
        let result = try ClerkProcess.run(["convert", first, second, "--out", scratch.path("out")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("would overwrite those of \(first)"))
        #expect(try String(contentsOfFile: scratch.path("out/doc.json"), encoding: .utf8).contains("From x."))
    }

    @Test func unwritableOutputFolderIsAUsageError() throws {
        let scratch = try Scratch()
        let input = try scratch.write("doc.txt", "Text.\n")
        let blocker = try scratch.write("file-not-folder", "x")
        let result = try ClerkProcess.run(["convert", input, "--out", blocker + "/out"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot create the output folder"))
    }
}

@Suite struct ConvertProfileTests {
    /// `--profile` reports every stage of the pipeline and every output step, with the batch's
    /// input size, and its step seconds add up to the "all steps" row.
    @Test func profileListsEveryStepOfTheBatch() throws {
        let scratch = try Scratch()
        let samples = ClerkProcess.packageRoot.appendingPathComponent("Samples").path
        let result = try ClerkProcess.run(["convert", samples, "--out", scratch.path("out"), "--profile", "--jobs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let stages = try ClerkProcess.run(["stages"]).stdout.split(separator: "\n")
            .compactMap { line -> String? in  // "3. normalize (enabled, …)"
                let words = line.split(separator: " ")
                guard words.count > 1, words[0].hasSuffix("."), Int(words[0].dropLast()) != nil else { return nil }
                return String(words[1])
            }
        #expect(stages.count > 10)
        let rows = Dictionary(
            result.stderr.split(separator: "\n").filter { $0.hasPrefix("  ") }
                .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
                .filter { $0.count >= 4 }
                .map { (Array($0.dropLast(3)).joined(separator: " "), $0.suffix(3).map { $0 }) },
            uniquingKeysWith: { first, _ in first })
        for step in ["read", "invariants", "json", "xml", "write", "all steps"] + stages {
            #expect(rows[step] != nil, "no row for \(step) in \(result.stderr)")
        }
        let sum = rows.filter { $0.key != "all steps" && $0.key != "step" }.values.compactMap { Double($0[0]) }.reduce(0, +)
        let all = try #require(rows["all steps"].flatMap { Double($0[0]) })
        #expect(abs(sum - all) < 0.01 + Double(rows.count) * 0.0005)
        let sampleBytes = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".txt") }
            .map { try FileManager.default.attributesOfItem(atPath: samples + "/" + $0)[.size] as! Int }.reduce(0, +)
        #expect(result.stderr.contains(String(format: "%.1f MB", Double(sampleBytes) / 1e6)))
        #expect(result.stderr.contains("3 input(s) converted"))
        // A step too short to time has no rate: one computed from a near-zero time means nothing.
        for (step, columns) in rows where step != "step" {
            if let seconds = Double(columns[0]), seconds < 0.0005 {
                #expect(columns[2] == "-", "\(step): \(columns)")
            }
        }
    }
}
