import ClerkTestSupport
import Foundation
import Testing

/// The layout stages measured over fresh conversions of Samples/, by the independent Python checkers in
/// scripts/checks/: no page-break noise left, nothing lost (every character is in the output or in
/// the edit log), and the two sources of one opinion agree.
@Suite struct LayoutQualityTests {
    private static func convertSamples() throws -> (Scratch, [String]) {
        let scratch = try Scratch()
        let samples = ClerkProcess.packageRoot.appendingPathComponent("Samples").path
        let result = try ClerkProcess.run(["convert", samples, "--out", scratch.path("out"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let stems = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".txt") }.sorted()
            .map { ($0 as NSString).deletingPathExtension }
        return (scratch, stems)
    }

    private func script(_ name: String) -> String { ClerkProcess.packageRoot.path + "/scripts/checks/" + name }

    @Test func noNoiseIsLeftInAnyParagraphOrFootnote() throws {
        let (scratch, stems) = try Self.convertSamples()
        let check = try ClerkProcess.tool("python3", [script("check-noise.py")] + stems.map { scratch.path("out/\($0).json") })
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func nothingIsLost() throws {
        let (scratch, stems) = try Self.convertSamples()
        let samples = ClerkProcess.packageRoot.appendingPathComponent("Samples").path
        let pairs = stems.flatMap { ["\(samples)/\($0).txt", scratch.path("out/\($0).json")] }
        let check = try ClerkProcess.tool("python3", [script("check-nothing-lost.py")] + pairs)
        #expect(check.status == 0, "\(check.output)")
    }

    /// Samples 001 (flattened web text) and 002 (PDF layout text) are one opinion.
    @Test func twoSourcesOfOneOpinionAgree() throws {
        let (scratch, stems) = try Self.convertSamples()
        let pair = stems.filter { $0.hasPrefix("001_") || $0.hasPrefix("002_") }
        try #require(pair.count == 2)
        let check = try ClerkProcess.tool("python3", [script("compare-sources.py")] + pair.map { scratch.path("out/\($0).json") })
        let lines = check.output.split(separator: "\n")
        let similarity = lines.first { $0.hasPrefix("body words:") }.flatMap { Double($0.split(separator: " ").last ?? "") }
        #expect((similarity ?? 0) >= 0.999, "\(check.output)")
        #expect(lines.contains { $0.hasPrefix("footnotes: 12 / 12, labels equal, identical text 12") }, "\(check.output)")
        #expect(lines.contains { $0.hasPrefix("page breaks: 61 / 61, same page at the same word 61") }, "\(check.output)")
    }
}
