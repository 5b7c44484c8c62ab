import ClerkTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM in the middle of a batch: finished outputs stay complete and valid, no
/// temporary file is left, and a summary says what was done.
@Suite struct InterruptionTests {
    /// A folder of `count` copies of the flattened sample, enough work that a signal sent after
    /// the first output appears lands mid-batch.
    private func batch(_ scratch: Scratch, count: Int = 40) throws -> String {
        let sample = [UInt8](try Data(contentsOf: ClerkProcess.packageRoot.appendingPathComponent("Samples/001_adfd90a293bb973c.txt")))
        for index in 0..<count { try scratch.write(String(format: "in/doc%03d.txt", index), sample) }
        return scratch.path("in")
    }

    /// Starts `clerk convert INPUT --out OUT`, sends each of `signals` once the first output is
    /// in place (`pause` apart), and returns the exit status and standard error.
    private func interrupt(
        _ input: String, out: String, signals: [Int32], pause: TimeInterval = 0, options: [String] = []
    ) throws -> (status: Int32, stderr: String) {
        let scratch = try Scratch()
        let errorPath = scratch.path("stderr")
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer { try? errors.close() }
        let process = Process()
        process.executableURL = ClerkProcess.executable
        process.arguments = ["convert", input, "--out", out, "--jobs", "2"] + options
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline
            && !((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).contains(where: { $0.hasSuffix(".json") }) {
            Thread.sleep(forTimeInterval: 0.02)
        }
        for (index, number) in signals.enumerated() {
            if index > 0 { Thread.sleep(forTimeInterval: pause) }
            kill(process.processIdentifier, number)
        }
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: errorPath, encoding: .utf8))
    }

    /// The count after `label` in the summary line (`converted 3 of 40`, `12 not started`).
    private func count(in stderr: String, before label: String) -> Int? {
        guard let range = stderr.range(of: label) else { return nil }
        let digits = stderr[..<range.lowerBound].reversed().drop { $0 == " " }.prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }

    @Test(arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")])
    func signalStopsTheBatchKeepingFinishedOutputs(signal: Int32, name: String) throws {
        let scratch = try Scratch()
        let input = try batch(scratch)
        let out = scratch.path("out")
        let report = scratch.path("report.json")
        let result = try interrupt(input, out: out, signals: [signal], options: ["--report", report])
        #expect(result.status == 128 + signal, "\(result.stderr)")
        #expect(result.stderr.contains("interrupted by \(name)"), "\(result.stderr)")
        let stems = try OutputFolderCheck.complete(out)
        let converted = count(in: result.stderr, before: " of 40 input(s)")
        #expect(converted == stems.count, "\(result.stderr)")
        let notStarted = count(in: result.stderr, before: " not started")
        let abandoned = count(in: result.stderr, before: " abandoned in flight")
        #expect((notStarted ?? 0) > 0, "\(result.stderr)")
        #expect(stems.count + (notStarted ?? 0) + (abandoned ?? 0) == 40, "\(result.stderr)")
        // The report is written all the same, and says why and how far the run went.
        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        #expect(object["stopped"] as? String == "interrupted by \(name)")
        let inputs = try #require(object["inputs"] as? [String: Int])
        #expect(inputs["converted"] == stems.count && inputs["notStarted"] == notStarted && inputs["abandoned"] == (abandoned ?? 0))

        // What was left is picked up by --resume, and the finished files are not redone.
        let resumed = try ClerkProcess.run(["convert", input, "--out", out, "--resume", "--jobs", "2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("\(stems.count) skipped"), "\(resumed.stderr)")
        #expect(try OutputFolderCheck.complete(out).count == 40)
    }

    @Test func secondSignalQuitsAtOnceWithoutTemporaryFiles() throws {
        let scratch = try Scratch()
        let input = try batch(scratch)
        let out = scratch.path("out")
        let result = try interrupt(input, out: out, signals: [SIGINT, SIGINT], pause: 0.05)
        #expect(result.status == 130, "\(result.stderr)")
        _ = try OutputFolderCheck.complete(out)
    }
}
