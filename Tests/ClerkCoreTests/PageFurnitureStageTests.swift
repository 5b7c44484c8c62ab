import ClerkCore
import ClerkJSON
import Foundation
import Testing

/// Builds test opinions page by page: body words carry no digits, so every number in a test
/// text is one the test put there on purpose.
private enum Pages {
    /// A word without digits, distinct for each `n`.
    static func word(_ n: Int) -> String {
        let letters = Array("bcdfghjklmnpqrstvwxz")
        var n = n, result = ""
        repeat {
            result.append(letters[n % letters.count])
            result.append("a")
            n /= letters.count
        } while n > 0
        return result
    }

    /// The body lines of page `page`: `lines` lines of nine distinct words.
    static func body(page: Int, lines: Int = 12) -> [String] {
        (0..<lines).map { line in
            (0..<9).map { word(page * 1000 + line * 9 + $0) }.joined(separator: " ")
        }
    }

    /// The first word of page `page`'s body.
    static func firstWord(page: Int) -> String { word(page * 1000) }

    /// A layout text: each page's body, indented, with optional header and footer lines.
    static func layout(
        pages: Int, indent: String = "    ", header: (Int) -> String? = { _ in nil },
        footer: (Int) -> String? = { _ in nil }, separator: String = ""
    ) -> String {
        var text = ""
        for page in 1...pages {
            if page > 1 { text += separator }
            if let header = header(page) { text += indent + header + "\n" }
            for line in body(page: page) { text += indent + line + "\n" }
            if let footer = footer(page) { text += indent + footer + "\n" }
        }
        return text
    }
}

@Suite struct PageFurnitureStageTests {
    private func run(_ text: String, family: SourceFamily = .unknown, parameters: [String: JSONValue] = [:]) throws -> Document {
        try StageHarness.run(PageFurnitureStage.self, text, family: family, parameters: parameters)
    }

    /// The labelled page breaks, each with the word that follows it.
    private func breaks(_ document: Document) -> [(page: String, word: String)] {
        let bytes = document.body.bytes
        return document.body.marks.compactMap { mark in
            guard case .pageBreak(let label?) = mark.kind else { return nil }
            var start = mark.offset
            while start < bytes.count && [0x20, 0x09, 0x0A].contains(bytes[start]) { start += 1 }
            var end = start
            while end < bytes.count && ![0x20, 0x09, 0x0A].contains(bytes[end]) { end += 1 }
            return (label, String(decoding: bytes[start..<end], as: UTF8.self))
        }
    }

    private func expectBreaks(_ document: Document, pages: ClosedRange<Int>, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = breaks(document)
        #expect(found.map(\.page) == pages.map(String.init), sourceLocation: sourceLocation)
        #expect(found.map(\.word) == pages.map(Pages.firstWord), sourceLocation: sourceLocation)
    }

    /// Nothing lost: the words of the input are the words of the output plus the removed ones.
    private func expectNothingLost(_ input: String, _ document: Document, sourceLocation: SourceLocation = #_sourceLocation) {
        let removed = document.log.edits.filter { $0.stage == "furniture" }.flatMap { StageHarness.words($0.before) }
        let output = StageHarness.words(document.body.text)
        #expect((output + removed).map(String.init).sorted() == StageHarness.words(input).map(String.init).sorted(),
                sourceLocation: sourceLocation)
    }

    private func furnitureEdits(_ document: Document) -> [Edit] {
        document.log.edits.filter { $0.stage == "furniture" }
    }

    // MARK: Layout text

    @Test func alternatingHeadersBecomeLabelledBreaks() throws {
        let input = Pages.layout(pages: 7, header: { page in
            page == 1 ? nil : page.isMultiple(of: 2)
                ? "\(page)                                      No. 20-1754"
                : "No. 20-1754                                         \(page)"
        })
        let document = try run(input, family: .layout)
        expectBreaks(document, pages: 2...7)
        #expect(!document.body.text.contains("No. 20-1754"))
        #expect(furnitureEdits(document).map(\.reason) == (2...7).map { "running header of page \($0)" })
        #expect(furnitureEdits(document)[0].before.hasSuffix("No. 20-1754\n"))
        expectNothingLost(input, document)
        #expect(document.log.warnings.isEmpty)
    }

    @Test func headersWorkBeforeTheFamilyIsKnown() throws {
        let input = Pages.layout(pages: 5, header: { $0 == 1 ? nil : "\($0)    Smith v. Jones" })
        expectBreaks(try run(input), pages: 2...5)
    }

    @Test func pageOfFootersAtTheBottomBreakAfterThemselves() throws {
        let input = Pages.layout(pages: 5, footer: { "Page \($0) of 5" })
        let document = try run(input)
        expectBreaks(document, pages: 2...5)
        #expect(!document.body.text.contains("Page"))
        #expect(furnitureEdits(document).map(\.reason) == (1...5).map { "running footer of page \($0)" })
        expectNothingLost(input, document)
    }

    @Test func dashedPageNumbersAtTheBottom() throws {
        let input = Pages.layout(pages: 6, indent: "  ", footer: { "                    - \($0) -" })
        let document = try run(input)
        expectBreaks(document, pages: 2...6)
        #expect(!document.body.text.contains("-"))
    }

    @Test func barePageNumbersAtTheTop() throws {
        let input = Pages.layout(pages: 6, header: { $0 == 1 ? nil : "                              \($0)" })
        let document = try run(input)
        expectBreaks(document, pages: 2...6)
        expectNothingLost(input, document)
    }

    @Test func headersWithBlankLinesAroundThemAndFootnotesAbove() throws {
        var input = ""
        for page in 1...5 {
            if page > 1 { input += "\n    \(page)        No. 19-2345\n\n" }
            input += Pages.body(page: page).map { "    " + $0 + "\n" }.joined()
            if page == 3 { input += "    1 See the record at the hearing, which the parties cite.\n" }
        }
        let document = try run(input)
        expectBreaks(document, pages: 2...5)
        #expect(document.body.text.contains("1 See the record"))
    }

    @Test func filingBannerAndPageNumbersGoTogether() throws {
        let banner = "Case: 21-3456    Document: 41         Filed: 08/18/2021      Pages: 6"
        let input = Pages.layout(pages: 6, header: { _ in banner }, footer: { "\($0)" })
        let document = try run(input)
        expectBreaks(document, pages: 2...6)
        #expect(!document.body.text.contains("Case:"))
        #expect(!document.body.text.contains { $0.isNumber })
        expectNothingLost(input, document)
    }

    @Test func bannersWithoutNumbersMarkPagesByTheirRhythm() throws {
        let banner = "Case 1:20-cv-00123-ABC   Document 17   Filed 02/03/20"
        let input = Pages.layout(pages: 5, header: { _ in banner })
        let document = try run(input)
        expectBreaks(document, pages: 2...5)
        #expect(!document.body.text.contains("Case"))
        #expect(furnitureEdits(document).count == 5)
        expectNothingLost(input, document)
    }

    @Test func formFeedsGetTheirPageNumbers() throws {
        let input = Pages.layout(pages: 5, footer: { "\($0)" }, separator: "\u{0C}")
        var document = try StageHarness.decoded(input)
        document = try StageHarness.run(PageFurnitureStage.self, on: document)
        expectBreaks(document, pages: 2...5)
        #expect(!document.body.text.contains { $0.isNumber })
        // Each labelled break sits where decode left the form feed's boundary.
        let unlabelled = document.body.marks.filter { $0.kind == .pageBreak(label: nil) }.map(\.offset)
        let labelled = document.body.marks.filter { $0.kind != .pageBreak(label: nil) }.map(\.offset)
        #expect(unlabelled == labelled)
        #expect(document.log.warnings.isEmpty)
    }

    /// Page numbers at the foot of form-feed pages (the unnumbered cover counted, so page 1
    /// prints 2), and footnotes' numbers alone on their lines further in: a note's label over its
    /// indented text above the foot, its marker raised onto a line of its own near the next
    /// page's top, each with a number the page sequence could take. Only the page's edge holds
    /// its number.
    @Test func aNumberAwayFromThePageEdgeIsNoPageNumber() throws {
        var pages: [String] = []
        for page in 1...6 {
            var lines = Pages.body(page: page).map { "  " + $0 }
            if page <= 3 {
                // Note `page + 1` at this page's foot; the marker of note `page + 2` on the next page.
                lines.append(contentsOf: ["", "", "            \(page + 1)"] + Pages.body(page: 90 + page, lines: 6).map { "               " + $0 })
            }
            if (2...4).contains(page) { lines.insert("                  \(page + 1)", at: 3) }
            pages.append(lines.joined(separator: "\n") + "\n\n\n                                   \(page + 1)\n")
        }
        let input = pages.joined(separator: "\u{0C}")
        let document = try StageHarness.run(PageFurnitureStage.self, on: try StageHarness.decoded(input))
        let removed = furnitureEdits(document).map { $0.before.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(removed == ["2", "3", "4", "5", "6", "7"])
        #expect(furnitureEdits(document).allSatisfy { $0.before.hasPrefix("                                   ") })
        #expect(document.log.warnings.isEmpty)
    }

    /// A slip opinion's running heads: odd pages print the report line and the page number,
    /// even pages the number and the case name, each with the opinion's own subhead under it;
    /// every opinion numbers its pages from 1 again, and a blank to fill in (`___`) may be
    /// printed in another length. No one head is next to most page boundaries, but each shape
    /// sits at page edges and nowhere else: all of them go.
    @Test func slipOpinionHeadsThatRestartAndAlternateAreRemoved() throws {
        var pages: [String] = []
        var ordinal = 0
        for (subhead, count, blank) in [("Opinion of the Court", 5, "____"), ("POE, J., dissenting", 4, "___")] {
            for page in 1...count {
                ordinal += 1
                let head = page % 2 == 1
                    ? "                 Cite as: 912 U. S. \(blank) (2031)              \(page)"
                    : "\(page)                ROE v. DOE"
                let body = Pages.body(page: ordinal).map { "  " + $0 }.joined(separator: "\n")
                pages.append(head + "\n\n                        " + subhead + "\n\n" + body + "\n")
            }
        }
        let input = pages.joined(separator: "\u{0C}")
        let document = try StageHarness.run(PageFurnitureStage.self, on: try StageHarness.decoded(input))
        for furniture in ["Cite as", "ROE v. DOE", "Opinion of the Court", "POE, J., dissenting"] {
            #expect(!document.body.text.contains(furniture), "\(furniture) left in the body")
        }
        #expect(furnitureEdits(document).count == 18)
        expectNothingLost(input.replacingOccurrences(of: "\u{0C}", with: "\n"), document)
    }

    /// Filing-system stamps go even on a document too short for repetition to show them.
    @Test(arguments: [
        "Case: 31-4455      Document: 00998877      Page: 1      Date Filed: 02/03/2031",
        "Case 4:30-cv-01122-XYZ Document 41 Filed 02/03/31 Page 1 of 2",
        "Appellate Case: 31-9000     Document: 010110000001     Date Filed: 02/03/2031     Page: 1",
        "Case: 31-4455, 02/03/2031, DktEntry: 12.1, Page 1 of 2",
        "Case: 31-4455      Document: 7          Filed: 02/03/2031     Pages: 2",
        "Page 1 of 2",
    ])
    func filingStampsOnAShortDocumentAreRemoved(stamp: String) throws {
        let input = (1...2).map { page in
            (["    " + stamp.replacingOccurrences(of: "1 of 2", with: "\(page) of 2")] + Pages.body(page: page).map { "    " + $0 })
                .joined(separator: "\n") + "\n"
        }.joined(separator: "\u{0C}")
        let document = try StageHarness.run(PageFurnitureStage.self, on: try StageHarness.decoded(input))
        #expect(!document.body.text.contains(String(stamp.prefix(8))), "\(document.body.text.prefix(200))")
        #expect(furnitureEdits(document).count == 2)
        #expect(furnitureEdits(document).allSatisfy { $0.reason == "filing-system stamp on the page" })
        // A stamp that names the filing date gives the document's filed date.
        let filed = document.caseInfo.dates.filter { $0.event == "filed" }.map(\.date)
        #expect(filed == (stamp.contains("02/03/") ? ["2031-02-03"] : []))
    }

    /// Lines that name a case and a page among other words are text.
    @Test(arguments: [
        "Case 12 was filed on page 3 of the record by the clerk.",
        "See Document 14, Page 3, Filed 2019.",
        "Page 3 of the transcript",
    ])
    func textThatNamesACaseAndAPageStays(line: String) throws {
        let input = "    " + line + "\n" + Pages.body(page: 1).map { "    " + $0 }.joined(separator: "\n") + "\n"
        let document = try StageHarness.run(PageFurnitureStage.self, on: try StageHarness.decoded(input))
        #expect(document.body.text.contains(line))
    }

    /// A short line at the top of a few pages but as often inside other pages is text, not a head.
    @Test func aLineAsCommonInsidePagesAsAtTheirTopStays() throws {
        let input = (1...8).map { page in
            let body = Pages.body(page: page)
            let lines = page <= 3 ? ["The court agreed."] + body : page <= 6 ? Array(body[..<6]) + ["The court agreed."] + body[6...] : body
            return lines.map { "    " + $0 }.joined(separator: "\n") + "\n"
        }.joined(separator: "\u{0C}")
        let document = try StageHarness.run(PageFurnitureStage.self, on: try StageHarness.decoded(input))
        #expect(document.body.text.components(separatedBy: "The court agreed.").count - 1 == 6)
    }

    @Test func formFeedsWithoutFurnitureAreCounted() throws {
        let input = Pages.layout(pages: 3, separator: "\u{0C}") + "\u{0C}"
        var document = try StageHarness.decoded(input)
        let text = document.body.text
        document = try StageHarness.run(PageFurnitureStage.self, on: document)
        expectBreaks(document, pages: 2...3)
        #expect(document.body.text == text)
    }

    @Test func headersOnOddPagesOnly() throws {
        let input = Pages.layout(pages: 8, header: { $0 > 1 && !$0.isMultiple(of: 2) ? "STATE v. DOE        \($0)" : nil })
        let document = try run(input)
        #expect(breaks(document).map(\.page) == ["3", "5", "7"])
        #expect(breaks(document).map(\.word) == [3, 5, 7].map(Pages.firstWord))
        #expect(!document.body.text.contains("STATE"))
        #expect(document.log.warnings.count == 2)
    }

    @Test(arguments: [
        "No. 19-cv-01234-ABC", "Case 1:20-cv-00123", "S.C. 2019-000123", "Docket No. A-1234-18T2",
        "2021 IL App (1st) 190123-U", "Appeal No. 2019AP1234", "SJC-13017",
    ])
    func anyDocketFormat(docket: String) throws {
        let input = Pages.layout(pages: 6, header: { page in
            page == 1 ? nil : page.isMultiple(of: 2) ? "\(page)     \(docket)" : "\(docket)     \(page)"
        })
        let document = try run(input)
        expectBreaks(document, pages: 2...6)
        #expect(!document.body.text.contains(docket))
    }

    @Test func aDroppedHeaderIsWarnedAbout() throws {
        let input = Pages.layout(pages: 7, header: { $0 == 1 || $0 == 4 ? nil : "\($0)   In re Doe" })
        let document = try run(input)
        #expect(breaks(document).map(\.page) == ["2", "3", "5", "6", "7"])
        #expect(document.log.warnings.map(\.message).contains { $0.contains("page 4") })
    }

    @Test func aMisprintedPageNumberYieldsToTheSequence() throws {
        let input = Pages.layout(pages: 7, header: { page in
            page == 1 ? nil : page.isMultiple(of: 2) ? "\(page == 4 ? 9 : page)   No. 18-555" : "No. 18-555   \(page)"
        })
        let document = try run(input)
        expectBreaks(document, pages: 2...7)
        #expect(document.log.warnings.map(\.message).contains { $0.contains("reads 9") })
    }

    // MARK: False positives

    @Test func bodyLinesWithNumbersStay() throws {
        // List items, citations on their own lines, a year, a heading, on every page: none
        // runs like page numbers, none repeats like a banner.
        var lines: [String] = []
        for page in 1...6 {
            lines += Pages.body(page: page)
            let year = ["1998", "2019", "2007", "2019", "2003", "2011"][page - 1]
            lines += ["\(page * 7)", "954 F.3d \(980 + page * 7)", year, "III.", "1. The \(Pages.word(page)) point", "2. The \(Pages.word(page + 50)) point"]
        }
        let input = lines.map { "    " + $0 + "\n" }.joined()
        let document = try run(input)
        #expect(document.body.text == input)
        #expect(document.log.edits.isEmpty)
        #expect(document.body.marks.isEmpty)
    }

    @Test func aNumberedListDoesNotLookLikePages() throws {
        let list = (1...8).map { "\($0)" }
        let input = (Pages.body(page: 1) + list + Pages.body(page: 2)).map { $0 + "\n" }.joined()
        let document = try run(input)
        #expect(document.body.text == input)
    }

    @Test func trapsNextToRealHeadersStay() throws {
        let input = Pages.layout(pages: 6, header: { page in
            page == 1 ? nil : "No. 17-1234      \(page)"
        }) + "    5\n    550 U.S. 372\n    2019\n"
        let document = try run(input)
        expectBreaks(document, pages: 2...6)
        #expect(document.body.text.hasSuffix("    5\n    550 U.S. 372\n    2019\n"))
    }

    @Test func textWithoutFurnitureIsUnchanged() throws {
        let input = Pages.layout(pages: 4)
        let document = try run(input)
        #expect(document.body.text == input)
        #expect(document.log.edits.isEmpty && document.log.warnings.isEmpty)
    }

    @Test func manyNumberLinesStayFastAndUntouched() throws {
        // Thousands of header-like lines, one after the other: no page is that short.
        let input = (1...5000).map { "    No. 20-1754      \($0)\n" }.joined()
        let clock = ContinuousClock()
        let started = clock.now
        let document = try run(input)
        #expect(clock.now - started < .seconds(20))
        #expect(document.body.text == input)
    }

    // MARK: Flat text

    /// A flat text: pages' words on long lines, headers inline between words.
    private func flat(pages: Int, header: (Int) -> String) -> String {
        var words: [String] = []
        for page in 1...pages {
            if page > 1 { words.append(header(page)) }
            words += Pages.body(page: page, lines: 14)
        }
        // Line breaks inside the text, as flattened web text has them around links.
        var text = ""
        for (index, word) in words.enumerated() {
            text += word
            text += index % 97 == 96 ? "\n" : " "
        }
        return text + "\n"
    }

    @Test func flatTextWithInlineAlternatingHeaders() throws {
        let input = flat(pages: 7) { $0.isMultiple(of: 2) ? "\($0) No. 20-1754" : "No. 20-1754 \($0)" }
        let document = try run(input, family: .flat)
        expectBreaks(document, pages: 2...7)
        #expect(!document.body.text.contains("No."))
        #expect(!document.body.text.contains("  "))
        #expect(furnitureEdits(document).map(\.reason) == (2...7).map { "running header of page \($0)" })
        expectNothingLost(input, document)
    }

    @Test func flatTextFoundWithoutTheFamily() throws {
        let input = flat(pages: 6) { "Page \($0) of 6" }
        let document = try run(input)
        expectBreaks(document, pages: 2...6)
        #expect(!document.body.text.contains("Page"))
    }

    @Test(arguments: ["Case 1:20-cv-00123", "S.C. 2019-000123", "No. 19-cv-01234-ABC"])
    func flatTextWithOtherDockets(docket: String) throws {
        let input = flat(pages: 6) { "\(docket) \($0)" }
        let document = try run(input, family: .flat)
        expectBreaks(document, pages: 2...6)
        #expect(!document.body.text.contains(docket))
    }

    @Test func flatTextHeaderAtALineEndKeepsTheLineBreak() throws {
        let input = Pages.body(page: 1, lines: 12).joined(separator: " ") + " 2 No. 5-55\n"
            + Pages.body(page: 2, lines: 12).joined(separator: " ") + " No. 5-55 3\n"
            + Pages.body(page: 3, lines: 12).joined(separator: " ") + "\n4 No. 5-55 "
            + Pages.body(page: 4, lines: 12).joined(separator: " ") + " No. 5-55 5 "
            + Pages.body(page: 5, lines: 12).joined(separator: " ") + "\n"
        let document = try run(input, family: .flat)
        expectBreaks(document, pages: 2...5)
        #expect(document.body.lines.count == 4)
        #expect(!document.body.text.contains(" \n") && !document.body.text.contains("\n "))
    }

    @Test func flatTextNumbersInSentencesStay() throws {
        var words: [String] = []
        for page in 1...5 {
            words += Pages.body(page: page, lines: 14)
            let volume = [410, 381, 529, 472, 388][page - 1]
            words += ["See", "\(volume)", "U.S.", "\(100 + page * 11)", "(20\(10 + page))."]
        }
        let input = words.joined(separator: " ") + "\n"
        let document = try run(input, family: .flat)
        #expect(document.body.text == input)
    }

    // MARK: Log and reruns

    @Test func everyRemovalIsLoggedWithItsPage() throws {
        let input = Pages.layout(pages: 4, header: { _ in "JOHNSON v. STATE" }, footer: { "- \($0) -" })
        let document = try run(input)
        expectBreaks(document, pages: 2...4)
        expectNothingLost(input, document)
        let edits = furnitureEdits(document)
        #expect(edits.count == 8)
        #expect(edits.allSatisfy { $0.after.isEmpty && $0.reason.contains("of page") })
        let headerReasons = edits.filter { $0.before.contains("JOHNSON") }.map { $0.reason }
        #expect(headerReasons == (1...4).map { "running header of page \($0)" })
    }

    @Test func aSecondRunChangesNothing() throws {
        for (input, family) in [
            (Pages.layout(pages: 6, header: { $0 == 1 ? nil : "\($0)    No. 20-1754" }), SourceFamily.layout),
            (flat(pages: 5) { "No. 20-1754 \($0)" }, .flat),
        ] {
            let once = try run(input, family: family)
            let twice = try StageHarness.run(PageFurnitureStage.self, on: once)
            #expect(twice.body == once.body)
            #expect(twice.log == once.log)
        }
        let formFed = try StageHarness.decoded(Pages.layout(pages: 3, separator: "\u{0C}"))
        let once = try StageHarness.run(PageFurnitureStage.self, on: formFed)
        let twice = try StageHarness.run(PageFurnitureStage.self, on: once)
        #expect(twice.body == once.body)
    }

    @Test func minimumRepeatsIsConfigurable() throws {
        let input = Pages.layout(pages: 3, header: { $0 == 1 ? nil : "\($0)    No. 20-1754" })
        let byDefault = try run(input)
        #expect(breaks(byDefault).isEmpty)
        expectBreaks(try run(input, parameters: ["minimumRepeats": 2]), pages: 2...3)
    }
}

/// Pleading paper's margin numbers: blanked where they run down the lines, left where a number
/// merely opens a line.
@Suite struct LineNumberTests {
    private static let lines = [
        "WO", "", "", "IN THE UNITED STATES DISTRICT COURT", "FOR THE DISTRICT OF NOWHERE", "",
        "In re Roe Widget Litigation,        No. CV-31-01234-ABC", "", "ORDER", "",
        "     The parties dispute whether the widgets were sold as one lot or", "as many, and the",
        "question matters to the remedy each may seek. We hold they were", "sold as one lot.",
    ]

    @Test func marginNumbersAreBlankedAndTheTextKeepsItsColumns() throws {
        var numbered: [String] = []
        for (index, line) in Self.lines.enumerated() {
            numbered.append(String(format: "%2d", index + 1) + (line.isEmpty ? "" : "   " + line))
            if index == 6 { numbered.append("     Products Liability Litigation,") }  // a wrapped line has no number
        }
        let input = numbered.joined(separator: "\n") + "\n"
        let document = try StageHarness.run(PageFurnitureStage.self, input, family: .layout)
        let text = document.body.text
        #expect(text.split(separator: "\n").allSatisfy { $0.drop(while: { $0 == " " }).first?.isNumber != true })
        #expect(text.contains("     The parties dispute"))
        #expect(document.log.edits.filter { $0.reason == "pleading paper's line number" }.count == Self.lines.count)
        #expect(StageHarness.replayed(document) == text)
    }

    /// Numbered items (`1.`) count up too, but a margin number has no period.
    @Test func aNumberedListIsNoPleadingPaper() throws {
        let listed = (1...12).map { "\($0). The widget sold as part of the lot." }.joined(separator: "\n") + "\n"
        let document = try StageHarness.run(PageFurnitureStage.self, listed, family: .layout)
        #expect(document.body.text == listed)
    }
}
