@testable import ClerkCore
import Testing

/// Pages of a reporter volume that hold the end of one case and the start of the next (all
/// names, numbers and dates invented).
@Suite struct CaseBoundaryStageTests {
    private static let endOfAnother = """
        208                 QUARLES v. BEMIS              [17 Or. App.
                           Opinion of the Court
        the deed and the survey, which the jury was entitled to believe. The line
        was fixed by the parties' conduct over many years, and the verdict for the
        plaintiffs must stand on this record.
          Affirmed.
          ASH and LINDGREN, JJ., concur.

        """

    private static let caseLine = "[No. 4410-7-III. Division Three. October 2, 1975.]\n"

    private static let ownCase = """
        THE STATE OF OREGON, Respondent, v. WALTER E. PIKE, Appellant.
          Nina Holt, for appellant.
          Omar Reyes, District Attorney, for respondent.
          CARVER, J. — Walter Pike appeals his conviction of theft. He contends that
        the jury was misdirected on the value of the property, and we agree that the
        instruction was wrong, but the error did not harm him. We affirm.

        """

    private static let startOfAnother = """
        [No. 4432-1-III. Division Three. October 3, 1975.]
        LENA FROST, Appellant, v. COUNTY OF MARLOW, Respondent.
          Nature of Action: Review of a denial of a land use permit.

        """

    private func run(_ text: String) throws -> Document {
        try StageHarness.run(CaseBoundaryStage.self, text, family: .layout)
    }

    @Test func theEndOfAnotherCaseBeforeThisOneIsCut() throws {
        let document = try run(Self.endOfAnother + Self.caseLine + Self.ownCase)
        #expect(document.body.text == Self.caseLine + Self.ownCase)
        #expect(document.log.edits.map(\.before) == [Self.endOfAnother])
        #expect(document.log.warnings.contains { $0.stage == "cases" && $0.message.contains("end of another case") })
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test func theStartOfAnotherCaseAfterThisOneIsCut() throws {
        let document = try run(Self.caseLine + Self.ownCase + Self.startOfAnother)
        #expect(document.body.text == Self.caseLine + Self.ownCase)
        #expect(document.log.edits.map(\.before) == [Self.startOfAnother])
        #expect(document.log.warnings.contains { $0.message.contains("another case begins at “[No. 4432-1-III.") })
    }

    @Test func aCaseWithoutItsOwnLineKeepsItsTextAndLosesTheNextCase() throws {
        // The case's own caption and byline come first: the line after them opens another case.
        let document = try run(Self.ownCase + Self.startOfAnother)
        #expect(document.body.text == Self.ownCase)
    }

    @Test func bothEndsAreCutAroundTheCase() throws {
        let document = try run(Self.endOfAnother + Self.caseLine + Self.ownCase + Self.startOfAnother)
        #expect(document.body.text == Self.caseLine + Self.ownCase)
        #expect(document.log.edits.count == 2)
    }

    @Test func unclearTextBeforeACaseLineIsLeftWithAWarning() throws {
        // It starts with a capital and opens no case: it may be this case's own head matter.
        let preface = """
          Headnote. A buyer who inspects the goods and keeps them for a season may not
        later reject them for a defect that the inspection would have shown him, and
        the seller may recover the price with interest from the day of delivery.

        """
        let document = try run(preface + Self.caseLine + Self.ownCase)
        #expect(document.body.text == preface + Self.caseLine + Self.ownCase)
        #expect(document.log.edits.isEmpty)
        #expect(document.log.warnings.contains { $0.message.contains("another case may begin") })
    }

    @Test func textWithoutCaseLinesIsLeftAlone() throws {
        let text = "[Emphasis added.]\n" + Self.ownCase + "[1] Criminal Law — Theft — Value. A headnote in brackets.\n"
        let document = try run(text)
        #expect(document.body.text == text)
        #expect(document.log.edits.isEmpty && document.log.warnings.isEmpty)
    }

    @Test func throughThePipelineTheCaseIsReadFromItsLineAndCaption() throws {
        let text = Self.endOfAnother + Self.caseLine + Self.ownCase + Self.startOfAnother
        let converter = Converter(configuration: try PipelineConfiguration.builtIn())
        let document = try converter.convert(Array(text.utf8), name: "volume.txt")
        #expect(document.caseInfo.dockets == ["4410-7-III"])
        #expect(document.caseInfo.dates == [CaseDate(event: "decided", date: "1975-10-02")])
        #expect(document.caseInfo.caseName == "THE STATE OF OREGON v. WALTER E. PIKE")
        #expect(document.opinions.map(\.author) == ["CARVER"])
        // The reporter's dash after the byline is the byline's.
        #expect(document.opinions.first?.byline == "CARVER, J. —")
        #expect(document.opinions.first?.blocks.first?.text.hasPrefix("Walter Pike appeals") == true)
    }
}

@Suite struct ReporterCaseLineTests {
    private func read(_ text: String) -> ReporterCaseLine? {
        let bytes = Array(text.utf8)
        return ReporterCaseLine.read(TextTokenizer.tokens(in: bytes, range: 0..<bytes.count), at: 0)
    }

    @Test func theFormsReportersPrint() throws {
        let division = try #require(read("[No. 4410-7-III. Division Three. October 2, 1975.]"))
        #expect(division.dockets == ["4410-7-III"])
        #expect(division.decided == "1975-10-02")
        #expect(division.courtPart == "Division Three")
        let civil = try #require(read("[Civ. No. 31234. Second Dist., Div. Four. May 5, 1969.]"))
        #expect(civil.dockets == ["31234"])
        #expect(civil.decided == "1969-05-05")
        let bank = try #require(read("[S. F. No. 22345. In Bank. Jan. 7, 1966.]"))
        #expect(bank.dockets == ["22345"])
        #expect(bank.courtPart == "In Bank")
        // Wrapped onto a second line by a narrow column.
        let wrapped = try #require(read("[No. 55123. Department One. September\n14, 1979.]\nROE v. DOE."))
        #expect(wrapped.decided == "1979-09-14")
        #expect(wrapped.end == 7)
    }

    @Test func otherBracketedLinesAreNot() {
        #expect(read("[Emphasis added.]") == nil)
        #expect(read("[1] Criminal Law — Theft. The value is for the jury, No. 12.") == nil)
        #expect(read("[No. 4410. Division Three.]") == nil)
        #expect(read("[No. 4410. October 2, 1975.] and the text goes on") == nil)
        #expect(read("See [No. 4410. October 2, 1975.]") == nil)
    }
}
