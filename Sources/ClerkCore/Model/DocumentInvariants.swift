/// Rules of the model that the schemas cannot state: every mark lies inside its block's text,
/// citations do not overlap and quote their own span. The emitters refuse a document that
/// breaks one, since its XML and JSON would disagree.
public enum DocumentInvariants {
    /// Each violation as `JSON pointer: problem`; empty when the document is sound.
    public static func violations(of document: Document) -> [String] {
        var problems: [String] = []
        for (opinionIndex, opinion) in document.opinions.enumerated() {
            let path = "/opinions/\(opinionIndex)"
            for (blockIndex, block) in opinion.blocks.enumerated() {
                check(block, path: "\(path)/blocks/\(blockIndex)", into: &problems)
            }
            for (noteIndex, footnote) in opinion.footnotes.enumerated() {
                for (blockIndex, block) in footnote.blocks.enumerated() {
                    check(block, path: "\(path)/footnotes/\(noteIndex)/blocks/\(blockIndex)", into: &problems)
                }
            }
        }
        return problems
    }

    private static func check(_ block: Block, path: String, into problems: inout [String]) {
        let length = block.text.unicodeScalars.count
        if (block.kind == .heading) != (block.level != nil) {
            problems.append("\(path): a heading needs a level, and only a heading has one")
        }
        if block.kind != .heading && block.label != nil {
            problems.append("\(path): only a heading has a label")
        }
        for (index, mark) in block.pageBreaks.enumerated() where !(0...length).contains(mark.offset) {
            problems.append("\(path)/pageBreaks/\(index): offset \(mark.offset) is outside the text (length \(length))")
        }
        for (index, mark) in block.footnoteRefs.enumerated() where !(0...length).contains(mark.offset) {
            problems.append("\(path)/footnoteRefs/\(index): offset \(mark.offset) is outside the text (length \(length))")
        }
        guard !block.citations.isEmpty else { return }
        var previousEnd = 0
        // Only blocks with citations pay for a copy of their scalars (4 bytes each).
        let scalars = Array(block.text.unicodeScalars)
        let ordered = block.citations.enumerated().sorted { $0.element.offset < $1.element.offset }
        for (index, citation) in ordered {
            let here = "\(path)/citations/\(index)"
            let end = citation.offset + citation.length
            guard citation.length > 0, citation.offset >= 0, end <= length else {
                problems.append("\(here): span \(citation.offset)+\(citation.length) is not inside the text (length \(length))")
                continue
            }
            if citation.offset < previousEnd {
                problems.append("\(here): overlaps the citation before it")
            }
            previousEnd = max(previousEnd, end)
            var span = String.UnicodeScalarView()
            span.append(contentsOf: scalars[citation.offset..<end])
            if String(span) != citation.text {
                problems.append("\(here): text \"\(citation.text)\" differs from the span it marks, \"\(String(span))\"")
            }
        }
    }
}
