@testable import ClerkCore
import Testing

@Suite struct FootnoteStageTests {
    /// A body stream with a page break mark at each `|PAGE n|` placeholder.
    private func document(_ pages: [String], family: SourceFamily = .layout) -> Document {
        var document = StageHarness.document(pages.joined(), family: family)
        var offsets: [Int] = []
        var total = 0
        for page in pages.dropLast() {
            total += page.utf8.count
            offsets.append(total)
        }
        var log = EditLog()
        document.body.apply(offsets.enumerated().map {
            TextEdit(range: $0.element..<$0.element, reason: "test", marks: [.pageBreak(label: String($0.offset + 2))])
        }, stage: "t", log: &log)
        return document
    }

    private func run(_ document: Document) throws -> Document {
        try StageHarness.run(FootnoteStage.self, on: document)
    }

    static let bodyLine = "body text that fills a line of the page in the usual width.\n"

    @Test func pageBottomNotesLeaveTheBodyAndMarkersBecomeReferences() throws {
        let page1 = String(repeating: Self.bodyLine, count: 8) + "the officer said so. 1\n" + String(repeating: Self.bodyLine, count: 4)
            + "1 A note set in smaller type is wider than the body lines of the page are.\n"
        let page2 = String(repeating: Self.bodyLine, count: 6) + "then he ran.” 2 After that, more text came.\n"
            + String(repeating: Self.bodyLine, count: 4)
            + "2  Two spaces after this label, and the note ends here with a full stop.\n"
        let result = try run(document([page1, page2]))
        #expect(result.notes.map(\.label) == ["1", "2"])
        #expect(result.notes[0].text.text == "A note set in smaller type is wider than the body lines of the page are.\n")
        #expect(result.notes[1].text.text.hasPrefix("Two spaces after this label"))
        #expect(!result.body.text.contains("smaller type"))
        #expect(result.body.text.contains("the officer said so.\n"))
        #expect(result.body.text.contains("then he ran.” After that"))
        let refs = result.body.marks.filter(\.isFootnoteRef)
        #expect(refs.count == 2)
        // The first reference sits right after "so.", the second right after the closing quote.
        #expect(result.body.string(0..<refs[0].offset).hasSuffix("said so."))
        #expect(result.body.string(0..<refs[1].offset).hasSuffix("he ran.”"))
        #expect(result.log.edits.contains { $0.reason == "footnote 1 moved from the body to the notes" })
        #expect(result.log.edits.contains { $0.before == "1 " && $0.reason == "label of footnote 1 (kept as the note's label)" })
    }

    @Test func aNoteContinuedOnTheNextPageIsRejoined() throws {
        let page1 = String(repeating: Self.bodyLine, count: 8) + "as they did. 1\n" + String(repeating: Self.bodyLine, count: 3)
            + "1 This note is long and set in small type, and it does not end on this page but\n"
        let page2 = String(repeating: Self.bodyLine, count: 9)
            + "goes on here in the same small type until it finally reaches its real end.\n"
        let result = try run(document([page1, page2]))
        #expect(result.notes.count == 1)
        #expect(result.notes[0].text.lines == [
            "This note is long and set in small type, and it does not end on this page but",
            "goes on here in the same small type until it finally reaches its real end.",
        ])
        #expect(!result.body.text.contains("finally reaches"))
        #expect(result.log.edits.contains { $0.reason == "continuation of footnote 1 moved from the body to the notes" })
    }

    @Test func starLabelledNotes() throws {
        let page = String(repeating: Self.bodyLine, count: 8) + "the judgment is vacated.* The rest of the body follows here.\n"
            + String(repeating: Self.bodyLine, count: 3)
            + "* Judge Doe, of the District of Somewhere, sitting by designation here.\n"
        let result = try run(document([page]))
        #expect(result.notes.map(\.label) == ["*"])
        #expect(result.notes[0].text.text.hasPrefix("Judge Doe, of the District"))
        #expect(result.body.text.contains("vacated. The rest"))
        #expect(result.body.marks.contains { $0.kind == .footnoteRef(label: "*") })
    }

    @Test func numberedLinesWithoutAMarkerStayInTheBody() throws {
        let page = String(repeating: Self.bodyLine, count: 8) + "1 This looks like a note, but no marker points to it in the text.\n"
        let result = try run(document([page]))
        #expect(result.notes.isEmpty)
        #expect(result.body.text == page)
    }

    @Test func numbersAfterAbbreviationsAreNotMarkers() throws {
        let page = String(repeating: Self.bodyLine, count: 8) + "as in Case No. 1 of the docket.\n" + String(repeating: Self.bodyLine, count: 3)
            + "1 A numbered line at the bottom that is not a real note of this page at all.\n"
        let result = try run(document([page]))
        #expect(result.notes.isEmpty)
    }

    @Test func flatTextNotesSitInlineBeforeThePageBreak() throws {
        let words = String(repeating: "word ", count: 120)
        let page1 = "Text \(words)before the shooting. 1 Text goes on \(words)and ends 1 Stahl’s camera also picked it up. "
        let page2 = "at Smith. More \(words)now!” 2 Finkley ran. \(words)over 2 The audio captured it. "
        let page3 = "Last page \(words)\n"
        let result = try run(document([page1, page2, page3], family: .flat))
        #expect(result.notes.map(\.label) == ["1", "2"])
        #expect(result.notes[0].text.text == "Stahl’s camera also picked it up.")
        #expect(result.body.text.contains("and ends at Smith."))
        #expect(result.body.text.contains("now!” Finkley ran."))
    }

    @Test func flatContinuationIsCutWhereBothJoinsReadNaturally() throws {
        // The document's own pairs: "happened on" + "August", and "not entitled" + "to".
        let filler = String(repeating: "The court held that officers are entitled to immunity on August days. ", count: 6)
        let page1 = "Text \(filler)so we ask what happened. 1 More text here \(filler)end 1 The note asks what happened on "
        let page2 = "Body of page two \(filler)and the officers are not entitled August 31, when it all happened. "
        let page3 = "to immunity after all. \(filler)\n"
        let result = try run(document([page1, page2, page3], family: .flat))
        #expect(result.notes.map(\.label) == ["1"])
        #expect(result.notes[0].text.text.hasSuffix("what happened on\nAugust 31, when it all happened."))
        #expect(result.body.text.contains("are not entitled to immunity after all."))
        #expect(result.log.warnings.isEmpty)
    }

    @Test func gluedLabelsAndRestartedNumbering() throws {
        let words = String(repeating: "word ", count: 120)
        let page1 = "Text \(words)inter alia Miller); 1 see also \(words)pointed 1While the note starts here, it is one. "
        let page2 = "Dissent \(words)that injured him. 1 More \(words)end 1 The dissent’s own first note. "
        let result = try run(document([page1, page2, "tail \(words)\n"], family: .flat))
        #expect(result.notes.map(\.label) == ["1", "1"])
        #expect(result.notes[0].text.text.hasPrefix("While the note starts here"))
        #expect(result.notes[1].text.text.hasPrefix("The dissent’s own first note"))
    }

    @Test func endNotesOfAScanIncludingALostLabel() throws {
        let text = "dissenting.\nThe judgment rests on the defendants’ actions.1 It is my position that it should stand.\nFor these reasons I dissent.\n. When the defendants moved for judgment, nothing was filed.\n"
        let result = try StageHarness.run(FootnoteStage.self, text, family: .scan)
        #expect(result.notes.map(\.label) == ["1"])
        #expect(result.notes[0].text.text == "When the defendants moved for judgment, nothing was filed.")
        #expect(result.body.text.contains("actions. It is my position"))
        #expect(result.log.warnings.count == 1)
        let ref = try #require(result.body.marks.first)
        #expect(result.body.string(0..<ref.offset).hasSuffix("actions."))
    }

    /// Without page breaks (running headers not found) the whole text is one "page": a note
    /// line in its second half would take the rest of the text. Notes take a printed page's
    /// share at most, so it stays body text, and nothing is lost.
    @Test func aPageWhoseBreaksWereMissedLendsNoNoteTheRestOfTheText() throws {
        let body = String(repeating: Self.bodyLine, count: 200)
        let text = Self.bodyLine + "as the officer said. 1\n" + body + "1 A line that reads like a note in the middle of the text.\n" + body
        let result = try run(document([text]))
        #expect(result.notes.count == 0)
        let bodyUnchanged = result.body.text == text
        #expect(bodyUnchanged)
        // A note at the end of such a text is still one.
        let ending = body + "the officer said so. 1\n" + String(repeating: Self.bodyLine, count: 3)
            + "1 A note set in smaller type is wider than the body lines of the page are.\n"
        let noted = try run(document([ending]))
        #expect(noted.notes.map(\.label) == ["1"])
        let logAccountsForEveryChange = StageHarness.replayed(noted) == noted.body.text
        #expect(logAccountsForEveryChange)
    }

    @Test func runningTwiceFindsNothingMore() throws {
        let page = String(repeating: Self.bodyLine, count: 8) + "said so. 1\n" + "1 A note set in smaller type is wider than the body lines of the page are.\n"
        let once = try run(document([page]))
        let twice = try run(once)
        #expect(twice.notes.count == once.notes.count)
        #expect(twice.body.text == once.body.text)
    }

    /// A page foot set off by blank lines only (no rule, note type no wider than the body), its
    /// label in a column of its own several spaces before the text.
    @Test func aLabelSetApartBySpacesAfterBlankLines() throws {
        let page = String(repeating: Self.bodyLine, count: 8) + "of the Civic Code.1 The hearing went on from there.\n"
            + String(repeating: Self.bodyLine, count: 3)
            + "\n\n1       All further references are to the Civic Code of\nthis state unless noted.\n\n\n"
        let result = try run(document([page]))
        #expect(result.notes.map(\.label) == ["1"])
        #expect(result.notes[0].text.text.hasPrefix("All further references"))
        #expect(result.body.text.contains("Civic Code. The hearing"))
        #expect(StageHarness.replayed(result) == result.body.text)
    }

    /// A label standing alone on its line above the indented note text; the marker raised onto a
    /// line of its own between two body lines; numbering that starts at 2.
    @Test func aLabelAloneAboveIndentedTextAndAMarkerOnItsOwnLine() throws {
        let page1 = String(repeating: Self.bodyLine, count: 8) + "the trustee kept the ledger, with\n"
            + "                2\n" + "its own keeper. It stayed in the office until the sale.\n" + String(repeating: Self.bodyLine, count: 3)
            + "\n\n            2\n               The ledger was never produced at the\nhearing, and no one asked for it.\n"
        let page2 = String(repeating: Self.bodyLine, count: 8) + "the sale was confirmed. 3\n" + String(repeating: Self.bodyLine, count: 3)
            + "            3\n              Confirmation orders are appealable\nunder the code.\n"
        let result = try run(document([page1, page2]))
        #expect(result.notes.map(\.label) == ["2", "3"])
        #expect(result.notes[0].text.text.hasPrefix("The ledger was never produced"))
        #expect(result.body.text.contains("the ledger, with\nits own keeper. It stayed"))
        let ref = try #require(result.body.marks.first { $0.isFootnoteRef })
        #expect(result.body.string(0..<ref.offset).hasSuffix("its own keeper."))
        #expect(StageHarness.replayed(result) == result.body.text)
    }

    /// Notes under a long rule, on pages whose running heads were never found (the page
    /// boundaries are the source's form feeds): the rule is the notes' own furniture.
    @Test(arguments: ["________________________________", "——————————————", "- - - - - - - - - - - - -"])
    func notesUnderALongRule(rule: String) throws {
        let page1 = String(repeating: Self.bodyLine, count: 8) + "the lease was renewed.1 The tenant stayed.\n" + String(repeating: Self.bodyLine, count: 3)
            + "\n\(rule)\n\n   1 The renewal was oral, and the landlord denies\nit was ever made.\n"
        let page2 = String(repeating: Self.bodyLine, count: 8) + "the rent was paid.2 The term ran on.\n" + String(repeating: Self.bodyLine, count: 3)
            + "\(rule)\n   2 By check, each month.\n"
        let result = try run(document([page1, page2]))
        #expect(result.notes.map(\.label) == ["1", "2"])
        #expect(result.notes[0].text.text.hasPrefix("The renewal was oral"))
        #expect(!result.notes[0].text.text.contains(rule))
        #expect(!result.body.text.contains(rule))
        #expect(StageHarness.replayed(result) == result.body.text)
    }

    /// A raised marker set on its own line past the end of the short line under it belongs to
    /// the line above, which ends at its column.
    @Test func aRaisedMarkerAtTheEndOfTheLineAbove() throws {
        let above = "the court relied on the trust's own terms, as the trustee had, at 684–685"
        let page = String(repeating: Self.bodyLine, count: 8) + above + "\n"
            + String(repeating: " ", count: above.unicodeScalars.count) + "1\n" + "[weighing factors].)\n"
            + String(repeating: Self.bodyLine, count: 3) + "\n\n1     The terms were read as a whole.\n"
        let result = try run(document([page]))
        #expect(result.notes.map(\.label) == ["1"])
        let ref = try #require(result.body.marks.first { $0.isFootnoteRef })
        #expect(result.body.string(0..<ref.offset).hasSuffix("at 684–685"))
        #expect(result.body.text.contains("at 684–685\n[weighing factors].)"))
        #expect(StageHarness.replayed(result) == result.body.text)
    }

    /// A marker in brackets glued to its word; a bracketed number after a space stays text.
    @Test func aBracketedMarkerGluedToItsWord() throws {
        let page = String(repeating: Self.bodyLine, count: 6) + "the appraised value[1] and so the award. See [2] below.\n"
            + String(repeating: Self.bodyLine, count: 4) + "\n\n1     The parties agree on the value.\n"
        let result = try run(document([page]))
        #expect(result.notes.map(\.label) == ["1"])
        #expect(result.body.text.contains("the appraised value and so the award. See [2] below."))
        #expect(StageHarness.replayed(result) == result.body.text)
    }

    /// A note on the decision's title: its marker ends the title's line.
    @Test func aMarkerAfterATitle() throws {
        let page = "                         Opinion and Order 1\n\n" + String(repeating: Self.bodyLine, count: 10)
            + "\n\n1\n “The board may rule by a short order.” Rule 9.\n"
        let result = try run(document([page]))
        #expect(result.notes.map(\.label) == ["1"])
        #expect(result.body.text.hasPrefix("                         Opinion and Order\n"))
        let headed = "                              Count 1\n\n" + String(repeating: Self.bodyLine, count: 10)
            + "\n\n1\n A note whose marker is elsewhere.\n"
        #expect(try run(document([headed])).notes.isEmpty)
    }

    @Test func aStarNoteWhoseLabelStandsAlone() throws {
        let page = String(repeating: Self.bodyLine, count: 8) + "Before ROE, DOE, and POE,* Circuit Judges.\n"
            + String(repeating: Self.bodyLine, count: 3)
            + "          *\n             The Honorable Ann Poe, of the Southern District\nof Somewhere, sitting by designation.\n"
        let result = try run(document([page]))
        #expect(result.notes.map(\.label) == ["*"])
        #expect(result.notes[0].text.text.hasPrefix("The Honorable Ann Poe"))
        #expect(result.body.text.contains("and POE, Circuit Judges."))
    }

    /// A numbered list at a page foot is no footnote: no marker in the body points to its numbers.
    @Test func aNumberedListInTheBodyStaysAList() throws {
        let list = "The court orders:\n1 The petition is granted in part.\n2\n   The request for fees is denied.\n"
            + "3 The clerk shall close the file.\n"
        let page = String(repeating: Self.bodyLine, count: 8) + "as Rule 2 requires, in 3 parts.\n" + String(repeating: Self.bodyLine, count: 3) + list
        let result = try run(document([page]))
        #expect(result.notes.isEmpty)
        #expect(result.body.text == page)
    }

    /// Web text giving each page-foot note a line of its own (`1 The …`) before the page
    /// number; markers glued to the word before, or between a bracket and the next word.
    @Test func webTextNotesOnLinesOfTheirOwn() throws {
        let words = String(repeating: "word ", count: 120)
        let page1 = "Text \(words)and he served a year in prison.1 Based on that \(words)under section 5(b)2of the Act it held.\n"
            + "1 The sentence was later reduced on appeal.\n2 The section reads in full as quoted here.\n"
        let page2 = "Page two \(words)and more.\n"
        let result = try run(document([page1, page2], family: .flat))
        #expect(result.notes.map(\.label) == ["1", "2"])
        #expect(result.notes[0].text.text.hasPrefix("The sentence was later reduced"))
        #expect(result.body.text.contains("in prison. Based"))
        #expect(result.body.text.contains("section 5(b) of the Act"))
        let glued = try run(document([page1.replacingOccurrences(of: "5(b)2of", with: "the proof2that"), page2], family: .flat))
        #expect(glued.notes.map(\.label) == ["1", "2"])
        #expect(glued.body.text.contains("the proof that the Act"))
        #expect(StageHarness.replayed(result) == result.body.text)
    }

    /// A number centred over a paragraph is a heading, neither a raised marker nor a note's label.
    @Test func aCentredHeadingNumberIsNoNote() throws {
        let page = String(repeating: Self.bodyLine, count: 8) + "as the record shows.\n" + "                             1\n"
            + "  The first question is whether the claim was timely filed here.\n" + String(repeating: Self.bodyLine, count: 3)
            + "                             1\n  The second part turns to the remedy the court may give.\n"
        let result = try run(document([page]))
        #expect(result.notes.isEmpty)
        #expect(result.body.text == page)
    }

    /// A marker glued to a word (`the CPA1 auditor`); a page foot whose notes fill most of a short page.
    @Test func aMarkerGluedToAWordAndNotesFillingMostOfAShortPage() throws {
        let page = String(repeating: Self.bodyLine, count: 2) + "by a neutral CPA1 auditor, and the court agreed with that.\n"
            + Self.bodyLine + "\n\n"
            + "1     An auditor who holds the title has passed the highest\ncourse of the board that grants it,"
            + String(repeating: " and the note runs on at length\nover several lines of the page,", count: 8) + " to its end.\n"
        let fullPage = String(repeating: Self.bodyLine, count: 16)
        let result = try run(document([fullPage, fullPage, page]))
        #expect(result.notes.map(\.label) == ["1"])
        #expect(result.body.text.contains("neutral CPA auditor"))
        // Alone, the page is its own measure: notes filling most of it are body text.
        #expect(try run(document([page])).notes.isEmpty)
        // A code of one letter and a number is no marker.
        let coded = try run(document([fullPage, fullPage, page.replacingOccurrences(of: "CPA1", with: "W1")]))
        #expect(coded.notes.isEmpty)
    }
}
