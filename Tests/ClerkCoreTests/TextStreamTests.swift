@testable import ClerkCore
import Testing

@Suite struct TextStreamTests {
    private func stream(_ text: String, marks: [(Int, TextMark.Kind)] = []) -> TextStream {
        var stream = TextStream()
        var position = 0
        for (offset, kind) in marks.sorted(by: { $0.0 < $1.0 }) {
            stream.append(Array(text.utf8)[position..<offset], source: position)
            stream.appendMark(kind)
            position = offset
        }
        stream.append(Array(text.utf8)[position...], source: position)
        return stream
    }

    @Test func applyReplacesRemovesAndLogsNonWhitespaceEdits() {
        var text = stream("alpha 2 No. 20-1754 beta\ngam-\nma\n")
        var log = EditLog()
        text.apply([
            TextEdit(range: 5..<19, replacement: "", reason: "running header", marks: [.pageBreak(label: "2")]),
            TextEdit(range: 28..<30, replacement: "", reason: "hyphen joined", alternative: "gam-ma"),
        ], stage: "t", log: &log)
        #expect(text.text == "alpha beta\ngamma\n")
        #expect(text.marks == [TextMark(offset: 5, kind: .pageBreak(label: "2"))])
        #expect(log.edits.map(\.before) == [" 2 No. 20-1754", "-\n"])
        #expect(log.edits.map(\.sourceOffset) == [5, 28])
        #expect(log.edits[1].alternative == "gam-ma")
        // Source offsets after the edits still point into the raw input.
        #expect(text.sourceOffset(at: 6) == 20)   // "beta"
        #expect(text.sourceOffset(at: 14) == 30)  // "ma"
    }

    @Test func whitespaceOnlyEditsAreAppliedButNotLogged() {
        var text = stream("a\n    b\n")
        var log = EditLog()
        text.apply([TextEdit(range: 1..<6, replacement: " ", reason: "join lines")], stage: "t", log: &log)
        #expect(text.text == "a b\n")
        #expect(log.edits.isEmpty)
    }

    @Test func marksMoveWithTheirText() {
        var text = stream("one two three", marks: [(0, .pageBreak(label: "1")), (4, .footnoteRef(label: "a")),
                                                   (6, .pageBreak(label: "2")), (8, .footnoteRef(label: "b"))])
        var log = EditLog()
        // Replace "two" (4..<7): the mark at its start stays before, the one inside moves after the
        // replacement, the one at its end (8 is past the space) shifts with the text.
        text.apply([TextEdit(range: 4..<7, replacement: "2", reason: "r", marks: [.pageBreak(label: "x")])], stage: "t", log: &log)
        #expect(text.text == "one 2 three")
        #expect(text.marks.map(\.offset) == [0, 4, 5, 5, 6])
        #expect(text.marks.map(\.kind) == [.pageBreak(label: "1"), .footnoteRef(label: "a"), .pageBreak(label: "2"),
                                          .pageBreak(label: "x"), .footnoteRef(label: "b")])
    }

    @Test func manyEditsAreLinearAndExact() {
        let line = "word 12 No. 1-1 word\n"
        var text = stream(String(repeating: line, count: 2000))
        var log = EditLog()
        let length = line.utf8.count
        let edits = (0..<2000).map { TextEdit(range: ($0 * length + 4)..<($0 * length + 15), reason: "header", marks: [.pageBreak(label: "\($0)")]) }
        text.apply(edits, stage: "t", log: &log)
        #expect(text.lines.allSatisfy { $0 == "word word" })
        #expect(text.marks.count == 2000)
        #expect(text.sourceOffset(at: 10 * 10 + 5) == 10 * length + 15 + 1)
        #expect(log.edits.count == 2000)
    }

    @Test func overlappingOrOutOfRangeEditsAreSkippedWithAWarning() {
        var text = stream("abcdef\n")
        var log = EditLog()
        text.apply([TextEdit(range: 1..<4, reason: "first"), TextEdit(range: 3..<5, reason: "second"),
                    TextEdit(range: 6..<99, reason: "third")], stage: "t", log: &log)
        #expect(text.text == "aef\n")
        #expect(log.warnings.count == 2)
        #expect(log.edits.map(\.reason) == ["first"])
    }

    @Test func lineRangesIncludeAFinalLineWithoutNewline() {
        #expect(stream("a\n\nb").lines == ["a", "", "b"])
        #expect(stream("").lines.isEmpty)
        #expect(stream("x\n").lines == ["x"])
    }
}

@Suite struct BlockAssemblerTests {
    @Test func marksBecomeScalarOffsetsWithTheirAffinity() {
        let stream = StageHarness.stream("Ünïcode ends.", .mark(.footnoteRef(label: "1")), "\n", .mark(.pageBreak(label: "7")), "    next line\n")
        var assembler = BlockAssembler(stream)
        let lines = stream.lineRanges
        assembler.append(lines[0])
        assembler.append(trimmed(lines[1], in: stream.bytes))
        let blocks = assembler.finish()
        #expect(blocks.map(\.text) == ["Ünïcode ends. next line"])
        // The reference stays after "ends." (13 scalars); the page break starts "next".
        #expect(blocks[0].footnoteRefs == [FootnoteRef(offset: 13, label: "1")])
        #expect(blocks[0].pageBreaks == [PageBreak(offset: 14, page: "7")])
        #expect(blocks[0].sourceOffset == 0)
    }

    @Test func marksAfterTheLastTextGoToTheEndOfTheLastBlock() {
        let stream = StageHarness.stream("text\n\n", .mark(.pageBreak(label: "9")), .mark(.pageBreak(label: nil)))
        var assembler = BlockAssembler(stream)
        assembler.append(stream.lineRanges[0])
        let blocks = assembler.finish()
        #expect(blocks[0].pageBreaks == [PageBreak(offset: 4, page: "9")])
    }
}
