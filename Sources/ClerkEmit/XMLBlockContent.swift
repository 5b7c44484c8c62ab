import ClerkCore
import ClerkLibXML

private typealias Name = XMLModelName

/// A block's character content as XML: its text with page breaks, footnote references and
/// citations as inline elements at their offsets. The walk gives the marks after the text, list
/// by list, so they are held here until the block ends; the buffers are kept from block to
/// block, so a block costs no allocation.
struct XMLBlockContent {
    /// A citation's span and the parts its `cite` element carries as attributes.
    struct CitationStart {
        var offset: Int
        var length: Int
        var kind: CitationKind
        var volume: String?
        var reporter: String?
        var page: String?
        var pinpoint: String?
        var court: String?
        var year: String?
        var caseName: String?
        var section: String?
        var refersTo: String?
    }

    private var text = ""
    private var pageBreaks: [(offset: Int, page: String)] = []
    private var footnoteRefs: [(offset: Int, label: String)] = []
    private var citations: [CitationStart] = []

    mutating func begin(text: String) {
        self.text = text
        pageBreaks.removeAll(keepingCapacity: true)
        footnoteRefs.removeAll(keepingCapacity: true)
        citations.removeAll(keepingCapacity: true)
    }

    mutating func pageBreak(offset: Int, page: String) { pageBreaks.append((offset, page)) }
    mutating func footnoteRef(offset: Int, label: String) { footnoteRefs.append((offset, label)) }
    mutating func citation(_ start: CitationStart) { citations.append(start) }

    /// Writes the text with the marks in place.
    mutating func write(to writer: XMLWriter) {
        guard !pageBreaks.isEmpty || !footnoteRefs.isEmpty || !citations.isEmpty else {
            if !text.isEmpty { writer.text(text) }
            return
        }
        var events = InlineEvents(pageBreaks: pageBreaks, footnoteRefs: footnoteRefs, citations: citations)
        text.withUTF8 { events.write(text: $0, to: writer) }
    }
}

/// The marks of one block as a queue of offsets: the marks' arrays (shared, not copied) and the
/// order to take them in.
private struct InlineEvents {
    private let pageBreaks: [(offset: Int, page: String)]
    private let footnoteRefs: [(offset: Int, label: String)]
    private let citations: [XMLBlockContent.CitationStart]
    /// Page breaks (`index`) and footnote references (`count of page breaks + index`) in the
    /// order they are written.
    private var points: [(offset: Int, index: Int)]
    /// Citations by start; their ends, in order.
    private var starts: [(offset: Int, index: Int)]
    private var ends: [Int]
    private var pointIndex = 0
    private var startIndex = 0
    private var endIndex = 0

    init(
        pageBreaks: [(offset: Int, page: String)], footnoteRefs: [(offset: Int, label: String)],
        citations: [XMLBlockContent.CitationStart]
    ) {
        self.pageBreaks = pageBreaks
        self.footnoteRefs = footnoteRefs
        self.citations = citations
        var points: [(offset: Int, index: Int)] = []
        points.reserveCapacity(pageBreaks.count + footnoteRefs.count)
        for (index, pageBreak) in pageBreaks.enumerated() { points.append((pageBreak.offset, index)) }
        for (index, ref) in footnoteRefs.enumerated() { points.append((ref.offset, pageBreaks.count + index)) }
        // Stable: a page break and a footnote reference at one offset keep that order.
        if !points.indices.dropLast().allSatisfy({ points[$0].offset <= points[$0 + 1].offset }) {
            points.sort { ($0.offset, $0.index) < ($1.offset, $1.index) }
        }
        self.points = points
        var starts = citations.enumerated().map { (offset: $0.element.offset, index: $0.offset) }
        if !starts.indices.dropLast().allSatisfy({ starts[$0].offset <= starts[$0 + 1].offset }) {
            starts.sort { ($0.offset, $0.index) < ($1.offset, $1.index) }
        }
        self.starts = starts
        ends = citations.map { $0.offset + $0.length }.sorted()
    }

    /// Walks the text's UTF-8 once, cutting it at every offset (in Unicode scalars) where a mark
    /// starts or ends. At one offset, citations that end there close first, then points are
    /// written, then citations that start there open.
    mutating func write(text utf8: UnsafeBufferPointer<UInt8>, to writer: XMLWriter) {
        var position = 0  // in scalars
        var index = 0  // in bytes
        var segmentStart = 0
        while true {
            if nextOffset == position {
                if segmentStart < index { writer.text(utf8: UnsafeBufferPointer(rebasing: utf8[segmentStart..<index])) }
                segmentStart = index
                write(at: position, to: writer)
            }
            guard index < utf8.count else { break }
            if let next = nextOffset, next > position {
                // Jump to the next event, or to the end of the text.
                let (end, skipped) = Self.advance(utf8, from: index, scalars: next - position)
                index = end
                position += skipped
            } else {
                // No event left that can be placed.
                index = utf8.count
                position = Int.max
            }
        }
        if segmentStart < index { writer.text(utf8: UnsafeBufferPointer(rebasing: utf8[segmentStart..<index])) }
        // Marks past the end of the text cannot be placed; DocumentInvariants reports them before emitting.
    }

    private var nextOffset: Int? {
        var next: Int? = nil
        if pointIndex < points.count { next = points[pointIndex].offset }
        if startIndex < starts.count { next = min(next ?? .max, starts[startIndex].offset) }
        if endIndex < ends.count { next = min(next ?? .max, ends[endIndex]) }
        return next
    }

    private mutating func write(at offset: Int, to writer: XMLWriter) {
        while endIndex < ends.count && ends[endIndex] == offset && endIndex < startIndex {
            writer.endElement()
            endIndex += 1
        }
        while pointIndex < points.count && points[pointIndex].offset == offset {
            let index = points[pointIndex].index
            if index < pageBreaks.count {
                writer.emptyElement(Name.pb, attribute: Name.n, pageBreaks[index].page)
            } else {
                writer.emptyElement(Name.fnref, attribute: Name.label, footnoteRefs[index - pageBreaks.count].label)
            }
            pointIndex += 1
        }
        while startIndex < starts.count && starts[startIndex].offset == offset {
            let index = starts[startIndex].index
            citations.withUnsafeBufferPointer { Self.writeStart(of: $0[index], to: writer) }
            startIndex += 1
        }
    }

    /// The parts in the JSON's order.
    private static func writeStart(of citation: borrowing XMLBlockContent.CitationStart, to writer: XMLWriter) {
        writer.startElement(Name.cite)
        writer.attribute(Name.kind, citation.kind.rawValue)
        if let volume = citation.volume { writer.attribute(Name.volume, volume) }
        if let reporter = citation.reporter { writer.attribute(Name.reporter, reporter) }
        if let page = citation.page { writer.attribute(Name.page, page) }
        if let pinpoint = citation.pinpoint { writer.attribute(Name.pinpoint, pinpoint) }
        if let court = citation.court { writer.attribute(Name.court, court) }
        if let year = citation.year { writer.attribute(Name.year, year) }
        if let caseName = citation.caseName { writer.attribute(Name.caseName, caseName) }
        if let section = citation.section { writer.attribute(Name.section, section) }
        if let refersTo = citation.refersTo { writer.attribute(Name.refersTo, refersTo) }
    }

    /// The byte index `scalars` Unicode scalars after `start` in `utf8`, or its end if the text
    /// ends first, and how many scalars were passed. ASCII goes eight bytes at a time.
    private static func advance(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, scalars: Int) -> (index: Int, skipped: Int) {
        let base = utf8.baseAddress!
        let count = utf8.count
        var index = start
        var left = scalars
        while left > 0 && index < count {
            if left >= 8 && index + 8 <= count,
               UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                left -= 8
                continue
            }
            index += 1
            while index < count && base[index] & 0xC0 == 0x80 { index += 1 }
            left -= 1
        }
        return (index, scalars - left)
    }
}
