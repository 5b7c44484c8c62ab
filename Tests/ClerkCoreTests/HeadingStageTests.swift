import ClerkJSON
import Testing
@testable import ClerkCore

/// The headings stage, judged by the blocks reflow makes from its marks.
@Suite struct HeadingStageTests {
    private func document(_ text: String, family: SourceFamily, parameters: [String: JSONValue] = [:]) throws -> Document {
        try StageHarness.run(HeadingStage.self, text, family: family, parameters: parameters)
    }

    private func blocks(of document: Document) throws -> [Block] {
        try StageHarness.run(ReflowStage.self, on: document).opinions.flatMap(\.blocks)
    }

    private func blocks(_ text: String, family: SourceFamily, parameters: [String: JSONValue] = [:]) throws -> [Block] {
        try blocks(of: document(text, family: family, parameters: parameters))
    }

    /// Headings as `label level title`, `-` for no label.
    private func headings(_ blocks: [Block]) -> [String] {
        blocks.filter { $0.kind == .heading }.map { "\($0.label ?? "-") \($0.level ?? 0) \($0.text)" }
    }

    private func headings(_ text: String, family: SourceFamily, parameters: [String: JSONValue] = [:]) throws -> [String] {
        headings(try blocks(text, family: family, parameters: parameters))
    }

    // MARK: Layout text

    @Test func labelsAloneOnTheirLinesAreHeadingsWithoutTitles() throws {
        let text = """
            The court denied the motion for summary judgment and the
            officers appealed.
            I.
            A.
            The officers came upon the car in a parking lot late at
            night and saw two men inside it.
            B.
            The district court held a hearing on the motion and then
            ruled against them.

            """
        let result = try blocks(text, family: .layout)
        #expect(result.map(\.kind) == [.paragraph, .heading, .heading, .paragraph, .heading, .paragraph])
        #expect(headings(result) == ["I. 1 ", "A. 2 ", "B. 2 "])
        #expect(result[3].text == "The officers came upon the car in a parking lot late at night and saw two men inside it.")
    }

    @Test func aLabelAndAShortTitleOnALineAreAHeadingWithThatTitle() throws {
        let text = """
            The facts come from the record and are told in his favor.
            1. The stop of the car
            Officers stopped the car on a dark road near the river and
            asked the driver for his license and registration papers.
            2. The search
            The officers searched the car and found nothing in the
            trunk or under the seats, and they let the driver go.
            3. The officers approached the car from both sides while
            the driver waited with his hands on the wheel.

            """
        let result = try blocks(text, family: .layout)
        #expect(headings(result) == ["1. 1 The stop of the car", "2. 1 The search", "3. 1 "])
        #expect(result.map(\.kind) == [.paragraph, .heading, .paragraph, .heading, .paragraph, .heading, .paragraph])
        // A label that starts an ordinary sentence leaves the sentence to the paragraph.
        #expect(result.last?.text == "The officers approached the car from both sides while the driver waited with his hands on the wheel.")
    }

    @Test func aTitleLineMustNotRunOnIntoTheNextLine() throws {
        let text = """
            The facts come from the record and are told in his favor.
            1. The officers stood on the
            Roof of the garage and waited for the others to arrive.
            They did not speak to each other while they waited there.
            2. Then the others came up the stairs and onto the roof.

            """
        #expect(try headings(text, family: .layout) == ["1. 1 ", "2. 1 "])
    }

    @Test func aLabelLineFollowedByACapitalsLineTakesItAsItsTitle() throws {
        let text = """
            The facts come from the record and are told in his favor.
            I.
            BACKGROUND
            Smith sued the city in state court, and the city removed
            the case to federal court.

            """
        let result = try blocks(text, family: .layout)
        #expect(headings(result) == ["I. 1 BACKGROUND"])
        #expect(result.map(\.kind) == [.paragraph, .heading, .paragraph])
    }

    // MARK: Running text

    @Test func inlineLabelsWithoutTitlesInFlattenedText() throws {
        let text = """
            We dismiss the appeal for lack of jurisdiction. I. A. As in many cases, the record matters here. \
            B. Now to the facts, which are simple. II. Smith sued.

            """
        let result = try blocks(text, family: .flat)
        #expect(headings(result) == ["I. 1 ", "A. 2 ", "B. 2 ", "II. 1 "])
        #expect(result.map(\.text) == [
            "We dismiss the appeal for lack of jurisdiction.", "", "", "As in many cases, the record matters here.", "",
            "Now to the facts, which are simple.", "", "Smith sued.",
        ])
    }

    @Test func inlineTitlesEndWhereTheParagraphStarts() throws {
        let text = """
            He ran. I. A. The facts are these. 1. The chase through the alley Officers followed him on foot. \
            2. On the roof behind 12 North Main Street The roof was flat. \
            3. Jones and Brown arrive and the arrest Officers Jones and Brown came later. \
            B. We review whether the court had jurisdiction in light of the appeal and the record before it. \
            II. Jones filed suit. After that, nothing happened.

            """
        let result = try blocks(text, family: .flat)
        #expect(headings(result) == [
            "I. 1 ", "A. 2 ", "1. 3 The chase through the alley", "2. 3 On the roof behind 12 North Main Street",
            "3. 3 Jones and Brown arrive and the arrest", "B. 2 ", "II. 1 ",
        ])
        let paragraphs = result.filter { $0.kind == .paragraph }.map(\.text)
        #expect(paragraphs.contains("Officers followed him on foot."))
        #expect(paragraphs.contains("The roof was flat."))
        #expect(paragraphs.contains("Jones filed suit. After that, nothing happened."))
    }

    @Test func aLongTitleIsNoTitle() throws {
        let text = "He ran. 1. The chase through the alley Officers followed him on foot. 2. The end came soon after.\n"
        #expect(try headings(text, family: .flat) == ["1. 1 The chase through the alley", "2. 1 "])
        #expect(try headings(text, family: .flat, parameters: ["maximumTitleWords": .int(3)]) == ["1. 1 ", "2. 1 "])
    }

    @Test func longLinesOfLayoutTextAreReadAsRunningText() throws {
        let sentence = "The officers waited on the stairs for a long while and said nothing at all. "
        let text = String(repeating: sentence, count: 5) + "II. The court agrees with that. " + String(repeating: sentence, count: 2) + "\n"
        // Numbering starts at `I.`: `II.` alone is out of sequence.
        #expect(try headings(text, family: .scan).isEmpty)
        let numbered = "I. " + text
        #expect(try headings(numbered, family: .scan) == ["I. 1 ", "II. 1 "])
    }

    // MARK: Levels

    @Test func levelsFollowTheNumberingAsAStack() throws {
        let text = "Intro. I. A. Text. 1. Text. 2. Text. B. Text. II. Text. A. Text. B. Text. III. Text.\n"
        #expect(try headings(text, family: .flat) == [
            "I. 1 ", "A. 2 ", "1. 3 ", "2. 3 ", "B. 2 ", "II. 1 ", "A. 2 ", "B. 2 ", "III. 1 ",
        ])
    }

    @Test func deepNumberingOpensALevelForEachScheme() throws {
        let text = "Intro. I. A. 1. a. (1) (a) (i) Text. (ii) Text. (b) Text. (2) Text. b. Text. 2. Text. B. Text. II. Text.\n"
        #expect(try headings(text, family: .flat) == [
            "I. 1 ", "A. 2 ", "1. 3 ", "a. 4 ", "(1) 5 ", "(a) 6 ", "(i) 7 ", "(ii) 7 ", "(b) 6 ", "(2) 5 ", "b. 4 ",
            "2. 3 ", "B. 2 ", "II. 1 ",
        ])
    }

    @Test func iAfterHIsALetterAndARomanNumeralOtherwise() throws {
        let letters = "Intro. I. A. Text. B. Text. C. Text. D. Text. E. Text. F. Text. G. Text. H. Text. I. Text. II. Text.\n"
        let result = try headings(letters, family: .flat)
        #expect(result.suffix(3) == ["H. 2 ", "I. 2 ", "II. 1 "])
        // With no letters open, `V.` follows `IV.` as a roman numeral; `C.` after `B.` is a letter.
        let romans = "Intro. I. Text. II. Text. III. Text. IV. Text. V. Text. A. Text. B. Text. C. Text.\n"
        #expect(try headings(romans, family: .flat) == ["I. 1 ", "II. 1 ", "III. 1 ", "IV. 1 ", "V. 1 ", "A. 2 ", "B. 2 ", "C. 2 "])
    }

    @Test func numberingRestartsInEachOpinion() throws {
        let dissent = OpinionHeader(type: .dissent, author: "DOE", byline: "DOE, Circuit Judge, dissenting.")
        var document = StageHarness.document("", family: .flat)
        document.body = StageHarness.stream(
            "We affirm. I. A. Text. B. Text. II. Text. ", .mark(.blockStart(.opinion(dissent))),
            "I. I would reverse. A. Text. B. Text. II. Text.\n")
        document = try StageHarness.run(HeadingStage.self, on: document)
        let opinions = try StageHarness.run(ReflowStage.self, on: document).opinions
        #expect(opinions.count == 2)
        #expect(headings(opinions.last?.blocks ?? []) == ["I. 1 ", "A. 2 ", "B. 2 ", "II. 1 "])
        // In one opinion the second `I.` and `II.` are out of sequence.
        let oneOpinion = "We affirm. I. A. Text. B. Text. II. Text. I. I would reverse. A. Text. B. Text. II. Text.\n"
        #expect(try headings(oneOpinion, family: .flat) == ["I. 1 ", "A. 2 ", "B. 2 ", "II. 1 ", "A. 2 ", "B. 2 "])
    }

    // MARK: False positives

    @Test func outOfSequenceNumbersAtLineStartsAreText() throws {
        let text = """
            The court said the same thing in an earlier case about it.
            773. For these reasons, the rule does not apply here, and
            the appeal goes on.

            """
        #expect(try headings(text, family: .layout).isEmpty)
        let document = try document(text, family: .layout)
        #expect(document.log.edits.isEmpty)
    }

    @Test func pronounsAbbreviationsAndListsAreNotHeadings() throws {
        #expect(try headings("The majority would affirm, but not I. The officers acted too fast.\n", family: .flat).isEmpty)
        #expect(try headings("The motion was filed as Docket No. 1. The court denied it.\n", family: .flat).isEmpty)
        #expect(try headings("The court held that No. 5. The appeal fails.\n", family: .flat).isEmpty)
        // Enumerations in a sentence: after a colon, or before a lowercase word.
        #expect(try headings("The events unfolded in stages: (1) officers came; (2) he ran.\n", family: .flat).isEmpty)
        let list = """
            We conclude that two factual disputes formed the basis:
            (1) how the man moved to the ground as he was shot;
            and (2) whether he posed an immediate threat to them.

            """
        #expect(try headings(list, family: .layout).isEmpty)
    }

    @Test func anInitialAtASentenceStartInRunningTextIsNoHeading() throws {
        let filler = String(repeating: "The jury heard the officers and found for them on every count. ", count: 5)
        let text = "dissenting.\nI have no quarrel with the facts. " + filler
            + "See Doe, 423 F.3d at 770. A. Smith testified, and J. Doe agreed with him. " + filler + "\n"
        #expect(try headings(text, family: .scan).isEmpty)
        #expect(try headings(text, family: .flat).isEmpty)
        // With its second label later, `A.` is a heading after all.
        let numbered = text + "The jury found for them. B. The second question is harder.\n"
        #expect(try headings(numbered, family: .flat) == ["A. 1 ", "B. 1 "])
    }

    // MARK: Unlabelled headings

    @Test func shortCapitalsLinesAreUnlabelledHeadings() throws {
        let text = """
            JOHN DOE,
            Plaintiff-Appellant,
            The facts come from the record and are told in his favor.
            BACKGROUND
            Smith sued the city in state court and the city removed the
            case to federal court.
            STANDARD OF REVIEW
            We review the grant of summary judgment de novo here.
            DISCUSSION
            I.
            The first question is whether the city may be sued at all.
            A.
            It may be, within limits that the statute sets out.
            B.
            The limits do not apply here.
            II.
            The second question is about damages and their amount.
            CONCLUSION
            We affirm the judgment of the district court in full.
            AFFIRMED.

            """
        #expect(try headings(text, family: .layout) == [
            "- 1 BACKGROUND", "- 1 STANDARD OF REVIEW", "- 1 DISCUSSION", "I. 2 ", "A. 3 ", "B. 3 ", "II. 2 ", "- 1 CONCLUSION",
        ])
    }

    @Test func aCapitalsHeadingAfterNumberedOnesLeavesTheirNumberingOpen() throws {
        let text = """
            The facts come from the record and are told in his favor.
            I.
            The first question is whether the city may be sued at all.
            SUMMARY OF THE RULE
            The rule is simple and needs no further explanation now.
            II.
            The second question is about damages and their amount.

            """
        #expect(try headings(text, family: .layout) == ["I. 1 ", "- 1 SUMMARY OF THE RULE", "II. 1 "])
    }

    @Test func capitalHeadingsCanBeTurnedOff() throws {
        let text = "The facts are told in his favor.\nDISCUSSION\nWe review de novo.\n"
        #expect(try headings(text, family: .layout) == ["- 1 DISCUSSION"])
        #expect(try headings(text, family: .layout, parameters: ["capitalHeadings": false]).isEmpty)
    }

    // MARK: Section breaks

    @Test func sectionBreaksOnLinesOfTheirOwn() throws {
        let text = """
            And each reading goes to the question of immunity here.
                *    *    *
            On this record, we have no difficulty concluding that the
            officers acted reasonably.
            ***
            The rest follows.

            """
        let document = try document(text, family: .layout)
        let result = try blocks(of: document)
        #expect(result.map(\.kind) == [.paragraph, .sectionBreak, .paragraph, .sectionBreak, .paragraph])
        #expect(document.log.edits.map(\.before) == ["*    *    *", "***"])
        #expect(document.log.edits.allSatisfy { $0.reason == "section break, kept as a break" })
    }

    @Test func sectionBreaksInlineBetweenSentences() throws {
        let text = "It ends here. * * * On this record, we agree. It goes on. * * * * * The end. The statute says that a * * * b applies.\n"
        let result = try blocks(text, family: .flat)
        #expect(result.map(\.kind) == [.paragraph, .sectionBreak, .paragraph, .sectionBreak, .paragraph])
        #expect(result.last?.text == "The end. The statute says that a * * * b applies.")
        #expect(try blocks(text, family: .flat, parameters: ["sectionBreaks": false]).map(\.kind) == [.paragraph])
    }

    // MARK: The log

    @Test func everyRemovedLabelIsLoggedAndNothingIsLost() throws {
        let text = """
            We dismiss. I. A. As in many cases, the record matters. 1. The chase through the alley Officers ran. \
            2. Then nothing. * * * The end. B. Last part. II. Done.

            """
        let document = try document(text, family: .flat)
        #expect(StageHarness.replayed(document) == document.body.text)
        #expect(document.log.edits.map(\.before) == ["I.", "A.", "1.", "2.", "* * *", "B.", "II."])
        #expect(document.log.edits.first?.reason == "heading label, kept as the heading's label (level 1)")
        // Every word but the labels and stars is still in the blocks.
        let words = try blocks(of: document).flatMap { StageHarness.words($0.text) }
        #expect(words == StageHarness.words(text).filter { !["I.", "A.", "1.", "2.", "*", "B.", "II."].contains($0) })
    }

    @Test func thousandsOfLabelLikeTokensStayLinear() throws {
        // Labels everywhere, most out of sequence: one pass, no quadratic look-backs.
        let line = "It ended. A. The text. 773. For these reasons. (1) Text. I. More. * * * X.\n"
        let flat = String(repeating: line, count: 5_000)
        let layout = String(repeating: "It ended here.\n773. For these reasons.\nA. Smith said so.\n", count: 5_000)
        let clock = ContinuousClock()
        var flatDocument: Document?, layoutDocument: Document?
        let elapsed = try clock.measure {
            flatDocument = try self.document(flat, family: .flat)
            layoutDocument = try self.document(layout, family: .layout)
        }
        // Half a second alone in a debug build; a quadratic pass takes minutes. Generous for a busy machine.
        #expect(elapsed < .seconds(120))
        // No second labels anywhere, so no scheme opens in running text; every star run is a break.
        #expect(flatDocument?.log.edits.count == 5_000)
        #expect(layoutDocument?.log.edits.isEmpty == true)
    }
}
