import ClerkCore

/// A zero-width mark of a block's text: the index of a page break or of a footnote reference.
enum InlinePoint {
    case pageBreak(Int)
    case footnoteRef(Int)
}

/// Writes a block's text with its marks in place: page breaks and footnote references where
/// they fall, citations as elements around their spans. Offsets count Unicode scalars, so the
/// text is cut by scalars, walking its UTF-8 once.
///
/// The markup is well nested whatever the offsets: at one offset a citation that ends there is
/// closed first, then the points are written (page breaks before references, each in its
/// array's order), then a citation that starts there is opened. Citations never overlap in a
/// sound document (`DocumentInvariants`); one that would overlap the citation before it is left
/// unmarked rather than breaking the nesting, and offsets outside the text are clamped to it.
enum InlineMarkup {
    static func write(
        _ block: ReviewBlock, to writer: HTMLWriter, point: (InlinePoint) -> Void, citation startCitation: (ReviewCitation) -> Void
    ) {
        var text = block.text
        text.withUTF8 { utf8 in
            let length = scalarCount(utf8)
            let points = orderedPoints(block, length: length)
            let citations = nestedCitations(block.citations, length: length)
            var position = 0  // scalars
            var index = 0  // bytes
            var nextPoint = 0
            var nextCitation = 0
            var openCitationEnd: Int?
            while true {
                if openCitationEnd == position {
                    writer.end()
                    openCitationEnd = nil
                }
                while nextPoint < points.count && points[nextPoint].offset == position {
                    point(points[nextPoint].point)
                    nextPoint += 1
                }
                if openCitationEnd == nil, nextCitation < citations.count, citations[nextCitation].start == position {
                    startCitation(block.citations[citations[nextCitation].index])
                    openCitationEnd = citations[nextCitation].end
                    nextCitation += 1
                }
                var next = length
                if let end = openCitationEnd { next = min(next, end) }
                if nextPoint < points.count { next = min(next, points[nextPoint].offset) }
                if nextCitation < citations.count { next = min(next, citations[nextCitation].start) }
                guard next > position else { break }
                let end = advance(utf8, from: index, scalars: next - position)
                writer.text(utf8: UnsafeBufferPointer(rebasing: utf8[index..<end]))
                index = end
                position = next
            }
        }
    }

    /// Page breaks, then footnote references, each clamped into the text, in the order they are
    /// written: by offset, and at one offset in that order (a stable sort; none when in order).
    private static func orderedPoints(_ block: ReviewBlock, length: Int) -> [(offset: Int, point: InlinePoint)] {
        var points: [(offset: Int, point: InlinePoint)] = []
        points.reserveCapacity(block.pageBreaks.count + block.footnoteRefs.count)
        for (index, mark) in block.pageBreaks.enumerated() { points.append((clamp(mark.offset, length), .pageBreak(index))) }
        for (index, mark) in block.footnoteRefs.enumerated() { points.append((clamp(mark.offset, length), .footnoteRef(index))) }
        if !points.indices.dropLast().allSatisfy({ points[$0].offset <= points[$0 + 1].offset }) {
            points = points.enumerated()
                .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
                .map(\.element)
        }
        return points
    }

    /// The citations to mark, by start, each clamped into the text, without empty spans and
    /// without one that starts before the previous one ends.
    private static func nestedCitations(_ citations: [ReviewCitation], length: Int) -> [(start: Int, end: Int, index: Int)] {
        var spans = citations.enumerated().map { index, citation in
            let start = clamp(citation.offset, length)
            return (start: start, end: clamp(start + max(citation.length, 0), length), index: index)
        }
        if !spans.indices.dropLast().allSatisfy({ spans[$0].start <= spans[$0 + 1].start }) {
            spans.sort { ($0.start, $0.index) < ($1.start, $1.index) }
        }
        var kept: [(start: Int, end: Int, index: Int)] = []
        kept.reserveCapacity(spans.count)
        var previousEnd = 0
        for span in spans where span.end > span.start && span.start >= previousEnd {
            kept.append(span)
            previousEnd = span.end
        }
        return kept
    }

    private static func clamp(_ offset: Int, _ length: Int) -> Int {
        min(max(offset, 0), length)
    }

    /// Unicode scalars in valid UTF-8: the bytes that do not continue a scalar.
    static func scalarCount(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in utf8 where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The byte index `scalars` scalars after `start` (or the end of the text).
    private static func advance(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, scalars: Int) -> Int {
        var index = start
        var left = scalars
        while left > 0 && index < utf8.count {
            index += 1
            while index < utf8.count && utf8[index] & 0xC0 == 0x80 { index += 1 }
            left -= 1
        }
        return index
    }
}
