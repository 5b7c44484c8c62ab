import ClerkJSON
import Testing
@testable import ClerkCore

@Suite struct CitationStageTests {
    private func run(_ opinions: [Opinion], parameters: [String: JSONValue] = [:]) throws -> Document {
        var document = StageHarness.document("")
        document.opinions = opinions
        return try StageHarness.run(CitationStage.self, on: document, parameters: parameters)
    }

    private func paragraph(_ text: String, footnoteRefs: [FootnoteRef] = []) -> Block {
        Block(kind: .paragraph, text: text, footnoteRefs: footnoteRefs)
    }

    @Test func offsetsCountUnicodeScalarsAndQuoteTheirSpan() throws {
        let text = "The “rule” — settled long ago — is clear. See Doe v. Roé, 624 F.3d 856, 862 (7th Cir. 2010)."
        let document = try run([Opinion(type: .majority, blocks: [paragraph(text)])])
        let citation = try #require(document.opinions[0].blocks[0].citations.first)
        let scalars = Array(text.unicodeScalars)
        let span = String(String.UnicodeScalarView(scalars[citation.offset..<(citation.offset + citation.length)]))
        #expect(span == "Doe v. Roé, 624 F.3d 856, 862 (7th Cir. 2010)")
        #expect(citation.text == span)
        #expect(DocumentInvariants.violations(of: document).isEmpty)
    }

    @Test func shortFormsIdAndSupraAreResolvedInReadingOrder() throws {
        let body = [
            paragraph("See Cyrus v. Town of Mukwonago, 624 F.3d 856, 862 (7th Cir. 2010); Abdullahi v. City of Madison, 423 F.3d 763, 773 (7th Cir. 2005)."),
            paragraph("Cyrus, 624 F.3d at 863. Id. at 864. The claim arises under 42 U.S.C. § 1983. Id. And see Abdullahi, supra, at 770. Id."),
        ]
        let document = try run([Opinion(type: .majority, blocks: body)])
        let second = document.opinions[0].blocks[1].citations
        #expect(second.map(\.kind) == [.shortCase, .id, .statute, .id, .supra, .id])
        #expect(second.map(\.refersTo) == [
            "624 F.3d 856", "624 F.3d 856", nil, "42 U.S.C. § 1983", "423 F.3d 763", "423 F.3d 763",
        ])
    }

    @Test func aShortFormPicksTheCaseOfItsNameAmongOneVolume() throws {
        let body = [
            paragraph("Doe v. Roe, 900 F.3d 10 (1st Cir. 2018); Poe v. Coe, 900 F.3d 500 (2d Cir. 2018)."),
            paragraph("Doe, 900 F.3d at 12; Poe, 900 F.3d at 510; 900 F.3d at 20; Coe, 900 F.3d at 30."),
        ]
        let citations = try run([Opinion(type: .majority, blocks: body)]).opinions[0].blocks[1].citations
        #expect(citations.map(\.refersTo) == ["900 F.3d 10", "900 F.3d 500", "900 F.3d 10", "900 F.3d 500"])
    }

    @Test func aFootnoteIsReadAfterTheBlockThatRefersToIt() throws {
        let opinion = Opinion(
            type: .majority,
            blocks: [
                paragraph("Doe v. Roe, 1 F.4th 2, 5 (9th Cir. 2021).", footnoteRefs: [FootnoteRef(offset: 40, label: "1")]),
                paragraph("Poe v. Coe, 3 F.4th 4 (9th Cir. 2021). Id. at 6."),
            ],
            footnotes: [Footnote(label: "1", blocks: [paragraph("Id. at 7.")])])
        let document = try run([opinion])
        #expect(document.opinions[0].footnotes[0].blocks[0].citations.first?.refersTo == "1 F.4th 2")
        #expect(document.opinions[0].blocks[1].citations.last?.refersTo == "3 F.4th 4")
    }

    @Test func idDoesNotReachIntoTheOpinionBefore() throws {
        let opinions = [
            Opinion(type: .majority, blocks: [paragraph("Doe v. Roe, 1 F.4th 2 (9th Cir. 2021).")]),
            Opinion(type: .dissent, blocks: [paragraph("Id. at 3. But Doe, 1 F.4th at 4.")]),
        ]
        let citations = try run(opinions).opinions[1].blocks[0].citations
        #expect(citations.map(\.refersTo) == [nil, "1 F.4th 2"])
    }

    @Test func referencesAreLeftUnresolvedWhenAsked() throws {
        let body = [paragraph("Doe v. Roe, 1 F.4th 2 (9th Cir. 2021). Id. at 3.")]
        let document = try run([Opinion(type: .majority, blocks: body)], parameters: ["resolveReferences": false])
        #expect(document.opinions[0].blocks[0].citations.count == 2)
        #expect(document.opinions[0].blocks[0].citations.allSatisfy { $0.refersTo == nil })
    }

    /// The whole pipeline: a citation the layout dump splits over a page break (running header,
    /// page number) and a line-end hyphen is found whole in the cleaned text.
    @Test func aCitationSplitByAPageBreakIsFoundWhole() throws {
        var lines: [String] = []
        let filler = "The officers approached the vehicle and ordered the driver to show her hands at once."
        for page in 1...4 {
            if page > 1 { lines += ["\u{0C}No. 21-3456                                        Page \(page)", ""] }
            for _ in 0..<18 { lines.append(filler) }
            if page == 2 { lines += ["force is excessive must go to a jury. See Cyrus v. Town of Mukwo-"] }
            if page == 3 { lines.insert("nago, 624 F.3d 856, 862 (7th Cir. 2010). The facts here differ.", at: lines.count - 18) }
        }
        let raw = Array((lines.joined(separator: "\n") + "\n").utf8)
        let document = try Converter(configuration: try .builtIn()).convert(raw, name: "split.txt")
        let citations = document.opinions.flatMap(\.blocks).flatMap(\.citations)
        let cyrus = try #require(citations.first { $0.volume == "624" })
        #expect(cyrus.caseName == "Cyrus v. Town of Mukwonago")
        #expect(cyrus.page == "856" && cyrus.pinpoint == "862" && cyrus.court == "7th Cir." && cyrus.year == "2010")
    }
}
