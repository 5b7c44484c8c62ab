/// Rules of the model that the schemas cannot state: every mark lies inside its block's text,
/// citations do not overlap and quote their own span. The emitters refuse a document that
/// breaks one, since its XML and JSON would disagree.
public enum DocumentInvariants {
    /// Each violation as `JSON pointer: problem`; empty when the document is sound.
    public static func violations(of document: Document) -> [String] {
        var problems: [String] = []
        for (opinionIndex, opinion) in document.opinions.enumerated() {
            for (blockIndex, block) in opinion.blocks.enumerated() {
                check(block, path: { "/opinions/\(opinionIndex)/blocks/\(blockIndex)" }, into: &problems)
            }
            for (noteIndex, footnote) in opinion.footnotes.enumerated() {
                for (blockIndex, block) in footnote.blocks.enumerated() {
                    check(block, path: { "/opinions/\(opinionIndex)/footnotes/\(noteIndex)/blocks/\(blockIndex)" }, into: &problems)
                }
            }
        }
        return problems
    }

    /// `path` is built only for a block with a problem: a sound document costs no strings.
    private static func check(_ block: Block, path makePath: () -> String, into problems: inout [String]) {
        var text = block.text
        // Read on UTF-8 bytes: offsets count scalars, which are the bytes that continue none.
        return text.withUTF8 { utf8 in
            let length = ByteLines.scalarCount(utf8)
            var cachedPath: String?
            func path() -> String {
                if let cachedPath { return cachedPath }
                let made = makePath()
                cachedPath = made
                return made
            }
            if (block.kind == .heading) != (block.level != nil) {
                problems.append("\(path()): a heading needs a level, and only a heading has one")
            }
            if block.kind != .heading && block.label != nil {
                problems.append("\(path()): only a heading has a label")
            }
            for (index, mark) in block.pageBreaks.enumerated() where !(0...length).contains(mark.offset) {
                problems.append("\(path())/pageBreaks/\(index): offset \(mark.offset) is outside the text (length \(length))")
            }
            for (index, mark) in block.footnoteRefs.enumerated() where !(0...length).contains(mark.offset) {
                problems.append("\(path())/footnoteRefs/\(index): offset \(mark.offset) is outside the text (length \(length))")
            }
            guard !block.citations.isEmpty else { return }
            let offsets = ScalarOffsets(utf8, scalars: length)
            var previousEnd = 0
            for index in citationOrder(block.citations) {
                let citation = block.citations[index]
                let end = citation.offset + citation.length
                guard citation.length > 0, citation.offset >= 0, end <= length else {
                    problems.append("\(path())/citations/\(index): span \(citation.offset)+\(citation.length) is not inside the text (length \(length))")
                    continue
                }
                if citation.offset < previousEnd {
                    problems.append("\(path())/citations/\(index): overlaps the citation before it")
                }
                previousEnd = max(previousEnd, end)
                let span = UnsafeBufferPointer(rebasing: utf8[offsets.byte(citation.offset)..<offsets.byte(end)])
                // Equal bytes are equal text; other bytes may still be canonically equivalent.
                var quoted = citation.text
                let sameBytes = quoted.withUTF8 { $0.elementsEqual(span) }
                if !sameBytes {
                    let spanText = String(decoding: span, as: UTF8.self)
                    if spanText != citation.text {
                        problems.append("\(path())/citations/\(index): text \"\(citation.text)\" differs from the span it marks, \"\(spanText)\"")
                    }
                }
            }
        }
    }

    /// The citations' indices by offset (as a stable sort orders them); no sort when they come in order.
    private static func citationOrder(_ citations: [Citation]) -> [Int] {
        var ordered = true
        for index in citations.indices.dropFirst() where citations[index - 1].offset >= citations[index].offset {
            ordered = false
            break
        }
        if ordered { return Array(citations.indices) }
        return citations.enumerated().sorted { $0.element.offset < $1.element.offset }.map(\.offset)
    }

}

/// Scalar offsets of one text to byte offsets: the same number for ASCII text, else a table of
/// where each scalar starts.
private struct ScalarOffsets {
    private let starts: [Int]?
    private let byteCount: Int

    init(_ utf8: UnsafeBufferPointer<UInt8>, scalars: Int) {
        byteCount = utf8.count
        guard scalars != utf8.count else {
            starts = nil
            return
        }
        var starts: [Int] = []
        starts.reserveCapacity(scalars + 1)
        for index in utf8.indices where utf8[index] & 0xC0 != 0x80 { starts.append(index) }
        starts.append(utf8.count)
        self.starts = starts
    }

    /// The byte where scalar `offset` starts (`offset` is at most the scalar count).
    func byte(_ offset: Int) -> Int {
        starts?[offset] ?? offset
    }
}
