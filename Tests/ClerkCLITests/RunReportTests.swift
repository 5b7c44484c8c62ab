import ClerkJSON
import ClerkTestSupport
import Foundation
import Testing

/// What `convert` tells while and after it runs: progress (terminal and log lines), the
/// summary, `--report FILE.json`, `--quiet` and `--verbose`.
@Suite struct RunReportTests {
    private let root = ClerkProcess.packageRoot.path
    private var samples: String { root + "/Samples" }

    private func sampleStems() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".txt") }.sorted()
            .map { ($0 as NSString).deletingPathExtension }
    }

    private func json(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// Citations in every block of every opinion and footnote of one output.
    private func citations(in output: [String: Any]) -> Int {
        let opinions = output["opinions"] as? [[String: Any]] ?? []
        let blocks = opinions.flatMap { opinion in
            (opinion["blocks"] as? [[String: Any]] ?? [])
                + (opinion["footnotes"] as? [[String: Any]] ?? []).flatMap { $0["blocks"] as? [[String: Any]] ?? [] }
        }
        return blocks.reduce(0) { $0 + (($1["citations"] as? [Any])?.count ?? 0) }
    }

    @Test func reportAgreesWithTheOutputsAndValidatesAgainstItsSchema() throws {
        let scratch = try Scratch()
        _ = try scratch.write("bad/binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        let report = scratch.path("run/report.json")
        try FileManager.default.createDirectory(atPath: scratch.path("run"), withIntermediateDirectories: true)
        let fifo = scratch.path("fifo.txt")
        #expect(try ClerkProcess.tool("mkfifo", [fifo]).status == 0)
        let result = try ClerkProcess.run([
            "convert", samples, scratch.path("bad"), fifo, "--out", scratch.path("out"), "--report", report])
        #expect(result.status == 1, "\(result.stderr)")

        // Both validators accept it: ours and Python's jsonschema.
        let schemaPath = root + "/Schemas/report.schema.json"
        let schema = try JSONSchema(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: schemaPath))))
        let value = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: report))))
        #expect(schema.validate(value).isEmpty, "\(schema.validate(value))")
        let python = try ClerkProcess.tool("python3", [root + "/scripts/checks/check-json-schema.py", schemaPath, report])
        #expect(python.status == 0, "\(python.output)")

        let object = try json(report)
        let stems = try sampleStems()
        let inputs = try #require(object["inputs"] as? [String: Int])
        #expect(inputs["total"] == stems.count + 2)
        #expect(inputs["converted"] == stems.count)
        #expect(inputs["failed"] == 2)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == stems.count + 2)
        #expect(files.contains { $0["status"] as? String == "failed" && ($0["error"] as? String ?? "").contains("binary.txt: stage decode") })
        #expect(files.last?["error"] as? String == fifo + ": not a regular file")

        // Each input's figures are those of its JSON output; the totals are their sums.
        var edits = 0, warnings = 0, found = 0
        var editsByStage: [String: Int] = [:]
        for stem in stems {
            let entry = try #require(files.first { ($0["path"] as? String)?.hasSuffix("/\(stem).txt") == true })
            let output = try json(scratch.path("out/\(stem).json"))
            let outputEdits = try #require(output["edits"] as? [[String: Any]])
            #expect(entry["status"] as? String == "converted")
            #expect(entry["edits"] as? Int == outputEdits.count, "\(stem)")
            #expect(entry["warnings"] as? Int == (output["warnings"] as? [Any])?.count, "\(stem)")
            let entryFound = try #require(entry["found"] as? [String: Int])
            #expect(entryFound["citations"] == citations(in: output), "\(stem)")
            #expect(entryFound["opinions"] == (output["opinions"] as? [Any])?.count, "\(stem)")
            #expect(entry["bytes"] as? Int == (output["source"] as? [String: Any])?["bytes"] as? Int)
            edits += outputEdits.count
            warnings += (output["warnings"] as? [Any])?.count ?? 0
            found += citations(in: output)
            for edit in outputEdits { editsByStage[edit["stage"] as? String ?? "", default: 0] += 1 }
        }
        let editTally = try #require(object["edits"] as? [String: Any])
        #expect(editTally["total"] as? Int == edits)
        #expect(editTally["byStage"] as? [String: Int] == editsByStage)
        #expect((object["warnings"] as? [String: Any])?["total"] as? Int == warnings)
        #expect((object["found"] as? [String: Int])?["citations"] == found)
        #expect(edits > 0 && found > 0)

        // The summary on standard error says the same.
        #expect(result.stderr.contains("converted \(stems.count) of \(stems.count + 2) input(s), 2 failed"), "\(result.stderr)")
        #expect(result.stderr.contains("edits: \(edits) ("), "\(result.stderr)")
        #expect(result.stderr.contains("\(found) citation(s)"), "\(result.stderr)")
    }

    @Test func reportThatCannotBeWrittenStopsBeforeAnyWork() throws {
        let scratch = try Scratch()
        let result = try ClerkProcess.run([
            "convert", samples, "--out", scratch.path("out"), "--report", scratch.path("no/such/folder/report.json")])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write the report \(scratch.path("no/such/folder/report.json"))"), "\(result.stderr)")
        #expect(scratch.files(under: "out").isEmpty)
    }

    @Test func progressLinesWhenNotATerminal() throws {
        let scratch = try Scratch()
        // Enough copies that the batch outlasts a few progress intervals.
        for index in 0..<12 {
            for stem in try sampleStems() {
                _ = try scratch.write("in/\(index)-\(stem).txt", Array(try Data(contentsOf: URL(fileURLWithPath: "\(samples)/\(stem).txt"))))
            }
        }
        let total = try sampleStems().count * 12
        let result = try ClerkProcess.run([
            "convert", scratch.path("in"), "--out", scratch.path("out"), "--jobs", "1", "--progress-interval", "0.05"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("clerk: progress: ") }
        #expect(lines.count >= 2, "\(result.stderr)")
        // `progress: N of TOTAL inputs (P %), ... MB/s, ETA m:ss, F failed`, N never going back.
        var previous = 0
        for line in lines {
            let words = line.split(separator: " ")
            let done = try #require(Int(words[2]))
            #expect(words[3] == "of" && Int(words[4]) == total, "\(line)")
            #expect(done >= previous && done <= total)
            previous = done
            #expect(line.hasSuffix(", 0 failed"), "\(line)")
            #expect(line.contains(", ETA "), "\(line)")
        }
        #expect(result.stderr.contains("converted \(total) of \(total) input(s)"))
        // The summary comes after the last progress line.
        let summary = try #require(result.stderr.range(of: "converted \(total) of"))
        let lastProgress = try #require(result.stderr.range(of: "clerk: progress: ", options: .backwards))
        #expect(lastProgress.lowerBound < summary.lowerBound)
    }

    @Test func progressLineRedrawnInPlaceOnATerminal() throws {
        let scratch = try Scratch()
        for index in 0..<6 {
            for stem in try sampleStems() {
                _ = try scratch.write("in/\(index)-\(stem).txt", Array(try Data(contentsOf: URL(fileURLWithPath: "\(samples)/\(stem).txt"))))
            }
        }
        let total = try sampleStems().count * 6
        // `script` gives the command a pseudo-terminal, as a person at a terminal has.
        let command = [ClerkProcess.executable.path, "convert", scratch.path("in"), "--out", scratch.path("out"), "--jobs", "1"]
            .map { "'" + $0 + "'" }.joined(separator: " ")
        let run = try ClerkProcess.tool("script", ["-q", "-e", "-c", command, "/dev/null"])
        #expect(run.status == 0, "\(run.output)")
        // Each redraw returns to the line start and erases it: `\r ESC[K [done/total] ...`.
        let redraws = run.output.components(separatedBy: "\r\u{1B}[K[").dropFirst()
        #expect(redraws.count >= 2, "\(run.output.debugDescription)")
        for redraw in redraws {
            #expect(redraw.contains("/\(total)]") && redraw.contains("MB/s") && redraw.contains("ETA") && redraw.contains("failed"),
                    "\(redraw.debugDescription)")
        }
        // The status line is erased before the summary, which stands on a line of its own.
        #expect(run.output.contains("\r\u{1B}[Kclerk: converted \(total) of \(total) input(s)"), "\(run.output.debugDescription)")
        #expect(!run.output.contains("progress: "))
    }

    @Test func quietPrintsOnlyErrorsAndVerboseALinePerInput() throws {
        let scratch = try Scratch()
        let quiet = try ClerkProcess.run(["convert", samples, "--out", scratch.path("q"), "--quiet", "--progress-interval", "0.01"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        let binary = try scratch.write("binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        let failing = try ClerkProcess.run(["convert", binary, "--out", scratch.path("q2"), "-q"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("binary.txt: stage decode: binary file"), "\(failing.stderr)")
        #expect(!failing.stderr.contains("converted 0 of"))

        let verbose = try ClerkProcess.run(["convert", samples, "--out", scratch.path("v"), "--verbose"])
        #expect(verbose.status == 0, "\(verbose.stderr)")
        for stem in try sampleStems() {
            let edits = try #require(try json(scratch.path("v/\(stem).json"))["edits"] as? [Any]).count
            #expect(verbose.stderr.contains("\(stem).txt: converted, \(edits) edit(s)"), "\(verbose.stderr)")
            let warnings = try #require(try json(scratch.path("v/\(stem).json"))["warnings"] as? [[String: Any]])
            for warning in warnings {
                #expect(verbose.stderr.contains("\(stem).txt: warning: \(warning["stage"] as? String ?? ""): \(warning["message"] as? String ?? "")"))
            }
        }

        let both = try ClerkProcess.run(["convert", samples, "--out", scratch.path("b"), "--quiet", "--verbose"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--quiet and --verbose exclude each other"))
    }
}
