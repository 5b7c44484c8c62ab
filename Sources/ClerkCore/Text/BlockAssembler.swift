/// Builds blocks from pieces of a `TextStream`, turning the stream's marks into offsets in the
/// blocks' text (Unicode scalar values). Marks between pieces have an affinity: a footnote
/// reference belongs to the text before it, a page break to the text after it. Marks after the
/// last piece go to the end of the last block, so none is ever dropped.
struct BlockAssembler {
    private let stream: TextStream
    private var markIndex = 0
    private var blocks: [Block] = []
    private var text: [UInt8] = []
    private var scalars = 0
    private var pageBreaks: [PageBreak] = []
    private var footnoteRefs: [FootnoteRef] = []
    private var sourceOffset: Int?

    init(_ stream: TextStream) {
        self.stream = stream
    }

    /// Appends stream bytes `range` to the current block, after `separator` unless the block is empty.
    mutating func append(_ range: Range<Int>, separator: String = " ") {
        let marks = stream.marks
        var gapBreaks: [String] = []
        while markIndex < marks.count && marks[markIndex].offset < range.lowerBound {
            switch marks[markIndex].kind {
            case .footnoteRef(let label): footnoteRefs.append(FootnoteRef(offset: scalars, label: label))
            case .pageBreak(let label): gapBreaks.append(label ?? "")
            }
            markIndex += 1
        }
        if !text.isEmpty && !separator.isEmpty {
            text.append(contentsOf: separator.utf8)
            scalars += separator.unicodeScalars.count
        }
        if sourceOffset == nil { sourceOffset = stream.sourceOffset(at: range.lowerBound) }
        for label in gapBreaks { addPageBreak(label, at: scalars) }
        var counted = range.lowerBound
        while markIndex < marks.count, marks[markIndex].offset < range.upperBound
                || (marks[markIndex].offset == range.upperBound && marks[markIndex].isFootnoteRef) {
            let mark = marks[markIndex]
            scalars += Self.scalarCount(stream.bytes[counted..<mark.offset])
            counted = mark.offset
            switch mark.kind {
            case .footnoteRef(let label): footnoteRefs.append(FootnoteRef(offset: scalars, label: label))
            case .pageBreak(let label): addPageBreak(label ?? "", at: scalars)
            }
            markIndex += 1
        }
        scalars += Self.scalarCount(stream.bytes[counted..<range.upperBound])
        text.append(contentsOf: stream.bytes[range])
    }

    /// Ends the current block; an empty block with no marks is dropped.
    mutating func finishBlock(kind: BlockKind = .paragraph) {
        guard !text.isEmpty || !pageBreaks.isEmpty || !footnoteRefs.isEmpty else { return }
        blocks.append(Block(
            kind: kind, text: String(decoding: text, as: UTF8.self), pageBreaks: pageBreaks,
            footnoteRefs: footnoteRefs, sourceOffset: sourceOffset))
        text = []
        scalars = 0
        pageBreaks = []
        footnoteRefs = []
        sourceOffset = nil
    }

    /// The blocks, with any marks left after the last piece placed at the end of the last block.
    mutating func finish() -> [Block] {
        finishBlock()
        let marks = stream.marks
        guard markIndex < marks.count, !blocks.isEmpty else { return blocks }
        let last = blocks.count - 1
        let end = blocks[last].text.unicodeScalars.count
        for mark in marks[markIndex...] {
            switch mark.kind {
            case .footnoteRef(let label): blocks[last].footnoteRefs.append(FootnoteRef(offset: end, label: label))
            case .pageBreak(let label):
                if let label { blocks[last].pageBreaks.append(PageBreak(offset: end, page: label)) }
            }
        }
        markIndex = marks.count
        return blocks
    }

    /// A page boundary whose number is unknown (a form feed no later stage labelled) has
    /// nothing to show in the output; the boundary itself is in the edit log.
    private mutating func addPageBreak(_ label: String, at offset: Int) {
        guard !label.isEmpty else { return }
        pageBreaks.append(PageBreak(offset: offset, page: label))
    }

    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}

extension TextMark {
    var isFootnoteRef: Bool {
        if case .footnoteRef = kind { return true }
        return false
    }
}

/// `range` of `bytes` without leading and trailing spaces and tabs.
func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
    var start = range.lowerBound, end = range.upperBound
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return start..<end
}
