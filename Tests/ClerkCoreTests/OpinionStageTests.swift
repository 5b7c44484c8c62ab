import ClerkTestSupport
import Testing
@testable import ClerkCore

/// Bylines in the forms courts print them, and the opinions they open.
@Suite struct BylineParserTests {
    private func parse(_ text: String, atStart: Bool = false, summary: Bool = true) -> BylineParser.Byline? {
        BylineParser.parse(TextTokenizer.words(in: Array(text.utf8), from: 0, limit: 64), atFragmentStart: atStart, allowSummaryForm: summary)
    }

    private func typeAndAuthor(_ text: String) -> (OpinionType?, String?)? {
        parse(text).map { ($0.type, $0.author) }
    }

    @Test(arguments: [
        ("HALE, Circuit Judge. The plaintiff sued.", nil, "HALE"),
        ("ST. CLAIR, Circuit Judge. Text.", nil, "ST. CLAIR"),
        ("MORROW, Chief Judge, dissenting. The majority errs.", .dissent, "MORROW"),
        ("OKAFOR, Senior Circuit Judge, concurring. I join.", .concurrence, "OKAFOR"),
        ("LINDQVIST, J., concurring.", .concurrence, "LINDQVIST"),
        ("LINDQVIST, J., concurring in part and dissenting in part.", .concurrenceInPartDissentInPart, "LINDQVIST"),
        ("LINDQVIST, J., concurring in the judgment.", .concurrenceInJudgment, "LINDQVIST"),
        ("LINDQVIST, J., dissenting in part.", .dissentInPart, "LINDQVIST"),
        ("LINDQVIST, C. J., dissenting.", .dissent, "LINDQVIST"),
        ("O’MARA, P.J., dissenting from the denial of rehearing en banc.", .dissent, "O’MARA"),
        ("JUSTICE HALVORSEN delivered the opinion of the Court.", .majority, "HALVORSEN"),
        ("Justice Halvorsen delivered the opinion of the court.", .majority, "Halvorsen"),
        ("JUSTICE HALVORSEN delivered the opinion of the Court with respect to Parts I and II, and an opinion with respect to Part III, in which JUSTICE PRATT joins.", .majority, "HALVORSEN"),
        ("JUSTICE HALVORSEN announced the judgment of the Court and delivered an opinion, in which JUSTICE PRATT joins.", .plurality, "HALVORSEN"),
        ("THE CHIEF JUSTICE delivered the opinion of the Court.", .majority, "THE CHIEF JUSTICE"),
        ("MR. JUSTICE HALVORSEN delivered the opinion of the Court.", .majority, "HALVORSEN"),
        ("JUSTICE PRATT, with whom JUSTICE ABARA and JUSTICE CHO join, dissenting.", .dissent, "PRATT"),
        ("JUSTICE PRATT, concurring in the judgment.", .concurrenceInJudgment, "PRATT"),
        ("Chief Justice Pratt, concurring.", .concurrence, "Pratt"),
        ("PER CURIAM.", .perCuriam, nil),
        ("Per Curiam:", .perCuriam, nil),
        ("Opinion for the court filed by Circuit Judge Abara.", .majority, "Abara"),
        ("Dissenting opinion filed by Senior Circuit Judge Cho.", .dissent, "Cho"),
        ("Opinion concurring in part and dissenting in part filed by Circuit Judge Cho.", .concurrenceInPartDissentInPart, "Cho"),
        ("Opinion by Justice Abara.", .majority, "Abara"),
        ("Opinion of the Court by Abara, J.", .majority, "Abara"),
        ("ABARA, Board Member:", nil, "ABARA"),
        ("CHO, Appellate Immigration Judge:", nil, "CHO"),
        ("O'MARA, Acting P. J., dissenting.", .dissent, "O'MARA"),
        ("Presiding Judge Ann Q. Pratt, III, delivered the opinion of the Appeals Board, in which Judge Omar Cho joined.", .majority, "Ann Q. Pratt"),
        ("Judge Ann Q. Pratt delivered the opinion of the Board in which Judge Omar Cho joined.", .majority, "Ann Q. Pratt"),
    ] as [(String, OpinionType?, String?)])
    func readsCommonForms(text: String, type: OpinionType?, author: String?) throws {
        let found = try #require(typeAndAuthor(text), "no byline in \(text)")
        #expect(found.0 == type)
        #expect(found.1 == author)
    }

    /// A note mark after the byline's period ends it all the same: the opinion's first
    /// sentence is not taken into the byline.
    @Test func aNoteMarkAfterTheBylinesPeriodEndsIt() throws {
        let text = "CHIEF JUSTICE HALE announced the judgment of the Court and delivered the opinion of the Court, except as to Part III.* We decide whether the statute reaches the levies."
        let byline = try #require(parse(text))
        #expect(byline.type == .plurality)
        #expect(byline.wordCount == text.split(separator: " ").firstIndex { $0 == "III.*" }! + 1)
        #expect(parse("PER CURIAM:* The judgment is affirmed.")?.wordCount == 2)
    }

    @Test(arguments: [
        "JOHN ROE, JR., Plaintiff-Appellee,",
        "ACME CORP., Defendant-Appellant.",
        "MARY ROE and RICHARD ROE, Defendants.",
        "Justice Pratt delivered the opinion of the Court in that case, holding otherwise.",
        "Justice Pratt, dissenting, wrote that the rule was clear.",
        "HALVORSEN, J., delivered the opinion of the Court, in which PRATT and CHO, JJ., joined.",
        "PRATT, J., filed a dissenting opinion.",
        "The officers dissented.",
        "UNITED STATES COURT OF APPEALS",
        "dissenting.",
        // Found by the property tests: a name that ends the sentence trapped (a range past its end).
        "JUSTICE PRATT. We affirm.",
        "Justice Øverby.",
        "THE CHIEF JUSTICE. We affirm.",
    ])
    func refusesWhatIsNotAByline(text: String) {
        #expect(parse(text) == nil)
    }

    @Test func aSyllabusSummaryLineIsNotABylineInsideASyllabus() {
        #expect(parse("HALVORSEN, J., delivered the opinion for a unanimous Court.", summary: false) == nil)
        #expect(parse("HALVORSEN, J., delivered the opinion of the Court.")?.type == .majority)
    }

    @Test(arguments: [
        ("dissenting.", OpinionType.dissent),
        ("concurring in part and dissenting in part.", .concurrenceInPartDissentInPart),
        ("J., concurring.", .concurrence),
        ("Circuit Judge, dissenting.", .dissent),
    ])
    func aFragmentStartNamesTheTypeOnly(text: String, type: OpinionType) throws {
        let found = try #require(parse(text + " The rest of the opinion.", atStart: true))
        #expect(found.type == type)
        #expect(found.author == nil)
    }

    /// The stage asks `mayParse` before it reads tokens: where it says no, the parser finds none.
    @Test func mayParseRulesOutOnlyWhatTheParserRefuses() {
        let pieces = [
            "HALE,", "Circuit", "Judge.", "Chief", "JUSTICE", "Justice", "THE", "PER", "CURIAM.", "Opinion", "opinion",
            "for", "the", "court", "filed", "FILED", "by", "Judge", "DOE,", "J.,", "dissenting.", "concurring", "in", "part.",
            "delivered", "of", "Court.", "Mr.", "with", "whom", "joins,", "\u{2014}", "—DOE,", "ROE", "and", ",", "\n", "\n\n",
            "Smith", "The", "plaintiff", "sued.",
        ]
        var random = SplitMix64(seed: 0xB1_11E5)
        var parsed = 0
        for _ in 0..<6_000 {
            let count = 1 + Int(random.next() % 10)
            let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined(separator: " ")
            let bytes = Array(text.utf8)
            for atStart in [false, true] {
                let byline = BylineParser.parse(TextTokenizer.words(in: bytes, from: 0, limit: 64), atFragmentStart: atStart)
                if byline != nil { parsed += 1 }
                if !BylineParser.mayParse(bytes, at: 0, atFragmentStart: atStart) { #expect(byline == nil, "\(text)") }
            }
        }
        #expect(parsed > 100)
    }

}

@Suite struct OpinionStageTests {
    private func opinions(_ text: String, family: SourceFamily = .layout) throws -> (Document, [Opinion]) {
        let split = try StageHarness.run(OpinionStage.self, text, family: family)
        let reflowed = try StageHarness.run(ReflowStage.self, on: split)
        return (split, reflowed.opinions)
    }

    @Test(arguments: [
        ("ORDER", true), ("MEMORANDUM OPINION AND ORDER", true), ("ORDER GRANTING MOTION TO DISMISS", true),
        ("DECISION AND ORDER", true), ("ORDER AND JUDGMENT", true), ("ORDER OF COURT", true),
        ("Order", false), ("ORDER:", false), ("ORDERED that the motion is granted.", false), ("NO. 12 ORDER", false),
        ("SUPREME COURT OF NOWHERE", false), ("IT IS SO ORDERED THAT THE APPEAL IS DISMISSED FOR WANT OF PROSECUTION", false),
    ])
    func decisionTitles(line: String, isTitle: Bool) {
        #expect(DecisionTitle.isTitle(line) == isTitle)
    }

    /// An agency board's panel line names a separate opinion's author with a title, as a byline
    /// would; only the line that opens that opinion is one.
    @Test func aBoardsPanelLineOpensNothingAndItsSeparateOpinionOpensAtItsTitle() throws {
        let body = String(repeating: "The respondent's conviction is not for an aggravated felony. ", count: 3)
        let text = """
            BEFORE: Board Panel: PRATT and ABARA, Appellate Immigration Judges. Concurring Opinion: CHO, Appellate Immigration Judge.
            ABARA, Appellate Immigration Judge:
            \(body)
            CONCURRING OPINION: Omar T. Cho, Appellate Immigration Judge
            \(body)

            """
        let (_, found) = try opinions(text)
        #expect(found.map(\.type) == [.unknown, .majority, .concurrence])
        #expect(found.map(\.author) == [nil, "ABARA", "Omar T. Cho"])
    }

    /// Without a byline, the decision's title opens the court's decision; with one, a title
    /// line is left to the text.
    @Test func aDecisionTitleOpensTheDecisionOnlyWithoutAByline() throws {
        let order = "No. 31-0002\n\n                ORDER\n\nThe motion to dismiss the appeal is granted.\n"
        let (document, found) = try opinions(order)
        #expect(found.map(\.type) == [.unknown, .majority])
        #expect(found.last?.byline == "ORDER")
        #expect(found.last?.blocks.map(\.text) == ["The motion to dismiss the appeal is granted."])
        #expect(document.log.edits.contains { $0.before == "ORDER" && $0.reason == "the decision's title, kept as the opinion's byline" })

        let signed = "OPINION\n\nHALE, Circuit Judge. We affirm.\n"
        let (_, bylined) = try opinions(signed)
        #expect(bylined.map(\.type) == [.unknown, .majority])
        #expect(bylined.last?.author == "HALE")
    }

    /// Through the pipeline, the caption above an order's title is head matter, however short
    /// the order: the decision is one opinion.
    @Test func aShortOrderUnderItsCaptionIsOneOpinion() throws {
        let text = """
            UNITED STATES COURT OF APPEALS
            FOR THE TWELFTH CIRCUIT
            Chicago, Nowhere 60000

            No. 31-0002

            ACME CORP., Plaintiff-Appellant,
            v.
            ROE INDUSTRIES, INC., Defendant-Appellee.

                                    ORDER

            The motion to dismiss the appeal is granted.

            """
        let document = try Converter(configuration: try PipelineConfiguration.builtIn()).convert(Array(text.utf8), name: "o.txt")
        #expect(document.opinions.map(\.type) == [.majority])
        #expect(document.opinions.first?.blocks.map(\.text) == ["The motion to dismiss the appeal is granted."])
        #expect(document.caseInfo.dockets == ["31-0002"])
        #expect(document.caseInfo.court == "United States Court of Appeals for the Twelfth Circuit")
    }

    @Test func flatTextSplitsAtInlineBylines() throws {
        let text = "Before A, B and C, Circuit Judges. HALE, Circuit Judge. We hold for the plaintiff. AFFIRMED. "
            + "MORROW, Circuit Judge, dissenting. I would reverse.\n"
        let (document, found) = try opinions(text, family: .flat)
        #expect(found.map(\.type) == [.unknown, .majority, .dissent])
        #expect(found.map(\.author) == [nil, "HALE", "MORROW"])
        #expect(found.map { $0.blocks.map(\.text) } == [
            ["Before A, B and C, Circuit Judges."], ["We hold for the plaintiff. AFFIRMED."], ["I would reverse."],
        ])
        // Each byline is logged and nothing else changed.
        #expect(document.log.edits.map(\.before) == ["HALE, Circuit Judge.", "MORROW, Circuit Judge, dissenting."])
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test func supremeCourtSlipOpinion() throws {
        let text = """
                                         Syllabus
            NOTE: The syllabus constitutes no part of the opinion of the Court.
            Held: The statute reaches the conduct at issue. Pp. 4–20.
            HALVORSEN, J., delivered the opinion of the Court, in which PRATT, CHO, and ABARA, JJ., joined.
            CHO, J., filed a concurring opinion. PRATT, J., filed a dissenting opinion.

              JUSTICE HALVORSEN delivered the opinion of the Court.
              The question presented is narrow.1
              It is so ordered.
              JUSTICE CHO, concurring.
              I join the opinion of the Court in full.1
              JUSTICE PRATT, with whom JUSTICE ABARA joins, dissenting.
              The Court reads the statute too broadly.

            """
        let (_, found) = try opinions(text)
        #expect(found.map(\.type) == [.syllabus, .majority, .concurrence, .dissent])
        #expect(found.map(\.author) == [nil, "HALVORSEN", "CHO", "PRATT"])
        #expect(found[3].byline == "JUSTICE PRATT, with whom JUSTICE ABARA joins, dissenting.")
        #expect(found[0].blocks.contains { $0.text.contains("filed a dissenting opinion") })
    }

    @Test func perCuriamAndAConcurrenceInPartDissentInPart() throws {
        let text = """
            PER CURIAM.
            The petition for review is granted in part and denied in part.
            RIOS, Circuit Judge, concurring in part and dissenting in part.
            I agree with Part I but not with Part II.

            """
        let (_, found) = try opinions(text)
        #expect(found.map(\.type) == [.perCuriam, .concurrenceInPartDissentInPart])
        #expect(found.map(\.author) == [nil, "RIOS"])
    }

    @Test func stateSupremeCourtStyles() throws {
        let text = """
            Justice Abara delivered the opinion of the court.
            The trial court erred in admitting the statement.
            Chief Justice Lindqvist, dissenting.
            I would hold the error harmless.

            """
        let (_, found) = try opinions(text)
        #expect(found.map(\.type) == [.majority, .dissent])
        #expect(found.map(\.author) == ["Abara", "Lindqvist"])
    }

    @Test func aFragmentGetsItsTypeNoAuthorAndAWarning() throws {
        let (document, found) = try opinions("dissenting.\nI cannot agree with the majority.\n", family: .scan)
        #expect(found.map(\.type) == [.dissent])
        #expect(found.first?.author == nil)
        #expect(document.log.warnings.contains { $0.stage == "opinions" && $0.message.contains("starts inside an opinion") })
    }

    @Test func aSecondBylineWithoutTypeAfterTheLeadIsUnknown() throws {
        let (_, found) = try opinions("HALE, Circuit Judge.\nText one.\nMORROW, Circuit Judge.\nText two.\n")
        #expect(found.map(\.type) == [.majority, .unknown])
    }

    @Test func citedOpinionsInsideTheTextAreNotBylines() throws {
        let text = "HALE, Circuit Judge. See Roe v. Doe, 1 F.4th 2, 3 (1st Cir. 2021) (MORROW, J., dissenting). "
            + "As Justice Pratt, dissenting, put it, the rule is clear. Justice Pratt delivered the opinion of the Court in Roe.\n"
        let (_, found) = try opinions(text, family: .flat)
        #expect(found.map(\.type) == [.majority])
    }

    @Test func withoutAnyBylineTheTextStaysOneOpinionAndWarns() throws {
        let (document, found) = try opinions("The court considered the motion.\nIt is denied.\n")
        #expect(found.map(\.type) == [.unknown])
        #expect(document.log.warnings.contains { $0.stage == "opinions" })
    }

    /// Found by the property tests: a name starting with a capital beyond ASCII was a byline at
    /// the very start of the text only, so a second run over the output found it.
    @Test func namesStartingWithACapitalBeyondASCIIOpenOpinions() throws {
        let (_, found) = try opinions("Before A and B, Circuit Judges.\nØVERBY, Circuit Judge.\nWe affirm.\nÁLVAREZ, Circuit Judge, dissenting.\nI would not.\n")
        #expect(found.map(\.author) == [nil, "ØVERBY", "ÁLVAREZ"])
        let (_, flat) = try opinions("Before A and B, Circuit Judges. ÉMILE, Circuit Judge. We affirm.\n", family: .flat)
        #expect(flat.map(\.author) == [nil, "ÉMILE"])
    }

    @Test func aBylineOverTwoLinesIsReadWhole() throws {
        let text = "JUSTICE PRATT, with whom JUSTICE ABARA and\nJUSTICE CHO join, dissenting.\nThe Court errs.\n"
        let (_, found) = try opinions(text)
        #expect(found.first?.type == .dissent)
        #expect(found.first?.byline == "JUSTICE PRATT, with whom JUSTICE ABARA and JUSTICE CHO join, dissenting.")
        #expect(found.first?.blocks.map(\.text) == ["The Court errs."])
    }
}
