import ClerkTestSupport
import Foundation
import Testing

/// The citations found in the Samples, read back from the JSON that `clerk convert` writes.
@Suite struct CitationTests {
    private static let seeds = ["001_adfd90a293bb973c", "002_b9cf1909a371d268"]

    /// A citation as a comparable line: kind, text and every part.
    private static func line(_ citation: [String: Any]) -> String {
        citation.filter { $0.key != "offset" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " | ")
    }

    @Test func bothSourcesOfTheSeedOpinionGiveTheSameCitations() throws {
        let outputs = try StructureTests.convert(Self.seeds.map { "Samples/\($0).txt" })
        let flat = try #require(outputs[Self.seeds[0]]).citations, layout = try #require(outputs[Self.seeds[1]]).citations
        #expect(flat.map(Self.line) == layout.map(Self.line))
        let kinds = Dictionary(grouping: flat, by: { $0["kind"] as? String ?? "" }).mapValues(\.count)
        #expect(kinds == ["fullCase": 90, "shortCase": 111, "id": 87, "statute": 7])
        let graham = "caseName=Graham v. Connor | kind=fullCase | length=42 | page=386 | pinpoint=397 | reporter=U.S. | text=Graham v. Connor, 490 U.S. 386, 397 (1989) | volume=490 | year=1989"
        #expect(flat.contains { Self.line($0) == graham })
        #expect(flat.contains { $0["text"] as? String == "28 U.S.C. § 1291" && $0["volume"] as? String == "28" && $0["section"] as? String == "1291" })
        // Every short form, Id. and supra is resolved but two: a case cited in full only later
        // and in another reporter, and a `Johnson` among several Johnsons of other volumes.
        let unresolved = flat.filter { ["shortCase", "id", "supra"].contains($0["kind"] as? String ?? "") && $0["refersTo"] == nil }
        #expect(unresolved.map { $0["text"] as? String ?? "" } == ["Mullenix, 136 S. Ct. at 308", "Johnson, 415 U.S. at 316–17"])
    }

    @Test func theScanFragmentsCitations() throws {
        let output = try #require(try StructureTests.convert(["Samples/000_39a4dcb9fca6dd5d.txt"])["000_39a4dcb9fca6dd5d"])
        let citations = output.citations
        #expect(citations.contains { $0["text"] as? String == "Padula v. Leimbach, 656 F.3d 595, 602 (7th Cir.2011)" })
        // `Cyrus, 624 F.3d at 862` stands for the full citation earlier in the same paragraph.
        #expect(citations.contains { $0["text"] as? String == "Cyrus, 624 F.3d at 862" && $0["refersTo"] as? String == "624 F.3d 856" })
        // `578 F.Sd 526` in the scan is read after the OCR stage mends the reporter.
        #expect(citations.contains { $0["volume"] as? String == "578" && $0["reporter"] as? String == "F.3d" && $0["page"] as? String == "526" })
        let parallel = citations.filter { $0["caseName"] as? String == "Graham v. Connor" }.map { $0["reporter"] as? String ?? "" }
        #expect(parallel == ["U.S.", "S. Ct.", "L. Ed. 2d"])
    }
}
