import ClerkCore
import ClerkJSON
import Testing

@Suite struct ChromeStageTests {
    private func chrome(
        _ text: String, family: SourceFamily = .unknown, parameters: [String: JSONValue] = [:]
    ) throws -> Document {
        try StageHarness.run(ChromeStage.self, text, family: family, parameters: parameters)
    }

    private func metadata(_ document: Document) -> [String] {
        document.caseInfo.metadata.map { "\($0.key)=\($0.value)" }
    }

    /// The layout-dump shape: a title line, blank lines, `Menu:`, then a bullet that shares its
    /// line with the first caption line.
    private let layoutPage = """
        Ann Doe v. Richard Roe ( 2019 )


        Menu:
          •                                In the
            Supreme Court of the State of Nowhere
            No. 18-0042
            ANN DOE, Appellant,
            v.
            RICHARD ROE, Appellee.

        """

    @Test func titleAndMenuAreRemovedAndTheCaptionKeepsItsColumn() throws {
        let document = try chrome(layoutPage)
        let lines = document.body.lines
        #expect(lines.first == String(repeating: " ", count: 35) + "In the")
        #expect(lines[1] == "    Supreme Court of the State of Nowhere")
        #expect(lines.count == 6)
        #expect(metadata(document) == ["title=Ann Doe v. Richard Roe ( 2019 )"])
        let edits = document.log.edits
        #expect(edits.map(\.before) == ["Ann Doe v. Richard Roe ( 2019 )\n", "Menu:\n", "•"])
        #expect(edits.map(\.after) == ["", "", " "])
        #expect(edits.allSatisfy { $0.stage == "chrome" && !$0.reason.isEmpty })
        #expect(edits.map(\.sourceOffset) == [0, 34, 42])
    }

    @Test func menuOnTheSameLineAsTheCaption() throws {
        let document = try chrome("Menu:  •                                In the\nCOURT OF APPEALS\n")
        #expect(document.body.lines.first == String(repeating: " ", count: 8) + String(repeating: " ", count: 32) + "In the")
        #expect(document.log.edits.map(\.before) == ["Menu:  •"])
    }

    @Test func menuItemsAreRemovedUntilContent() throws {
        let document = try chrome("Menu:\n• Home\n• Opinions\n  • About the Court\nIN THE COURT OF APPEALS\n• kept bullet\n")
        #expect(document.body.text == "IN THE COURT OF APPEALS\n• kept bullet\n")
        #expect(document.log.edits.count == 4)
    }

    @Test func flattenedMenuBeforeALongCaptionKeepsTheCaption() throws {
        let text = "Menu: • Home • In the United States Court of Appeals for the Ninth Circuit No. 19-1 DOE v. ROE\n"
        let document = try chrome(text)
        #expect(document.body.text.hasSuffix("In the United States Court of Appeals for the Ninth Circuit No. 19-1 DOE v. ROE\n"))
        #expect(document.log.edits.map(\.before) == ["Menu: • Home •"])
    }

    /// The flattened web dump shape: a breadcrumb trail, one crumb a line, closed by a lone dash.
    @Test func breadcrumbTrailAndItsDashAreRemoved() throws {
        let text = "All Courts |\nState Courts |\nSupreme Court of Someplace |\n2019-03 |\n-\nIN THE SUPREME COURT OF SOMEPLACE No. 2019-SC-1 ...\n"
        let document = try chrome(text)
        #expect(document.body.text == "IN THE SUPREME COURT OF SOMEPLACE No. 2019-SC-1 ...\n")
        #expect(document.log.edits.map(\.before) == [
            "All Courts |\n", "State Courts |\n", "Supreme Court of Someplace |\n", "2019-03 |\n", "-\n",
        ])
        #expect(document.log.edits.map(\.sourceOffset) == [0, 13, 28, 57, 67])
        #expect(document.caseInfo.metadata.isEmpty)
    }

    @Test func breadcrumbsFlattenedIntoTheFirstLineOfTheOpinion() throws {
        let opinion = "In the Supreme Court of Someplace No. 2019-SC-1 ANN DOE, Appellant, v. RICHARD ROE, Appellee. Opinion of the Court."
        let document = try chrome("All Courts | State Courts | Supreme Court of Someplace | 2019-03 | - " + opinion + "\nMore.\n")
        #expect(document.body.text == opinion + "\nMore.\n")
        #expect(document.log.edits.map(\.before) == ["All Courts | State Courts | Supreme Court of Someplace | 2019-03 | - "])
        // One bar in a long first line is not a trail.
        let text = "Plaintiff | Defendant agreed that the contract, signed in the spring of that year, governed all later claims.\n"
        #expect(try chrome(text).log.edits.isEmpty)
    }

    @Test func singleLineBreadcrumbs() throws {
        let document = try chrome("Home › Opinions › 2020 › Doe v. Roe\n\nOPINION\nText | with a bar.\n")
        #expect(document.body.text == "OPINION\nText | with a bar.\n")
        let single = try chrome("Home | Opinions\nOPINION\n")
        #expect(single.log.edits.isEmpty, "one separator is not enough evidence")
    }

    /// The trailing metadata block of web dumps.
    @Test func documentInfoBlockBecomesMetadata() throws {
        let text = """
            The judgment is AFFIRMED.
            Document Info
            Docket Number: 19-0042
            Judges:   Roe, Doe and Poe  
            Filed Date: 3/4/2019

            Citations: 1 N.W.3d 2
            Author:
            Precedential Status: Unpublished

            """
        let document = try chrome(text)
        #expect(document.body.text == "The judgment is AFFIRMED.\n")
        #expect(metadata(document) == [
            "Docket Number=19-0042", "Judges=Roe, Doe and Poe", "Filed Date=3/4/2019", "Citations=1 N.W.3d 2", "Author=",
            "Precedential Status=Unpublished",
        ])
        let logged = document.log.edits.map(\.before)
        #expect(logged.contains("Document Info\n"))
        #expect(logged.contains("Judges:   Roe, Doe and Poe  \n"))
        #expect(logged.filter { $0.contains(":") }.count == 6)
    }

    @Test func trailingKnownKeysWithoutHeadingNeedTwoLines() throws {
        let two = try chrome("Affirmed.\nDocket Number: 5-6\nFiled Date: 1/2/2003\n")
        #expect(two.body.text == "Affirmed.\n")
        #expect(metadata(two) == ["Docket Number=5-6", "Filed Date=1/2/2003"])

        let one = try chrome("Affirmed.\nJudges: Doe, Roe\n")
        #expect(one.body.text == "Affirmed.\nJudges: Doe, Roe\n")
        #expect(one.log.edits.isEmpty)

        let unknownKeys = try chrome("Affirmed.\nSo ordered: today\nSigned: Clerk\n")
        #expect(unknownKeys.log.edits.isEmpty)
    }

    @Test func opinionTextWithBarsAndKeysInTheMiddleIsUntouched() throws {
        let text = """
            OPINION
            The table read: Plaintiff | Defendant | Amount |
            Alpha | Beta | 10 |
            Judges: the panel was split.
            Docket Number: 12-3 was consolidated with the appeal.
            Filed Date: the motion was untimely.
            The judgment is reversed.

            """
        let document = try chrome(text)
        #expect(document.body.text == text)
        #expect(document.log.edits.isEmpty)
        #expect(document.caseInfo.metadata.isEmpty)
    }

    @Test func documentWithoutChromeIsUnchanged() throws {
        let text = "dissenting.\nI respectfully dissent.\n*531 The officers (2019) acted.\nFor the foregoing reasons, I dissent.\n"
        let document = try chrome(text, family: .scan)
        #expect(document.body == StageHarness.document(text).body)
        #expect(document.log.edits.isEmpty && document.log.warnings.isEmpty)
    }

    @Test func titleNeedsACaseNameAndTheFirstLine() throws {
        let plain = try chrome("Opinion of the Court ( 2021 )\nText.\n")
        #expect(plain.log.edits.isEmpty)
        let notFirst = try chrome("OPINION\nDoe v. Roe ( 2021 )\nText.\n")
        #expect(notFirst.log.edits.isEmpty)
        let matter = try chrome("In re Estate of Poe (1998)\nText.\n")
        #expect(metadata(matter) == ["title=In re Estate of Poe (1998)"])
    }

    @Test func aTitleAlreadyKnownIsRemovedWhereverItRepeatsAtTheTop() throws {
        var document = StageHarness.document("Doe v. Roe\n\nDoe v. Roe\nOPINION\nDoe v. Roe\n")
        document.caseInfo.metadata = [MetadataEntry(key: "title", value: "Doe v. Roe")]
        let result = try StageHarness.run(ChromeStage.self, on: document)
        #expect(result.body.text == "OPINION\nDoe v. Roe\n")
        #expect(metadata(result) == ["title=Doe v. Roe"])
    }

    @Test func blocksCanBeSwitchedOff() throws {
        let off = try chrome(layoutPage, parameters: ["title": false, "menu": false])
        #expect(off.log.edits.isEmpty)
        let text = "Affirmed.\nDocument Info\nDocket Number: 1\n"
        #expect(try chrome(text, parameters: ["documentInfo": false]).log.edits.isEmpty)
        #expect(try chrome("A |\nB |\nText\n", parameters: ["breadcrumbs": false]).log.edits.isEmpty)
    }

    @Test func chromeMustSitWithinTheBounds() throws {
        let menu = "Menu:\n" + String(repeating: "• Item\n", count: 10) + "CAPTION\n"
        let bounded = try chrome(menu, parameters: ["topLines": 4])
        #expect(bounded.log.edits.count == 4)
        var body = "Opinion text.\nDocument Info\nDocket Number: 1\n"
        body += String(repeating: "Key Number: 2\n", count: 5)
        #expect(try chrome(body, parameters: ["bottomLines": 3]).log.edits.isEmpty)
        #expect(try chrome(body).log.edits.count == 7)
    }

    @Test func runningTwiceChangesNothingMore() throws {
        let text = layoutPage + "The end.\nDocument Info\nDocket Number: 18-0042\nFiled Date: 1/1/2019\n"
        let once = try chrome(text)
        let twice = try StageHarness.run(ChromeStage.self, on: once)
        #expect(twice.body == once.body)
        #expect(twice.log == once.log)
        #expect(twice.caseInfo == once.caseInfo)
    }
}
