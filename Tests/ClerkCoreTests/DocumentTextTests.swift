import ClerkTestSupport
import Foundation
import Testing
@testable import ClerkCore

/// The text view of a document state (`DocumentText`) and the states around one stage
/// (`Converter.states(around:of:name:)`), on which `clerk explain` diffs.
@Suite struct DocumentTextTests {
    private let converter = Converter(configuration: try! PipelineConfiguration.builtIn())

    @Test func workingTextShowsItsMarksWhereTheyFall() {
        var document = StageHarness.document("")
        document.body = StageHarness.stream(
            .mark(.blockStart(.opinion(OpinionHeader(type: .dissent, author: "ROE", byline: "ROE, J., dissenting.")))),
            "Smith was", .mark(.pageBreak(label: "5")), " found\n",
            .mark(.blockStart(.heading(level: 1, label: "II."))), "\n",
            "guilty.", .mark(.footnoteRef(label: "1")), "\n", .mark(.pageBreak(label: nil)))
        document.notes = [NoteText(label: "1", text: StageHarness.stream("A note", .mark(.pageBreak(label: "6")), "\n\nmore"))]
        #expect(DocumentText(document).lines == [
            "⟨family⟩ unknown",
            "⟨body⟩",
            "⟨opinion dissent, author \"ROE\", byline \"ROE, J., dissenting.\"⟩Smith was⟨p. 5⟩ found",
            "⟨heading 1 \"II.\"⟩",
            "guilty.⟨fn 1⟩",
            "⟨p. ?⟩",
            "⟨note 1⟩ A note⟨p. 6⟩",
            "⟨note 1⟩",
            "⟨note 1⟩ more",
        ])
    }

    /// Text that looks like a marker is written so that it cannot pass for one.
    @Test func markerBracketsInTheTextAreEscaped() {
        let document = StageHarness.document("See ⟨fn 1⟩ and ⟦x⟧\r\n")
        let lines = DocumentText(document).lines
        #expect(lines.last == "See ⟨U+27E8⟩fn 1⟨U+27E9⟩ and ⟨U+27E6⟩x⟨U+27E7⟩⟨CR⟩")
    }

    @Test func opinionsShowBlocksWithTheirMarksAndCitations() {
        var document = StageHarness.document("")
        document.caseInfo.court = "Supreme Court of Ohio"
        document.caseInfo.dockets = ["2020-0113"]
        document.caseInfo.parties = [Party(name: "State", role: "Appellee")]
        document.caseInfo.dates = [CaseDate(event: "decided", date: "2021-03-04")]
        document.disposition = "Judgment affirmed."
        let text = "See Garner, 471 U.S. 1, 11. Id. at 12."
        var paragraph = Block(
            kind: .paragraph, text: text, pageBreaks: [PageBreak(offset: 24, page: "7")],
            footnoteRefs: [FootnoteRef(offset: 27, label: "2")])
        var full = Citation(offset: 4, length: 22, kind: .fullCase, text: "Garner, 471 U.S. 1, 11")
        full.volume = "471"
        var id = Citation(offset: 28, length: 9, kind: .id, text: "Id. at 12")
        id.refersTo = "471 U.S. 1"
        paragraph.citations = [full, id]
        document.opinions = [Opinion(
            type: .majority, author: "DOE", byline: "DOE, J.",
            blocks: [Block(kind: .heading, text: "Facts", level: 2, label: "A."), paragraph, Block(kind: .sectionBreak, text: "")],
            footnotes: [Footnote(label: "2", blocks: [Block(kind: .paragraph, text: "A note.\nTwo lines.")])])]
        #expect(DocumentText(document).lines == [
            "⟨family⟩ unknown",
            "⟨case court⟩ Supreme Court of Ohio",
            "⟨case docket⟩ 2020-0113",
            "⟨case party⟩ State (Appellee)",
            "⟨case date⟩ decided 2021-03-04",
            "⟨disposition⟩ Judgment affirmed.",
            "⟨opinion majority, author \"DOE\", byline \"DOE, J.\"⟩",
            "⟨heading 2 \"A.\"⟩ Facts",
            "⟨paragraph⟩ See ⟦Garner, 471 U.S. 1, ⟨p. 7⟩11⟧⟨fullCase⟩.⟨fn 2⟩ ⟦Id. at 12⟧⟨id → 471 U.S. 1⟩.",
            "⟨sectionBreak⟩",
            "⟨footnote 2⟩ ⟨paragraph⟩ A note.⟨↵⟩Two lines.",
        ])
    }

    /// Offsets past the text (a damaged model) do not trap: the marks go at the end.
    @Test func marksPastTheTextGoAtItsEnd() {
        var document = StageHarness.document("")
        document.opinions = [Opinion(type: .majority, blocks: [
            Block(kind: .paragraph, text: "é", pageBreaks: [PageBreak(offset: 9, page: "2")],
                  citations: [Citation(offset: 0, length: 40, kind: .unknown, text: "é")]),
        ])]
        #expect(DocumentText(document).lines.last == "⟨paragraph⟩ ⟦é⟨p. 2⟩⟧⟨unknown⟩")
    }

    private func sample(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent("Samples/\(name)")))
    }

    private func diff(_ states: StageStates) -> String {
        UnifiedDiff().format(
            old: DocumentText(states.before).text, new: DocumentText(states.after).text, oldName: "a", newName: "b")
    }

    /// The citations stage changes no text; its citations show as `+` lines with markers.
    @Test func citationStageShowsInADiff() throws {
        let states = try converter.states(around: "citations", of: sample("002_b9cf1909a371d268.txt"), name: "002.txt")
        #expect(states.excluded == nil)
        let lines = diff(states).split(separator: "\n")
        let added = lines.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
        let removed = lines.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
        #expect(added.count == removed.count && !added.isEmpty)
        #expect(added.allSatisfy { $0.contains("⟦") && $0.contains("⟧⟨") })
        #expect(removed.allSatisfy { !$0.contains("⟦") })
        #expect(added.contains { $0.contains("⟧⟨fullCase⟩") })
    }

    /// The caption stage moves the caption from the text into `caseInfo`: `+` lines carry the
    /// fields, `-` lines the caption's text.
    @Test func captionStageShowsInADiff() throws {
        let states = try converter.states(around: "caption", of: sample("002_b9cf1909a371d268.txt"), name: "002.txt")
        let lines = diff(states).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("+⟨case docket⟩ 20-1754") })
        #expect(lines.contains { $0.hasPrefix("+⟨case court⟩ ") })
        #expect(lines.contains { $0.hasPrefix("-") && !$0.hasPrefix("---") && $0.contains("20-1754") })
        #expect(!states.edits.isEmpty && states.edits.allSatisfy { $0.stage == "caption" })
    }

    /// Running up to a stage is the same as a conversion cut there, and the state after the last
    /// stage is the converted document.
    @Test func statesAgreeWithAFullConversion() throws {
        let raw = try sample("000_39a4dcb9fca6dd5d.txt")
        let full = try converter.convert(raw, name: "000.txt")
        let last = try converter.states(around: "citations", of: raw, name: "000.txt")
        #expect(last.after.opinions == full.opinions)
        #expect(last.after.log == full.log)
        let ocr = try converter.states(around: "ocr", of: raw, name: "000.txt")
        #expect(ocr.excluded == nil)
        #expect(ocr.edits.allSatisfy { $0.stage == "ocr" } && !ocr.edits.isEmpty)
        #expect(ocr.before.log.edits.allSatisfy { $0.stage != "ocr" })
    }

    @Test func aStageWhoseFamiliesLeaveTheDocumentOutSaysSo() throws {
        let states = try converter.states(around: "ocr", of: sample("001_adfd90a293bb973c.txt"), name: "001.txt")
        #expect(states.excluded == StageStates.FamilyExclusion(family: .flat, families: "scan"))
        #expect(states.edits.isEmpty)
        #expect(try converter.states(around: "tokens", of: sample("001_adfd90a293bb973c.txt"), name: "001.txt").excluded == nil)
    }

    @Test func failuresNameTheFileAndTheStage() {
        #expect(throws: ConversionError.self) { try converter.states(around: "nonsense", of: Array("text\n".utf8), name: "a.txt") }
        do {
            _ = try converter.states(around: "citations", of: [], name: "empty.txt")
            Issue.record("an empty input converted")
        } catch {
            #expect(error.file == "empty.txt" && error.stage == "decode")
        }
    }

    /// Rendering takes time in proportion to the document: a working text with a mark on every
    /// line, and long blocks with many marks and citations.
    @Test func renderingTimeIsLinear() throws {
        func document(_ lines: Int) -> Document {
            var document = StageHarness.document("")
            var body = TextStream()
            for line in 0..<lines {
                body.appendMark(.pageBreak(label: String(line)))
                body.append(Array("Line \(line) of the text, with a ⟨bracket⟩ in it.\n".utf8), source: body.count)
            }
            document.body = body
            return document
        }
        func opinion(_ blocks: Int) -> Document {
            var document = StageHarness.document("")
            let text = String(repeating: "See 471 U.S. 1, 11 — and more words. ", count: blocks)
            var block = Block(kind: .paragraph, text: text)
            for index in 0..<blocks {
                block.pageBreaks.append(PageBreak(offset: index * 37 + 2, page: String(index)))
                block.citations.append(Citation(offset: index * 37 + 4, length: 14, kind: .fullCase, text: "471 U.S. 1, 11"))
            }
            document.opinions = [Opinion(type: .majority, blocks: [block, block])]
            return document
        }
        let body = try LinearTime.measure(small: document(5_000), large: document(50_000)) { _ = DocumentText($0) }
        LinearTime.report("document text, body", body)
        #expect(body.isLinear, "\(body)")
        let blocks = try LinearTime.measure(small: opinion(2_000), large: opinion(20_000)) { _ = DocumentText($0) }
        LinearTime.report("document text, blocks", blocks)
        #expect(blocks.isLinear, "\(blocks)")
    }
}
