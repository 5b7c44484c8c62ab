/// The working text of the layout stages: UTF-8 bytes with `\n` line ends, the marks placed in
/// it, and a map back to byte offsets of the raw input. Stages never write the bytes directly:
/// they hand `apply` a batch of edits, which rewrites the text in one linear pass, moves every
/// mark with its text, keeps the source map, and logs what was removed or changed.
public struct TextStream: Sendable, Equatable {
    /// Where a run of stream bytes came from: stream offset `offset` is raw input byte `source`,
    /// and the bytes after it map one to one until the next anchor.
    struct Anchor: Sendable, Equatable {
        var offset: Int
        var source: Int
    }

    public private(set) var bytes: [UInt8]
    /// Sorted by offset; marks at one offset keep their order.
    public private(set) var marks: [TextMark]
    private var anchors: [Anchor]

    public init() {
        bytes = []
        marks = []
        anchors = [Anchor(offset: 0, source: 0)]
    }

    /// A stream over `text` whose byte `i` came from raw byte `sourceStart + i`.
    public init(_ text: String, sourceStart: Int = 0) {
        bytes = Array(text.utf8)
        marks = []
        anchors = [Anchor(offset: 0, source: sourceStart)]
    }

    public var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Appends text that starts at raw byte `source` (used while decoding).
    public mutating func append(_ text: some Collection<UInt8>, source: Int) {
        let last = anchors[anchors.count - 1]
        if last.source + (bytes.count - last.offset) != source {
            appendAnchor(Anchor(offset: bytes.count, source: source))
        }
        bytes.append(contentsOf: text)
    }

    /// Adds a mark at the current end of the text.
    public mutating func appendMark(_ kind: TextMark.Kind) {
        marks.append(TextMark(offset: bytes.count, kind: kind))
    }

    /// The raw input byte that stream byte `offset` came from.
    public func sourceOffset(at offset: Int) -> Int {
        var low = 0, high = anchors.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if anchors[middle].offset <= offset { low = middle } else { high = middle - 1 }
        }
        let anchor = anchors[low]
        return anchor.source + max(0, offset - anchor.offset)
    }

    /// The byte ranges of the lines, without their `\n`. A final line without `\n` counts; an
    /// empty stream has no lines.
    public var lineRanges: [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(buffer.count / 64)
            var start = 0
            // Line ends found eight bytes at a time.
            while case let end = ByteSearch.next(0x0A, in: buffer, from: start), end < buffer.count {
                ranges.append(start..<end)
                start = end + 1
            }
            if start < buffer.count { ranges.append(start..<buffer.count) }
            return ranges
        }
    }

    /// A copy of `range` as a stream of its own, with the marks inside it and its source map.
    public func substream(_ range: Range<Int>) -> TextStream {
        var result = TextStream()
        result.bytes = Array(bytes[range])
        // Marks and anchors are sorted: found by bisection, so that many small substreams of a
        // long text (its footnotes) cost their own size, not the text's.
        var markIndex = Self.firstIndex(in: marks.count) { marks[$0].offset >= range.lowerBound }
        while markIndex < marks.count && marks[markIndex].offset < range.upperBound {
            result.marks.append(TextMark(offset: marks[markIndex].offset - range.lowerBound, kind: marks[markIndex].kind))
            markIndex += 1
        }
        var anchors = [Anchor(offset: 0, source: sourceOffset(at: range.lowerBound))]
        var anchorIndex = Self.firstIndex(in: self.anchors.count) { self.anchors[$0].offset > range.lowerBound }
        while anchorIndex < self.anchors.count && self.anchors[anchorIndex].offset < range.upperBound {
            anchors.append(Anchor(offset: self.anchors[anchorIndex].offset - range.lowerBound, source: self.anchors[anchorIndex].source))
            anchorIndex += 1
        }
        result.anchors = anchors
        return result
    }

    /// The first index in `0..<count` for which `isAtOrAfter` holds, where it holds for every
    /// index after one for which it holds (a sorted list); `count` when there is none.
    private static func firstIndex(in count: Int, where isAtOrAfter: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isAtOrAfter(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Appends another stream, with its marks and source map (a footnote continued on the next page).
    public mutating func append(contentsOf other: TextStream) {
        let base = bytes.count
        for anchor in other.anchors {
            appendAnchor(Anchor(offset: base + anchor.offset, source: anchor.source))
        }
        bytes.append(contentsOf: other.bytes)
        marks.append(contentsOf: other.marks.map { TextMark(offset: base + $0.offset, kind: $0.kind) })
    }

    /// The lines as strings (see `lineRanges`).
    public var lines: [String] { lineRanges.map(string) }

    /// Applies `edits` (any order; ranges must not overlap) in one pass and logs each one whose
    /// removed or inserted text is more than white space. A mark inside a replaced range moves
    /// to the end of the replacement; marks at the range's start stay before it, marks at its
    /// end stay after it; an edit's own marks go after the moved ones.
    public mutating func apply(_ edits: [TextEdit], stage: String, log: inout EditLog) {
        guard !edits.isEmpty else { return }
        // An edit that overlaps an earlier one is a stage's mistake: skip it and say so, rather
        // than stop a batch of millions of files over one.
        // The edits by index, in order of their ranges (a stable sort: equal ranges keep their
        // order). Stages mostly hand them in order already: then nothing is sorted or copied.
        func precedes(_ first: Int, _ second: Int) -> Bool {
            (edits[first].range.lowerBound, edits[first].range.upperBound)
                < (edits[second].range.lowerBound, edits[second].range.upperBound)
        }
        var order = Array(edits.indices)
        if zip(order, order.dropFirst()).contains(where: { precedes($1, $0) }) { order.sort(by: precedes) }
        var sorted: [Int] = []
        sorted.reserveCapacity(order.count)
        for index in order {
            let range = edits[index].range
            guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
                log.warn(stage: stage, "an edit outside the text was skipped (\(edits[index].reason))")
                continue
            }
            if let last = sorted.last, edits[last].range.upperBound > range.lowerBound {
                log.warn(stage: stage, sourceOffset: sourceOffset(at: range.lowerBound),
                         "an edit overlapping another was skipped (\(edits[index].reason))")
                continue
            }
            sorted.append(index)
        }
        var newBytes: [UInt8] = []
        newBytes.reserveCapacity(bytes.count)
        var newMarks: [TextMark] = []
        newMarks.reserveCapacity(marks.count + edits.count)
        var newAnchors: [Anchor] = []
        var markIndex = 0
        var anchorIndex = 0
        var cursor = 0
        // `sourceOffset(at:)` for offsets that never decrease: a forward walk over the anchors.
        var sourceAnchor = 0
        func source(at offset: Int) -> Int {
            while sourceAnchor + 1 < anchors.count && anchors[sourceAnchor + 1].offset <= offset { sourceAnchor += 1 }
            let anchor = anchors[sourceAnchor]
            return anchor.source + max(0, offset - anchor.offset)
        }

        // Copies old bytes cursor..<end, with their marks (those before `end`, or at `end` too
        // when `includingEnd`) and anchors.
        func copy(upTo end: Int, includingEnd: Bool) {
            let shift = newBytes.count - cursor
            newAnchors.append(Anchor(offset: newBytes.count, source: source(at: cursor)))
            while anchorIndex < anchors.count && anchors[anchorIndex].offset <= cursor { anchorIndex += 1 }
            while anchorIndex < anchors.count && anchors[anchorIndex].offset < end {
                newAnchors.append(Anchor(offset: anchors[anchorIndex].offset + shift, source: anchors[anchorIndex].source))
                anchorIndex += 1
            }
            while markIndex < marks.count
                    && (marks[markIndex].offset < end || (includingEnd && marks[markIndex].offset == end)) {
                newMarks.append(TextMark(offset: marks[markIndex].offset + shift, kind: marks[markIndex].kind))
                markIndex += 1
            }
            newBytes.append(contentsOf: bytes[cursor..<end])
            cursor = end
        }

        for index in sorted {
            let range = edits[index].range
            copy(upTo: range.lowerBound, includingEnd: true)
            let editSource = source(at: range.lowerBound)
            if !Self.isWhitespace(bytes[range]) || !Self.isWhitespace(edits[index].replacement.utf8) {
                log.edit(
                    stage: stage, sourceOffset: editSource, before: string(range),
                    after: edits[index].replacement, reason: edits[index].reason, alternative: edits[index].alternative,
                    confidence: edits[index].confidence)
            }
            newAnchors.append(Anchor(offset: newBytes.count, source: editSource))
            newBytes.append(contentsOf: edits[index].replacement.utf8)
            // Marks strictly inside the replaced range.
            while markIndex < marks.count && marks[markIndex].offset < range.upperBound {
                newMarks.append(TextMark(offset: newBytes.count, kind: marks[markIndex].kind))
                markIndex += 1
            }
            for kind in edits[index].marks { newMarks.append(TextMark(offset: newBytes.count, kind: kind)) }
            cursor = range.upperBound
        }
        copy(upTo: bytes.count, includingEnd: true)
        bytes = newBytes
        marks = newMarks
        anchors = Self.compacted(newAnchors)
    }

    /// Drops anchors that a linear run through the previous one already implies.
    private static func compacted(_ anchors: [Anchor]) -> [Anchor] {
        var result: [Anchor] = []
        result.reserveCapacity(anchors.count)
        for anchor in anchors {
            if let last = result.last {
                if last.offset == anchor.offset {
                    result[result.count - 1] = anchor
                    continue
                }
                if last.source + (anchor.offset - last.offset) == anchor.source { continue }
            }
            result.append(anchor)
        }
        return result.isEmpty ? [Anchor(offset: 0, source: 0)] : result
    }

    private mutating func appendAnchor(_ anchor: Anchor) {
        if let last = anchors.last, last.offset == anchor.offset {
            anchors[anchors.count - 1] = anchor
        } else {
            anchors.append(anchor)
        }
    }

    static func isWhitespace(_ text: String) -> Bool { isWhitespace(text.utf8) }

    @inline(__always)
    static func isWhitespace(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }
    }
}
