import ClerkTestSupport
import Foundation
import Testing

@Suite struct ValidateCommandTests {
    private func converted(_ scratch: Scratch) throws -> (xml: String, json: String) {
        let input = try scratch.write("doc.txt", "Para one.\n\nPara two.\n")
        let result = try ClerkProcess.run(["convert", input, "--out", scratch.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        return (scratch.path("out/doc.xml"), scratch.path("out/doc.json"))
    }

    @Test func validOutputsPass() throws {
        let scratch = try Scratch()
        let files = try converted(scratch)
        let result = try ClerkProcess.run(["validate", files.xml, files.json])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(files.xml): valid"))
    }

    @Test func brokenXMLIsReportedWithFileAndLine() throws {
        let scratch = try Scratch()
        let files = try converted(scratch)
        var lines = try String(contentsOfFile: files.xml, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("<p") })
        lines[index] = lines[index].replacingOccurrences(of: "<p", with: "<para")
            .replacingOccurrences(of: "</p>", with: "</para>")
        try lines.joined(separator: "\n").write(toFile: files.xml, atomically: true, encoding: .utf8)
        let result = try ClerkProcess.run(["validate", files.xml])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(files.xml):\(index + 1):"), "\(result.stderr)")
    }

    /// A schema violation carries the line and the column where the parser was when it showed
    /// (for an attribute, the `>` that ends its start tag).
    @Test func schemaViolationsCarryLineAndColumn() throws {
        let scratch = try Scratch()
        let files = try converted(scratch)
        var lines = try String(contentsOfFile: files.xml, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("<p ") })
        lines[index] = "<p bogus=\"1\"" + lines[index].dropFirst(2)
        let tag = try #require(lines[index].split(separator: ">").first).count + 1
        try lines.joined(separator: "\n").write(toFile: files.xml, atomically: true, encoding: .utf8)
        let result = try ClerkProcess.run(["validate", files.xml])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(files.xml):\(index + 1):\(tag): Element 'p', attribute 'bogus'"), "\(result.stderr)")
    }

    @Test func malformedXMLIsReportedWithFileAndLine() throws {
        let scratch = try Scratch()
        let path = try scratch.write("m.xml", "<?xml version=\"1.0\"?>\n<opinionDocument>\n<source>\n</opinionDocument>\n")
        let result = try ClerkProcess.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):4:"), "\(result.stderr)")
    }

    @Test func brokenJSONIsReportedWithPointer() throws {
        let scratch = try Scratch()
        let files = try converted(scratch)
        let text = try String(contentsOfFile: files.json, encoding: .utf8)
            .replacingOccurrences(of: #""kind": "paragraph""#, with: #""kind": "para""#)
        try text.write(toFile: files.json, atomically: true, encoding: .utf8)
        let result = try ClerkProcess.run(["validate", files.json])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(files.json): /opinions/0/blocks/0/kind:"), "\(result.stderr)")
    }

    @Test func malformedJSONIsReportedWithLineAndColumn() throws {
        let scratch = try Scratch()
        let path = try scratch.write("m.json", "{\n  \"schemaVersion\": \"1.0\",\n  oops\n}")
        let result = try ClerkProcess.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):3:"), "\(result.stderr)")
    }

    @Test func doctypeIsRefused() throws {
        let scratch = try Scratch()
        let path = try scratch.write("e.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE opinionDocument [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <opinionDocument schemaVersion="1.0">&x;</opinionDocument>
            """)
        let result = try ClerkProcess.run(["validate", path])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("root:"))
    }

    /// Runs `clerk validate FILE` with its address space capped at 1 GB: an entity expansion or a
    /// parser that held a hostile file in memory many times over would fail to allocate.
    private func validateWithBoundedMemory(_ path: String) throws -> (status: Int32, stderr: String) {
        let result = try ExternalTool.run(executable: URL(fileURLWithPath: "/bin/bash"), [
            "-c", "ulimit -v 1000000 && exec \"$0\" validate \"$1\"", ClerkProcess.executable.path, path,
        ])
        return (result.status, result.stderr)
    }

    @Test func billionLaughsIsRejectedWithBoundedMemory() throws {
        let scratch = try Scratch()
        var lines = [#"<?xml version="1.0"?>"#, "<!DOCTYPE opinionDocument [", #"  <!ENTITY lol0 "lol">"#]
        for level in 1...12 {
            lines.append("  <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">")
        }
        lines += ["]>", #"<opinionDocument schemaVersion="1.0">&lol12;</opinionDocument>"#]
        let path = try scratch.write("bomb.xml", lines.joined(separator: "\n"))
        let result = try validateWithBoundedMemory(path)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(path):2: DOCTYPE not allowed"), "\(result.stderr)")
        #expect(!result.stderr.contains("lollol"))
    }

    @Test func deepNestingAndXIncludeAreHarmless() throws {
        let scratch = try Scratch()
        let deep = try scratch.write("deep.xml", "<opinionDocument schemaVersion=\"1.0\">"
            + String(repeating: "<a>", count: 200_000) + String(repeating: "</a>", count: 200_000) + "</opinionDocument>")
        let nested = try validateWithBoundedMemory(deep)
        #expect(nested.status == 1, "\(nested.stderr)")
        #expect(nested.stderr.contains(deep))

        let secret = try scratch.write("secret.txt", "SECRET-MARKER")
        let include = try scratch.write("include.xml", """
            <opinionDocument schemaVersion="1.0" xmlns:xi="http://www.w3.org/2001/XInclude" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="file://\(secret)">\
            <xi:include href="file://\(secret)" parse="text"/></opinionDocument>
            """)
        let included = try validateWithBoundedMemory(include)
        #expect(included.status == 1, "\(included.stderr)")
        #expect(!included.stderr.contains("SECRET-MARKER"), "\(included.stderr)")
    }

    @Test func noFilesIsAUsageError() throws {
        let result = try ClerkProcess.run(["validate"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Missing expected argument"))
        let convert = try ClerkProcess.run(["convert", "--out", "/tmp/never-written"])
        #expect(convert.status == 2)
        let jobs = try ClerkProcess.run(["convert", "x.txt", "--out", "/tmp/never-written", "--jobs", "0"])
        #expect(jobs.status == 2)
        #expect(jobs.stderr.contains("--jobs must be at least 1"))
    }

    @Test func otherExtensionsAndMissingFilesAreReported() throws {
        let scratch = try Scratch()
        let path = try scratch.write("x.txt", "hi")
        let result = try ClerkProcess.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not an .xml or .json file"))
        // A path to nothing is a usage error, with the system's reason.
        let missing = try ClerkProcess.run(["validate", path, scratch.path("none.json")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("clerk: error: \(scratch.path("none.json")): No such file or directory"), "\(missing.stderr)")
        // A file that cannot be read says why.
        let folder = try ClerkProcess.run(["validate", scratch.url.path + "/"])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("cannot read the file: Is a directory"), "\(folder.stderr)")
    }
}
