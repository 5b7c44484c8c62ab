import ClerkCore
import ClerkJSON
import Testing

/// Captions of agency boards, panels listed without a keyword, parties printed without roles,
/// and captions repeated before slip opinions with long party names (all values invented).
@Suite struct CaptionAgencyTests {
    private static let majority = TextMark.Kind.blockStart(.opinion(OpinionHeader(type: .majority, author: "ROE")))
    private static let opinion = String(repeating: "The examiner denied the claim and we affirm the order below. ", count: 20) + "\n"

    private func caption(_ text: String, header: TextMark.Kind = majority) throws -> Document {
        let stream = StageHarness.stream(.text(text), .mark(header), .text(Self.opinion))
        var document = StageHarness.document(stream.text)
        document.body = stream
        return try StageHarness.run(CaptionStage.self, on: document)
    }

    private func expectNothingLost(_ document: Document, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(StageHarness.replayed(document) == document.body.text, sourceLocation: sourceLocation)
    }

    /// A board's decision as web text: no blank lines, a headnote between the court line and the
    /// panel, the department and office named before the board.
    @Test func aBoardDecisionNamesTheBoardAndItsPanel() throws {
        let text = """
            Cite as 40 Z&Q Dec. 12 (BQA 2031) Interim Decision #9001
            Matter of Jane ROE-DOE, Respondent
            Decided June 9, 2031
            U.S. Department of Quills Executive Office for Quill Review Board of Quill Appeals
            A conviction for quill hoarding under a statute that does not require intent is not a conviction for a quill offense, and the respondent is not removable on that ground.
            FOR RESPONDENT: John Poe, Esquire, Springfield
            BEFORE: Board Panel: ROE, DOE, and JANE POE, Appellate Immigration Judges. Concurring Opinion: MOE, Appellate Immigration Judge.

            """
        let document = try caption(text)
        #expect(document.caseInfo.court == "Board of Quill Appeals")
        #expect(document.caseInfo.dates == [CaseDate(event: "decided", date: "2031-06-09")])
        #expect(document.caseInfo.judges == ["ROE", "DOE", "JANE POE", "MOE"])
        expectNothingLost(document)
    }

    /// A workers' board in two columns: a stamp naming the board, the bureau over the board, the
    /// parties without roles (`v.` alone), the docket beside the lower court.
    @Test func aWorkersBoardCaptionInTwoColumns() throws {
        let text = """
                                                                       FILED
                                                                      Mar 03, 2031
                                                                     10:15 AM(CT)
                                                                      VERMONT
                                                                 MILLERS' RELIEF
                                                                    APPEALS BOARD

                 VERMONT BUREAU OF MILLERS’ RELIEF
                    MILLERS’ RELIEF APPEALS BOARD

            Jane Roe                                     ) Docket No. 2031-02-0101
                                                         )
            v.                                           ) State File No. 1234-2031
                                                         )
            Acme Mills, LLC                              )
                                                         )
            Appeal from the Court of Millers’            )
            Relief Claims                                )
            John Doe, Judge                              )

            """
        let header = TextMark.Kind.blockStart(.opinion(OpinionHeader(
            type: .majority, author: "Jane Poe",
            byline: "Presiding Judge Jane Poe delivered the opinion of the Appeals Board in which Judge Joan Moe and Judge Jim Loe joined.")))
        let document = try caption(text, header: header)
        #expect(document.caseInfo.court == "Vermont Millers' Relief Appeals Board")
        #expect(document.caseInfo.dockets.first == "2031-02-0101")
        #expect(document.caseInfo.caseName == "Jane Roe v. Acme Mills, LLC")
        #expect(document.caseInfo.lowerCourt == "Court of Millers’ Relief Claims")
        #expect(document.caseInfo.judges == ["Jane Poe", "Joan Moe", "Jim Loe"])
        expectNothingLost(document)
    }

    /// A stamp's court name, its last word alone on a line, and the caption's own print of it
    /// with the place: the place is kept.
    @Test func aCourtsPlaceFromItsSecondPrint() throws {
        let text = """
                                                                      FILED
                                                                   Mar 03, 2031
                                                                   10:15 AM(CT)
                                                                VERMONT COURT OF
                                                                 MILLERS' RELIEF
                                                                      CLAIMS

                 VERMONT BUREAU OF MILLERS' RELIEF
                 IN THE COURT OF MILLERS' RELIEF CLAIMS
                              AT GREENFIELD

            Jane Roe,                               )   Docket No. 2031-02-0101
                  Employee,                         )
            v.                                      )
            Acme Mills, LLC,                        )
                  Employer.                         )

            """
        let document = try caption(text)
        #expect(document.caseInfo.court == "Vermont Court of Millers' Relief Claims at Greenfield")
        #expect(document.caseInfo.caseName == "Jane Roe v. Acme Mills, LLC")
        #expect(document.caseInfo.dockets == ["2031-02-0101"])
        expectNothingLost(document)
    }

    /// The justices listed one a line up to `JJ.`, and a date `Decided on …`.
    @Test func aJusticeListAndDecidedOn() throws {
        let text = """
            Supreme Court of the State of Nowhere, Appellate Division, Third Judicial Department

            Decided on March 4, 2031

            Jane Roe, J.P.

            John Doe

            Joan Poe, JJ.

            """
        let document = try caption(text)
        #expect(document.caseInfo.court == "Supreme Court of the State of Nowhere, Appellate Division, Third Judicial Department")
        #expect(document.caseInfo.dates == [CaseDate(event: "decided", date: "2031-03-04")])
        #expect(document.caseInfo.judges == ["Jane Roe", "John Doe", "Joan Poe"])
        expectNothingLost(document)
    }

    /// A syllabus's caption prints the parties in capitals without roles, `v.` ending a line.
    @Test func aSyllabusCaptionWithoutRoles() throws {
        let text = """
            SUPREME COURT OF NOWHERE

              QUILLCO TRADING PARTNERS, INC. v.
                ROE, TRUSTEE FOR ACME
                    MILLS, LLC

            CERTIORARI TO THE COURT OF APPEALS FOR THE TWELFTH CIRCUIT

            No. 31–101.      Argued March 4, 2031—Decided June 9, 2031

            """
        let document = try caption(text)
        #expect(document.caseInfo.caseName == "QUILLCO TRADING PARTNERS, INC. v. ROE, TRUSTEE FOR ACME MILLS, LLC")
        #expect(document.caseInfo.dockets == ["31–101"])
        #expect(document.caseInfo.dates == [CaseDate(event: "argued", date: "2031-03-04"), CaseDate(event: "decided", date: "2031-06-09")])
        expectNothingLost(document)
    }

    /// A caption repeated before a later opinion whose second party's name wraps over several
    /// lines is still read back from the opinion start.
    @Test func aRepeatedCaptionWithALongPartyName() throws {
        let caption = """
            SUPREME COURT OF NOWHERE
                                 _________________
                                   No. 31–101
                                 _________________
               QUILLCO TRADING PARTNERS, INC.,
                  PETITIONER v. JANE ANN ROE,
                  CHAPTER 9 TRUSTEE FOR ACME
                  MILLS OF THE NORTH AND
                          SOUTH, LLC
             ON WRIT OF CERTIORARI TO THE UNITED STATES COURT OF
                        APPEALS FOR THE TWELFTH CIRCUIT
                                 [June 9, 2031]

            """
        let stream = StageHarness.stream(
            .mark(.blockStart(.opinion(OpinionHeader(type: .syllabus, byline: "Syllabus")))),
            .text(String(repeating: "The question is whether the rule applies to the motion.\n", count: 100)),
            .text(caption), .mark(Self.majority), .text(Self.opinion))
        var document = StageHarness.document(stream.text)
        document.body = stream
        document = try StageHarness.run(CaptionStage.self, on: document)
        #expect(document.caseInfo.caseName?.hasPrefix("QUILLCO TRADING PARTNERS, INC. v. JANE ANN ROE, CHAPTER 9") == true)
        #expect(document.caseInfo.dockets == ["31–101"])
        #expect(!document.body.text.contains("PETITIONER"))
        expectNothingLost(document)
    }

    /// District courts' numbers: a court's letters and the judge's initials, a year and kind,
    /// initials in parentheses, `Civil Action No.`, `MDL`.
    @Test(arguments: [
        ("No. C 31-0123 QX", ["C 31-0123 QX"]),
        ("31 Civ. 4567 (QX)", ["31 Civ. 4567 (QX)"]),
        ("Civil Action No. 3:31-cv-01234 (ABC)(DEF)", ["3:31-cv-01234 (ABC)(DEF)"]),
        ("Civ. No. 3:31-cv-01234(ABC)(DEF)", ["3:31-cv-01234(ABC)(DEF)"]),
        ("No. MDL 31-01234-XYZ-QRS", ["MDL 31-01234-XYZ-QRS"]),
        ("Nos. 31-1001, 31-1002, 31-1003", ["31-1001", "31-1002", "31-1003"]),
        ("No. C 31-0123 QX\n(Related Case No. C 31-0124 QX)", ["C 31-0123 QX", "C 31-0124 QX"]),
    ])
    func districtCourtNumbers(line: String, dockets: [String]) throws {
        let text = "UNITED STATES DISTRICT COURT\nDISTRICT OF NOWHERE\n\n" + line + "\n\nJANE ROE, Plaintiff, v. JOHN DOE, Defendant.\n\n"
        let document = try caption(text)
        #expect(document.caseInfo.dockets == dockets)
        #expect(document.caseInfo.caseName == "JANE ROE v. JOHN DOE")
        expectNothingLost(document)
    }

    /// Two cases under one caption, each under its own number: both names are kept.
    @Test func twoCasesInOneCaption() throws {
        let text = """
                            United States Court of Appeals
                                  For the Twelfth Circuit

              No. 31-1001

                           ACME MILLS, INC., Plaintiff, Appellant,

                                         v.

                           JANE ROE, Defendant, Appellee.

              No. 31-1002

                           QUILLCO, LLC, Plaintiff, Appellant,

                                         v.

                           JOHN DOE, Defendant, Appellee.

            """
        let document = try caption(text)
        #expect(document.caseInfo.caseName == "ACME MILLS, INC. v. JANE ROE; QUILLCO, LLC v. JOHN DOE")
        #expect(document.caseInfo.dockets == ["31-1001", "31-1002"])
        expectNothingLost(document)
    }

    /// A report's per curiam opened by its heading, the caption under it: `ROE v. DOE, et al.`
    /// in capitals on one line, the number and the date.
    @Test func aCaptionUnderAPerCuriamHeading() throws {
        let caption = """

            ROE v. QUILLCO TRADING, LLC, et al.

            certiorari to the court of appeals of nowhere
                    No. 31–202. Decided June 9, 2031
            """
        let stream = StageHarness.stream(
            .mark(.blockStart(.opinion(OpinionHeader(type: .perCuriam, byline: "Per Curiam")))), .text(caption + "\n"),
            .text(Self.opinion))
        var document = StageHarness.document(stream.text)
        document.body = stream
        document = try StageHarness.run(CaptionStage.self, on: document)
        #expect(document.caseInfo.caseName == "ROE v. QUILLCO TRADING, LLC, et al.")
        #expect(document.caseInfo.dockets == ["31–202"])
        #expect(document.caseInfo.dates == [CaseDate(event: "decided", date: "2031-06-09")])
        #expect(!document.body.text.contains("ROE v."))
        expectNothingLost(document)
    }

    /// A syllabus's short title without roles gives way to the opinion's caption, which names
    /// the parties in full; `BEFORE JUDGMENT TO …` names no judge.
    @Test func theOpinionsCaptionNamesTheCaseOverTheSyllabusTitle() throws {
        let syllabus = """
            SUPREME COURT OF NOWHERE

                              ROE v. QUILLCO

            CERTIORARI BEFORE JUDGMENT TO THE COURT OF APPEALS FOR THE TWELFTH CIRCUIT

            No. 31–303.      Argued March 4, 2031—Decided June 9, 2031

            """
        let caption = """
            SUPREME COURT OF NOWHERE
                                 _________________
                                   No. 31–303
                                 _________________
                      JANE ROE, PETITIONER v. QUILLCO TRADING, LLC
             ON WRIT OF CERTIORARI BEFORE JUDGMENT TO THE COURT OF
                        APPEALS FOR THE TWELFTH CIRCUIT
                                 [June 9, 2031]

            """
        let stream = StageHarness.stream(
            .mark(.blockStart(.opinion(OpinionHeader(type: .syllabus, byline: "Syllabus")))), .text(syllabus),
            .text(String(repeating: "The question is whether the rule applies to the motion.\n", count: 100)),
            .text(caption), .mark(Self.majority), .text(Self.opinion))
        var document = StageHarness.document(stream.text)
        document.body = stream
        document = try StageHarness.run(CaptionStage.self, on: document)
        #expect(document.caseInfo.caseName == "JANE ROE v. QUILLCO TRADING, LLC")
        #expect(document.caseInfo.judges == ["ROE"])
        expectNothingLost(document)
    }

    /// An OCR'd caption whose column separators do not line up: the right column's docket is
    /// read after the separator on the same line.
    @Test func aDocketAfterAColumnSeparatorInsideALine() throws {
        let text = """
            UNITED STATES DISTRICT COURT
            DISTRICT OF NOWHERE

            QUILLCO TRADING, INC. ) Docket No. 2031-02-0101

            V. State File No. 1234-2031

            Jane Roe, et al.

            """
        let document = try caption(text)
        #expect(document.caseInfo.dockets.first == "2031-02-0101")
        expectNothingLost(document)
    }

    /// A trial court's caption names its judge on a line of its own.
    @Test func aTrialJudgeLine() throws {
        let text = """
            IN THE COURT OF MILLERS' RELIEF CLAIMS

            Jane Roe, Employee, v. Acme Mills, LLC, Employer.

            Judge Joan M. Moe

            """
        let document = try caption(text)
        #expect(document.caseInfo.court == "Court of Millers' Relief Claims")
        #expect(document.caseInfo.judges == ["Joan M. Moe", "ROE"])
        expectNothingLost(document)
    }

    /// A date alone on its line under the docket, with no event, is the filing date.
    @Test func aDateAloneOnItsLineIsTheFilingDate() throws {
        let text = """
                    IN THE SUPREME COURT OF
                           NOWHERE

                 In re JANE ROE on Discipline.

                              S123456

                            July 3, 2031

            """
        let document = try caption(text)
        #expect(document.caseInfo.dockets == ["S123456"])
        #expect(document.caseInfo.dates == [CaseDate(event: "filed", date: "2031-07-03")])
        expectNothingLost(document)
    }
}
