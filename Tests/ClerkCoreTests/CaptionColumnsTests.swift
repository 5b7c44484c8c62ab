import ClerkCore
import ClerkJSON
import Testing

/// Captions printed in two columns, filing banners with a two-digit year, courts with district and
/// division lines, and case titles other than `X v. Y` (all values invented).
@Suite struct CaptionColumnsTests {
    private static let majority = TextMark.Kind.blockStart(.opinion(OpinionHeader(type: .majority, author: "WILLIAMS")))
    private static let opinion = String(repeating: "The trial court ruled for the respondent and we affirm its order. ", count: 20) + "\n"

    private func caption(_ text: String) throws -> Document {
        let stream = StageHarness.stream(.text(text), .mark(Self.majority), .text(Self.opinion))
        var document = StageHarness.document(stream.text)
        document.body = stream
        return try StageHarness.run(CaptionStage.self, on: document)
    }

    private func expectNothingLost(_ document: Document, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(StageHarness.replayed(document) == document.body.text, sourceLocation: sourceLocation)
    }

    private static let banner = """
        Filed 3/9/19 Roe v. Doe CA1/3
           NOT TO BE PUBLISHED IN THE OFFICIAL REPORTS
        The rules of court bar parties and courts from relying on or citing opinions
        not certified for publication or ordered published, save as rule 9.99(b) allows. This opinion has
        not been certified for publication or ordered published under rule 9.99.


        IN THE COURT OF APPEAL OF THE STATE OF CALIFORNIA

                                 SECOND APPELLATE DISTRICT

                                        DIVISION EIGHT


        """

    /// A clerk's stamp read line by line into the caption: the court's name on one line, its
    /// circuit a few lines below (`FOR THE …`, `… Circuit`).
    @Test(arguments: [
        ("FOR THE NINTH CIRCUIT", "United States Court of Appeals for the Ninth Circuit"),
        ("Federal Circuit", "United States Court of Appeals for the Federal Circuit"),
        ("for the D.C. Circuit", "United States Court of Appeals for the D.C. Circuit"),
    ])
    func aCircuitPrintedApartFromTheCourtCompletesItsName(circuit: String, court: String) throws {
        let text = """
            FILED
            United States Court of Appeals
            UNITED STATES COURT OF APPEALS

            March 3, 2019
            \(circuit)
            _________________________________
            In re: JOHN Q. ROE                No. 19-123
            _________________________________

            """
        let document = try caption(text)
        #expect(document.caseInfo.court == court)
        #expect(document.caseInfo.dockets == ["19-123"])
        expectNothingLost(document)
    }

    @Test func aCircuitFarBelowOrAStateCourtIsNotTakenIn() throws {
        let far = "UNITED STATES COURT OF APPEALS\n\nJANE ROE,\n    Plaintiff,\nv.\nJOHN DOE,\n    Defendant.\nNo. 19-123\nThe Ninth Circuit\n"
        #expect(try caption(far).caseInfo.court == "United States Court of Appeals")
        let state = "MISSOURI COURT OF APPEALS\nWESTERN DISTRICT\n"
        #expect(try caption(state).caseInfo.court == "Missouri Court of Appeals, Western District")
    }

    @Test func twoColumnCaptionWithBanner() throws {
        let text = Self.banner + """
            JANE ROE, Individually                                         B301234
            and as Trustee, etc.,
                                                                           (Kern County
                     Plaintiff and Respondent,                             Super. Ct. No. 19PR01234)
                     v.
            JOHN DOE,
                     Defendant and Appellant.

            """
        let document = try caption(text)
        let info = document.caseInfo
        #expect(info.dockets == ["B301234"])
        #expect(info.dates.contains(CaseDate(event: "filed", date: "2019-03-09")))
        #expect(info.court == "Court of Appeal of the State of California, Second Appellate District, Division Eight")
        #expect(info.caseName == "JANE ROE, Individually and as Trustee, etc. v. JOHN DOE")
        #expect(info.metadata.contains(MetadataEntry(key: "lowerCourtDocket", value: "19PR01234")))
        #expect(info.metadata.contains(MetadataEntry(key: "publication", value: "NOT TO BE PUBLISHED IN THE OFFICIAL REPORTS")))
        #expect(!document.body.text.contains("B301234"))
        expectNothingLost(document)
    }

    @Test func certifiedForPublicationIsNotPartOfTheCourt() throws {
        let text = """
            Filed 3/4/20
                            CERTIFIED FOR PUBLICATION

            IN THE COURT OF APPEAL OF THE STATE OF CALIFORNIA

                            FOURTH APPELLATE DISTRICT

                                    DIVISION ONE

            Estate of JANE ROE, Deceased.
                                                                            D081234
            JOHN ROE,

                     Petitioner and Respondent,
                                                                            (Super. Ct. No. PR1234)
                     v.

            JIM DOE,

                     Objector and Appellant.

            """
        let document = try caption(text)
        let info = document.caseInfo
        #expect(info.court == "Court of Appeal of the State of California, Fourth Appellate District, Division One")
        #expect(info.dates.contains(CaseDate(event: "filed", date: "2020-03-04")))
        #expect(info.metadata.contains(MetadataEntry(key: "publication", value: "CERTIFIED FOR PUBLICATION")))
        #expect(info.caseName == "Estate of JANE ROE, Deceased. JOHN ROE v. JIM DOE")
        #expect(info.dockets == ["D081234"])
        expectNothingLost(document)
    }

    @Test func courtNameOnOneLineWithItsDistrict() throws {
        let text = """
                    COURT OF APPEAL, FIRST APPELLATE DISTRICT

                                    DIVISION TWO

                                 STATE OF CALIFORNIA

            In re JOHN R., a Minor.                                     A161234
            THE PEOPLE,
                     Plaintiff and Respondent,
                     v.                                                 (Alameda County
            JOHN R.,                                                    Super. Ct. No. JV-123456)
                     Defendant and Appellant.

            """
        let document = try caption(text)
        let info = document.caseInfo
        #expect(info.court == "Court of Appeal, First Appellate District, Division Two, State of California")
        #expect(info.caseName == "In re JOHN R., a Minor. THE PEOPLE v. JOHN R.")
        #expect(info.dockets == ["A161234"])
        expectNothingLost(document)
    }

    @Test func separatorColumnAndDistrictCourt() throws {
        let text = """
                                  UNITED STATES DISTRICT COURT
                                  SOUTHERN DISTRICT OF NEW YORK

            JANE ROE,                                   )       No. 1:19-cv-01234
                                                        )
                   Plaintiff,                           )
                                                        )
            v.                                          )       OPINION
                                                        )
            ACME CORP.,                                 )
                                                        )
                   Defendant.                           )

            """
        let document = try caption(text)
        let info = document.caseInfo
        #expect(info.court == "United States District Court, Southern District of New York")
        #expect(info.dockets == ["1:19-cv-01234"])
        #expect(info.caseName == "JANE ROE v. ACME CORP.")
        expectNothingLost(document)
    }

    @Test func titleAloneNamesTheCase() throws {
        let text = """
                    IN THE SUPREME COURT OF
                           CALIFORNIA

                 In re JANE ROE on Discipline.

                              S201234

            """
        let document = try caption(text)
        #expect(document.caseInfo.caseName == "In re JANE ROE on Discipline")
        #expect(document.caseInfo.dockets == ["S201234"])
        expectNothingLost(document)
    }

    @Test func oneColumnCaptionKeepsItsOrder() throws {
        let text = """
            JANE ROE,   Plaintiff-Appellee,
            v.
            JOHN DOE,   Defendant-Appellant.

            """
        let document = try caption(text)
        #expect(document.caseInfo.caseName == "JANE ROE v. JOHN DOE")
        expectNothingLost(document)
    }
}

@Suite struct PartyNameTests {
    /// A notice printed over the caption, and a star page, are no part of the first party's name.
    @Test func aNameBeginsAfterTheSentenceBeforeIt() throws {
        let text = """
            Published by the Reporter of Decisions under Rules Law § 12.
            As corrected through Monday, March 2, 2029
            [*1]
            Jane Roe, Respondent,
            v
            John Q. Doe, Jr., Appellant.

            """
        var document = StageHarness.document(text)
        document = try StageHarness.run(CaptionStage.self, on: document)
        #expect(document.caseInfo.parties.map(\.name) == ["Jane Roe", "John Q. Doe, Jr."])
    }

    @Test func aCompanyAbbreviationInLowerCaseEndsNoSentence() throws {
        let text = "Quarry Holdings ltd. and Stone Works, Petitioners,\nv\nTown of Example, Respondent.\n"
        let document = try StageHarness.run(CaptionStage.self, on: StageHarness.document(text))
        #expect(document.caseInfo.parties.map(\.name) == ["Quarry Holdings ltd. and Stone Works", "Town of Example"])
    }


    /// A syllabus's short title ends its line with a period: the prose under it is no party.
    @Test func aTitleClosedByAPeriodEndsBeforeTheNextLine() throws {
        let text = """
                                 WHITCOMB v. UNITED STATES.

              1. A lease that fixes no term runs from month to month, and either side may
            end it on notice.

            """
        var document = StageHarness.document(text)
        document = try StageHarness.run(CaptionStage.self, on: document)
        #expect(document.caseInfo.caseName == "WHITCOMB v. UNITED STATES")
        #expect(document.caseInfo.parties.map(\.name) == ["WHITCOMB", "UNITED STATES"])
    }
}

/// A court of appeals' order: the court's name over three lines, the formula of its term, a
/// panel of one, a two-column caption with spaced roles, and no byline.
@Suite struct StatedTermOrderTests {
    private static let text = """
                          UNITED STATES COURT OF APPEALS
                                     FOR THE
                                  NINTH CIRCUIT
            At a Stated Term of the United States Court of Appeals for the Ninth Circuit, held at the
        Federal Building, in the City of Springfield, on the 3rd day of March, two thousand thirty.

        Before:     Jane Q. Public,
                           Circuit Judge.
        ________________________________

         Acme Widgets LLC,                             ORDER

                      Plaintiff - Appellee,               Docket No. 30-1234

           v.

         Republic of Examplia,

                   Defendant – Appellant.
        ________________________________

                Appellant moves for a stay pending appeal of the District Court's order, and the
        Appellee opposes the motion. Upon due consideration, it is hereby ORDERED that the motion
        for a stay pending appeal is GRANTED, and the appeal shall be expedited.

        """

    @Test func theOrderIsReadWithItsCaption() throws {
        let converter = Converter(configuration: try PipelineConfiguration.builtIn())
        let document = try converter.convert(Array(Self.text.utf8), name: "order.txt")
        #expect(document.caseInfo.court == "United States Court of Appeals for the Ninth Circuit")
        #expect(document.caseInfo.dockets == ["30-1234"])
        #expect(document.caseInfo.parties.map(\.name) == ["Acme Widgets LLC", "Republic of Examplia"])
        #expect(document.caseInfo.parties.map(\.role) == ["Plaintiff - Appellee", "Defendant – Appellant"])
        #expect(document.caseInfo.judges == ["Jane Q. Public"])
        #expect(document.opinions.count == 1)
        #expect(document.opinions.first?.blocks.first?.text.hasPrefix("Appellant moves for a stay") == true)
    }
}


@Suite struct AppellateDivisionTests {
    @Test(arguments: [
        ("Appellate Division, Third Department", "Supreme Court of the State of New York, Appellate Division, Third Department"),
        ("Appellate Division, Fourth Judicial Department", "Supreme Court of the State of New York, Appellate Division, Fourth Judicial Department"),
    ])
    func theLineNamesTheCourtInFull(line: String, court: String) throws {
        let text = "\(line)\n\nJane Roe, Respondent,\nv\nJohn Doe, Appellant.\n"
        let document = try StageHarness.run(CaptionStage.self, on: StageHarness.document(text))
        #expect(document.caseInfo.court == court)
    }

    @Test func proseAboutTheDivisionIsNoCourtLine() throws {
        let text = "Appellate Division, Third Department affirmed the order, and the defendant appealed again.\n"
        let document = try StageHarness.run(CaptionStage.self, on: StageHarness.document(text))
        #expect(document.caseInfo.court == nil)
    }
}

/// Consolidated appeals under one order: each caption with its docket beside the parties' role.
@Suite struct ConsolidatedCaptionTests {
    @Test func eachCaptionGivesItsDocketAndParties() throws {
        let text = """
            ________________________________

            Quill Holdings, S.A.,
            Quill Energy S.A.,

                         Plaintiffs - Appellees,                Docket No. 31-2001

             v.

            Republic of Examplia,

                      Defendant – Appellant.
            _________________________________

            Ochre Ridge Partners, L.P., et al.

                         Plaintiffs - Appellees,                Docket No. 31-2002

             v.

            Republic of Examplia,

                      Defendant – Appellant.
            _________________________________

            """
        let stream = StageHarness.stream(.text(text), .mark(.blockStart(.opinion(OpinionHeader(type: .majority)))),
            .text("The motions are granted. The appeals shall be heard together on the briefs already filed.\n"))
        var document = StageHarness.document(stream.text)
        document.body = stream
        document = try StageHarness.run(CaptionStage.self, on: document)
        #expect(document.caseInfo.dockets == ["31-2001", "31-2002"])
        #expect(document.caseInfo.parties.map(\.name) == [
            "Quill Holdings, S.A., Quill Energy S.A.", "Republic of Examplia", "Ochre Ridge Partners, L.P., et al.",
        ])
        #expect(document.caseInfo.parties.first?.role == "Plaintiffs - Appellees")
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test func aFullerReadingOfTheSameCourtWins() {
        #expect(CaseInfo.fuller("Supreme Court, Appellate Division, Fourth Department",
                                "Supreme Court, Appellate Division, Fourth Judicial Department")
            == "Supreme Court, Appellate Division, Fourth Judicial Department")
        #expect(CaseInfo.fuller("United States Court of Appeals", "Court of Appeals of Examplia") == "United States Court of Appeals")
        #expect(CaseInfo.fuller(nil, "Tax Court") == "Tax Court")
    }
}
