import ClerkTestSupport
import Testing
@testable import ClerkCore

@Suite struct CitationScannerTests {
    private let scanner = CitationScanner()

    private func scan(_ text: String) -> [(text: String, citation: ScannedCitation)] {
        let bytes = Array(text.utf8)
        return scanner.scan(bytes).map { (String(decoding: bytes[$0.range], as: UTF8.self), $0) }
    }

    private func only(_ text: String) throws -> (text: String, citation: ScannedCitation) {
        let found = scan(text)
        try #require(found.count == 1, "found \(found.map(\.text))")
        return found[0]
    }

    @Test func fullCitationWithCaseNamePinpointAndParenthetical() throws {
        let (text, citation) = try only(
            "we have often held so. See, e.g., Cyrus v. Town of Mukwonago, 624 F.3d 856, 862 (7th Cir.2010); and more")
        #expect(text == "Cyrus v. Town of Mukwonago, 624 F.3d 856, 862 (7th Cir.2010)")
        #expect(citation.kind == .fullCase)
        #expect(citation.volume == "624" && citation.reporter == "F.3d" && citation.page == "856")
        #expect(citation.pinpoint == "862" && citation.court == "7th Cir." && citation.year == "2010")
        #expect(citation.caseName == "Cyrus v. Town of Mukwonago")
        #expect(citation.citation(offset: 0, length: 1, text: "x").key == "624 F.3d 856")
    }

    @Test func parallelCitationsShareNameAndYear() throws {
        let found = scan("See Graham v. Connor, 490 U.S. 386, 396-97, 109 S.Ct. 1865, 104 L.Ed.2d 443 (1989). The")
        #expect(found.map(\.text) == ["Graham v. Connor, 490 U.S. 386, 396-97", "109 S.Ct. 1865", "104 L.Ed.2d 443 (1989)"])
        #expect(found.map(\.citation.reporter) == ["U.S.", "S. Ct.", "L. Ed. 2d"])
        #expect(found.allSatisfy { $0.citation.year == "1989" && $0.citation.caseName == "Graham v. Connor" })
        #expect(found[0].citation.pinpoint == "396-97")
    }

    @Test(arguments: [
        ("Smith v. Jones, 615 F.3d 877, 884 n.7 (7th Cir. 2010).", "884 n.7"),
        ("Smith v. Jones, 615 F.3d 877, 884 & n.7 (7th Cir. 2010).", "884 & n.7"),
        ("Smith v. Jones, 615 F.3d 877, 528–30 (7th Cir. 2010).", "528–30"),
        ("Smith v. Jones, 615 F.3d 877, 880, 884 (7th Cir. 2010).", "880, 884"),
        ("Smith v. Jones, 2020 WL 1234567, at *3 (N.D. Ill. Jan. 5, 2020).", "*3"),
    ])
    func pinpoints(_ text: String, _ pinpoint: String) throws {
        #expect(try only(text).citation.pinpoint == pinpoint)
    }

    @Test func courtWithoutTheDate() throws {
        let citation = try only("Smith v. Jones, 2020 WL 1234567, at *3 (N.D. Ill. Jan. 5, 2020).").citation
        #expect(citation.court == "N.D. Ill." && citation.year == "2020" && citation.reporter == "WL")
    }

    @Test func reporterSpacingVariantsMeetInOneEdition() throws {
        for printed in ["S. Ct.", "S.Ct.", "S. Ct"] {
            #expect(try only("Doe v. Roe, 136 \(printed) 305 (2015).").citation.reporter == "S. Ct.")
        }
        let spaced = try only("Doe v. Roe, 1 U. S. 1 (1790).")
        #expect(spaced.citation.reporter == "U.S.")
        #expect(spaced.text == "Doe v. Roe, 1 U. S. 1 (1790)")
    }

    @Test func multiWordReportersAreReadWhole() throws {
        let citation = try only("Doe v. Roe, 12 F. Supp. 3d 45, 50 (D. Mass. 2014).").citation
        #expect(citation.reporter == "F. Supp. 3d" && citation.page == "45" && citation.court == "D. Mass.")
    }

    @Test func shortFormsWithAndWithoutName() throws {
        let found = scan("Cyrus, 624 F.3d at 862. See Abdullahi, 423 F.3d at 770 (stating). (quoting McAllister, 615 F.3d at 881). Also 136 S. Ct. at 308.")
        #expect(found.map(\.text) == ["Cyrus, 624 F.3d at 862", "Abdullahi, 423 F.3d at 770", "McAllister, 615 F.3d at 881", "136 S. Ct. at 308"])
        #expect(found.allSatisfy { $0.citation.kind == .shortCase })
        #expect(found.map(\.citation.caseName) == ["Cyrus", "Abdullahi", "McAllister", nil])
        #expect(found.map(\.citation.pinpoint) == ["862", "770", "881", "308"])
    }

    @Test func idCitations() throws {
        let found = scan("Id. The court went on. See id. at 525–26. (quoting Id., at 5). Ibid.")
        #expect(found.map(\.text) == ["Id.", "id. at 525–26", "Id., at 5", "Ibid."])
        #expect(found.allSatisfy { $0.citation.kind == .id })
        #expect(found.map(\.citation.pinpoint) == [nil, "525–26", "5", nil])
    }

    @Test func supraNeedsAName() throws {
        let found = scan("Cyrus, supra, at 862. But see supra Part II. Wright & Miller, supra note 5, at 12.")
        #expect(found.map(\.text) == ["Cyrus, supra, at 862", "Wright & Miller, supra note 5, at 12"])
        #expect(found.map(\.citation.caseName) == ["Cyrus", "Wright & Miller"])
    }

    @Test func statutesFromTheCodeTable() throws {
        let found = scan("under 42 U.S.C. § 1983 and 28 U.S.C. §§ 1291, 1292; see 29 C.F.R. § 1630.2(g). Also 18 U.S.C. §2255(a).")
        #expect(found.map(\.text) == ["42 U.S.C. § 1983", "28 U.S.C. §§ 1291, 1292", "29 C.F.R. § 1630.2(g)", "18 U.S.C. §2255(a)"])
        #expect(found.map(\.citation.kind) == [.statute, .statute, .regulation, .statute])
        #expect(found.map(\.citation.volume) == ["42", "28", "29", "18"])
        #expect(found.map(\.citation.section) == ["1983", "1291, 1292", "1630.2(g)", "2255(a)"])
        #expect(found[0].citation.citation(offset: 0, length: 1, text: "x").key == "42 U.S.C. § 1983")
    }

    @Test func aBareSectionIsNoCitation() {
        #expect(scan("his § 1983 claim fails").isEmpty)
    }

    @Test func courtRules() throws {
        let found = scan("under Fed. R. Civ. P. 56(a), and Fed. R. Evid. 404(b). Federal Rule of Civil Procedure 12(b)(6) too.")
        #expect(found.map(\.text) == ["Fed. R. Civ. P. 56(a)", "Fed. R. Evid. 404(b)", "Federal Rule of Civil Procedure 12(b)(6)"])
        #expect(found.map(\.citation.reporter) == ["Fed. R. Civ. P.", "Fed. R. Evid.", "Federal Rule of Civil Procedure"])
        #expect(found.allSatisfy { $0.citation.kind == .rule })
    }

    @Test func constitutions() throws {
        let found = scan("the Fourth Amendment, U.S. Const. amend. IV, and U.S. CONST. art. III, § 2, cl. 1.")
        #expect(found.map(\.text) == ["U.S. Const. amend. IV", "U.S. CONST. art. III, § 2, cl. 1"])
        #expect(found.allSatisfy { $0.citation.kind == .constitution })
    }

    @Test func journalsAndNominativeReporters() throws {
        #expect(try only("See Jane Roe, Note, 98 Harv. L. Rev. 1234, 1240 (1985).").citation.kind == .journal)
        let early = try only("Marbury v. Madison, 5 U.S. (1 Cranch) 137 (1803).")
        #expect(early.citation.page == "137" && early.citation.reporter == "U.S.")
    }

    @Test func caseNamesStopAtSentencesSignalsAndClauses() throws {
        #expect(try only("That was settled by Congress. Doe v. Roe, 1 F.3d 2 (1993).").citation.caseName == "Doe v. Roe")
        #expect(try only("as the court held in Doe v. Roe, 1 F.3d 2 (1993).").citation.caseName == "Doe v. Roe")
        #expect(try only("In re Gault, 387 U.S. 1 (1967).").citation.caseName == "In re Gault")
        #expect(try only("(“United States v. Leon, 468 U.S. 897 (1984)").citation.caseName == "United States v. Leon")
        #expect(try only("the statute, 1 F.3d 2 (1993).").citation.caseName == nil)
    }

    @Test func numbersThatAreNotCitations() {
        #expect(scan("In 2019 the officers fired 4 shots at 11 p.m. and 3 of them hit.").isEmpty)
        #expect(scan("The jury deliberated for 2 days, 3 hours.").isEmpty)
    }

    @Test func aCitationAcrossLineBreaksIsFoundWhole() throws {
        let (text, citation) = try only("See Doe v.\nRoe, 624 F.3d\n856, 862 (7th\nCir. 2010).")
        #expect(text == "Doe v.\nRoe, 624 F.3d\n856, 862 (7th\nCir. 2010)")
        #expect(citation.page == "856" && citation.court == "7th Cir.")
    }
}

/// Random word soup made of citation pieces: the scanner never traps, and its spans are in
/// order, inside the text and apart.
@Suite struct CitationScannerSoupTests {
    private static let pieces = [
        "1", "624", "2020", "F.3d", "F.", "Supp.", "2d", "U.", "S.", "U.S.", "S.Ct.", "at", "Id.", "id.,", "supra,", "supra",
        "note", "n.", "n.7", "nn.", "&", "§", "§§", "§1983", "1983(a)", "U.S.C.", "C.F.R.", "R.", "Fed.", "Civ.", "P.",
        "Const.", "amend.", "art.", "cl.", "(7th", "Cir.", "2010)", "(1989).", "(", ")", "v.", "Doe", "Roe,", "See", "“Id.",
        "856,", "862", "396-97,", "*3", "528–30", "___", "In", "re", "Federal", "Rule", "of", "Evidence", "(Black)", ",", ".",
        "\n", "Jan.", "5,", "(N.D.", "Ill.", "WL", "1234567,", "\"", "“", "”", "(“", "’",
    ]

    @Test func spansAreOrderedInsideAndApart() {
        var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        func next() -> Int { Int(truncatingIfNeeded: random.next() >> 1) }
        let scanner = CitationScanner()
        var found = 0
        for _ in 0..<3000 {
            let words = (0..<(1 + next() % 24)).map { _ in Self.pieces[next() % Self.pieces.count] }
            let bytes = Array(words.joined(separator: next() % 3 == 0 ? "" : " ").utf8)
            var previousEnd = 0
            for citation in scanner.scan(bytes) {
                #expect(citation.range.lowerBound >= previousEnd && citation.range.upperBound <= bytes.count)
                #expect(!citation.range.isEmpty)
                previousEnd = citation.range.upperBound
                found += 1
            }
        }
        #expect(found > 500)  // the soup does make citations
    }

    /// `"` opens and closes: alone between spaces it is a word with nothing inside.
    @Test func wordsOfPunctuationOnlyAreNoCitation() {
        for text in ["case \" $2 \" in", "a ' b", "x ( ) y", "(\"", "\"Id.\" at 5"] {
            #expect(CitationScanner().scan(Array(text.utf8)).allSatisfy { !$0.range.isEmpty }, "\(text)")
        }
    }
}
