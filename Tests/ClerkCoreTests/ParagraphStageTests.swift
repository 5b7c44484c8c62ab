import ClerkCore
import ClerkJSON
import Testing

@Suite struct ParagraphStageTests {
    private func paragraphs(_ text: String, blankLines: Int = 1) throws -> Document {
        let decodeValues = StageParameterValues(parameters: DecodeStage.Configuration.parameters)
        let values = StageParameterValues(
            parameters: ParagraphStage.Configuration.parameters, given: ["blankLinesBetweenParagraphs": .int(blankLines)])
        var document = Document(raw: Array(text.utf8), source: SourceInfo(name: "t.txt", bytes: text.utf8.count, sha256: ""))
        try DecodeStage(configuration: .init(decodeValues)).run(&document)
        try ParagraphStage(configuration: .init(values)).run(&document)
        return document
    }

    @Test func runsOfNonBlankLinesBecomeTrimmedJoinedParagraphs() throws {
        let document = try paragraphs("  First line\n\tsecond line  \n \n\nThird\n")
        let blocks = try #require(document.opinions.first?.blocks)
        #expect(blocks.map(\.text) == ["First line second line", "Third"])
        #expect(blocks.map(\.sourceOffset) == [2, 31])
        #expect(blocks.allSatisfy { $0.kind == .paragraph })
        #expect(document.opinions.first?.type == .unknown)
    }

    @Test func blankLineCountIsConfigurable() throws {
        let document = try paragraphs("a\n\nb\n\n\nc", blankLines: 2)
        #expect(document.opinions.first?.blocks.map(\.text) == ["a b", "c"])
    }

    @Test func blankOnlyInputWarnsAndMakesNoOpinion() throws {
        let document = try paragraphs(" \n\t\n")
        #expect(document.opinions.isEmpty)
        #expect(document.log.warnings.map(\.stage) == ["paragraphs"])
    }
}
