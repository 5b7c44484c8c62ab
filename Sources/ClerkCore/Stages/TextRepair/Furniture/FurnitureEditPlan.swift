/// The edits that remove the furniture and place the labelled page breaks.
struct EditPlan {
    private(set) var edits: [TextEdit] = []

    private static func reason(_ boundary: PageBoundary) -> String {
        boundary.isFooter ? "running footer of page \(boundary.page - 1)" : "running header of page \(boundary.page)"
    }

    /// Without form feeds, each boundary's removal carries its page break.
    mutating func removeAndMark(_ pages: FoundPages, text: WordMap) {
        for boundary in pages.boundaries {
            // Furniture before any text begins nothing; after all text, no page follows.
            let begins = boundary.carriesMark && boundary.candidate.words.lowerBound > 0
                && boundary.startWord < text.words.count
            let marks: [TextMark.Kind] = begins ? [.pageBreak(label: String(boundary.page))] : []
            edits.append(TextEdit(range: boundary.candidate.removal, reason: Self.reason(boundary), marks: marks))
        }
        for (candidate, reason) in pages.extra {
            edits.append(TextEdit(range: candidate.removal, reason: reason))
        }
        dropOverlaps()
    }

    /// With form feeds, the form feeds are the boundaries: the furniture goes without marks.
    mutating func remove(_ pages: FoundPages) {
        for boundary in pages.boundaries {
            edits.append(TextEdit(range: boundary.candidate.removal, reason: Self.reason(boundary)))
        }
        for (candidate, reason) in pages.extra {
            edits.append(TextEdit(range: candidate.removal, reason: reason))
        }
        dropOverlaps()
    }

    /// Gives each form feed its page label: a removal around it carries the mark, else an empty
    /// edit places it (apply keeps the unlabelled mark there, before the labelled one).
    mutating func mark(_ formFeeds: FormFeedBoundaries, pages: [Int]) {
        var added: [TextEdit] = []
        var cursor = 0
        for (index, position) in formFeeds.offsets.enumerated()         where formFeeds.words[index] > 0 && formFeeds.words[index] < formFeeds.wordCount {
            let mark = TextMark.Kind.pageBreak(label: String(pages[index]))
            while cursor < edits.count && edits[cursor].range.upperBound <= position { cursor += 1 }
            if cursor < edits.count && edits[cursor].range.lowerBound < position {
                edits[cursor].marks.append(mark)
            } else {
                added.append(TextEdit(range: position..<position, reason: "page boundary at a form feed", marks: [mark]))
            }
        }
        edits += added
    }

    /// One edit per range: two findings of the same furniture keep the first.
    private mutating func dropOverlaps() {
        edits.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var kept: [TextEdit] = []
        for edit in edits {
            if let last = kept.last, last.range.upperBound > edit.range.lowerBound { continue }
            kept.append(edit)
        }
        edits = kept
    }
}
