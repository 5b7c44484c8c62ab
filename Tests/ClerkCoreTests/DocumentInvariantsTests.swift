import ClerkCore
import Testing

@Suite struct DocumentInvariantsTests {
    private func document(_ blocks: [Block]) -> Document {
        var document = Document(raw: [], source: SourceInfo(name: "t", bytes: 0, sha256: ""))
        document.opinions = [Opinion(type: .majority, blocks: blocks)]
        return document
    }

    @Test func soundDocumentHasNoViolations() {
        var cite = Citation(offset: 4, length: 10, kind: .fullCase, text: "472 U.S. 5")
        cite.volume = "472"
        let block = Block(kind: .paragraph, text: "See 472 U.S. 511 (1985).",
                          pageBreaks: [PageBreak(offset: 24, page: "2")], footnoteRefs: [FootnoteRef(offset: 0, label: "1")],
                          citations: [cite])
        #expect(DocumentInvariants.violations(of: document([block])).isEmpty)
    }

    @Test func marksOutsideTheTextAreReported() {
        let block = Block(kind: .paragraph, text: "abc", pageBreaks: [PageBreak(offset: 4, page: "2")],
                          footnoteRefs: [FootnoteRef(offset: -1, label: "1")])
        let found = DocumentInvariants.violations(of: document([block]))
        #expect(found.count == 2)
        #expect(found.first?.hasPrefix("/opinions/0/blocks/0/pageBreaks/0") == true)
    }

    @Test func citationsMustQuoteTheirSpanAndNotOverlap() {
        let block = Block(kind: .paragraph, text: "1 U.S. 2 and 3 U.S. 4", citations: [
            Citation(offset: 0, length: 8, kind: .fullCase, text: "1 U.S. 2"),
            Citation(offset: 5, length: 5, kind: .fullCase, text: "S. 2 "),
            Citation(offset: 13, length: 8, kind: .fullCase, text: "wrong!!!"),
            Citation(offset: 20, length: 0, kind: .fullCase, text: "x"),
        ])
        let found = DocumentInvariants.violations(of: document([block]))
        #expect(found.contains { $0.contains("overlaps") })
        #expect(found.contains { $0.contains("differs from the span") })
        #expect(found.contains { $0.contains("is not inside the text") })
    }

    @Test func headingsAndOnlyHeadingsHaveLevels() {
        let found = DocumentInvariants.violations(of: document([
            Block(kind: .heading, text: "Facts"),
            Block(kind: .paragraph, text: "x", level: 2, label: "A."),
        ]))
        #expect(found.count == 3)
    }
}
