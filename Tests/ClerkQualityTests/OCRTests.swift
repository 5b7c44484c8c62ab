import ClerkTestSupport
import Foundation
import Testing

/// The OCR stage on the Samples, through `clerk convert`: every repair it makes in the scan, and
/// none in the other families (the stage runs on scans by default).
@Suite struct OCRTests {
    private static let scan = "000_39a4dcb9fca6dd5d"
    private static let others = ["001_adfd90a293bb973c", "002_b9cf1909a371d268"]

    private static func ocrEdits(_ output: StructureTests.Output) -> [[String: Any]] {
        (output.json["edits"] as? [[String: Any]] ?? []).filter { $0["stage"] as? String == "ocr" }
    }

    @Test func theScanGetsExactlyTheseRepairs() throws {
        let output = try #require(try StructureTests.convert(["Samples/\(Self.scan).txt"])[Self.scan])
        let edits = Self.ocrEdits(output)
        let changes = edits.map { "\($0["before"] as? String ?? "") → \($0["after"] as? String ?? "") (\($0["confidence"] as? Double ?? 0))" }
        #expect(changes == [
            "F.Sd → F.3d (0.9)",
            "[ojbjective → [o]bjective (0.9)",
            "officers] → officer[s] (0.6)",
            "officers] → officer[s] (0.6)",
            "unpredietably → unpredictably (0.75)",
            "[Qualified → [Q]ualified (0.75)",
            "[Tjhere → [T]here (0.9)",
        ])
        #expect(edits.allSatisfy { ($0["alternative"] as? String)?.isEmpty == false && ($0["reason"] as? String)?.hasPrefix("OCR ") == true })
        #expect(output.warnings.filter { $0.stage == "ocr" }.isEmpty)
        // The mended reporter makes a citation.
        let texts = output.opinions.flatMap { $0["blocks"] as? [[String: Any]] ?? [] }.compactMap { $0["text"] as? String }
        #expect(texts.contains { $0.contains("Gonzalez v. City of Elgin, 578 F.3d 526, 540") })
        #expect(texts.contains { $0.contains("the officer[s] (and not 20/20 hindsight), the officer[s] behaved") })
    }

    @Test func otherFamiliesGetNoRepairsByDefault() throws {
        let outputs = try StructureTests.convert(Self.others.map { "Samples/\($0).txt" })
        for name in Self.others {
            let output = try #require(outputs[name])
            #expect(Self.ocrEdits(output).isEmpty)
            #expect(output.warnings.filter { $0.stage == "ocr" }.isEmpty)
        }
    }
}
