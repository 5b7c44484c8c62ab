@testable import ClerkCore
import ClerkJSON
import Testing

@Suite struct OCRRepairStageTests {
    private func repair(_ text: String, family: SourceFamily = .scan, _ parameters: [String: JSONValue] = [:]) throws -> Document {
        try StageHarness.run(OCRRepairStage.self, text, family: family, parameters: parameters)
    }

    /// `before → after` of each OCR edit, in log order.
    private func changes(_ document: Document) -> [String] {
        document.log.edits.filter { $0.stage == OCRRepairStage.id }.map { "\($0.before) → \($0.after)" }
    }

    private func warnings(_ document: Document) -> [String] {
        document.log.warnings.filter { $0.stage == OCRRepairStage.id }.map(\.message)
    }

    // MARK: Brackets

    @Test(arguments: [
        ("I agree that the “[ojbjective reasonableness of force is a legal question.”",
         "I agree that the “[o]bjective reasonableness of force is a legal question.”"),
        ("(“[Tjhere are two distinct versions of the facts.”)", "(“[T]here are two distinct versions of the facts.”)"),
        ("The court wrote: “[T1he motion is denied.”", "The court wrote: “[T]he motion is denied.”"),
        ("He stopped. [Tlhe officers waited.", "He stopped. [T]he officers waited."),
        ("“[Qualified immunity provides ample room for mistaken judgments.”",
         "“[Q]ualified immunity provides ample room for mistaken judgments.”"),
        ("“[Ajlleged facts matter.”", "“[A]lleged facts matter.”"),
        ("It ended. [Nevertheless the jury found for him.", "It ended. [N]evertheless the jury found for him."),
    ])
    func aMisreadOrLostClosingBracketIsPutBack(input: String, expected: String) throws {
        let document = try repair(input + "\n")
        #expect(document.body.text == expected + "\n")
        let edit = try #require(document.log.edits.first)
        #expect(document.log.edits.count == 1)
        #expect(edit.confidence == 0.9 || edit.confidence == 0.75)
        #expect(edit.alternative != nil)
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test(arguments: [
        "“[Qualified immunity] provides ample room.”",  // closed later in the sentence
        "the court [sic held that the motion failed.",  // not the start of a quotation or sentence
        "“[Phillips] did not comply.”",
        "“[Pjhillips did not comply.”",  // a name: not in the lexicon in lowercase
        "See [1] and [a]; “[T]he court” and “[o]bjective”.",
        "“[Tjhere are two] versions.”",  // closed later: some other alteration
    ])
    func bracketsThatReadWellOrCannotBeReadAreLeft(text: String) throws {
        let document = try repair(text + "\n")
        #expect(document.body.text == text + "\n")
        #expect(document.log.edits.isEmpty)
    }

    @Test func aLostOpeningBracketBeforeAnInflectionIsPutBack() throws {
        let text = "“The question is whether, in light of the facts that confronted the officers] (and not hindsight), the officers] behaved reasonably.”\n"
        let document = try repair(text)
        #expect(document.body.text == "“The question is whether, in light of the facts that confronted the officer[s] (and not hindsight), the officer[s] behaved reasonably.”\n")
        #expect(document.log.edits.map(\.confidence) == [0.6, 0.6])
        #expect(document.log.edits.map(\.alternative) == ["[officers]", "[officers]"])
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test func aBracketThatAnEarlierOneOpensIsLeft() throws {
        let matched = "The court found that “[the officers] acted reasonably.”\n"
        #expect(try repair(matched).body.text == matched)
        // A `[` closed by its own `]`, or by a repair, opens nothing for a later `]`.
        let repaired = try repair("“[Tjhe court agreed.” Then “[t]he other officers] waited.”\n")
        #expect(repaired.body.text == "“[T]he court agreed.” Then “[t]he other officer[s] waited.”\n")
    }

    @Test func twoReadingsOfALostOpeningBracketAreLeftWithAWarning() throws {
        let text = "He said the agency uses] the rules and that Smith] agreed.\n"
        let document = try repair(text)
        #expect(document.body.text == text)
        #expect(document.log.edits.isEmpty)
        let messages = warnings(document)
        #expect(messages.count == 2)
        #expect(messages[0].contains("“use[s]” or “us[es]”"))
        #expect(messages[1].contains("capitalised"))
    }

    // MARK: Reporters

    @Test(arguments: [
        ("Gonzalez v. City of Elgin, 578 F.Sd 526, 540 (7th Cir.2009).", "Gonzalez v. City of Elgin, 578 F.3d 526, 540 (7th Cir.2009).", "S/3"),
        ("Cyrus, 624 F.Sd at 862.", "Cyrus, 624 F.3d at 862.", "S/3"),
        ("See 12 F. Supp. Zd 100, 105.", "See 12 F. Supp. 2d 100, 105.", "Z/2"),
        ("See 5 P.3cl 7.", "See 5 P.3d 7.", "cl/d"),
        ("See 10 F.4tli 725.", "See 10 F.4th 725.", "li/h"),
    ])
    func aMisreadReporterIsMended(input: String, expected: String, confusion: String) throws {
        let document = try repair(input + "\n")
        #expect(document.body.text == expected + "\n")
        let edit = try #require(document.log.edits.first)
        #expect(document.log.edits.count == 1)
        #expect(edit.reason.contains(confusion))
        #expect(edit.confidence == 0.9)
        #expect(edit.alternative == edit.before)
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test(arguments: [
        "Graham v. Connor, 490 U.S. 386, 396-97, 109 S.Ct. 1865, 104 L.Ed.2d 443 (1989).",
        "See 490 U. S. 386; 109 S. Ct. 1865; 109 S. Ct 1865; 109 S.Ct 1865; 624 F.3d at 862.",
        "The 578 F.Sd things and 12 Sd 13.",  // no page after it; no capital reporter-like word
        "In 2009 Congress passed 42 laws.",
    ])
    func reportersAsPrintedAndWordsBetweenNumbersAreLeft(text: String) throws {
        let document = try repair(text + "\n")
        #expect(document.body.text == text + "\n")
        #expect(document.log.edits.isEmpty)
    }

    @Test func aMisreadReachingTwoReportersIsLeftWithAWarning() {
        let table = CitationTable([(.page, "O.3d", "O.3d", .fullCase), (.page, "0.Sd", "0.Sd", .fullCase)])
        let findings = ReporterRepair(table: table).findings(in: Array("See 5 O.Sd 7.".utf8))
        #expect(findings.edits.isEmpty)
        #expect(findings.doubts.map(\.message) == ["“O.Sd” names no reporter and could be any of “O.3d”, “0.Sd”: left as printed"])
    }

    // MARK: Words

    @Test func aMisreadWordIsMended() throws {
        let document = try repair("They might act dangerously and unpredietably based on the reports.\n")
        #expect(document.body.text == "They might act dangerously and unpredictably based on the reports.\n")
        let edit = try #require(document.log.edits.first)
        #expect(edit.before == "unpredietably" && edit.after == "unpredictably")
        #expect(edit.alternative == "unpredietably")
        #expect(edit.confidence == 0.75)
        #expect(edit.reason == "OCR e/c confusion: “unpredietably” is not a word, “unpredictably” is")
    }

    @Test(arguments: [
        ("The governrnent argued first. The government lost.", "The government argued first. The government lost.", 0.95),
        ("the 1aw of the circuit", "the law of the circuit", 0.7),
        ("most 0f the officers", "most of the officers", 0.7),
        ("the motion was filecl late", "the motion was filed late", 0.8),
        ("the court’s clecision was final", "the court’s decision was final", 0.8),
        ("the plaintiff’s tlieory failed", "the plaintiff’s theory failed", 0.8),
        ("the witness’s cornments", "the witness’s comments", 0.8),
        ("the officer’s vvarning", "the officer’s warning", 0.8),
    ])
    func wordsAreMendedWithTheirEvidence(input: String, expected: String, confidence: Double) throws {
        let document = try repair(input + "\n")
        #expect(document.body.text == expected + "\n")
        #expect(document.log.edits.count == 1)
        #expect(abs((document.log.edits.first?.confidence ?? 0) - confidence) < 0.001)
    }

    @Test(arguments: [
        "Unpredietably, she lit a cigarette.",  // capitalised: never read (names)
        "He drove unpredietably and stopped unpredietably.",  // the document uses it twice
        "See Doe v. Roe, 578 F.3d 526, 530 (7th Cir. filecl Jan. 5, 2009).",  // inside a citation
        "It was undisputedly late; the arrestee and other nonlethal options.",  // real words the lexicon lacks
        "inter alia, the rules",  // a short word reads only into a common or used word
        "the order was entered nunc pro tunc; res ipsa loquitur; de novo",  // legal Latin is in the lexicon
        "See www.exarnple.com, /usr/lib/exarnple, exarnple@court.gov and exarnple_1.",
        "The SL6 fired; 382 Mont. 1a; 1 NYS2d 1f; the 10th and 1st circuits; patch -p1.",
        "the judgment was affirmed by the court of appeals",
    ])
    func wordsThatAreNotMisreadsAreLeft(text: String) throws {
        let document = try repair(text + "\n")
        #expect(document.body.text == text + "\n")
        #expect(document.log.edits.isEmpty, "\(changes(document))")
    }

    @Test func twoEquallyGoodReadingsAreLeftWithAWarning() throws {
        let text = "the firm was liiring new clerks\n"
        let document = try repair(text)
        #expect(document.body.text == text)
        #expect(warnings(document) == ["“liiring” is no word; OCR confusions make it “hiring” or “luring”, none clearly best: left as printed"])
    }

    @Test func aMarkInsideAMendedWordStaysBetweenItsLetters() throws {
        var document = StageHarness.document("They acted unpredietably here.\n", family: .scan)
        document.body = StageHarness.stream("They acted unpredi", .mark(.pageBreak(label: "533")), "etably here.\n")
        document = try StageHarness.run(OCRRepairStage.self, on: document)
        #expect(document.body.text == "They acted unpredictably here.\n")
        #expect(document.body.marks == [TextMark(offset: 18, kind: .pageBreak(label: "533"))])
        #expect(document.log.edits.map(\.before) == ["e"])
    }

    @Test func footnotesAreRepairedWithTheDocumentsVocabulary() throws {
        var document = StageHarness.document("The governrnent argued.\n", family: .scan)
        document.notes = [NoteText(label: "1", text: TextStream("(“[Tjhere are two versions,” the government said.)\n", sourceStart: 24))]
        document = try StageHarness.run(OCRRepairStage.self, on: document)
        #expect(document.body.text == "The government argued.\n")
        #expect(document.notes[0].text.text == "(“[T]here are two versions,” the government said.)\n")
        #expect(document.log.edits.map(\.sourceOffset) == [4, 28])
    }

    // MARK: Configuration

    @Test func familiesLimitWhereTheStageRuns() throws {
        let text = "the 1aw and the “[Tjhere” of 578 F.Sd 526\n"
        #expect(try repair(text, family: .flat).body.text == text)
        #expect(try repair(text, family: .layout).body.text == text)
        let fixed = "the law and the “[T]here” of 578 F.3d 526\n"
        #expect(try repair(text, family: .scan).body.text == fixed)
        #expect(try repair(text, family: .flat, ["families": "all"]).body.text == fixed)
        #expect(try repair(text, family: .layout, ["families": "flat, layout"]).body.text == fixed)
        let unknown = try repair(text, family: .scan, ["families": "scan,pdf"])
        #expect(unknown.body.text == fixed)
        #expect(warnings(unknown).first?.contains("pdf") == true)
    }

    @Test func eachKindOfRepairCanBeSwitchedOff() throws {
        let text = "the 1aw and the “[Tjhere” of 578 F.Sd 526\n"
        #expect(try repair(text, ["words": false]).body.text == "the 1aw and the “[T]here” of 578 F.3d 526\n")
        #expect(try repair(text, ["brackets": false]).body.text == "the law and the “[Tjhere” of 578 F.3d 526\n")
        #expect(try repair(text, ["reporters": false]).body.text == "the law and the “[T]here” of 578 F.Sd 526\n")
    }

    @Test func theCapKeepsTheSurestRepairsAndSaysHowManyWereLeft() throws {
        let text = "the 1aw, the cornments, the officers] and “[Tjhere” of 578 F.Sd 526\n"
        let all = try repair(text)
        #expect(all.log.edits.count == 5)
        let capped = try repair(text, ["maximumEdits": 2])
        #expect(changes(capped) == ["F.Sd → F.3d", "[Tjhere → [T]here"])
        #expect(warnings(capped) == ["3 more OCR repair(s) left undone: the cap of 2 per document (maximumEdits) was reached"])
        let none = try repair(text, ["maximumEdits": 0])
        #expect(none.log.edits.isEmpty)
        #expect(warnings(none).first?.hasPrefix("5 more") == true)
    }

    @Test func repairsBelowTheMinimumConfidenceAreOnlyWarnedAbout() throws {
        let text = "confronted the officers] then\n"
        let document = try repair(text, ["minimumConfidence": 0.7])
        #expect(document.body.text == text)
        #expect(warnings(document).count == 1)
        #expect(warnings(document).first?.contains("below the minimum 0.7") == true)
    }

    @Test func runningTwiceChangesNothingMore() throws {
        let once = try repair("the 1aw, the “[Tjhere” and the officers] of 578 F.Sd 526 acted unpredietably\n")
        let twice = try StageHarness.run(OCRRepairStage.self, on: once)
        #expect(twice.body == once.body)
        #expect(twice.log.edits.count == once.log.edits.count)
    }
}
