/// Builds blocks from pieces of a `TextStream`, turning the stream's marks into offsets in the
/// blocks' text (Unicode scalar values). Marks between pieces have an affinity: a footnote
/// reference belongs to the text before it, a page break to the text after it. Marks after the
/// last piece go to the end of the last block, so none is ever dropped.
///
/// Block starts (`BlockStart`) end the block in progress, even in the middle of a piece, and
/// open the kind they name; an opinion start also opens a new opinion. A heading ends at the
/// next block end; a block quote runs on until the next block start.
struct BlockAssembler {
    /// The blocks of one opinion, with the header that opened it (nil for text before any).
    struct OpinionBlocks {
        var header: OpinionHeader?
        var blocks: [Block]
    }

    private let stream: TextStream
    private var markIndex = 0
    private var opinions: [OpinionBlocks] = [OpinionBlocks(header: nil, blocks: [])]
    private var text: [UInt8] = []
    private var scalars = 0
    private var pageBreaks: [PageBreak] = []
    private var footnoteRefs: [FootnoteRef] = []
    private var sourceOffset: Int?
    /// Page breaks met where no text of the block has followed yet; they go to the next text.
    private var pendingBreaks: [String] = []
    private var kind: BlockKind = .paragraph
    private var headingLevel = 1
    private var headingLabel: String?
    /// Whether a block start opened the block in progress: such a block is kept even when empty
    /// (a heading that is only a label).
    private var begun = false
    /// The text length of the last block marks were placed at the end of (see `atEnd`).
    private var lastBlockLength: (opinion: Int, block: Int, scalars: Int)?

    init(_ stream: TextStream) {
        self.stream = stream
    }

    /// Appends stream bytes `range` to the current block, after `separator` unless the block is empty.
    mutating func append(_ range: Range<Int>, separator: String = " ") {
        let marks = stream.marks
        while markIndex < marks.count && marks[markIndex].offset < range.lowerBound {
            take(marks[markIndex])
            markIndex += 1
        }
        var separator = separator
        var segmentStart = range.lowerBound
        while markIndex < marks.count, marks[markIndex].offset < range.upperBound
                || (marks[markIndex].offset == range.upperBound && marks[markIndex].isFootnoteRef) {
            let mark = marks[markIndex]
            var segmentEnd = mark.offset
            if mark.isBlockStart {
                // The spaces before a block start separate it from the text before.
                while segmentEnd > segmentStart && stream.bytes[segmentEnd - 1] == 0x20 { segmentEnd -= 1 }
            }
            if segmentStart < segmentEnd {
                appendText(segmentStart..<segmentEnd, separator: separator)
                separator = ""
            }
            take(mark)
            markIndex += 1
            segmentStart = mark.offset
            if mark.isBlockStart {
                while segmentStart < range.upperBound && stream.bytes[segmentStart] == 0x20 { segmentStart += 1 }
                separator = " "
            }
        }
        appendText(segmentStart..<range.upperBound, separator: separator)
    }

    /// Ends the current block; an empty block with no marks is dropped unless a block start
    /// opened it. A heading ends here; a block quote goes on in the next block.
    mutating func finishBlock() {
        if begun && text.isEmpty {
            // A heading that is only a label, or a section break: the page it starts on is its own.
            for label in pendingBreaks { addPageBreak(label, at: 0) }
            pendingBreaks = []
        }
        // Spaces before a block start that came after another mark (`text. <page> <start>`).
        while text.last == 0x20 {
            text.removeLast()
            scalars -= 1
        }
        for index in pageBreaks.indices where pageBreaks[index].offset > scalars { pageBreaks[index].offset = scalars }
        for index in footnoteRefs.indices where footnoteRefs[index].offset > scalars { footnoteRefs[index].offset = scalars }
        if !text.isEmpty || !pageBreaks.isEmpty || !footnoteRefs.isEmpty || begun {
            var block = Block(
                kind: kind, text: String(decoding: text, as: UTF8.self), pageBreaks: pageBreaks,
                footnoteRefs: footnoteRefs, sourceOffset: sourceOffset)
            if kind == .heading {
                block.level = headingLevel
                block.label = headingLabel
            }
            opinions[opinions.count - 1].blocks.append(block)
        }
        text = []
        scalars = 0
        pageBreaks = []
        footnoteRefs = []
        sourceOffset = nil
        begun = false
        if kind == .heading || kind == .sectionBreak { kind = .paragraph }
    }

    /// The blocks of all opinions, in order, as one list (for streams without opinion starts,
    /// such as a footnote's text).
    mutating func finish() -> [Block] {
        finishOpinions().flatMap(\.blocks)
    }

    /// The opinions with their blocks. Marks left after the last piece go to the end of the
    /// last block. The first entry has no header when text came before the first opinion start;
    /// entries with neither header nor blocks are left out.
    mutating func finishOpinions() -> [OpinionBlocks] {
        finishBlock()
        let marks = stream.marks
        for mark in marks[markIndex...] {
            switch mark.kind {
            case .footnoteRef(let label): atEnd { $0.footnoteRefs.append(FootnoteRef(offset: $1, label: label)) }
            case .pageBreak(let label?) where !label.isEmpty:
                atEnd { $0.pageBreaks.append(PageBreak(offset: $1, page: label)) }
            case .pageBreak: break
            case .blockStart(let start):
                // A start with no text after it still shows: an opinion with no text, an empty heading.
                take(mark)
                if case .opinion = start {} else { finishBlock() }
            }
        }
        markIndex = marks.count
        for label in pendingBreaks where !label.isEmpty {
            atEnd { $0.pageBreaks.append(PageBreak(offset: $1, page: label)) }
        }
        pendingBreaks = []
        return opinions.filter { $0.header != nil || !$0.blocks.isEmpty }
    }

    /// Calls `change` with the last block of the document and its text length, if there is one.
    /// The length is counted once per block: marks by the thousand may follow the last text.
    private mutating func atEnd(_ change: (inout Block, Int) -> Void) {
        guard let opinion = opinions.lastIndex(where: { !$0.blocks.isEmpty }) else { return }
        let last = opinions[opinion].blocks.count - 1
        if lastBlockLength?.opinion != opinion || lastBlockLength?.block != last {
            lastBlockLength = (opinion, last, opinions[opinion].blocks[last].text.unicodeScalars.count)
        }
        change(&opinions[opinion].blocks[last], lastBlockLength!.scalars)
    }

    private mutating func appendText(_ range: Range<Int>, separator: String) {
        guard !range.isEmpty else { return }
        if !text.isEmpty && !separator.isEmpty {
            text.append(contentsOf: separator.utf8)
            scalars += separator.unicodeScalars.count
        }
        if sourceOffset == nil { sourceOffset = stream.sourceOffset(at: range.lowerBound) }
        for label in pendingBreaks { addPageBreak(label, at: scalars) }
        pendingBreaks = []
        let bytes = stream.bytes[range]
        guard let run = stream.bytes.withUnsafeBufferPointer({ ByteSearch.firstSpaceRunOrTab(in: $0, range) }) else {
            scalars += Self.scalarCount(bytes)
            text.append(contentsOf: bytes)
            return
        }
        // Justified and double-spaced layout leaves runs of spaces inside a line: one space in
        // the block's text (white space only, so not in the edit log).
        var collapsed = Array(bytes[..<run])
        collapsed.reserveCapacity(bytes.count)
        var previousWasSpace = false
        for byte in bytes[run...] {
            let isSpace = byte == 0x20 || byte == 0x09
            if isSpace && previousWasSpace { continue }
            collapsed.append(isSpace ? 0x20 : byte)
            previousWasSpace = isSpace
        }
        scalars += Self.scalarCount(collapsed[...])
        text.append(contentsOf: collapsed)
    }


    private mutating func take(_ mark: TextMark) {
        switch mark.kind {
        case .footnoteRef(let label): footnoteRefs.append(FootnoteRef(offset: scalars, label: label))
        case .pageBreak(let label): pendingBreaks.append(label ?? "")
        case .blockStart(let start): begin(start, at: mark.offset)
        }
    }

    private mutating func begin(_ start: BlockStart, at offset: Int) {
        finishBlock()
        switch start {
        case .opinion(let header):
            if opinions.count == 1 && opinions[0].header == nil && opinions[0].blocks.isEmpty {
                opinions[0].header = header
            } else {
                opinions.append(OpinionBlocks(header: header, blocks: []))
            }
            kind = .paragraph
            return
        case .heading(let level, let label):
            kind = .heading
            headingLevel = level
            headingLabel = label
        case .blockquote: kind = .blockquote
        case .paragraph: kind = .paragraph; return
        case .sectionBreak:
            kind = .sectionBreak
            begun = true
            sourceOffset = stream.sourceOffset(at: offset)
            finishBlock()
            return
        }
        begun = true
        sourceOffset = stream.sourceOffset(at: offset)
    }

    /// A page boundary whose number is unknown (a form feed no later stage labelled) has
    /// nothing to show in the output; the boundary itself is in the edit log.
    private mutating func addPageBreak(_ label: String, at offset: Int) {
        guard !label.isEmpty else { return }
        pageBreaks.append(PageBreak(offset: offset, page: label))
    }

    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        ByteLines.scalarCount(bytes)
    }
}

extension TextMark {
    var isFootnoteRef: Bool {
        if case .footnoteRef = kind { return true }
        return false
    }

    var isBlockStart: Bool {
        if case .blockStart = kind { return true }
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
