@testable import ClerkCore
import Testing

/// Signature blocks that close opinions: read back from an opinion's end, never bylines, their
/// signer the author of an opinion that names none.
@Suite struct SignatureBlockTests {
    @Test(arguments: [
        ("HALVORSEN, J.", "HALVORSEN"), ("PRATT, P. J.", "PRATT"), ("O'MARA, Acting P. J.", "O'MARA"),
        ("Jane Q. Abara, Judge", "Jane Q. Abara"), ("Tomas Ruiz-Pratt, U.S.D.J.", "Tomas Ruiz-Pratt"),
        ("/s/ Jane Abara", "Jane Abara"), ("s/ JANE ABARA, United States District Judge", "JANE ABARA"),
        ("Hon. Jane Abara, District Judge", "Jane Abara"), ("Marcus L. Pratt, III, Presiding Judge", "Marcus L. Pratt, III"),
    ])
    func signatureLinesNameTheirJudge(line: String, name: String) {
        #expect(SignatureLine.classify(line) == .signature(name))
    }

    @Test(arguments: [
        "/s/ Jane Abara, Clerk", "Affirmed.", "The judgment is affirmed, Judge.", "HALVORSEN, J., dissenting.",
        "See Roe v. Doe, 1 U.S. 1.", "I concur.",
    ])
    func otherLinesAreNoSignatures(line: String) {
        if case .signature = SignatureLine.classify(line) { Issue.record("read as a signature: \(line)") }
    }

    @Test func concurrenceSentencesAndPanelListsNameTheirJudges() {
        #expect(SignatureLine.concurrence("Ann Pratt, P.J., and Omar Cho, J., concur.") == ["Ann Pratt", "Omar Cho"])
        #expect(SignatureLine.concurrence("PRATT, J., concurs.") == ["PRATT"])
        #expect(SignatureLine.concurrence("The parties concur.") == nil)
        #expect(SignatureLine.judges("Ann Pratt, P.J., Omar Cho, J., and Jane Abara, J") == ["Ann Pratt", "Omar Cho", "Jane Abara"])
        #expect(SignatureLine.judges("Springfield, Illinois") == nil)
    }

    private static let body = String(repeating: "The trial court entered judgment for the trustee, and we see no error in it. ", count: 4)

    private func split(_ text: String) throws -> (Document, [Opinion]) {
        let split = try StageHarness.run(OpinionStage.self, text, family: .layout)
        return (split, try StageHarness.run(ReflowStage.self, on: split).opinions)
    }

    /// `ROE, P. J.` / `We concur:` / their signatures: one opinion, signed by the first, the
    /// others concurring; the block leaves the text for the edit log.
    @Test func aSignedOpinionWithoutABylineIsTheLeadOpinionOfItsSigner() throws {
        let text = Self.body + "\n\n                                   PRATT, P. J.\n\nWe concur:\n\n\n      CHO, J.\n\n      O'MARA, Acting P. J.\n\n                 12\n"
        let (document, opinions) = try split(text)
        #expect(opinions.count == 1)
        #expect(opinions.first?.type == .majority)
        #expect(opinions.first?.author == "PRATT")
        #expect(opinions.first?.blocks.map(\.text).joined().contains("PRATT") == false)
        let mark = document.body.marks.compactMap { mark -> OpinionHeader? in
            if case .blockStart(.opinion(let header)) = mark.kind { header } else { nil }
        }
        #expect(mark.first?.concurring == ["CHO", "O'MARA"])
        let logged = document.log.edits.filter { $0.reason.hasPrefix("the opinion's signature block") }
        #expect(logged.count == 1)
        #expect(logged.first?.before.contains("We concur:") == true)
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    /// A byline alone on a line that opens text is a byline (reporter scans print `Roe, J.` so).
    @Test func aNameOverTheOpinionsTextIsStillAByline() throws {
        let text = "HALVORSEN, J.\n\n" + Self.body + "\n\nPRATT, J., dissenting.\n\n" + Self.body + "\n"
        let (_, opinions) = try split(text)
        #expect(opinions.map(\.type) == [.majority, .dissent])
        #expect(opinions.map(\.author) == ["HALVORSEN", "PRATT"])
    }

    /// The signature under an opinion that has a byline: the author stays the byline's, the
    /// signatures after `We concur:` are no opinions, and a last signature printed after the
    /// list's page break is the block's too.
    @Test func signaturesAfterABylinedOpinionAreNoOpinions() throws {
        let text = "Opinion of the Court by Halvorsen, J.\n\n" + Self.body + "\n                       HALVORSEN, J.\nWe Concur:\nPRATT, C. J.\nCHO, J.\n\n\n     7\nABARA, J.\n"
        let (document, opinions) = try split(text)
        #expect(opinions.count == 1)
        #expect(opinions.first?.author == "Halvorsen")
        let header = document.body.marks.compactMap { mark -> OpinionHeader? in
            if case .blockStart(.opinion(let header)) = mark.kind { header } else { nil }
        }.first
        #expect(header?.concurring == ["PRATT", "CHO", "ABARA"])
    }

    /// A district court's order: `SO ORDERED.`, the date, the place and the judge under it.
    @Test func aDatedSignatureGivesTheAuthorAndTheDateSigned() throws {
        let text = "MEMORANDUM AND ORDER\n\n" + Self.body + "\n\nSO ORDERED.\n\nDated: March 3, 2031\n       Springfield, Illinois\n\n                              Jane Q. Abara\n                              UNITED STATES DISTRICT JUDGE\n"
        let (document, opinions) = try split(text)
        #expect(opinions.last?.type == .majority)
        #expect(opinions.last?.author == "Jane Q. Abara")
        #expect(opinions.last?.blocks.last?.text == "SO ORDERED.")
        #expect(document.caseInfo.dates == [CaseDate(event: "signed", date: "2031-03-03")])
    }

    /// `Ann Pratt, P.J., and / Omar Cho, J., concur.` under the signature, wrapped over lines.
    @Test func aWrappedConcurrenceSentenceIsPartOfTheBlock() throws {
        let text = Self.body + "\n                ______________________\n                Jane Q. Abara, Judge\nAnn Pratt, P.J., and\nOmar Cho, J., concur.\n   5\n"
        let (document, opinions) = try split(text)
        #expect(opinions.first?.author == "Jane Q. Abara")
        #expect(opinions.first?.blocks.map(\.text).joined().contains("concur") == false)
        let header = document.body.marks.compactMap { mark -> OpinionHeader? in
            if case .blockStart(.opinion(let header)) = mark.kind { header } else { nil }
        }.first
        #expect(header?.concurring == ["Ann Pratt", "Omar Cho"])
    }

    /// The option off: signatures are read as before (bylines), nothing is taken out.
    @Test func theOptionOffLeavesSignaturesToTheBylineReading() throws {
        let text = Self.body + "\n\nPRATT, P. J.\n\nWe concur:\n\nCHO, J.\n"
        let split = try StageHarness.run(OpinionStage.self, text, family: .layout, parameters: ["signatures": .bool(false)])
        #expect(!split.log.edits.contains { $0.reason.hasPrefix("the opinion's signature block") })
    }

    /// The whole pipeline on a state appellate opinion signed at its end: the caption, the
    /// appeal and counsel lines are head matter, the opinion starts at its first heading, and
    /// every judge who signed is a judge of the case.
    @Test func aStateAppellateOpinionSignedAtItsEnd() throws {
        let text = """
            NOT TO BE PUBLISHED

            IN THE COURT OF APPEAL OF THE STATE OF NOWHERE

                                 FIRST APPELLATE DISTRICT

            JANE ROE,                                               A123456

                     Plaintiff and Respondent,                      (Kent County
                                                                     Super. Ct. No. 31CV0001)
                     v.

            JOHN DOE,

                     Defendant and Objector.


                  APPEAL from a judgment of the Superior Court of Kent County,
            Ann Abara, Judge. Affirmed.
                  Law Office of Omar Cho and Omar Cho for Defendant and Objector.
                  Pratt & Pratt and Lee Pratt for Plaintiff and Respondent.
                                     ____________________

                                       INTRODUCTION
                  John Doe appeals from the judgment confirming the trustee's accounting. We find no error in the judgment and affirm it.
            \(Self.body)
                                                          HALVORSEN, J.

            WE CONCUR:



            PRATT, Acting P. J.



            CHO, J.

            """
        let document = try Converter(configuration: try PipelineConfiguration.builtIn()).convert(Array(text.utf8), name: "a.txt")
        #expect(document.opinions.count == 1)
        #expect(document.opinions.first?.author == "HALVORSEN")
        #expect(document.opinions.first?.blocks.first?.text == "INTRODUCTION")
        #expect(document.opinions.first?.blocks.dropFirst().first?.text.hasPrefix("John Doe appeals") == true)
        #expect(document.caseInfo.court == "Court of Appeal of the State of Nowhere" || document.caseInfo.court?.hasPrefix("Court of Appeal of the State of Nowhere") == true)
        #expect(Set(document.caseInfo.judges) == ["HALVORSEN", "PRATT", "CHO"])
        #expect(document.log.edits.contains { $0.before.contains("APPEAL from a judgment") })
    }
}

/// Slip opinions' own ways of naming an opinion that are no bylines.
@Suite struct SlipOpinionHeadsTests {
    /// `Per Curiam` alone at the head of a page, while the byline says `Per Curiam.`.
    @Test func perCuriamRunningHeadsOpenNothing() throws {
        let text = """
                                 Per Curiam

            ROE v. DOE
                  No. 31–100. Decided March 3, 2031
            The court below held the claims barred. Held: The decision below was incorrect.

              Per Curiam.
               The State may not bar the federal claims, and the judgment is
            12       ROE v. DOE

                             Per Curiam

            reversed, and the case is remanded.

            """
        let split = try StageHarness.run(OpinionStage.self, text, family: .layout)
        let opinions = try StageHarness.run(ReflowStage.self, on: split).opinions
        #expect(opinions.filter { $0.type == .perCuriam }.count == 1)
        #expect(split.log.edits.filter { $0.reason == "a running head naming the opinion" }.count == 2)
    }

    /// A syllabus summarises an opinion given in parts: `THE CHIEF JUSTICE delivered the opinion
    /// of the Court with respect to Part I, concluding:` opens nothing.
    @Test func aSyllabusSummaryOfAnOpinionInPartsIsNoByline() throws {
        let summary = "Syllabus\n\nHeld: The statute does not reach the levies.\n\nTHE CHIEF JUSTICE delivered the opinion of the Court with respect\nto Part II, concluding:\n\nThe text does not say so.\n\n"
        let text = summary + "CHIEF JUSTICE HALE delivered the opinion of the Court.\n\nWe decide whether the statute reaches the levies.\n"
        let split = try StageHarness.run(OpinionStage.self, text, family: .layout)
        let opinions = try StageHarness.run(ReflowStage.self, on: split).opinions
        #expect(opinions.map(\.type) == [.syllabus, .majority])
        #expect(opinions.last?.author == "HALE")
    }
}

/// What a reporter or clerk prints after the last opinion's signatures belongs to no opinion.
@Suite struct TrailingMatterTests {
    @Test func aCounselSheetAfterTheSignaturesGoesToTheEditLogWithItsDate() throws {
        let body = String(repeating: "We order the respondent disbarred from the practice of law in this state. ", count: 4)
        let text = "Opinion of the Court by Halvorsen, J.\n\n" + body + "\n                   HALVORSEN, J.\nWe Concur:\nPRATT, C. J.\nCHO, J.\n\n\n      30\nSee next page for addresses of counsel.\n\nName of Opinion In re Roe\nDate Filed: March 3, 2031\nCounsel:\nJane Abara for Respondent.\n"
        let (document, opinions) = try {
            let split = try StageHarness.run(OpinionStage.self, text, family: .layout)
            return (split, try StageHarness.run(ReflowStage.self, on: split).opinions)
        }()
        #expect(opinions.count == 1)
        #expect(opinions.first?.blocks.map(\.text).joined().contains("Counsel") == false)
        #expect(document.caseInfo.dates == [CaseDate(event: "filed", date: "2031-03-03")])
        #expect(document.log.edits.contains { $0.reason.hasPrefix("trailing matter") && $0.before.contains("Jane Abara") })
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test func anAppendixAfterTheSignaturesStays() throws {
        let body = String(repeating: "We order the respondent disbarred from the practice of law in this state. ", count: 4)
        let text = body + "\n                   HALVORSEN, J.\nWe Concur:\nPRATT, C. J.\n\nAPPENDIX\nThe table of the respondent's trust account entries follows.\n"
        let split = try StageHarness.run(OpinionStage.self, text, family: .layout)
        #expect(!split.log.edits.contains { $0.reason.hasPrefix("trailing matter") })
        #expect(split.body.text.contains("APPENDIX"))
    }
}

/// An appellate court's unsigned decision, the panel concurring under it.
@Suite struct UnsignedDecisionTests {
    @Test func aDecisionTheWholePanelConcursInIsPerCuriam() throws {
        let body = String(repeating: "The Supreme Court properly dismissed the complaint insofar as asserted against the lender. ", count: 3)
        let text = "ORDERED that the order is affirmed.\n" + body + "\nPRATT, J.P., ABARA, CHO and LEE, JJ., concur.\nENTER:\nJane Roe\nClerk of the Court\n"
        let split = try StageHarness.run(OpinionStage.self, text, family: .html)
        let opinions = try StageHarness.run(ReflowStage.self, on: split).opinions
        #expect(opinions.map(\.type) == [.perCuriam])
        #expect(opinions.first?.author == nil)
        let header = split.body.marks.compactMap { mark -> OpinionHeader? in
            if case .blockStart(.opinion(let header)) = mark.kind { header } else { nil }
        }.first
        #expect(header?.concurring == ["PRATT", "ABARA", "CHO", "LEE"])
        #expect(!split.body.text.contains("Clerk of the Court"))
        #expect(StageHarness.replayed(split) == split.body.text)
    }

    /// Web text runs the panel's `Concur—` on at the end of the last paragraph.
    @Test func aConcurrenceClosingTheLastParagraphMakesItPerCuriam() throws {
        let body = String(repeating: "The Supreme Court properly dismissed the complaint insofar as asserted against the lender. ", count: 3)
        let text = body + "\n\nWe decline to reach the remaining claims. Concur—Pratt, J.P., Abara, Cho, Lee, JJ.\n"
        let split = try StageHarness.run(OpinionStage.self, text, family: .html)
        let opinions = try StageHarness.run(ReflowStage.self, on: split).opinions
        #expect(opinions.map(\.type) == [.perCuriam])
        #expect(split.body.text.contains("We decline to reach the remaining claims."))
        #expect(!split.body.text.contains("Concur"))
        #expect(StageHarness.replayed(split) == split.body.text)
        #expect(SignatureLine.trailingConcurrence("The motion is denied. Concur—Roe, J.P., Doe, JJ.")?.names == ["Roe", "Doe"])
        #expect(SignatureLine.trailingConcurrence("They did not Concur—Roe, J.P., Doe, JJ.") == nil)
        #expect(SignatureLine.trailingConcurrence("Concur—the parties agree.") == nil)
    }
}
