import ClerkTestSupport
import Foundation
import Testing

/// The structure found in Samples/ and in the structure fixtures
/// (Tests/Fixtures/Structure, made-up opinions of four kinds of courts), read back from the
/// JSON that `clerk convert` writes.
@Suite struct StructureTests {
    /// One converted document, as the JSON a consumer reads.
    struct Output {
        let json: [String: Any]

        var caseInfo: [String: Any] { json["case"] as? [String: Any] ?? [:] }
        var opinions: [[String: Any]] { json["opinions"] as? [[String: Any]] ?? [] }
        var opinionSummary: [String] {
            opinions.map { ($0["type"] as? String ?? "?") + (($0["author"] as? String).map { " by " + $0 } ?? "") }
        }
        var dockets: [String] { caseInfo["dockets"] as? [String] ?? [] }
        var judges: [String] { caseInfo["judges"] as? [String] ?? [] }
        var court: String? { caseInfo["court"] as? String }
        var parties: [String] {
            (caseInfo["parties"] as? [[String: String]] ?? []).map { "\($0["name"] ?? "") / \($0["role"] ?? "")" }
        }
        var dates: [String] {
            (caseInfo["dates"] as? [[String: String]] ?? []).map { "\($0["event"] ?? "") \($0["date"] ?? "")" }
        }
        var disposition: String? { json["disposition"] as? String }
        func blocks(_ opinion: Int) -> [[String: Any]] { opinions[opinion]["blocks"] as? [[String: Any]] ?? [] }
        /// `label level title` of each heading of one opinion.
        func headings(_ opinion: Int) -> [String] {
            blocks(opinion).filter { $0["kind"] as? String == "heading" }.map {
                "\($0["label"] as? String ?? "-") \($0["level"] as? Int ?? 0) \($0["text"] as? String ?? "")"
                    .trimmingCharacters(in: .whitespaces)
            }
        }
        func footnoteLabels(_ opinion: Int) -> [String] {
            (opinions[opinion]["footnotes"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
        }
        /// Every citation of every block, footnotes after the opinion's blocks.
        var citations: [[String: Any]] {
            opinions.flatMap { opinion in
                let footnotes = (opinion["footnotes"] as? [[String: Any]] ?? []).flatMap { $0["blocks"] as? [[String: Any]] ?? [] }
                return ((opinion["blocks"] as? [[String: Any]] ?? []) + footnotes).flatMap { $0["citations"] as? [[String: Any]] ?? [] }
            }
        }
        var warnings: [(stage: String, message: String)] {
            (json["warnings"] as? [[String: Any]] ?? []).map { ($0["stage"] as? String ?? "", $0["message"] as? String ?? "") }
        }
        /// The text of the lead opinion's first paragraph.
        var firstParagraph: String {
            let lead = opinions.firstIndex { !["syllabus", "unknown"].contains($0["type"] as? String ?? "") } ?? 0
            return blocks(lead).first { $0["kind"] as? String == "paragraph" }?["text"] as? String ?? ""
        }
    }

    /// Converts `inputs` (paths relative to the package) and reads each JSON output by stem.
    static func convert(_ inputs: [String]) throws -> [String: Output] {
        let scratch = try Scratch()
        let root = ClerkProcess.packageRoot.path
        let result = try ClerkProcess.run(["convert"] + inputs.map { root + "/" + $0 } + ["--out", scratch.path("out"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        var outputs: [String: Output] = [:]
        for input in inputs {
            let stem = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
            let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/\(stem).json")))
            outputs[stem] = Output(json: try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:])
        }
        return outputs
    }

    private static let seeds = ["001_adfd90a293bb973c", "002_b9cf1909a371d268"]

    @Test func bothSourcesOfTheSeedOpinionGiveTheSameStructure() throws {
        let outputs = try Self.convert(Self.seeds.map { "Samples/\($0).txt" })
        let flat = try #require(outputs[Self.seeds[0]]), layout = try #require(outputs[Self.seeds[1]])
        for output in [flat, layout] {
            #expect(output.court == "United States Court of Appeals for the Seventh Circuit")
            #expect(output.dockets == ["20-1754"])
            #expect(output.parties == ["JERRY SMITH, JR. / Plaintiff-Appellee", "MELVIN FINKLEY and ADAM STAHL / Defendants-Appellants"])
            #expect(output.dates == ["argued 2020-12-07", "decided 2021-08-18"])
            #expect(output.judges == ["SYKES", "BRENNAN", "ST. EVE"])
            #expect(output.opinionSummary == ["majority by BRENNAN", "dissent by SYKES"])
            #expect(output.firstParagraph.hasPrefix("Jerry Smith, Jr. reportedly left the scene"))
            #expect(output.headings(0) == [
                "I. 1", "A. 2", "B. 2", "1. 3 Smith’s interaction with bicycle officers",
                "2. 3 On the roof behind 2905 West Wisconsin Avenue", "3. 3 Finkley and Stahl arrive and the shooting",
                "II. 1", "III. 1", "A. 2", "B. 2", "IV. 1", "A. 2", "1. 3 Smith’s movement downward",
                "2. 3 Smith as an immediate threat to safety", "B. 2", "C. 2", "D. 2", "E. 2", "V. 1",
            ])
            #expect(output.headings(1).isEmpty)
            #expect(output.footnoteLabels(0) == ["1", "2", "3", "4", "5", "6", "7", "8"])
            #expect(output.footnoteLabels(1) == ["1", "2", "3", "4"])
            #expect(output.disposition == "we DISMISS for lack of appellate jurisdiction")
        }
        #expect(NSDictionary(dictionary: flat.caseInfo.filter { $0.key != "metadata" })
            .isEqual(to: layout.caseInfo.filter { $0.key != "metadata" }))
    }

    @Test func theScanFragmentIsOneDissentWithNoAuthorAndAWarning() throws {
        let output = try #require(try Self.convert(["Samples/000_39a4dcb9fca6dd5d.txt"])["000_39a4dcb9fca6dd5d"])
        #expect(output.opinionSummary == ["dissent"])
        #expect(output.warnings.contains { $0.stage == "opinions" && $0.message.contains("starts inside an opinion") })
        #expect(output.disposition == nil)
        #expect(output.court == nil)
    }

    private static let fixtures = ["slip-opinion", "per-curiam", "state-supreme-court", "partial-dissent"]

    @Test func supremeCourtSlipOpinion() throws {
        let output = try #require(try Self.convert(["Tests/Fixtures/Structure/slip-opinion.txt"])["slip-opinion"])
        #expect(output.opinionSummary == ["syllabus", "majority by HALVORSEN", "concurrence by CHO", "dissent by LINDQVIST"])
        #expect((1...3).map(output.footnoteLabels) == [["1", "2"], ["1"], ["1", "2"]])
        #expect(output.court == "Supreme Court of the United States")
        #expect(output.dockets == ["22–1234"])
        #expect(output.dates.contains("decided 2024-05-30"))
        #expect(output.firstParagraph.hasPrefix("The Takings Clause of the Fifth Amendment"))
        #expect(output.disposition?.hasPrefix("The judgment of the Court of Appeals is reversed") == true)
    }

    @Test func perCuriamOfACircuit() throws {
        let output = try #require(try Self.convert(["Tests/Fixtures/Structure/per-curiam.txt"])["per-curiam"])
        #expect(output.opinionSummary == ["perCuriam"])
        #expect(output.court == "United States Court of Appeals for the Tenth Circuit")
        #expect(output.dockets == ["23-4411"])
        #expect(output.parties == ["MARCUS BELLAMY / Petitioner-Appellant", "RENATA ORTIZ-WEBB, Warden / Respondent-Appellee"])
        #expect(output.dates == ["submitted 2024-03-04", "decided 2024-04-22"])
        #expect(output.judges == ["MORROW", "OKAFOR", "RIOS"])
        #expect(output.firstParagraph.hasPrefix("Marcus Bellamy, a state prisoner"))
        #expect(output.disposition == "AFFIRMED")
    }

    @Test func stateSupremeCourtOpinion() throws {
        let output = try #require(try Self.convert(["Tests/Fixtures/Structure/state-supreme-court.txt"])["state-supreme-court"])
        #expect(output.opinionSummary == ["majority by Abara", "dissent by Lindqvist"])
        #expect(output.court == "Supreme Court of the State of Washington")
        #expect(output.dockets == ["99871-3"])
        #expect(output.parties == ["STATE OF WASHINGTON / Respondent", "TOBIAS KEENE / Petitioner"])
        #expect(output.dates == ["filed 2024-06-06"])
        #expect(output.firstParagraph.hasPrefix("Tobias Keene was convicted"))
        // The indented quotation is a block quote between two paragraphs.
        #expect(output.blocks(0).map { $0["kind"] as? String ?? "" } == ["paragraph", "paragraph", "blockquote", "paragraph", "paragraph"])
        #expect(output.disposition?.contains("reverse") == true)
    }

    @Test func opinionConcurringInPartAndDissentingInPart() throws {
        let output = try #require(try Self.convert(["Tests/Fixtures/Structure/partial-dissent.txt"])["partial-dissent"])
        #expect(output.opinionSummary == ["majority by HALE", "concurrenceInPartDissentInPart by RIOS"])
        #expect(output.court == "United States Court of Appeals for the Eighth Circuit")
        #expect(output.judges == ["OKAFOR", "HALE", "RIOS"])
        #expect(output.dates == ["argued 2023-09-12", "decided 2024-02-02"])
        #expect(output.headings(0) == ["I. 1", "II. 1"])
        #expect(output.firstParagraph.hasPrefix("Northfield Grain Cooperative shipped grain"))
        #expect(output.disposition
            == "we AFFIRM the judgment on the breach claim, REVERSE the judgment on the declaratory claim, and REMAND for further proceedings")
    }
}
