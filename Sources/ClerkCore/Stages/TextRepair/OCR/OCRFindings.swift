/// What an OCR repair finder found in one text: the edits it proposes, each with its confidence,
/// and the places it doubted but left as printed.
struct OCRFindings: Sendable {
    /// A place left as printed because no reading was clearly best.
    struct Doubt: Sendable, Equatable {
        /// Byte offset in the text.
        var offset: Int
        var message: String
    }

    var edits: [TextEdit] = []
    var doubts: [Doubt] = []

    mutating func append(_ other: OCRFindings) {
        edits += other.edits
        doubts += other.doubts
    }
}

extension TextEdit {
    /// The edit narrowed to the bytes it really changes when a mark sits inside its range (a
    /// page break in `offi*533cers`), so that the mark keeps its place between the letters; the
    /// whole word otherwise, which reads better in the edit log.
    func keepingMarks(_ marks: [TextMark], in bytes: [UInt8]) -> TextEdit {
        guard marks.contains(where: { $0.offset > range.lowerBound && $0.offset < range.upperBound }) else { return self }
        let old = Array(bytes[range]), new = Array(replacement.utf8)
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        // Whole UTF-8 scalars only.
        while prefix > 0, prefix < old.count, old[prefix] & 0xC0 == 0x80 { prefix -= 1 }
        while suffix > 0, old.count - suffix < old.count, old[old.count - suffix] & 0xC0 == 0x80 { suffix -= 1 }
        var narrowed = self
        narrowed.range = (range.lowerBound + prefix)..<(range.upperBound - suffix)
        narrowed.replacement = String(decoding: new[prefix..<(new.count - suffix)], as: UTF8.self)
        return narrowed
    }
}

/// Byte ranges that OCR repairs must leave alone (citations, earlier repairs), merged and
/// sorted so that a question costs a binary search.
struct ProtectedRanges: Sendable {
    private var ranges: [Range<Int>] = []

    init(_ ranges: [Range<Int>]) {
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = self.ranges.last, range.lowerBound <= last.upperBound {
                self.ranges[self.ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                self.ranges.append(range)
            }
        }
    }

    /// Whether `range` overlaps any protected range.
    func overlaps(_ range: Range<Int>) -> Bool {
        // The first protected range that ends after `range` starts (ends are sorted too).
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].lowerBound < range.upperBound
    }
}
