import ClerkCore
import ClerkJSON
import Testing

@Suite struct StarPaginationStageTests {
    private func paginate(_ text: String, _ parameters: [String: JSONValue] = [:]) throws -> Document {
        try StageHarness.run(StarPaginationStage.self, text, family: .scan, parameters: parameters)
    }

    /// The page breaks as (text before, label, text after), a few characters each side.
    private func breaks(_ document: Document) -> [String] {
        let bytes = document.body.bytes
        return document.body.marks.compactMap { mark in
            guard case .pageBreak(let label) = mark.kind else { return nil }
            let before = String(decoding: bytes[max(0, mark.offset - 4)..<mark.offset], as: UTF8.self)
            let after = String(decoding: bytes[mark.offset..<min(bytes.count, mark.offset + 4)], as: UTF8.self)
            return "\(before)|\(label ?? "?")|\(after)"
        }
    }


    @Test func markersBecomeLabelledBreaksAlsoInsideWords() throws {
        let text = """
            dissenting.
            The test is stated in Doe v. *212Roe, 100 F.3d 1 (1st Cir.1999). The trooper *213saw that the \
            driv*214er was armed, and he *215drew his weapon.

            """
        let document = try paginate(text)
        #expect(document.body.text == """
            dissenting.
            The test is stated in Doe v. Roe, 100 F.3d 1 (1st Cir.1999). The trooper saw that the \
            driver was armed, and he drew his weapon.

            """)
        #expect(breaks(document) == [" v. |212|Roe,", "per |213|saw ", "driv|214|er w", " he |215|drew"])
        #expect(document.body.marks.map(\.offset) == [41, 85, 102, 123])
        #expect(document.log.edits.map(\.before) == ["*212", "*213", "*214", "*215"])
        #expect(document.log.edits.allSatisfy { $0.after.isEmpty && $0.reason.contains("page") })
        #expect(document.log.warnings.isEmpty)
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test func aMarkerBetweenSpacesTakesOneSpaceAlong() throws {
        let document = try paginate("one *40 two\n*41 three\nfour *42\nfive\n")
        #expect(document.body.text == "one two\nthree\nfour\nfive\n")
        #expect(breaks(document) == ["one |40|two\n", "two\n|41|thre", "four|42|\nfiv"])
        #expect(document.log.edits.map(\.before) == ["*40 ", "*41 ", " *42"])
        #expect(StageHarness.replayed(document) == document.body.text)
    }

    @Test func sequencesMayHaveGapsAndStartAnywhere() throws {
        let document = try paginate("a *9001b *9003c *9004d\n")
        #expect(document.body.text == "a b c d\n")
        #expect(document.body.marks.map(\.kind) == [
            .pageBreak(label: "9001"), .pageBreak(label: "9003"), .pageBreak(label: "9004"),
        ])
    }

    @Test func aGapBeyondTheLimitSplitsTheSequence() throws {
        // 10, 11 form one sequence; 40 alone is not pagination (nor is it with maximumGap 5).
        let document = try paginate("a *10b *11c *40d\n")
        #expect(document.body.text == "a b c *40d\n")
        #expect(document.log.warnings.count == 1)
        #expect(document.log.warnings.first?.message.contains("*40") == true)
        let wide = try paginate("a *10b *11c *40d\n", ["maximumGap": .int(30)])
        #expect(wide.body.text == "a b c d\n")
    }

    @Test func aLoneMarkerIsLeftWithAWarning() throws {
        let document = try paginate("See the record at page *531 of the appendix.\n")
        #expect(document.body.text == "See the record at page *531 of the appendix.\n")
        #expect(document.body.marks.isEmpty)
        #expect(document.log.edits.isEmpty)
        #expect(document.log.warnings.map(\.sourceOffset) == [23])
    }

    @Test func minimumSequenceIsConfigurable() throws {
        let text = "x *77y *78z\n"
        #expect(try paginate(text, ["minimumSequence": .int(3)]).body.text == text)
        #expect(try paginate(text, ["minimumSequence": .int(2)]).body.text == "x y z\n")
        #expect(try paginate("x *77y\n", ["minimumSequence": .int(1)]).body.text == "x y\n")
    }

    @Test func starsInOtherRolesAreNeverTouched() throws {
        let text = """
            The officer* testified.** He said 2*100 and 3 * 45 and x*y.
            * * *
            *Emphasis* and **bold** and ***; a footnote **2 and *3 here.
            2011 WL 197426, at *10–11; id. at *12; see also id. at **13.
            *Footnote text at the end.

            """
        let document = try paginate(text)
        #expect(document.body.text == text)
        #expect(document.log.edits.isEmpty)
        #expect(document.body.marks.isEmpty)
        #expect(document.log.warnings.isEmpty)
    }

    @Test func pinpointsNextToRealPaginationStayText() throws {
        let document = try paginate("a *20b, 2011 WL 1, at *21, and *21c *22d\n")
        #expect(document.body.text == "a b, 2011 WL 1, at *21, and c d\n")
        #expect(document.body.marks.map(\.kind) == [
            .pageBreak(label: "20"), .pageBreak(label: "21"), .pageBreak(label: "22"),
        ])
    }

    @Test func parallelReportersAreTwoSequencesLabelledWithTheirOwnPages() throws {
        let document = try paginate("a *531b **1865c *532d e**1866f\n")
        #expect(document.body.text == "a b c d ef\n")
        #expect(document.body.marks.map(\.kind) == [
            .pageBreak(label: "531"), .pageBreak(label: "1865"), .pageBreak(label: "532"), .pageBreak(label: "1866"),
        ])
        #expect(document.log.edits.map(\.before) == ["*531", "**1865", "*532", "**1866"])
        #expect(document.log.edits[1].reason.contains("parallel"))
    }

    @Test func bracketedMarkersAreRemovedWithTheirBrackets() throws {
        let document = try paginate("the [*88] court held [*89] that\n")
        #expect(document.body.text == "the court held that\n")
        #expect(document.log.edits.map(\.before) == ["[*88] ", "[*89] "])
    }

    @Test func aBracketedMarkerMayHaveOneDigit() throws {
        let document = try paginate("the landlord [*2] gave notice, [*3] and the\ntenant *4 left, n.5 *5\n")
        #expect(document.body.text == "the landlord gave notice, and the\ntenant *4 left, n.5 *5\n")
        #expect(document.body.marks.map(\.kind) == [.pageBreak(label: "2"), .pageBreak(label: "3")])
    }

    @Test func outOfSequenceNoiseIsLeftWhileTheSequenceIsTaken() throws {
        let document = try paginate("a *531b *532c *17d *533e\n")
        #expect(document.body.text == "a b c *17d e\n")
        #expect(document.body.marks.count == 3)
        #expect(document.log.warnings.count == 1)
    }

    @Test func existingMarksStayInPlace() throws {
        var document = StageHarness.document("ab *12cd\nef *13gh\n", family: .scan)
        document.body = StageHarness.stream("ab *12cd\n", .mark(.footnoteRef(label: "1")), "ef *13gh\n")
        document = try StageHarness.run(StarPaginationStage.self, on: document)
        #expect(document.body.text == "ab cd\nef gh\n")
        #expect(document.body.marks == [
            TextMark(offset: 3, kind: .pageBreak(label: "12")),
            TextMark(offset: 6, kind: .footnoteRef(label: "1")),
            TextMark(offset: 9, kind: .pageBreak(label: "13")),
        ])
        #expect(document.body.sourceOffset(at: 9) == 15)
    }

    @Test func runningTwiceChangesNothingMore() throws {
        let once = try paginate("a *531b **1865c *532d **1866 e\n")
        let twice = try StageHarness.run(StarPaginationStage.self, on: once)
        #expect(twice.body == once.body)
        #expect(twice.log == once.log)
        #expect(once.log.edits.count == 4)
    }
}
