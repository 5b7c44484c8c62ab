import ClerkCore
import ClerkJSON
import Testing

/// The caption stage reads the caption into `caseInfo` and takes it out of the body, in layout
/// and flattened text, before the first opinion and before later ones; it leaves text that is
/// not a caption alone and logs every removal.
@Suite struct CaptionStageTests {
    private static let majority = TextMark.Kind.blockStart(.opinion(OpinionHeader(type: .majority, author: "WILLIAMS")))
    private static let dissent = TextMark.Kind.blockStart(.opinion(OpinionHeader(type: .dissent, author: "DOE")))
    /// A lead opinion whose byline names no author (`PER CURIAM.`): the judges are the caption's alone.
    private static let unsigned = TextMark.Kind.blockStart(.opinion(OpinionHeader(type: .perCuriam)))

    /// Runs the stage over a document whose raw input is the stream's text.
    private func caption(_ stream: TextStream, parameters: [String: JSONValue] = [:]) throws -> Document {
        var document = StageHarness.document(stream.text)
        document.body = stream
        return try StageHarness.run(CaptionStage.self, on: document, parameters: parameters)
    }

    /// Everything the stage removed is in the log: replaying it on the raw input gives the body.
    private func expectNothingLost(_ document: Document, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(StageHarness.replayed(document) == document.body.text, sourceLocation: sourceLocation)
    }

    /// A federal circuit caption, one element per line or a few, as PDF-to-text prints it.
    private static let circuitLines = [
        "                                   In the",
        "    United States Court of Appeals",
        "    For the Ninth Circuit",
        "    ____________________",
        "    No. 19-3302",
        "    MARIA LOPEZ-GARCIA and",
        "    ANA LOPEZ,",
        "    Plaintiffs-Appellants,",
        "    v.",
        "    CITY OF RIVERTON, et al.,",
        "    Defendants-Appellees.",
        "    ____________________",
        "    Appeal from the United States District Court for the",
        "    District of Oregon.",
        "    No. 3:18-cv-01234 — Paul Greene, Chief Judge.",
        "    ____________________",
        "    ARGUED SEPT. 14, 2020 — DECIDED MARCH 2, 2021",
        "    ____________________",
        "    Before WILLIAMS, Chief Judge, and O’NEILL and VAN DYKE,",
        "    Circuit Judges.",
    ]

    private func expectCircuitCase(_ info: CaseInfo, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(info.court == "United States Court of Appeals for the Ninth Circuit", sourceLocation: sourceLocation)
        #expect(info.dockets == ["19-3302"], sourceLocation: sourceLocation)
        #expect(info.parties == [
            Party(name: "MARIA LOPEZ-GARCIA and ANA LOPEZ", role: "Plaintiffs-Appellants"),
            Party(name: "CITY OF RIVERTON, et al.", role: "Defendants-Appellees"),
        ], sourceLocation: sourceLocation)
        #expect(info.caseName == "MARIA LOPEZ-GARCIA and ANA LOPEZ v. CITY OF RIVERTON, et al.", sourceLocation: sourceLocation)
        #expect(info.lowerCourt == "United States District Court for the District of Oregon", sourceLocation: sourceLocation)
        #expect(info.dates == [CaseDate(event: "argued", date: "2020-09-14"), CaseDate(event: "decided", date: "2021-03-02")],
                sourceLocation: sourceLocation)
        #expect(info.judges == ["WILLIAMS", "O’NEILL", "VAN DYKE"], sourceLocation: sourceLocation)
        #expect(info.metadata == [
            MetadataEntry(key: "lowerCourtDocket", value: "3:18-cv-01234"), MetadataEntry(key: "lowerCourtJudge", value: "Paul Greene"),
        ], sourceLocation: sourceLocation)
    }

    @Test func aLayoutCaptionBeforeTheOpinionIsReadAndRemoved() throws {
        let stream = StageHarness.stream(
            .text(Self.circuitLines.joined(separator: "\n") + "\n    "), .mark(Self.majority),
            "The city closed the park.\n    The district court agreed.\n")
        let document = try caption(stream)
        expectCircuitCase(document.caseInfo)
        #expect(document.body.text == "The city closed the park.\n    The district court agreed.\n")
        #expect(document.body.marks.map(\.offset) == [0])
        expectNothingLost(document)
    }

    @Test func aFlattenedCaptionOnOneLineReadsTheSameAsTheLayoutOne() throws {
        let flat = Self.circuitLines.map { $0.trimmingSpaces }.joined(separator: " ")
        let stream = StageHarness.stream(.text(flat + " "), .mark(Self.majority), "The city closed the park. It said so.\n")
        let document = try caption(stream)
        expectCircuitCase(document.caseInfo)
        #expect(document.body.text == "The city closed the park. It said so.\n")
        expectNothingLost(document)
    }

    @Test func withoutAnOpinionMarkTheCaptionEndsAtTheFirstWordsThatAreNotCaption() throws {
        let text = Self.circuitLines.joined(separator: "\n") + "\n    ROE, Circuit Judge. The city closed the park.\n"
        let document = try caption(TextStream(text))
        expectCircuitCase(document.caseInfo)
        #expect(document.body.text == "    ROE, Circuit Judge. The city closed the park.\n")
        expectNothingLost(document)
    }

    @Test func eachElementIsLoggedWithItsReason() throws {
        let stream = StageHarness.stream(.text(Self.circuitLines.joined(separator: "\n") + "\n"), .mark(Self.majority), "Text.\n")
        let edits = try caption(stream).log.edits
        #expect(edits.allSatisfy { $0.stage == "caption" })
        #expect(edits.map(\.reason).filter { $0.hasPrefix("caption, moved") }.count == 7)
        #expect(edits.filter { $0.reason == "caption rule removed" }.count == 4)
        // An element's edit takes the white space up to the next element with it.
        #expect(edits.contains { $0.before == "No. 19-3302\n    " && $0.reason == "caption, moved to the case metadata: docket number" })
    }

    /// A Supreme Court slip opinion: the caption of consolidated cases, then the same caption
    /// again before the dissent.
    private static let slipCaption = """
        SUPREME COURT OF THE UNITED STATES
        _________________
        Nos. 21–101, 21–102 and 21–250
        _________________
        ANNA BELL, PETITIONER
        21–101 v.
        DALE COUNTY, ALABAMA
        ON WRIT OF CERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR THE ELEVENTH CIRCUIT
        NORTHWIND FREIGHT, INC., ET AL., PETITIONERS
        21–102 v.
        CARL WEBB, ET AL.
        ON WRIT OF CERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR THE SECOND CIRCUIT
        [June 15, 2020]

        """

    @Test func slipOpinionCaptionsBeforeEveryOpinionAreRemovedAndMerged() throws {
        let second = Self.slipCaption.replacingOccurrences(of: "Nos. 21–101, 21–102 and 21–250", with: "Nos. 21–101 and 21–102")
        let stream = StageHarness.stream(
            .text(Self.slipCaption), .mark(Self.majority), "The statute is plain. We reverse.\n\n",
            .text(second), .mark(Self.dissent), "The Court errs.\n")
        let document = try caption(stream)
        let info = document.caseInfo
        #expect(info.court == "Supreme Court of the United States")
        #expect(info.dockets == ["21–101", "21–102", "21–250"])
        #expect(info.parties == [
            Party(name: "ANNA BELL", role: "PETITIONER"), Party(name: "DALE COUNTY, ALABAMA", role: "unstated"),
            Party(name: "NORTHWIND FREIGHT, INC., ET AL.", role: "PETITIONERS"), Party(name: "CARL WEBB, ET AL.", role: "unstated"),
        ])
        #expect(info.caseName == "ANNA BELL v. DALE COUNTY, ALABAMA")
        #expect(info.lowerCourt == "United States Court of Appeals for the Eleventh Circuit")
        #expect(info.dates == [CaseDate(event: "decided", date: "2020-06-15")])
        #expect(document.body.text == "The statute is plain. We reverse.\n\nThe Court errs.\n")
        #expect(document.body.marks.map(\.offset) == [0, 35])
        expectNothingLost(document)
    }

    @Test func aRepeatedCaptionInFlattenedTextStartsAfterTheLastSentence() throws {
        let flatCaption = Self.slipCaption.split(separator: "\n").joined(separator: " ")
        let stream = StageHarness.stream(
            .mark(Self.majority), "We reverse. ", .text(flatCaption + " "), .mark(Self.dissent), "The Court errs.\n")
        let document = try caption(stream)
        #expect(document.body.text == "We reverse. The Court errs.\n")
        #expect(document.body.marks.map(\.offset) == [0, 12])
        #expect(document.caseInfo.dockets == ["21–101", "21–102", "21–250"])
        #expect(document.caseInfo.court == "Supreme Court of the United States")
        expectNothingLost(document)
    }

    @Test func aStateSupremeCourtCaption() throws {
        let text = """
            IN THE SUPREME COURT OF THE STATE OF CALIFORNIA
            THE PEOPLE,
            Plaintiff and Respondent,
            v.
            JOHN DOE,
            Defendant and Appellant.
            S123456
            Filed 3/4/2021

            """
        let document = try caption(StageHarness.stream(.text(text), .mark(Self.majority), "Defendant appeals.\n"))
        let info = document.caseInfo
        #expect(info.court == "Supreme Court of the State of California")
        #expect(info.parties == [
            Party(name: "THE PEOPLE", role: "Plaintiff and Respondent"), Party(name: "JOHN DOE", role: "Defendant and Appellant"),
        ])
        #expect(info.caseName == "THE PEOPLE v. JOHN DOE")
        #expect(info.dockets == ["S123456"])
        #expect(info.dates == [CaseDate(event: "filed", date: "2021-03-04")])
        #expect(document.body.text == "Defendant appeals.\n")
        expectNothingLost(document)
    }

    @Test func aFlattenedStateCaptionWithoutRulesSplitsCourtAndParties() throws {
        let text = "IN THE SUPREME COURT OF THE STATE OF CALIFORNIA THE PEOPLE, Plaintiff and Respondent, v. JOHN DOE, "
            + "Defendant and Appellant. S123456 Filed 3/4/2021 "
        let document = try caption(StageHarness.stream(.text(text), .mark(Self.majority), "Defendant appeals.\n"))
        #expect(document.caseInfo.court == "Supreme Court of the State of California")
        #expect(document.caseInfo.caseName == "THE PEOPLE v. JOHN DOE")
        #expect(document.body.text == "Defendant appeals.\n")
    }

    @Test func aPerCuriamCaptionWithAPanelAfterAColon() throws {
        let text = """
            Court of Appeals of the State of Nowhere
            Docket No. 2019-CA-000123
            ACME SUPPLY CO., Appellant, v. BETA LLC, Appellee.
            Submitted Dec. 7, 2020; Decided Jan. 5, 2021
            Before: WOOD, Circuit Judge; SMITH, Jones, and Lee, JJ.

            """
        let perCuriam = TextMark.Kind.blockStart(.opinion(OpinionHeader(type: .perCuriam)))
        let document = try caption(StageHarness.stream(.text(text), .mark(perCuriam), "Affirmed.\n"))
        let info = document.caseInfo
        #expect(info.court == "Court of Appeals of the State of Nowhere")
        #expect(info.dockets == ["2019-CA-000123"])
        #expect(info.parties.map(\.role) == ["Appellant", "Appellee"])
        #expect(info.caseName == "ACME SUPPLY CO. v. BETA LLC")
        #expect(info.dates == [CaseDate(event: "submitted", date: "2020-12-07"), CaseDate(event: "decided", date: "2021-01-05")])
        #expect(info.judges == ["WOOD", "SMITH", "Jones", "Lee"])
        #expect(document.body.text == "Affirmed.\n")
        expectNothingLost(document)
    }

    @Test func aFragmentThatStartsMidOpinionIsLeftAlone() throws {
        let text = "dissenting.\nI have no quarrel with the facts. The Court of Appeals held that No. 5 applied.\n"
        let document = try caption(TextStream(text))
        #expect(document.body.text == text)
        #expect(document.caseInfo == CaseInfo())
        #expect(document.log.edits.isEmpty)
    }

    @Test func proseThatStartsWithACourtIsNotACaption() throws {
        let text = "The Court of Appeals affirmed the judgment on March 3, 2020.\nWe agree.\n"
        let document = try caption(TextStream(text))
        #expect(document.body.text == text)
        #expect(document.log.edits.isEmpty)
    }

    @Test func proseThatStartsWithBeforeIsNotAPanel() throws {
        let text = "Before the court is a motion to dismiss.\n"
        let document = try caption(StageHarness.stream(.text(text), .mark(Self.unsigned), "We grant it.\n"))
        #expect(document.body.text == text + "We grant it.\n")
        #expect(document.caseInfo.judges.isEmpty)
    }

    @Test func textBeforeTheOpinionThatIsNotCaptionStaysWithAWarning() throws {
        let text = """
            SUPREME COURT OF NOWHERE
            No. 20-0555
            Opinion of the Court on rehearing
            Filed 3/4/2021

            """
        let document = try caption(StageHarness.stream(.text(text), .mark(Self.majority), "We grant rehearing.\n"))
        #expect(document.caseInfo.court == "Supreme Court of Nowhere")
        #expect(document.caseInfo.dates == [CaseDate(event: "filed", date: "2021-03-04")])
        #expect(document.body.text == "Opinion of the Court on rehearing\nWe grant rehearing.\n")
        #expect(document.log.warnings.map(\.message) == [
            "text before the first opinion that is not caption material stays in the body: “Opinion of the Court on rehearing”",
        ])
        expectNothingLost(document)
    }

    /// Before the lead opinion, within the caption window, what is not caption (a notice, a
    /// banner, a title) is head matter: it leaves the body for the edit log.
    @Test func headMatterBeforeTheLeadOpinionGoesToTheEditLog() throws {
        let head = """
            PRELIMINARY PRINT
            NOT FOR PUBLICATION
            SUPREME COURT OF NOWHERE
            No. 21-0707
            NOTICE: This opinion is subject to revision before publication in the official reports.

            """
        let opinion = String(repeating: "The county appeals the order granting the writ, and we affirm it. ", count: 6) + "\n"
        let document = try caption(StageHarness.stream(.text(head), .mark(Self.majority), .text(opinion)))
        #expect(document.body.text == opinion)
        #expect(document.caseInfo.court == "Supreme Court of Nowhere")
        #expect(document.caseInfo.dockets == ["21-0707"])
        let headMatter = document.log.edits.filter { $0.reason.hasPrefix("head matter before the first opinion") }
        #expect(headMatter.map(\.before).joined().contains("PRELIMINARY PRINT"))
        #expect(headMatter.map(\.before).joined().contains("NOTICE: This opinion is subject to revision"))
        #expect(document.log.warnings.isEmpty)
        expectNothingLost(document)
    }

    /// A notice between the status lines and the caption does not end the reading: the caption
    /// after it, in a paragraph of its own, is read too.
    @Test func aCaptionAfterANoticeInTheHeadMatterIsRead() throws {
        let head = """
            (Slip Opinion)              OCTOBER TERM, 2030

            NOTE: A summary will be released with this case. It is no part of the
            opinion and was prepared for the convenience of the reader.

            SUPREME COURT OF NOWHERE

            No. 30-1212

            """
        let opinion = String(repeating: "The agency read the statute too broadly, and we reverse its order. ", count: 6) + "\n"
        let document = try caption(StageHarness.stream(.text(head), .mark(Self.majority), .text(opinion)))
        #expect(document.caseInfo.court == "Supreme Court of Nowhere")
        #expect(document.caseInfo.dockets == ["30-1212"])
        #expect(document.body.text == opinion)
        expectNothingLost(document)
    }

    /// The opinions' authors are judges of the case too: added after the panel the caption
    /// names, each once, whatever the case of the letters.
    @Test func authorsJoinThePanelOnce() throws {
        let panel = "Before ROE, Chief Judge, and DOE, Circuit Judge.\n"
        let stream = StageHarness.stream(
            .text(panel), .mark(.blockStart(.opinion(OpinionHeader(type: .majority, author: "Roe")))), "We affirm.\n",
            .mark(.blockStart(.opinion(OpinionHeader(type: .dissent, author: "POE")))), "I dissent.\n",
            .mark(.blockStart(.opinion(OpinionHeader(type: .concurrence, author: "Poe, J.")))), "I concur too.\n",
            .mark(.blockStart(.opinion(OpinionHeader(type: .concurrence, author: "THE CHIEF JUSTICE")))), "So do I.\n")
        let document = try caption(stream)
        #expect(document.caseInfo.judges == ["ROE", "DOE", "POE"])
    }

    /// A syllabus's summary of who wrote and who joined names the bench; the opinions' own
    /// text, which describes other cases' opinions the same way, is not read for it.
    @Test func theJudgesASyllabusSaysJoinedAreJudges() throws {
        let summary = "HALE, C. J., delivered the opinion of the Court, in which PARK, LEE, and VAN DYKE, JJ., joined. "
            + "MORA, J., filed a dissenting opinion.\n"
        let opinion = "In Smith v. Jones, 1 U. S. 1, the opinion was written by Story, J., in which Marshall, C. J., joined.\n"
        let stream = StageHarness.stream(
            .mark(.blockStart(.opinion(OpinionHeader(type: .syllabus, byline: "Syllabus")))), .text(summary),
            .mark(.blockStart(.opinion(OpinionHeader(type: .majority, author: "HALE")))), .text(opinion),
            .mark(.blockStart(.opinion(OpinionHeader(type: .dissent, author: "MORA")))), "I dissent.\n")
        let document = try caption(stream)
        #expect(document.caseInfo.judges == ["HALE", "MORA", "PARK", "LEE", "VAN DYKE"])
    }

    /// A byline that says who joined it (`… in which Judge Cho joined`) and the judges who
    /// signed under an opinion that they concur name the bench too.
    @Test func theJudgesABylineAndASignatureNameAreJudges() throws {
        let byline = "Judge Ann Pratt delivered the opinion of the Board in which Judge Omar Cho joined."
        let stream = StageHarness.stream(
            .mark(.blockStart(.opinion(OpinionHeader(type: .majority, author: "Ann Pratt", byline: byline, concurring: ["ABARA"])))),
            "We affirm.\n")
        let document = try caption(stream)
        #expect(document.caseInfo.judges == ["Ann Pratt", "ABARA", "Omar Cho"])
    }

    /// A first page printed alone: a byline with its author under a caption opens the opinion,
    /// however little of the opinion follows; what is before it is head matter.
    @Test func aShortFirstPageUnderACaptionIsStillHeadMatterAndOpinion() throws {
        let head = """
            SUPREME COURT OF NOWHERE

            No. 31-0101

            The board's summary of the case runs long before the opinion starts, as some boards print it, with the parties' counsel after it.

            """
        let byline = "Judge Ann Pratt delivered the opinion of the Board."
        let stream = StageHarness.stream(
            .text(head), .mark(.blockStart(.opinion(OpinionHeader(type: .majority, author: "Ann Pratt", byline: byline)))), "We reverse.\n")
        let document = try caption(stream)
        #expect(document.body.text == "We reverse.\n")
        #expect(document.caseInfo.dockets == ["31-0101"])
        expectNothingLost(document)
    }

    /// Head matter that says who concurred names the bench too.
    @Test func theJudgesHeadMatterSaysConcurredAreJudges() throws {
        let head = "Justice Park authored the opinion of the Court, in which Chief Justice Hale and Justices Lee and Mora concurred.\n\n"
        let opinion = String(repeating: "The referee recommended disbarment, and we agree with the recommendation. ", count: 5) + "\n"
        let stream = StageHarness.stream(.text(head), .mark(.blockStart(.opinion(OpinionHeader(type: .majority, author: "PARK")))), .text(opinion))
        let document = try caption(stream)
        #expect(document.caseInfo.judges == ["PARK", "Hale", "Lee", "Mora"])
    }

    /// A clerk's stamp above the caption: its time of filing is no docket number, and its
    /// `FILED` is no part of the court's name.
    @Test func aClerksStampGivesNeitherDocketNorCourtName() throws {
        let text = """
                                                      FILED
                                                      Sep 13, 2031
                                                      03:47 PM(CT)
            FILED United States Court of Appeals
            For the Twelfth Circuit
            No. 31-0001

            """
        let document = try caption(StageHarness.stream(.text(text), .mark(Self.unsigned), "We affirm.\n"))
        #expect(document.caseInfo.dockets == ["31-0001"])
        #expect(document.caseInfo.court == "United States Court of Appeals for the Twelfth Circuit")
        #expect(document.caseInfo.metadata.contains(MetadataEntry(key: "filedTime", value: "03:47 PM(CT)")))
    }

    /// Through the whole pipeline, a report's preliminary print: its banner, volume line and
    /// notice open no opinion of their own.
    @Test func headMatterOpensNoOpinionThroughThePipeline() throws {
        let text = """
            PRELIMINARY PRINT
            Volume 712 U. S. Part 3
            OFFICIAL REPORTS OF THE SUPREME COURT OF NOWHERE
            NOTICE: This preliminary print is subject to formal revision before the bound volume is
            published. Users are requested to notify the Reporter of any errors.

            PER CURIAM.
            The petition for a writ of certiorari is granted. The judgment of the court below holds
            that the statute bars the claim, and we have held otherwise in a case decided after the
            judgment. We therefore vacate the judgment and remand the case for further proceedings
            consistent with that decision, so that the court below may consider it in the first
            instance. It is so ordered.

            """
        let document = try Converter(configuration: try PipelineConfiguration.builtIn()).convert(Array(text.utf8), name: "p.txt")
        #expect(document.opinions.map(\.type) == [.perCuriam])
        #expect(document.opinions.first?.blocks.first?.text.hasPrefix("The petition for a writ") == true)
        #expect(document.log.edits.contains { $0.before.contains("NOTICE: This preliminary print") && $0.reason.hasPrefix("head matter") })
    }

    /// Head matter is shorter than what it heads: a short text before a start that leaves less
    /// after it (a signature read as a byline at the end of an order), or before a dissent (the
    /// lead opinion's start was not found), stays in the body.
    @Test func textBeforeAShortOrLaterOpinionStaysInTheBody() throws {
        let order = "NOTICE OF ORDER\nThe motion to dismiss the appeal is granted, and the appeal is dismissed.\n"
        let signed = try caption(StageHarness.stream(.text(order), .mark(Self.majority), "So ordered.\n"))
        #expect(signed.body.text == order + "So ordered.\n")

        let opinion = String(repeating: "We dissent from the order granting the writ today. ", count: 6) + "\n"
        let dissent = try caption(StageHarness.stream(.text(order), .mark(Self.dissent), .text(opinion)))
        #expect(dissent.body.text == order + opinion)
    }

    @Test func proseBeforeTheOpinionIsNotReadThrough() throws {
        let text = """
            SUPREME COURT OF NOWHERE
            No. 20-0555
            Syllabus
            The petitioner was convicted and appealed to
            the court below, which held that the statute
            applied to him, as did the trial court under
            No. 7 of its rules.

            """
        let document = try caption(StageHarness.stream(.text(text), .mark(Self.majority), "We affirm.\n"))
        #expect(document.caseInfo.dockets == ["20-0555"])
        #expect(document.body.text.hasPrefix("Syllabus\nThe petitioner"))
        #expect(document.body.text.contains("No. 7 of its rules."))
        expectNothingLost(document)
    }

    @Test func metadataAlreadyThereIsKept() throws {
        let text = "Appeal from the Superior Court of Lane County.\nNo. 12-cv-3456\n"
        var document = StageHarness.document(text)
        document.body = StageHarness.stream(.text(text), .mark(Self.majority))
        document.caseInfo.metadata = [MetadataEntry(key: "lowerCourtDocket", value: "from the web page")]
        document = try StageHarness.run(CaptionStage.self, on: document)
        #expect(document.caseInfo.lowerCourt == "Superior Court of Lane County")
        #expect(document.caseInfo.metadata == [MetadataEntry(key: "lowerCourtDocket", value: "from the web page")])
        #expect(document.body.text.isEmpty)
    }

    @Test func keepTextFillsTheMetadataAndLeavesTheBody() throws {
        let text = Self.circuitLines.joined(separator: "\n") + "\n"
        let document = try caption(StageHarness.stream(.text(text), .mark(Self.unsigned), "Text.\n"), parameters: ["keepText": true])
        expectCircuitCase(document.caseInfo)
        #expect(document.body.text == text + "Text.\n")
        #expect(document.log.edits.isEmpty)
    }

    @Test(arguments: [
        ("Before Smith, Jones, and Lee, Circuit Judges.", ["Smith", "Jones", "Lee"]),
        ("Before: ROE, Senior Circuit Judge; DOE, District Judge.", ["ROE", "DOE"]),
        ("Present: Chief Justice Hale, Justices Park and O’Brien.", ["Hale", "Park", "O’Brien"]),
        ("Before KIM, C.J., and ROSS and MEYER, JJ.", ["KIM", "ROSS", "MEYER"]),
        ("BEFORE: Board Panel: HALE, PARK, and VAN DYKE, Board Members.", ["HALE", "PARK", "VAN DYKE"]),
        ("BEFORE: Board Panel: HALE and PARK, Appellate Immigration Judges.", ["HALE", "PARK"]),
    ])
    func panelLines(line: String, judges: [String]) throws {
        let stream = StageHarness.stream(.text("No. 22-0101\n" + line + "\n"), .mark(Self.unsigned), "Text.\n")
        let document = try caption(stream)
        #expect(document.caseInfo.judges == judges)
        #expect(document.body.text == "Text.\n")
    }

    @Test func anAgencyIsALowerCourtAndItsDocketIsMetadata() throws {
        let text = "No. 21-7000\nPetition for Review of an Order of the\nBoard of Immigration Appeals.\nNo. A012-345-678\n"
        let document = try caption(StageHarness.stream(.text(text), .mark(Self.majority), "Text.\n"))
        #expect(document.caseInfo.lowerCourt == "Board of Immigration Appeals")
        #expect(document.caseInfo.dockets == ["21-7000"])
        #expect(document.caseInfo.metadata == [MetadataEntry(key: "lowerCourtDocket", value: "A012-345-678")])
    }

    @Test func impossibleDatesAreNotRecorded() throws {
        let document = try caption(StageHarness.stream("No. 20-0555\nArgued February 30, 2021 — Decided Mar. 1, 2021\n", .mark(Self.majority), "Text.\n"))
        #expect(document.caseInfo.dates == [CaseDate(event: "decided", date: "2021-03-01")])
    }

    @Test func headMatterLinesBecomeMetadata() throws {
        let syllabus = TextMark.Kind.blockStart(.opinion(OpinionHeader(type: .syllabus)))
        let stream = StageHarness.stream(
            "    (Slip Opinion)        OCTOBER TERM, 2021          1\n", .mark(syllabus), "\n",
            "    NOTE: The syllabus is no part of the opinion of the Court.\n",
            "    SUPREME COURT OF THE UNITED STATES\n",
            "    CERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR THE FIRST CIRCUIT\n",
            "    No. 20–512. Argued March 1, 2022—Decided June 2, 2022\n",
            "    The question is narrow.\n", .mark(Self.majority), "The Court holds.\n")
        let document = try caption(stream)
        #expect(document.caseInfo.metadata.map(\.key) == ["status", "term"])
        #expect(document.caseInfo.metadata.map(\.value) == ["Slip Opinion", "OCTOBER TERM, 2021"])
        // The syllabus's own caption, after its note, is read too: its docket is the case's.
        #expect(document.caseInfo.court == "Supreme Court of the United States")
        #expect(document.caseInfo.dockets == ["20–512"])
        #expect(document.caseInfo.dates.map(\.date) == ["2022-03-01", "2022-06-02"])
        #expect(!document.body.text.contains("OCTOBER TERM"))
        #expect(document.body.text.contains("NOTE: The syllabus"))
        #expect(document.body.text.contains("The question is narrow."))
        expectNothingLost(document)
    }

    @Test func statusWordsCountOnlyAloneOnTheirLine() throws {
        let stream = StageHarness.stream(
            "    IN THE SUPREME COURT OF THE STATE OF NEVADA\n    En Banc\n",
            "    Published opinions bind the lower courts.\n", .mark(Self.majority), "Text.\n")
        let document = try caption(stream)
        #expect(document.caseInfo.metadata.first { $0.key == "panel" }?.value == "En Banc")
        #expect(document.body.text.contains("Published opinions bind"))
        expectNothingLost(document)
    }
}

private extension String {
    var trimmingSpaces: String { String(drop { $0 == " " }) }
}

/// Punctuation where a party's name should be names no one.
@Suite struct EmptyPartyNameTests {
    @Test func aCommaAloneIsNoPartysName() throws {
        let text = "JANE ROE,\n    Plaintiff-Appellee,\n    v.\n   ,\n    Defendant-Appellant.\n\nThe stop took place at night on a quiet road.\n"
        let document = try Converter(configuration: try PipelineConfiguration.builtIn()).convert(Array(text.utf8), name: "p.txt")
        #expect(document.caseInfo.parties.allSatisfy { !$0.name.isEmpty })
    }
}
