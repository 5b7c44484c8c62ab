import ClerkTestSupport
import ClerkJSON
import Testing
@testable import ClerkCore

@Suite struct DispositionStageTests {
    private static let reasoning = "The officers’ account of the standoff is disputed, and the video does not settle what happened on the roof. See Doe v. Roe, 515 U.S. 304, 320 (1995)."

    private func disposition(
        _ opinions: [Opinion], parameters: [String: JSONValue] = [:]
    ) throws -> String? {
        var document = StageHarness.document("")
        document.opinions = opinions
        return try StageHarness.run(DispositionStage.self, on: document, parameters: parameters).disposition
    }

    /// The disposition of a lead opinion whose last paragraphs are `paragraphs`.
    private func disposition(_ paragraphs: String..., type: OpinionType = .majority) throws -> String? {
        try disposition([Opinion(type: type, blocks: paragraphs.map { Block(kind: .paragraph, text: $0) })])
    }

    @Test(arguments: [
        ("\(reasoning) Therefore, we DISMISS for lack of appellate jurisdiction.", "we DISMISS for lack of appellate jurisdiction"),
        ("AFFIRMED.", "AFFIRMED"),
        ("REVERSED and REMANDED.", "REVERSED and REMANDED"),
        ("For these reasons, the judgment of the district court is AFFIRMED.", "the judgment of the district court is AFFIRMED"),
        ("The judgment of the district court is AFFIRMED.", "The judgment of the district court is AFFIRMED"),
        ("AFFIRMED in part, REVERSED in part, and REMANDED.", "AFFIRMED in part, REVERSED in part, and REMANDED"),
        ("VACATED and REMANDED with instructions to dismiss the complaint.", "VACATED and REMANDED with instructions to dismiss the complaint"),
        ("We affirm the judgment of the district court.", "We affirm the judgment of the district court"),
        ("Accordingly, we therefore reverse and remand.", "we therefore reverse and remand"),
        ("The petition for review is denied.", "The petition for review is denied"),
        ("Judgment affirmed.", "Judgment affirmed"),
        ("Affirmed.", "Affirmed"),
        ("The Board’s order is ENFORCED.", "The Board’s order is ENFORCED"),
        ("For the foregoing reasons, the petition for review is GRANTED, the order of the Board is VACATED, and the case is REMANDED.",
         "the petition for review is GRANTED, the order of the Board is VACATED, and the case is REMANDED"),
        ("Accordingly, the judgment, as modified, is affirmed.", "the judgment, as modified, is affirmed"),
        ("IT IS ORDERED that the motion to dismiss the appeal is GRANTED.", "IT IS ORDERED that the motion to dismiss the appeal is GRANTED"),
        ("The judgment of the U.S. District Court is affirmed.", "The judgment of the U.S. District Court is affirmed"),
        ("\(reasoning) Id. We affirm.", "We affirm"),
    ])
    func findsTheDecision(_ paragraph: String, _ expected: String) throws {
        #expect(try disposition(paragraph) == expected)
    }

    @Test(arguments: [
        "The district court denied the motion, and the officers appealed.",
        "We affirmed a similar judgment in Doe v. Roe, 5 F.3d 1 (7th Cir. 1999).",
        "For the foregoing reasons, I respectfully dissent and would affirm the judgment in favor of the officers.",
        "Granted, the officers could have waited longer before they fired.",
        "The judgment was affirmed by the en banc court in 2019.",
        "Reversed by the Supreme Court, the rule no longer binds us.",
        "Officers Doe and Roe are entitled to qualified immunity.",
        "Because we affirm on this ground, we need not reach the others.",
        "The court of appeals reversed, and we granted certiorari.",
    ])
    func otherCourtsAndOtherVoicesAreNoDisposition(_ paragraph: String) throws {
        #expect(try disposition(paragraph) == nil)
    }

    @Test func theDecisionIsPreferredToTheClosingFormula() throws {
        #expect(try disposition(
            "The judgment of the Court of Appeals is reversed, and the case is remanded for further proceedings consistent with this opinion.",
            "It is so ordered.")
            == "The judgment of the Court of Appeals is reversed, and the case is remanded for further proceedings consistent with this opinion")
        #expect(try disposition(Self.reasoning, "SO ORDERED.") == "SO ORDERED")
    }

    @Test func theLastDecisionWins() throws {
        #expect(try disposition("We deny the appellee’s motion to strike the appendix.", Self.reasoning, "We AFFIRM.") == "We AFFIRM")
    }

    @Test func onlyTheLastBlocksAreSearched() throws {
        let paragraphs = ["We AFFIRM."] + Array(repeating: Self.reasoning, count: 5)
        let opinion = Opinion(type: .majority, blocks: paragraphs.map { Block(kind: .paragraph, text: $0) })
        #expect(try disposition([opinion]) == nil)
        #expect(try disposition([opinion], parameters: ["lastBlocks": 6]) == "We AFFIRM")
    }

    @Test func blockQuotesAreSomeoneElsesWords() throws {
        let opinion = Opinion(type: .majority, blocks: [
            Block(kind: .paragraph, text: "The panel’s order read in full:"),
            Block(kind: .blockquote, text: "The petition is DENIED."),
            Block(kind: .paragraph, text: Self.reasoning),
        ])
        #expect(try disposition([opinion]) == nil)
    }

    @Test func theLeadOpinionSpeaksNotTheDissent() throws {
        let majority = Opinion(type: .majority, author: "DOE", blocks: [
            Block(kind: .paragraph, text: Self.reasoning + " Therefore, we DISMISS for lack of appellate jurisdiction."),
        ])
        let dissent = Opinion(type: .dissent, author: "ROE", blocks: [
            Block(kind: .paragraph, text: "I would reverse. The judgment should be REVERSED."),
            Block(kind: .paragraph, text: "Accordingly, I respectfully dissent."),
        ])
        let syllabus = Opinion(type: .syllabus, blocks: [Block(kind: .paragraph, text: "Held: The judgment is reversed.")])
        #expect(try disposition([majority, dissent]) == "we DISMISS for lack of appellate jurisdiction")
        #expect(try disposition([syllabus, majority, dissent]) == "we DISMISS for lack of appellate jurisdiction")
        // Text before the first byline is an opinion of unknown type; the majority still leads.
        let preamble = Opinion(type: .unknown, blocks: [
            Block(kind: .paragraph, text: "Appeal from the United States District Court for the Eastern District of Wisconsin."),
        ])
        #expect(try disposition([preamble, majority, dissent]) == "we DISMISS for lack of appellate jurisdiction")
        // A lead opinion whose byline was not recognized.
        let unsplit = Opinion(type: .unknown, blocks: [Block(kind: .paragraph, text: Self.reasoning + " We AFFIRM.")])
        let concurrence = Opinion(type: .concurrence, blocks: [Block(kind: .paragraph, text: "I join the opinion. The judgment is VACATED.")])
        #expect(try disposition([unsplit, concurrence]) == "We AFFIRM")
        let perCuriam = Opinion(type: .perCuriam, blocks: [Block(kind: .heading, text: "Conclusion"), Block(kind: .paragraph, text: "AFFIRMED.")])
        #expect(try disposition([perCuriam, dissent]) == "AFFIRMED")
    }

    @Test func aFragmentOfADissentOrConcurrenceHasNoDisposition() throws {
        let dissent = Opinion(type: .dissent, blocks: [Block(kind: .paragraph, text: "I would AFFIRM. The judgment is AFFIRMED.")])
        let concurrence = Opinion(type: .concurrence, blocks: [Block(kind: .paragraph, text: "We AFFIRM, and I join the opinion.")])
        #expect(try disposition([dissent]) == nil)
        #expect(try disposition([concurrence, dissent]) == nil)
        #expect(try disposition([]) == nil)
    }

    /// Reflow splits the opinions at their starts; the disposition comes from the majority's end
    /// even though the dissent ends the document.
    @Test func afterReflowTheMajorityEndingIsRead() throws {
        var document = StageHarness.document("", family: .flat)
        document.body = StageHarness.stream(
            .mark(.blockStart(.opinion(OpinionHeader(type: .majority, author: "DOE")))),
            .text(Self.reasoning + "\n\nTherefore, we DISMISS for lack of appellate jurisdiction.\n\n"),
            .mark(.blockStart(.opinion(OpinionHeader(type: .dissent, author: "ROE", byline: "ROE, Circuit Judge, dissenting.")))),
            "The majority errs.\n\nAccordingly, I respectfully dissent.\n")
        document = try StageHarness.run(ReflowStage.self, on: document)
        document = try StageHarness.run(DispositionStage.self, on: document)
        #expect(document.disposition == "we DISMISS for lack of appellate jurisdiction")
    }

    @Test func theDissentFragmentSampleHasNone() throws {
        let document = try StageHarness.convertedSample("000_39a4dcb9fca6dd5d.txt")
        #expect(document.disposition == nil)
    }

    @Test func sentencesEndAtPeriodsThatAreNotAbbreviations() {
        #expect(Sentences.split("See Doe v. Roe, 515 U.S. 304, 320 (7th Cir. 1995). Id. at 5. Id. The officers, e.g. Smith, J. Doe and “others,” left. Did they? “Yes.” (They did.) Done") == [
            "See Doe v. Roe, 515 U.S. 304, 320 (7th Cir. 1995).", "Id. at 5.", "Id.",
            "The officers, e.g. Smith, J. Doe and “others,” left.", "Did they?", "“Yes.”", "(They did.)", "Done",
        ])
        #expect(Sentences.split("") == [])
        #expect(Sentences.split("No end") == ["No end"])
    }

    /// The stage reads sentences as byte ranges and words on bytes; both must agree with the
    /// `Character` readings on any text, including scalars that join their neighbours.
    @Test func byteReadingsAgreeWithCharacterReadings() {
        let pieces = [
            "we", "We", "AFFIRM", "affirmed.", "Reversed,", "the", "judgment", "is", "are", "hereby", "It", "ordered",
            "that", "so", "SO", "ORDERED.", "cross-appeal", "Therefore,", "I", "would", "and", "denied.", "Petition",
            "“affirmed”", "(vacated)", "‘we", "Søren", "affirméd", "é", "§", "¶", "—", "…", "\u{00A0}", "remand\u{0301}",
            "\u{0301}", "\u{0600}", "\u{200D}", "\u{0903}", "\u{212A}", "İs", "👍", "🇺🇸", "a\u{0301}ffirmed", "e.g.", "U.S.", "Id.", "v.", "J.", "?", "!", ",",
            "\"", "’", "1.", "A.", "\r\n", "\t", "",
        ]
        var random = SplitMix64(seed: 0xD15_9051_7104)
        var decided = 0
        for _ in 0..<10_000 {
            var text = ""
            for _ in 0..<(1 + Int(random.next() % 12)) {
                text += pieces[Int(random.next() % UInt64(pieces.count))]
                text += random.next() % 5 == 0 ? "" : String(repeating: " ", count: 1 + Int(random.next() % 2))
            }
            let bytes = Array(text.utf8)
            let ranges = DispositionStage.sentences(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
            #expect(ranges == Sentences.split(text), "\(text)")
            let sentence = DispositionSentence(text)
            #expect(sentence == DispositionSentence(text, readingBytes: false), "\(text)")
            if sentence != nil { decided += 1 }
        }
        #expect(decided > 500)
    }
}
