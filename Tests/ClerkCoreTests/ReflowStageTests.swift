@testable import ClerkCore
import Testing

@Suite struct ReflowStageTests {
    private func paragraphs(_ text: String, family: SourceFamily = .unknown, _ parameters: [String: ClerkJSONValue] = [:]) throws -> [String] {
        try StageHarness.run(ReflowStage.self, text, family: family, parameters: parameters).opinions.first?.blocks.map(\.text) ?? []
    }

    /// Layout text in the shape PDF-to-text gives: page-width lines, no paragraph indentation.
    static let layout = """
            The officers moved for summary judgment, arguing that their
            use of force was reasonable as a matter of law and that they
            were shielded from liability. We dismiss the appeal.
            I.
            A.
            As in many such cases, the factual record plays a critical
            role in our review. Our account comes from the evidence, as
            construed in the plaintiff’s favor. Doe v. Roe Cnty. Comm’rs,

            954 F.3d 981
            , 984 (7th Cir. 2020). The videos overlap in time and place
            and show the same events.
            1. The encounter with the patrol officers
            Two uniformed officers were patrolling on bicycles near the
            building when a caller reported a fight.

        """

    @Test func layoutParagraphsEndAtShortSentenceEndsAndHeadings() throws {
        #expect(try paragraphs(Self.layout) == [
            "The officers moved for summary judgment, arguing that their use of force was reasonable as a matter of law and that they were shielded from liability. We dismiss the appeal.",
            "I.",
            "A.",
            "As in many such cases, the factual record plays a critical role in our review. Our account comes from the evidence, as construed in the plaintiff’s favor. Doe v. Roe Cnty. Comm’rs, 954 F.3d 981, 984 (7th Cir. 2020). The videos overlap in time and place and show the same events.",
            "1. The encounter with the patrol officers",
            "Two uniformed officers were patrolling on bicycles near the building when a caller reported a fight.",
        ])
    }

    /// Justified and double-spaced layout leaves runs of spaces inside lines: one space in the
    /// block's text, and the marks after them keep their place in the words.
    /// A line that opens with a spaced ellipsis is joined after a space; a line that opens
    /// with a comma or period that closes a word is joined without one.
    @Test func anEllipsisOpeningALineKeepsItsSpace() throws {
        let text = "The statute lets the agency \u{201C}regulate\n. . . importation\u{201D} of the goods\n, and no more.\n"
        #expect(try paragraphs(text, family: .layout) == ["The statute lets the agency \u{201C}regulate . . . importation\u{201D} of the goods, and no more."])
    }

    @Test func runsOfSpacesInsideLinesBecomeOneSpace() throws {
        let stream = StageHarness.stream(
            "The board denied   the claim.    The   commission affirmed,",
            .mark(.footnoteRef(label: "2")),
            "\tand the\t\tclaimant appealed   to this court.\n")
        var document = StageHarness.document(stream.text)
        document.body = stream
        let block = try #require(try StageHarness.run(ReflowStage.self, on: document).opinions.first?.blocks.first)
        #expect(block.text == "The board denied the claim. The commission affirmed, and the claimant appealed to this court.")
        let reference = try #require(block.footnoteRefs.first)
        #expect(String(block.text.unicodeScalars.prefix(reference.offset).map(Character.init)).hasSuffix("affirmed,"))
    }

    @Test func fullLinesEndingASentenceDoNotEndTheParagraph() throws {
        let text = """
            This line is a full line of text that ends with a period.
            It goes on in the same paragraph, to the end of the text here.
            Short end.
            Next paragraph starts here and is also a rather long line of text.

            """
        #expect(try paragraphs(text) == [
            "This line is a full line of text that ends with a period. It goes on in the same paragraph, to the end of the text here. Short end.",
            "Next paragraph starts here and is also a rather long line of text.",
        ])
    }

    @Test func indentedFirstLinesStartParagraphs() throws {
        let text = """
            Some text that runs to the full width of the page here, ok.
                Indented first line of a new paragraph that goes on and on.
            Its second line is not indented and continues the paragraph.

            """
        #expect(try paragraphs(text).count == 2)
    }

    @Test func longLineTextBreaksAtSentenceEndsOnly() throws {
        let long = String(repeating: "word ", count: 80)
        let text = "The \(long)ends here.\nThe \(long)and the sentence runs on under\n42 U.S.C. § 1983 and more \(long)ends.\nAnother \(long)paragraph.\n"
        let found = try paragraphs(text)
        #expect(found.count == 3)
        #expect(found[1].contains("runs on under 42 U.S.C. § 1983 and more"))
    }

    /// Found by the property tests: a paragraph ending in `… was;` or `… 2112; I.` took the next
    /// one in across the blank line between them, so a second run over clean text joined them.
    @Test func longLineTextBreaksAtEveryBlankLine() throws {
        let long = String(repeating: "word ", count: 80)
        for ending in ["was;", "2112; I.", "Scott v.", "the court,", "(see"] {
            let text = "The \(long)\(ending)\n\nNext \(long)paragraph.\n"
            #expect(try paragraphs(text, family: .scan).count == 2, "\(ending)")
        }
        // Without the blank line, the line that stops mid-sentence still runs on.
        #expect(try paragraphs("The \(long)was;\nNext \(long)paragraph.\n", family: .scan).count == 1)
    }

    @Test func flatTextLineBreaksAreArtefacts() throws {
        let long = String(repeating: "word ", count: 80)
        let text = "The \(long)ends.\nId. at 396. The \(long)ends.\n"
        #expect(try paragraphs(text, family: .flat).count == 1)
        #expect(try paragraphs(text, family: .scan).count == 2)
    }

    @Test func abbreviationsDoNotEndSentences() throws {
        let long = String(repeating: "word ", count: 80)
        let text = "The \(long)as held in Scott v.\nHarris, 550 U.S. 372.\nNext \(long)paragraph.\n"
        #expect(try paragraphs(text).count == 2)
    }

    @Test func blankLinesModeKeepsEveryRunOfLinesAsAParagraph() throws {
        let found = try paragraphs("a\nb.\nC\n\nd\n", ["mode": "blankLines"])
        #expect(found == ["a b. C", "d"])
    }

    @Test func pageBreaksAndFootnoteRefsKeepTheirWords() throws {
        var document = StageHarness.document("the sentence runs\non past the page.\n")
        var log = EditLog()
        document.body.apply([TextEdit(range: 18..<18, reason: "test", marks: [.pageBreak(label: "5")]),
                             TextEdit(range: 17..<17, reason: "test", marks: [.footnoteRef(label: "2")])], stage: "t", log: &log)
        document = try StageHarness.run(ReflowStage.self, on: document)
        let block = try #require(document.opinions.first?.blocks.first)
        #expect(block.text == "the sentence runs on past the page.")
        #expect(block.footnoteRefs == [FootnoteRef(offset: 17, label: "2")])
        #expect(block.pageBreaks == [PageBreak(offset: 18, page: "5")])
    }

    @Test func blankInputWarnsAndMakesNoOpinion() throws {
        let document = try StageHarness.run(ReflowStage.self, " \n\t\n")
        #expect(document.opinions.isEmpty)
        #expect(document.log.warnings.map(\.stage) == ["reflow"])
    }

    @Test func labelsAreRecognised() {
        for label in ["I.", "IV.", "A.", "1.", "12.", "(a)"] { #expect(ReflowLine.isLabel(label), "\(label)") }
        for text in ["Id.", "v.", "No.", "a.", "I", "1"] { #expect(!ReflowLine.isLabel(text), "\(text)") }
    }
}

typealias ClerkJSONValue = ClerkJSON.JSONValue
import ClerkJSON
