import Testing
@testable import ClerkCore

/// Reflow honours the block starts that structure stages leave in the stream: opinions,
/// headings, block quotes and section breaks, in the middle of a line as well as between lines.
@Suite struct BlockStartTests {
    private func reflowed(_ stream: TextStream, family: SourceFamily = .flat, notes: [NoteText] = []) throws -> Document {
        var document = StageHarness.document("", family: family)
        document.body = stream
        document.notes = notes
        return try StageHarness.run(ReflowStage.self, on: document)
    }

    private static let dissent = OpinionHeader(type: .dissent, author: "SYKES", byline: "SYKES, Chief Judge, dissenting.")

    @Test func anOpinionStartInTheMiddleOfALineOpensANewOpinion() throws {
        let stream = StageHarness.stream(
            .mark(.blockStart(.opinion(OpinionHeader(type: .majority, author: "BRENNAN")))),
            "We dismiss. ", .mark(.blockStart(.opinion(Self.dissent))), "The majority errs.\n")
        let opinions = try reflowed(stream).opinions
        #expect(opinions.map(\.type) == [.majority, .dissent])
        #expect(opinions.map(\.author) == ["BRENNAN", "SYKES"])
        #expect(opinions[1].byline == "SYKES, Chief Judge, dissenting.")
        #expect(opinions.map { $0.blocks.map(\.text) } == [["We dismiss."], ["The majority errs."]])
    }

    @Test func textBeforeTheFirstOpinionStartIsAnOpinionOfUnknownType() throws {
        let stream = StageHarness.stream("Preface. ", .mark(.blockStart(.opinion(Self.dissent))), "Text.\n")
        let opinions = try reflowed(stream).opinions
        #expect(opinions.map(\.type) == [.unknown, .dissent])
    }

    @Test func headingsTakeTheirTitleUpToTheNextParagraphStart() throws {
        let stream = StageHarness.stream(
            "End of facts. ", .mark(.blockStart(.heading(level: 1, label: "I."))),
            .mark(.blockStart(.heading(level: 2, label: "A."))), .mark(.blockStart(.paragraph)),
            "As in many cases. ", .mark(.blockStart(.heading(level: 3, label: "1."))), "The stop ",
            .mark(.blockStart(.paragraph)), "Officers came.\n")
        let blocks = try #require(try reflowed(stream).opinions.first?.blocks)
        #expect(blocks.map(\.kind) == [.paragraph, .heading, .heading, .paragraph, .heading, .paragraph])
        #expect(blocks.map(\.text) == ["End of facts.", "", "", "As in many cases.", "The stop", "Officers came."])
        #expect(blocks.map(\.label) == [nil, "I.", "A.", nil, "1.", nil])
        #expect(blocks.map(\.level) == [nil, 1, 2, nil, 3, nil])
    }

    @Test func aBlockQuoteRunsAcrossParagraphsUntilTheNextStart() throws {
        let stream = StageHarness.stream(
            "He said:\n\n", .mark(.blockStart(.blockquote)), "First quoted paragraph.\n\nSecond one.\n\n",
            .mark(.blockStart(.paragraph)), "Back to the text.\n")
        let blocks = try #require(try reflowed(stream).opinions.first?.blocks)
        #expect(blocks.map(\.kind) == [.paragraph, .blockquote, .blockquote, .paragraph])
    }

    @Test func aSectionBreakIsABlockOfItsOwnWithNoText() throws {
        let stream = StageHarness.stream("It ends. ", .mark(.blockStart(.sectionBreak)), "It goes on.\n")
        let blocks = try #require(try reflowed(stream).opinions.first?.blocks)
        #expect(blocks.map(\.kind) == [.paragraph, .sectionBreak, .paragraph])
        #expect(blocks.map(\.text) == ["It ends.", "", "It goes on."])
    }

    @Test func aPageBreakJustBeforeABlockStartGoesToTheNewBlock() throws {
        let stream = StageHarness.stream(
            "It ends. ", .mark(.pageBreak(label: "7")), .mark(.blockStart(.heading(level: 1, label: "II."))),
            .mark(.blockStart(.paragraph)), "Next part.\n")
        let blocks = try #require(try reflowed(stream).opinions.first?.blocks)
        #expect(blocks.map(\.pageBreaks) == [[], [PageBreak(offset: 0, page: "7")], []])
    }

    @Test func footnotesGoToTheOpinionThatReferencesThemWhenNumberingRestarts() throws {
        let stream = StageHarness.stream(
            .mark(.blockStart(.opinion(OpinionHeader(type: .majority)))),
            "One.", .mark(.footnoteRef(label: "1")), " Two.", .mark(.footnoteRef(label: "2")), " ",
            .mark(.blockStart(.opinion(Self.dissent))), "Three.", .mark(.footnoteRef(label: "1")), "\n")
        let notes = ["1", "2", "1", "3"].map { NoteText(label: $0, text: TextStream("Note \($0).\n")) }
        let opinions = try reflowed(stream, notes: notes).opinions
        #expect(opinions.map { $0.footnotes.map(\.label) } == [["1", "2"], ["1", "3"]])
    }
}
