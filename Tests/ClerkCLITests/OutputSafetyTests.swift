import ClerkTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Outputs are complete or absent: a full disk, a file size limit or an unusable output folder
/// never leaves a partial file; `--resume` skips only what this pipeline made from the same input.
@Suite struct OutputSafetyTests {
    private let sampleFolder = ClerkProcess.packageRoot.appendingPathComponent("Samples").path

    /// A tmpfs of `kilobytes` mounted at a new folder, unmounted when the value goes away; nil
    /// where the machine does not allow mounting (not root, or no CAP_SYS_ADMIN).
    private final class SmallFileSystem {
        let path: String
        private let scratch: Scratch

        init?(kilobytes: Int, readOnly: Bool = false) throws {
            scratch = try Scratch()
            path = scratch.path("mount")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let options = "size=\(kilobytes)k" + (readOnly ? ",ro" : "")
            guard getuid() == 0, (try? ExternalTool.run("mount", ["-t", "tmpfs", "-o", options, "tmpfs", path]))?.status == 0 else {
                return nil
            }
        }

        deinit { _ = try? ExternalTool.run("umount", [path]) }
    }

    private static let canMount: Bool = {
        guard getuid() == 0, let probe = try? SmallFileSystem(kilobytes: 64) else { return false }
        _ = probe
        return true
    }()

    @Test(.enabled(if: canMount, "needs root to mount a tmpfs"))
    func fullDiskStopsTheBatchWithoutPartialFiles() throws {
        let scratch = try Scratch()
        let sample = [UInt8](try Data(contentsOf: URL(fileURLWithPath: sampleFolder + "/001_adfd90a293bb973c.txt")))
        for index in 0..<12 { try scratch.write("in/doc\(index).txt", sample) }
        // Room for about two of the twelve output pairs.
        let disk = try #require(try SmallFileSystem(kilobytes: 1_300))
        let out = disk.path + "/out"
        let result = try ClerkProcess.run(["convert", scratch.path("in"), "--out", out, "--jobs", "2"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
        #expect(result.stderr.contains("the output file system is full"), "\(result.stderr)")
        #expect(result.stderr.contains("not started"), "\(result.stderr)")
        let written = try OutputFolderCheck.complete(out)
        #expect(written.count < 12)
    }

    @Test(.enabled(if: canMount, "needs root to mount a tmpfs"))
    func readOnlyOutputFolderIsAUsageErrorBeforeAnyWork() throws {
        let disk = try #require(try SmallFileSystem(kilobytes: 64, readOnly: true))
        let result = try ClerkProcess.run(["convert", sampleFolder, "--out", disk.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write in the output folder \(disk.path)"), "\(result.stderr)")
        #expect(!result.stderr.contains("converted"))
    }

    /// A file size limit (`ulimit -f`) fails the inputs whose outputs exceed it, with EFBIG and
    /// no partial file, while smaller inputs convert. Works without root.
    @Test func fileSizeLimitFailsOnlyTheLargeOutputs() throws {
        let scratch = try Scratch()
        let out = scratch.path("out")
        let small = sampleFolder + "/000_39a4dcb9fca6dd5d.txt", large = sampleFolder + "/002_b9cf1909a371d268.txt"
        let result = try ExternalTool.run(executable: URL(fileURLWithPath: "/bin/bash"), [
            "-c", "ulimit -f 150 && exec \"$0\" convert \"$1\" \"$2\" --out \"$3\" --jobs 2",
            ClerkProcess.executable.path, small, large, out,
        ])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("002_b9cf1909a371d268.txt: cannot write"), "\(result.stderr)")
        #expect(result.stderr.contains("File too large"), "\(result.stderr)")
        #expect(try OutputFolderCheck.complete(out) == ["000_39a4dcb9fca6dd5d"])
    }

    @Test func outputFolderThatIsAFileIsAUsageError() throws {
        let scratch = try Scratch()
        let file = try scratch.write("taken", "x")
        let result = try ClerkProcess.run(["convert", sampleFolder, "--out", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains(file))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
    }

    // MARK: - --resume

    private func modificationDate(_ path: String) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    }

    @Test func resumeSkipsOnlyOutputsOfTheSameInputAndPipeline() throws {
        let scratch = try Scratch()
        try scratch.write("in/a.txt", "The first opinion says little.\n")
        try scratch.write("in/b.txt", "The second opinion says less.\n")
        try scratch.write("in/c.txt", "The third opinion says nothing.\n")
        try scratch.write("in/d.txt", "The fourth opinion is short.\n")
        let input = scratch.path("in"), out = scratch.path("out")
        #expect(try ClerkProcess.run(["convert", input, "--out", out]).status == 0)
        let before = try modificationDate(scratch.path("out/a.json"))

        // b changes; c loses one output; d's output is damaged by hand.
        try scratch.write("in/b.txt", "The second opinion now says more.\n")
        try FileManager.default.removeItem(atPath: scratch.path("out/c.xml"))
        try scratch.write("out/d.json", "{ \"truncated\": ")
        Thread.sleep(forTimeInterval: 0.01)
        let resumed = try ClerkProcess.run(["convert", input, "--out", out, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("converted 3 of 4 input(s), 1 skipped"), "\(resumed.stderr)")
        #expect(try modificationDate(scratch.path("out/a.json")) == before)
        #expect(try String(contentsOfFile: scratch.path("out/b.json"), encoding: .utf8).contains("now says more"))
        #expect(try OutputFolderCheck.complete(out) == ["a", "b", "c", "d"])

        // The same again: everything is up to date.
        let again = try ClerkProcess.run(["convert", input, "--out", out, "--resume"])
        #expect(again.stderr.contains("converted 0 of 4 input(s), 4 skipped"), "\(again.stderr)")

        // Another pipeline configuration: every output is redone.
        let config = try scratch.write("p.json", #"{"stages": [{"stage": "detect"}, {"stage": "reflow", "mode": "blankLines"}]}"#)
        let other = try ClerkProcess.run(["convert", input, "--out", out, "--resume", "--config", config])
        #expect(other.stderr.contains("converted 4 of 4 input(s), 0 skipped"), "\(other.stderr)")
    }

    /// An output that still parses, or even still validates, but is not what Clerk wrote is
    /// converted again; an untouched one is skipped. A copy that drops extended attributes loses
    /// the records, so everything in it is converted again.
    @Test func resumeConvertsAgainEveryOutputThatChangedSinceItWasWritten() throws {
        let scratch = try Scratch()
        try scratch.write("in/a.txt", "The first opinion says little.\n")
        try scratch.write("in/b.txt", "The second opinion says less.\n")
        try scratch.write("in/c.txt", "The third opinion says nothing.\n")
        let input = scratch.path("in"), out = scratch.path("out")
        #expect(try ClerkProcess.run(["convert", input, "--out", out]).status == 0)
        let fresh = try String(contentsOfFile: scratch.path("out/a.json"), encoding: .utf8)

        // a.json: valid JSON that the schema refuses; b.xml: one letter changed, still valid.
        var document = try #require(try JSONSerialization.jsonObject(with: Data(fresh.utf8)) as? [String: Any])
        var opinions = try #require(document["opinions"] as? [[String: Any]])
        opinions[0]["type"] = 123
        document["opinions"] = opinions
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: scratch.path("out/a.json")))
        #expect(try ClerkProcess.run(["validate", scratch.path("out/a.json")]).status == 1)
        let xml = try String(contentsOfFile: scratch.path("out/b.xml"), encoding: .utf8)
        try scratch.write("out/b.xml", xml.replacingOccurrences(of: "says less", with: "says lass"))
        #expect(try ClerkProcess.run(["validate", scratch.path("out/b.xml")]).status == 0)

        let resumed = try ClerkProcess.run(["convert", input, "--out", out, "--resume", "--verbose"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("converted 2 of 3 input(s), 1 skipped"), "\(resumed.stderr)")
        #expect(resumed.stderr.contains("c.txt: skipped, outputs up to date"), "\(resumed.stderr)")
        #expect(try String(contentsOfFile: scratch.path("out/a.json"), encoding: .utf8) == fresh)
        #expect(try String(contentsOfFile: scratch.path("out/b.xml"), encoding: .utf8) == xml)

        // The record: the output's own SHA-256, the input's and the pipeline's, on the file.
        let record = try ClerkProcess.tool("python3", ["-c", "import os,sys; print(os.getxattr(sys.argv[1], 'user.clerk.output').decode())", scratch.path("out/c.xml")])
        let digest = try ClerkProcess.tool("sha256sum", [scratch.path("out/c.xml")]).output.prefix(64)
        let inputDigest = try ClerkProcess.tool("sha256sum", [scratch.path("in/c.txt")]).output.prefix(64)
        #expect(record.output.hasPrefix("output=\(digest) input=\(inputDigest) pipeline="), "\(record.output)")

        // cp without -a drops the attributes: nothing there can be trusted as up to date.
        #expect(try ClerkProcess.tool("cp", ["-r", out, scratch.path("copy")]).status == 0)
        let copied = try ClerkProcess.run(["convert", input, "--out", scratch.path("copy"), "--resume"])
        #expect(copied.stderr.contains("converted 3 of 3 input(s), 0 skipped"), "\(copied.stderr)")
    }

    @Test func outputsRecordTheInputDigestAndThePipelineFingerprint() throws {
        let scratch = try Scratch()
        let input = try scratch.write("a.txt", "Text of an opinion.\n")
        #expect(try ClerkProcess.run(["convert", input, "--out", scratch.path("out")]).status == 0)
        let json = try String(contentsOfFile: scratch.path("out/a.json"), encoding: .utf8)
        let xml = try String(contentsOfFile: scratch.path("out/a.xml"), encoding: .utf8)
        let digest = try ClerkProcess.tool("sha256sum", [input]).output.prefix(64)
        #expect(json.contains("\"sha256\" : \"\(digest)\"") || json.contains("\"sha256\": \"\(digest)\""), "\(json.prefix(400))")
        #expect(xml.contains("sha256=\"\(digest)\""))
        let fingerprint = try #require(xml.range(of: "<pipeline sha256=\"").map { String(xml[$0.upperBound...].prefix(64)) })
        #expect(json.contains(fingerprint))
    }
}
