import ClerkTestSupport
import Foundation
import Testing

/// `clerk review` run as a separate process: one page per input, bad inputs listed, exit codes.
@Suite struct ReviewCommandTests {
    private let samples = ClerkProcess.packageRoot.appendingPathComponent("Samples").path

    @Test func writesOneSelfContainedPagePerSample() throws {
        let scratch = try Scratch()
        let result = try ClerkProcess.run(["review", samples, "--out", scratch.path("pages"), "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(!inputs.isEmpty)
        // Nothing but the pages: no temporary file left behind.
        #expect(scratch.files(under: "pages") == inputs.map { ($0 as NSString).deletingPathExtension + ".html" })
        for input in inputs {
            let page = scratch.path("pages/" + (input as NSString).deletingPathExtension + ".html")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
            #expect(html.hasSuffix("</html>\n"))
            // The header names the input and its digest.
            let digest = try ClerkProcess.tool("sha256sum", [samples + "/" + input])
            #expect(html.contains(String(digest.output.prefix(64))), "\(input)")
            #expect(html.contains(">\(input)<"))
            #expect(!html.contains("http:") && !html.contains("https:") && !html.contains(" src="))
            // Well-formed (the markup is XHTML-compatible): an independent parser agrees.
            let xmllint = try ClerkProcess.tool("xmllint", ["--noout", "--nonet", page])
            #expect(xmllint.status == 0, "\(input): \(xmllint.output)")
        }
        #expect(result.stderr.contains("wrote \(inputs.count) review page(s) for \(inputs.count) input(s), 0 failed"))
    }

    @Test func badInputsAreListedAndTheOthersGetTheirPage() throws {
        let scratch = try Scratch()
        try scratch.write("in/a.txt", "First paragraph of the opinion.\n\nSecond paragraph.\n")
        try scratch.write("in/b.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        try scratch.write("in/nested/c.txt", "Third\r\n")
        try scratch.write("in/notes.md", "not an input")
        let twin = try scratch.write("other/a.txt", "Another a.\n")
        let result = try ClerkProcess.run(["review", scratch.path("in"), twin, "--out", scratch.path("pages")])
        #expect(result.status == 1)
        #expect(scratch.files(under: "pages") == ["a.html", "nested/c.html"])
        #expect(result.stderr.contains("b.txt: stage decode: binary file"))
        #expect(result.stderr.contains("other/a.txt: its page would overwrite that of"))
        #expect(result.stderr.contains("wrote 2 review page(s) for 4 input(s), 2 failed"))

        // A path that leads nowhere is a usage error: nothing is written.
        let missing = try ClerkProcess.run(["review", scratch.path("in"), scratch.path("missing.txt"), "--out", scratch.path("none")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing.txt: no such file or folder"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("none")))
    }

    @Test func usageAndConfigurationErrorsWriteNothing() throws {
        let scratch = try Scratch()
        let input = try scratch.write("a.txt", "Some text.\n")
        let config = try scratch.write("bad.json", #"{"stages": [{"stage": "no-such-stage"}]}"#)
        let badConfig = try ClerkProcess.run(["review", input, "--out", scratch.path("pages"), "--config", config])
        #expect(badConfig.status == 2)
        #expect(badConfig.stderr.contains("bad.json"))
        #expect(scratch.files(under: "pages").isEmpty)
        #expect(try ClerkProcess.run(["review", input, "--out", scratch.path("pages"), "--jobs", "0"]).status == 2)
        #expect(try ClerkProcess.run(["review", input]).status == 2)
        let unwritable = try scratch.write("file", "a file, not a folder")
        #expect(try ClerkProcess.run(["review", input, "--out", unwritable + "/pages"]).status == 2)
    }

    @Test func helpSaysWhatThePageHolds() throws {
        let help = try ClerkProcess.run(["review", "--help"])
        #expect(help.status == 0)
        let text = help.stdout.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        for phrase in ["--out", "--config", "--extensions", "--jobs", "self-contained", "footnotes", "citations",
                       "page numbers", "filterable by stage", "warnings", "SHA-256"] {
            #expect(text.contains(phrase), "\(phrase)")
        }
        let top = try ClerkProcess.run(["--help"])
        #expect(top.stdout.contains("review"))
    }
}
