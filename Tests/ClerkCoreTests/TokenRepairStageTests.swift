import ClerkCore
import ClerkJSON
import Testing

@Suite struct TokenRepairStageTests {
    private func repair(_ text: String, family: SourceFamily = .flat, _ parameters: [String: JSONValue] = [:]) throws -> Document {
        try StageHarness.run(TokenRepairStage.self, text, family: family, parameters: parameters)
    }


    @Test(arguments: [
        ("See 410 U.S. at528–30.", "See 410 U.S. at 528–30."),
        ("(at12)", "(at 12)"),
        ("Id.at 44.", "Id. at 44."),
        ("See id.at 7 and Id.at12.", "See id. at 7 and Id. at 12."),
        ("a §1983 suit under §§1981 and ¶12", "a § 1983 suit under §§ 1981 and ¶ 12"),
        ("the record, p.12, and pp.14–15", "the record, p. 12, and pp. 14–15"),
        ("under 42 U.S.C. § 1983claim and § 1331and", "under 42 U.S.C. § 1983 claim and § 1331 and"),
        ("Rule 56to the rule", "Rule 56 to the rule"),
        ("the 1983claim’s scope", "the 1983 claim’s scope"),
        ("12 F.4th 541(1949).", "12 F.4th 541 (1949)."),
        ("id. at 532(en banc dissent)", "id. at 532 (en banc dissent)"),
        ("9 F.3d 679(7th Cir. 2006)", "9 F.3d 679 (7th Cir. 2006)"),
        ("9 F.3d 679(2d Cir. 2006)", "9 F.3d 679 (2d Cir. 2006)"),
        ("5 F. Supp. 3d 12(D. Mass. 2014)", "5 F. Supp. 3d 12 (D. Mass. 2014)"),
        ("8 F.3d 1, 13(quoting Roe)", "8 F.3d 1, 13 (quoting Roe)"),
        ("8 F.3d 1, 3(Smith, J., dissenting)", "8 F.3d 1, 3 (Smith, J., dissenting)"),
        ("7 U.S. at8–9(1990)", "7 U.S. at 8–9 (1990)"),
    ])
    func gluedTokensAreSplit(input: String, expected: String) throws {
        let document = try repair(input + "\n")
        #expect(document.body.text == expected + "\n")
        #expect(!document.log.edits.isEmpty)
        #expect(document.log.edits.allSatisfy { $0.after == $0.before + " " && $0.reason.hasPrefix("space inserted") })
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test(arguments: [
        "the 1st, 2d, 3d, 4th, 21st, 22nd, 23rd and 12th circuits",
        "12 F.3d 4, 5 F.4th 6, 7 F. Supp. 2d 8, 9 A.2d 10, 11 L.Ed.2d 12, 13 S.Ct. 14, 15 So.3d 16, 17 Cal.App.5th 18",
        "in the 1990s and 1980’s",
        "a 9mm pistol at 60mph, 200lbs, at 3pm, No. 20cv1234, No. 2:19cr00123",
        "42 U.S.C. § 2000e, § 1395ww, § 78j-1, 10b-5",
        "§ 1983(a), Rule 56(c), 12(b)(6), § 924(c)(1)(A)(iv), 2(ii)",
        "at 5 n.3, at 7 nn.4–5",
        "F2d, Cat1and, x1990s, www.site.gov/2021opinion, 2.5million",
        "Id. at 5; id. at 6; cat532 and flat5 and that12",
        "No. 20-1754, 18-cv-00143, 2021 WL 197426, at *10–11",
        "(1) first, (2) second; 5 (1989); 12 F.3d 4 (7th Cir. 2000)",
        "page 1990(x) and 55(A) and 55(aa) and 1(ab)",
    ])
    func cleanOrDeliberatelyGluedTextIsLeft(text: String) throws {
        let document = try repair(text + "\n")
        #expect(document.body.text == text + "\n")
        #expect(document.log.edits.isEmpty)
    }

    @Test func idAtFollowedByANumberGetsBothSpaces() throws {
        let document = try repair("Id.at528.\n")
        #expect(document.body.text == "Id. at 528.\n")
        #expect(document.log.edits.map(\.before) == ["Id.", "at"])
        #expect(document.log.edits.map(\.sourceOffset) == [0, 3])
    }

    @Test func layoutShapedCleanTextIsUnchanged() throws {
        let text = """
            In the
                United States Court of Appeals
                For the Ninth Circuit
                No. 19-55012
                Before KIM, Chief Judge, and LOPEZ and ORTIZ, Circuit Judges.
                See Doe v. Roe, 550 U.S. 372, 380 (2007); 42 U.S.C. § 1983;
                Fed. R. Civ. P. 56(a); id. at 381 n.4 (quoting 12 F.4th 10, 12
                (9th Cir. 2021) (en banc)). The 2d and 3d prongs, see 5 F. Supp.
                2d 10, 11 (C.D. Cal. 1999), were met in the 1990s.
            4                                                   No. 19-55012

            """
        let document = try repair(text, family: .layout)
        #expect(document.body.text == text)
        #expect(document.log.edits.isEmpty)
    }

    @Test func familiesLimitWhereTheStageRuns() throws {
        let text = "Id.at 4 and § 1983claim\n"
        #expect(try repair(text, family: .layout, ["families": "flat, scan"]).body.text == text)
        #expect(try repair(text, family: .flat, ["families": "flat,scan"]).body.text == "Id. at 4 and § 1983 claim\n")
        #expect(try repair(text, family: .layout, ["families": "all"]).body.text == "Id. at 4 and § 1983 claim\n")
        let unknown = try repair(text, family: .flat, ["families": "flat,pdf"])
        #expect(unknown.body.text == "Id. at 4 and § 1983 claim\n")
        #expect(unknown.log.warnings.first?.message.contains("pdf") == true)
    }

    @Test func aMarkAtTheJunctionStaysBetweenTheTokens() throws {
        var document = StageHarness.document("§ 1983claim and at528\n", family: .flat)
        document.body = StageHarness.stream("§ 1983", .mark(.footnoteRef(label: "3")), "claim and at", .mark(.pageBreak(label: "5")), "528\n")
        document = try StageHarness.run(TokenRepairStage.self, on: document)
        #expect(document.body.text == "§ 1983 claim and at 528\n")
        // After the inserted space: the mark stays with the text that follows it.
        #expect(document.body.marks == [
            TextMark(offset: 8, kind: .footnoteRef(label: "3")),
            TextMark(offset: 21, kind: .pageBreak(label: "5")),
        ])
        #expect(document.body.sourceOffset(at: 21) == 19)
    }

    @Test func runningTwiceChangesNothingMore() throws {
        let once = try repair("Id.at528; § 1983claim; 541(1949); §1983; at8–9\n")
        let twice = try StageHarness.run(TokenRepairStage.self, on: once)
        #expect(twice.body == once.body)
        #expect(twice.log == once.log)
        #expect(once.log.edits.count == 6)
    }
}

@Suite struct TokenRepairSentenceGlueTests {
    @Test func idGluedToTheNextSentenceIsOpened() throws {
        let document = try StageHarness.run(TokenRepairStage.self, "the driver. Id.The officer shot. Id.Why? See id.In re X. Id.A car. Id.at 5.\n")
        #expect(document.body.text == "the driver. Id. The officer shot. Id. Why? See id. In re X. Id. A car. Id. at 5.\n")
        // `Id.S.` (no lowercase after the capital) is not a sentence start: left alone.
        let left = try StageHarness.run(TokenRepairStage.self, "Id.S. Ct.\n")
        #expect(left.body.text == "Id.S. Ct.\n")
    }

    @Test func numberGluedToAnOpeningQuoteIsOpened() throws {
        let document = try StageHarness.run(TokenRepairStage.self, "under § 1983“unless the right” and 1983” closing\n")
        #expect(document.body.text == "under § 1983 “unless the right” and 1983” closing\n")
        #expect(document.log.edits.count == 1)
    }

    @Test func footnotesAreRepairedToo() throws {
        var document = StageHarness.document("Body text.\n")
        document.notes = [NoteText(label: "1", text: TextStream("See Smith, 472 U.S. at528.\n"))]
        document = try StageHarness.run(TokenRepairStage.self, on: document)
        #expect(document.notes[0].text.text == "See Smith, 472 U.S. at 528.\n")
    }

}

@Suite struct SmallCapitalsTests {
    /// Words in small capitals split after their first letter are joined; a letter that is a
    /// word or a label before a word stays apart.
    @Test(arguments: [
        ("UNITED STATES COURT OF APPEALS\nF OR THE T HIRD C IRCUIT\n", "UNITED STATES COURT OF APPEALS\nFOR THE THIRD CIRCUIT\n"),
        ("ABARA, Circuit Judge, with whom Q UILLFEATHER, Circuit Judge, joins", "ABARA, Circuit Judge, with whom QUILLFEATHER, Circuit Judge, joins"),
        ("SECTION B IS VOID", "SECTION B IS VOID"),
        ("PLAN A LAW FIRM", "PLAN A LAW FIRM"),
        ("I AM", "I AM"),
        ("F ORd", "F ORd"),
        ("UNITED STATES OF A MERICA", "UNITED STATES OF AMERICA"),
    ])
    func smallCapitalsSplitAfterTheirFirstLetterAreJoined(input: String, expected: String) throws {
        let document = try StageHarness.run(TokenRepairStage.self, input, family: .layout)
        #expect(document.body.text == expected)
        #expect(StageHarness.replayed(document) == expected)
    }
}

@Suite struct LetterSpacingTests {
    /// A line of letter-spaced words is written whole; letters that are no word, or that share
    /// their line with other text, stay apart.
    @Test(arguments: [
        ("                O R D E R\n\nThe motion is granted.\n", "                ORDER\n\nThe motion is granted.\n"),
        ("M E M O R A N D U M   O P I N I O N\n", "MEMORANDUM OPINION\n"),
        ("  O P I N I O N  \n", "  OPINION  \n"),
        ("X Q Z W\n", "X Q Z W\n"),
        ("A B C\n", "A B C\n"),
        ("O R D E R of the court\n", "O R D E R of the court\n"),
        ("Schedule A B C D\n", "Schedule A B C D\n"),
    ])
    func letterSpacedTitlesAreJoined(input: String, expected: String) throws {
        let document = try StageHarness.run(TokenRepairStage.self, input, family: .layout)
        #expect(document.body.text == expected)
        #expect(StageHarness.replayed(document) == expected)
    }

    @Test func theJoinIsLogged() throws {
        let document = try StageHarness.run(TokenRepairStage.self, "O R D E R\n", family: .layout)
        #expect(document.log.edits.map(\.before) == ["O R D E R"])
        #expect(document.log.edits.map(\.after) == ["ORDER"])
    }
}
