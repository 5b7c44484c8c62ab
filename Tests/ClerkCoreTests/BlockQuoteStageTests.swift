import ClerkJSON
import Testing
@testable import ClerkCore

/// Block quotes in layout text, checked through reflow: the blocks that come out.
@Suite struct BlockQuoteStageTests {
    // A PDF-to-text page: body lines of about 65 characters at a 4-space indentation, quotations
    // at 10 spaces.
    private static func body(_ lines: String...) -> [String] { lines.map { "    " + $0 } }
    private static func quote(_ lines: String...) -> [String] { lines.map { "          " + $0 } }
    private static func text(_ parts: [String]...) -> String { parts.joined().joined(separator: "\n") + "\n" }

    private static let intro = body(
        "The officers moved for summary judgment, arguing that their use",
        "of force was reasonable as a matter of law and that qualified",
        "immunity shielded them from any liability for the shooting. The",
        "district court denied the motion, and the officers appealed. The",
        "statute under which the plaintiff sued provides, in relevant part:")
    private static let statute = quote(
        "Every person who, under color of any statute, ordinance,",
        "regulation, custom, or usage, of any State subjects, or",
        "causes to be subjected, any citizen of the United States",
        "to the deprivation of any rights, privileges, or immunities",
        "secured by the Constitution and laws, shall be liable.")
    private static let after = body(
        "42 U.S.C. § 1983. We review the denial of qualified immunity de",
        "novo, taking the facts in the light most favorable to Smith, the",
        "nonmoving party, and drawing all reasonable inferences in his",
        "favor. That standard governs the whole of this interlocutory appeal.")
    private static let introText = "The officers moved for summary judgment, arguing that their use of force was reasonable as a matter of law and that qualified immunity shielded them from any liability for the shooting. The district court denied the motion, and the officers appealed. The statute under which the plaintiff sued provides, in relevant part:"
    private static let statuteText = "Every person who, under color of any statute, ordinance, regulation, custom, or usage, of any State subjects, or causes to be subjected, any citizen of the United States to the deprivation of any rights, privileges, or immunities secured by the Constitution and laws, shall be liable."
    private static let afterText = "42 U.S.C. § 1983. We review the denial of qualified immunity de novo, taking the facts in the light most favorable to Smith, the nonmoving party, and drawing all reasonable inferences in his favor. That standard governs the whole of this interlocutory appeal."

    private func marked(_ document: Document, parameters: [String: JSONValue] = [:]) throws -> Document {
        try StageHarness.run(BlockQuoteStage.self, on: document, parameters: parameters)
    }

    private func blocks(_ text: String, family: SourceFamily = .layout, parameters: [String: JSONValue] = [:]) throws -> [Block] {
        try blocks(of: StageHarness.document(text, family: family), parameters: parameters)
    }

    private func blocks(of document: Document, parameters: [String: JSONValue] = [:]) throws -> [Block] {
        let quoted = try marked(document, parameters: parameters)
        #expect(quoted.body.bytes == document.body.bytes, "the stage changes no text")
        #expect(quoted.log.edits.isEmpty)
        return try StageHarness.run(ReflowStage.self, on: quoted).opinions.flatMap(\.blocks)
    }

    private func kinds(_ blocks: [Block]) -> [BlockKind] { blocks.map(\.kind) }

    @Test func anIndentedQuotationBetweenBlankLinesIsABlockQuote() throws {
        let found = try blocks(Self.text(Self.intro, [""], Self.statute, [""], Self.after))
        #expect(kinds(found) == [.paragraph, .blockquote, .paragraph])
        #expect(found.map(\.text) == [Self.introText, Self.statuteText, Self.afterText])
    }

    @Test func aQuotationWithoutBlankLinesAroundItIsABlockQuote() throws {
        let found = try blocks(Self.text(Self.intro, Self.statute, Self.after))
        #expect(kinds(found) == [.paragraph, .blockquote, .paragraph])
        #expect(found.map(\.text) == [Self.introText, Self.statuteText, Self.afterText])
    }

    @Test func aQuotationOfTwoParagraphsIsOneBlockQuoteOfTwoBlocks() throws {
        let quoted = Self.quote(
            "A conclusive video allows a court to know what happened and",
            "decide the legal consequences of those events.") + ["                  "]
            + Self.quote(
                "    But a video that is ambiguous can be relied on only for",
                "those facts that can be established with confidence and",
                "beyond reasonable question.")
        let found = try blocks(Self.text(Self.intro, [""], quoted, [""], Self.after))
        #expect(kinds(found) == [.paragraph, .blockquote, .blockquote, .paragraph])
        #expect(found[1].text == "A conclusive video allows a court to know what happened and decide the legal consequences of those events.")
        #expect(found[2].text == "But a video that is ambiguous can be relied on only for those facts that can be established with confidence and beyond reasonable question.")
    }

    @Test func aQuotationGoesOnAcrossAPageBreak() throws {
        let before = Self.text(Self.intro, [""], Array(Self.statute.prefix(3)))
        let rest = Self.text(Array(Self.statute.dropFirst(3)), [""], Self.after)
        // The running header was removed by the furniture stage; its page break is at the
        // first word of the new page.
        var document = StageHarness.document("", family: .layout)
        document.body = StageHarness.stream(
            .text(before), "          ", .mark(.pageBreak(label: "5")), .text(String(rest.dropFirst(10))))
        let found = try blocks(of: document)
        #expect(kinds(found) == [.paragraph, .blockquote, .paragraph])
        #expect(found[1].text == Self.statuteText)
        let offset = Self.statuteText.unicodeScalars.count - "to the deprivation of any rights, privileges, or immunities secured by the Constitution and laws, shall be liable.".unicodeScalars.count
        #expect(found[1].pageBreaks == [PageBreak(offset: offset, page: "5")])
    }

    @Test func linesJoinedByDehyphenationDoNotHideAQuotation() throws {
        // Dehyphenation takes the rest of the next line along (`com-` / `plained, …`), so some
        // lines are twice as long as a printed line, in the body and in the quotation.
        let joined = Self.body(
            "The officers moved for summary judgment, arguing that their use of force was reasonable as a matter of law and that qualified",
            "immunity shielded them from any liability for the shooting. The",
            "district court denied the motion, and the officers appealed. We review the denial of qualified immunity de novo, taking the",
            "facts in the light most favorable to Smith. The statute provides:")
        let quoted = Self.quote(
            "Every person who, under color of any statute, ordinance,",
            "regulation, custom, or usage, of any State subjects, or causes to be subjected, any citizen of the United States",
            "to the deprivation of any rights shall be liable.")
        let found = try blocks(Self.text(joined, quoted, Self.after, joined))
        #expect(kinds(found).prefix(3) == [.paragraph, .blockquote, .paragraph])
        #expect(found.filter { $0.kind == .blockquote }.map(\.text) == ["Every person who, under color of any statute, ordinance, regulation, custom, or usage, of any State subjects, or causes to be subjected, any citizen of the United States to the deprivation of any rights shall be liable."])
    }

    @Test func aQuotationAtTheEndOfTheDocumentIsABlockQuote() throws {
        let found = try blocks(Self.text(Self.intro, [""], Self.statute))
        #expect(kinds(found) == [.paragraph, .blockquote])
        #expect(found.last?.text == Self.statuteText)
    }

    @Test func aParagraphsFirstLineRightAfterAQuotationIsNotQuoted() throws {
        // The first line of the next paragraph is indented as deep as the quotation and wraps
        // into a body line.
        let next = Self.quote("The district court denied the motion, and the officers")
            + Self.body("appealed. We review the denial of qualified immunity de novo,", "and we take the facts in the light most favorable to Smith.")
        let found = try blocks(Self.text(Self.intro, Self.statute, next))
        #expect(kinds(found) == [.paragraph, .blockquote, .paragraph])
        #expect(found[2].text.hasPrefix("The district court denied the motion, and the officers appealed."))
    }

    @Test func indentedFirstLinesOfParagraphsAreNotQuotes() throws {
        let text = Self.text(
            ["        The officers moved for summary judgment, arguing that their"],
            Self.body(
                "use of force was reasonable as a matter of law and that they",
                "were shielded from liability by the doctrine of qualified",
                "immunity, which protects officers from reasonable mistakes."),
            ["        The district court denied the motion, finding that disputes"],
            Self.body(
                "of fact remained about how much of a threat Smith posed and",
                "how actively he was resisting when the officers shot him, and",
                "the officers took this interlocutory appeal from that order."))
        let document = try marked(StageHarness.document(text, family: .layout))
        #expect(document.body.marks.isEmpty)
        #expect(kinds(try blocks(text)) == [.paragraph, .paragraph])
    }

    @Test func sampleWithUniformIndentationHasNoBlockQuotes() throws {
        let document = try StageHarness.convertedSample("002_b9cf1909a371d268.txt")
        #expect(document.source.family == .layout)
        #expect(!document.opinions.flatMap(\.blocks).contains { $0.kind == .blockquote })
    }

    @Test func aCentredCaptionBeforeTheBodyIsNotAQuote() throws {
        let caption = [
            "                      UNITED STATES COURT OF APPEALS",
            "                         FOR THE SEVENTH CIRCUIT",
            "",
            "          Appeal from the United States District Court for the",
            "          Eastern District of Wisconsin, No. 18-cv-00143, Judge Doe.",
            "",
        ]
        let document = try marked(StageHarness.document(Self.text(caption, Self.intro, Self.after), family: .layout))
        #expect(document.body.marks.isEmpty)
    }

    @Test func centredHeadingsLabelsAndSectionBreaksAreNotQuotes() throws {
        let text = Self.text(
            Self.intro, Self.after,
            ["                                  II.", "                               DISCUSSION"],
            Self.after,
            ["                  A. Whether the Officers Used Excessive Force",
             "                          in Violation of the Fourth Amendment"],
            Self.after, ["                                 * * *"], Self.after)
        let document = try marked(StageHarness.document(text, family: .layout))
        #expect(document.body.marks.isEmpty)
    }

    @Test func aNumberedListOfOneLineItemsIsNotAQuoteAndIsReported() throws {
        let list = Self.quote(
            "1. the officers arrived at the building at about one o’clock;",
            "2. Smith ran south on 29th Street when they approached; and",
            "3. the officers saw an object in his left pants pocket.")
        let document = try marked(StageHarness.document(Self.text(Self.intro, list, Self.after), family: .layout))
        #expect(document.body.marks.isEmpty)
        #expect(document.log.warnings.map(\.message) == ["an indented run of lines reads as a numbered list and was not taken as a block quote"])
    }

    @Test func aListWithHangingIndentationIsNotAQuote() throws {
        let list = Self.quote(
            "(a) the officers arrived at the building on the west side",
            "    and spoke with the two men standing on the sidewalk;",
            "(b) Smith then ran south on 29th Street when they came",
            "    closer, holding an object in his left pants pocket.")
        let document = try marked(StageHarness.document(Self.text(Self.intro, list, Self.after), family: .layout))
        #expect(document.body.marks.isEmpty)
    }

    @Test func aQuotedStatuteWhoseItemsWrapToTheMarginIsAQuote() throws {
        let quoted = Self.quote(
            "(a) Whoever, under color of any law, willfully subjects any",
            "person to the deprivation of any right shall be fined.",
            "(b) Whoever conspires to injure any person in the free",
            "exercise of any right shall be fined under this title.")
        #expect(kinds(try blocks(Self.text(Self.intro, quoted, Self.after))) == [.paragraph, .blockquote, .paragraph])
    }

    @Test func aTableIsNotAQuote() throws {
        let narrow = Self.quote("Finkley      2 shots", "Stahl        1 shot", "Wenzel       none")
        let wide = Self.quote(
            "Officer            Shots fired         Distance to Smith",
            "Finkley            two                 about fifteen feet",
            "Stahl              one                 about fifteen feet")
        for table in [narrow, wide] {
            let document = try marked(StageHarness.document(Self.text(Self.intro, table, Self.after), family: .layout))
            #expect(document.body.marks.isEmpty)
        }
    }

    @Test func aPagePrintedFurtherRightIsNotAQuote() throws {
        // Odd and even pages with different left margins: the shifted page's full lines reach
        // past the body's right margin.
        let shifted = (Self.after + Self.intro).map { "      " + $0 }
        let text = Self.text(Self.intro, Self.after, Self.intro, shifted, Self.after)
        let document = try marked(StageHarness.document(text, family: .layout))
        #expect(document.body.marks.isEmpty)
    }

    @Test func aLineThatAlreadyStartsABlockIsNotQuoted() throws {
        let heading = "          The Statute Under Which the Plaintiff Sued Here\n"
        var document = StageHarness.document("", family: .layout)
        document.body = StageHarness.stream(
            .text(Self.text(Self.intro)), "          ", .mark(.blockStart(.heading(level: 2, label: nil))),
            .text(String(heading.dropFirst(10))), .text(Self.text(Self.statute, Self.after)))
        let marked = try marked(document)
        let starts = marked.body.marks.compactMap { mark -> BlockStart? in
            if case .blockStart(let start) = mark.kind { return start }
            return nil
        }
        #expect(starts == [.heading(level: 2, label: nil), .blockquote, .paragraph])
    }

    @Test func flattenedTextAndLongLinesAreLeftAlone() throws {
        let text = Self.text(Self.intro, Self.statute, Self.after)
        #expect(try marked(StageHarness.document(text, family: .flat)).body.marks.isEmpty)
        #expect(try marked(StageHarness.document(text, family: .html)).body.marks.isEmpty)
        let long = String(repeating: "word ", count: 80)
        let longLines = "The \(long)ends.\n          The \(long)ends.\n          The \(long)ends.\n"
        #expect(try marked(StageHarness.document(longLines, family: .scan)).body.marks.isEmpty)
        #expect(!(try marked(StageHarness.document(text, family: .scan)).body.marks.isEmpty))
    }

    @Test func minimumExtraIndentAndMinimumLinesAreHonoured() throws {
        let text = Self.text(Self.intro, Self.statute, Self.after)
        #expect(try marked(StageHarness.document(text, family: .layout), parameters: ["minimumExtraIndent": 7]).body.marks.isEmpty)
        #expect(try marked(StageHarness.document(text, family: .layout), parameters: ["minimumLines": 6]).body.marks.isEmpty)
        #expect(try marked(StageHarness.document(text, family: .layout), parameters: ["minimumLines": 5]).body.marks.count == 2)
    }
}
