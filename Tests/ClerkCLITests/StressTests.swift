import ClerkTestSupport
import Foundation
import Testing

/// Many files at once: 2,000 inputs cut from the samples at random places (so they start and
/// end mid-word, mid-page, mid-footnote, even mid-character) and dressed in the variations
/// batches meet (CRLF, form feeds, a UTF-8 or UTF-16 byte order mark, Latin-1 bytes, an HTML
/// wrapper), converted with `--jobs 2`. Every input converts, every output is valid for xmllint
/// and Python jsonschema, and `--resume` then skips them all.
@Suite struct StressTests {
    static let fileCount = 2_000

    /// The input for `index`: a slice of a sample, 300 B to 6 KB, in one of the variations.
    private static func input(_ index: Int, samples: [[UInt8]], random: inout SplitMix64) -> (name: String, bytes: [UInt8]) {
        let sample = samples[Int(random.next() % UInt64(samples.count))]
        let length = 300 + Int(random.next() % 5_700)
        let start = Int(random.next() % UInt64(max(sample.count - length, 1)))
        var slice = Array(sample[start..<min(start + length, sample.count)])
        let variant = SampleVariant.allCases[index % SampleVariant.allCases.count]
        slice = variant.apply(to: slice, random: &random)
        let name = String(format: "doc%04d.", index) + variant.fileExtension
        return (name, slice)
    }

    @Test func twoThousandFilesWithTwoJobsAllConvertToValidOutputs() throws {
        let folder = ClerkProcess.packageRoot.appendingPathComponent("Samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        let samples = try names.map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
        try #require(!samples.isEmpty)
        let scratch = try Scratch()
        var random = SplitMix64(seed: 2_000)
        for index in 0..<Self.fileCount {
            let file = Self.input(index, samples: samples, random: &random)
            try scratch.write("in/\(index % 10)/\(file.name)", file.bytes)
        }
        let out = scratch.path("out")
        let result = try ClerkProcess.run(["convert", scratch.path("in"), "--out", out, "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr.suffix(2_000))")
        #expect(result.stderr.contains("converted \(Self.fileCount) of \(Self.fileCount) input(s), 0 failed"), "\(result.stderr.suffix(500))")

        let outputs = scratch.files(under: "out").map { out + "/" + $0 }
        let xml = outputs.filter { $0.hasSuffix(".xml") }, json = outputs.filter { $0.hasSuffix(".json") }
        #expect(xml.count == Self.fileCount && json.count == Self.fileCount)
        #expect(!outputs.contains { ($0 as NSString).lastPathComponent.hasPrefix(".") })
        let xmllint = try ClerkProcess.tool("xmllint", ["--noout", "--schema", ClerkProcess.packageRoot.path + "/Schemas/opinion.xsd"] + xml)
        #expect(xmllint.status == 0, "\(xmllint.output.suffix(1_000))")
        let python = try ClerkProcess.tool("python3", [
            ClerkProcess.packageRoot.path + "/scripts/checks/check-json-schema.py",
            ClerkProcess.packageRoot.path + "/Schemas/opinion.schema.json"] + json)
        #expect(python.status == 0, "\(python.output.suffix(1_000))")

        let resumed = try ClerkProcess.run(["convert", scratch.path("in"), "--out", out, "--jobs", "2", "--resume"])
        #expect(resumed.status == 0)
        #expect(resumed.stderr.contains("converted 0 of \(Self.fileCount) input(s), \(Self.fileCount) skipped"), "\(resumed.stderr.suffix(500))")
    }
}
