import ClerkJSON
import ClerkTestSupport
import Foundation
import Synchronization
import Testing

/// `clerk stream`: JSON Lines in, JSON Lines out, in order, a line per record as soon as it is
/// done, with memory that does not grow with the stream.
@Suite struct StreamCommandTests {
    private let root = ClerkProcess.packageRoot.path

    private var samples: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: root + "/Samples").filter { $0.hasSuffix(".txt") }.sorted()
        }
    }

    private func sampleBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/Samples/" + name)))
    }

    private func line(_ object: JSONObject) -> String {
        JSONWriter.string(.object(object), pretty: false)
    }

    /// Runs `clerk stream ARGUMENTS` with `input` on standard input.
    private func stream(_ input: String, _ arguments: [String] = []) throws -> (status: Int32, lines: [JSONValue], stderr: String) {
        let scratch = try Scratch()
        let inputPath = try scratch.write("in.jsonl", Array(input.utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let command = ([ClerkProcess.executable.path, "stream"] + arguments).map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["-c", "\(command) < '\(inputPath)' > '\(scratch.path("out"))' 2> '\(scratch.path("err"))'"]
        try process.run()
        process.waitUntilExit()
        let out = try String(contentsOfFile: scratch.path("out"), encoding: .utf8)
        #expect(out.isEmpty || out.hasSuffix("\n"))
        let lines = try out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { try JSONReader.parse(String($0)) }
        return (process.terminationStatus, lines, try String(contentsOfFile: scratch.path("err"), encoding: .utf8))
    }

    /// A case-law record in `record` is converted as the JSON it is, by the reader its fields call for.
    @Test func corpusRecordsAreConvertedAsTheirJSON() throws {
        let casebody = #"<casebody><parties>ROE v. DOE.</parties><opinion type=\"dissent\"><author>POE, J.</author><p>I dissent.</p></opinion></casebody>"#
        let input = [
            #"{"id": 41, "record": {"id": 41, "name": "ROE v. DOE", "decision_date": "1931-04-02", "casebody": {"status": "ok", "data": "\#(casebody)"}}}"#,
            #"{"id": 42, "record": "not an object"}"#,
        ].joined(separator: "\n") + "\n"
        let result = try stream(input)
        #expect(result.status == 1)
        #expect(result.lines.count == 2)
        let document = try #require(result.lines.first?["document"])
        #expect(document["source"]?["reader"]?.stringValue == "cap")
        #expect(document["source"]?["record"]?["id"]?.stringValue == "41")
        #expect(document["opinions"]?.arrayValue?.map { $0["type"]?.stringValue } == ["dissent"])
        #expect(result.lines.last?["error"]?.stringValue == #"line 2: "record" must be a JSON object"#)
    }

    @Test func everyKindOfRecordGivesWhatConvertWrites() throws {
        let scratch = try Scratch()
        let convert = try ClerkProcess.run(["convert", root + "/Samples", "--out", scratch.path("out"), "--format", "json", "-q"])
        #expect(convert.status == 0, "\(convert.stderr)")
        var input = ""
        var expected: [(id: JSONValue, stem: String)] = []
        for (index, sample) in try samples.enumerated() {
            let stem = (sample as NSString).deletingPathExtension
            let bytes = try sampleBytes(sample)
            input += line(["id": .string("path-\(stem)"), "path": .string(root + "/Samples/" + sample)]) + "\n"
            input += line(["id": .int(index), "name": .string(sample), "text": .string(String(decoding: bytes, as: UTF8.self))]) + "\r\n"
            input += "\n"  // blank lines are skipped
            input += line(["id": .string("b64-\(stem)"), "name": .string(sample), "base64": .string(Data(bytes).base64EncodedString())]) + "\n"
            expected += [(.string("path-\(stem)"), stem), (.int(index), stem), (.string("b64-\(stem)"), stem)]
        }
        let result = try stream(input, ["--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.lines.count == expected.count)
        for (record, want) in zip(result.lines, expected) {
            #expect(record["id"] == want.id, "records come out in input order")
            let file = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/\(want.stem).json")))))
            #expect(record["document"] == file, "\(want.id)")
        }
    }

    @Test func badRecordsGiveErrorLinesAndTheRestGoOn() throws {
        let good = line(["id": .string("ok"), "text": .string("The judgment is affirmed.\n")])
        let input = [
            "not json",
            line(["text": .string("no id")]),
            line(["id": .double(1.5), "text": .string("x")]),
            line(["id": .string("unknown"), "text": .string("x"), "extra": .int(1)]),
            line(["id": .string("two"), "text": .string("x"), "path": .string("/tmp/x")]),
            line(["id": .string("none")]),
            line(["id": .string("b64"), "base64": .string("@@not base64@@")]),
            line(["id": .string("missing"), "path": .string("/no/such/file.txt")]),
            line(["id": .string("empty"), "text": .string("")]),
            "[1, 2]",
            good,
        ].joined(separator: "\n") + "\n"
        let result = try stream(input)
        #expect(result.status == 1)
        #expect(result.stderr.contains("10 of 11 record(s) failed"), "\(result.stderr)")
        #expect(result.lines.count == 11)
        let errors = result.lines.dropLast().map { ($0["id"] ?? .null, $0["line"]?.intValue, $0["error"]?.stringValue ?? "") }
        let expected: [(JSONValue, String)] = [
            (.null, "line 1: not JSON (column 1"),
            (.null, "line 2: the record has no \"id\""),
            (.null, "line 3: \"id\" must be a string or an integer, not a number"),
            (.string("unknown"), "line 4: unknown field \"extra\""),
            (.string("two"), "line 5: the record has more than one of \"text\", \"base64\", \"path\", \"record\" (text, path)"),
            (.string("none"), "line 6: the record has none of"),
            (.string("b64"), "line 7: \"base64\" is not base64"),
            (.string("missing"), "/no/such/file.txt: cannot read the file"),
            (.string("empty"), "empty: stage decode: the file is empty"),
            (.null, "line 10: a record is a JSON object, not an array"),
        ]
        for (index, (error, want)) in zip(errors, expected).enumerated() {
            #expect(error.0 == want.0, "record \(index + 1): \(error)")
            #expect(error.1 == index + 1, "record \(index + 1): \(error)")
            #expect(error.2.hasPrefix(want.1), "record \(index + 1): \(error.2)")
            #expect(result.lines[index]["document"] == nil)
        }
        #expect(result.lines.last?["id"] == .string("ok"))
        #expect(result.lines.last?["document"]?["source"]?["name"] == .string("ok"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try stream("", ["--jobs", "0"]).status == 2)
        let bad = try stream("", ["--config", "/no/such/pipeline.json"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("/no/such/pipeline.json"))
        let empty = try stream("")
        #expect(empty.status == 0 && empty.lines.isEmpty)
    }

    /// A live pipe: each record's line arrives before the next record is even sent, and the
    /// process's peak memory after many records is about what it was after a few.
    @Test(.timeLimit(.minutes(5)))
    func eachRecordIsFlushedAndMemoryStaysFlat() throws {
        let process = Process()
        process.executableURL = ClerkProcess.executable
        process.arguments = ["stream"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let lines = Mutex<[String]>([])
        let reader = Thread {
            var pending: [UInt8] = []
            while true {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { return }
                pending += data
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let text = String(decoding: pending[..<end], as: UTF8.self)
                    lines.withLock { $0.append(text) }
                    pending.removeSubrange(...end)
                }
            }
        }
        reader.start()
        func waitFor(_ count: Int) throws {
            let deadline = Date().addingTimeInterval(120)
            while lines.withLock({ $0.count }) < count {
                try #require(Date() < deadline, "no line for record \(count) within 2 minutes")
                Thread.sleep(forTimeInterval: 0.005)
            }
        }
        func peakKilobytes() throws -> Int {
            let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
            return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        }
        let text = String(decoding: try sampleBytes(try samples[1]), as: UTF8.self)
        var sent = 0
        func send(_ count: Int) throws {
            for _ in 0..<count {
                sent += 1
                input.fileHandleForWriting.write(Data((line(["id": .int(sent), "text": .string(text)]) + "\n").utf8))
                // Flushed per record: its line is out while standard input is still open.
                try waitFor(sent)
            }
        }
        try send(10)
        let early = try peakKilobytes()
        try send(90)
        let late = try peakKilobytes()
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        reader.cancel()
        #expect(process.terminationStatus == 0)
        let received = lines.withLock { $0 }
        #expect(received.count == 100)
        #expect(try received.enumerated().allSatisfy { try JSONReader.parse($0.element)["id"] == .int($0.offset + 1) })
        // 90 more records (about 10 MB in, 45 MB out) add little: nothing is kept per record.
        #expect(Double(late) < Double(early) * 1.3 + 8_000, "peak memory \(early) kB after 10 records, \(late) kB after 100")
    }
}
