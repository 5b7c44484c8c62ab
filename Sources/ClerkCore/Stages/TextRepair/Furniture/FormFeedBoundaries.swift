/// The page boundaries decode left at form feeds that no page label has been given yet.
struct FormFeedBoundaries {
    /// Byte offsets of the unlabelled marks.
    var offsets: [Int] = []
    /// The first word after each.
    var words: [Int] = []
    /// How many words the text holds: a form feed after the last begins no page.
    var wordCount: Int
    var isEmpty: Bool { offsets.isEmpty }

    init(_ stream: TextStream, words map: WordMap) {
        wordCount = map.words.count
        let marks = stream.marks
        for (index, mark) in marks.enumerated() where mark.kind == .pageBreak(label: nil) {
            // A labelled break at the same place means a previous run has labelled it.
            var labelled = false
            var other = index + 1
            while other < marks.count && marks[other].offset == mark.offset {
                if case .pageBreak(let label?) = marks[other].kind, !label.isEmpty { labelled = true }
                other += 1
            }
            guard !labelled, offsets.last != mark.offset else { continue }
            offsets.append(mark.offset)
            words.append(map.word(atOrAfter: mark.offset))
        }
    }

    /// Whether word `word` lies within `distance` words of a page edge the form feeds make (the
    /// text's start and end included).
    func isNearEdge(word: Int, within distance: Int) -> Bool {
        if word <= distance || wordCount - word <= distance { return true }
        var low = 0, high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle] <= word { low = middle + 1 } else { high = middle }
        }
        // `low`: the first form feed after the word; the one before it is at `low - 1`.
        if low < words.count && words[low] - word <= distance { return true }
        return low > 0 && word - words[low - 1] <= distance
    }

    /// The number of the page each form feed begins: the page numbers found say which (the
    /// most common difference between a number and its form-feed page count); without any,
    /// pages are counted from 1. Numbers that disagree are warned about.
    func pages(using found: FoundPages) -> (pages: [Int], warnings: [FurnitureWarning]) {
        var differences: [Int: Int] = [:]
        var placed: [(index: Int, page: Int)] = []
        for boundary in found.boundaries where boundary.startWord < wordCount {
            // How many form feeds come before the boundary's new page begins.
            var low = 0, high = words.count
            while low < high {
                let middle = (low + high) / 2
                if words[middle] <= boundary.startWord { low = middle + 1 } else { high = middle }
            }
            differences[boundary.page - low, default: 0] += 1
            placed.append((low, boundary.page))
        }
        let counted = words[0] > 0 ? 1 : 0
        let difference = differences.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? counted
        var warnings: [FurnitureWarning] = []
        for (index, page) in placed where index + difference != page {
            warnings.append(FurnitureWarning(
                offset: offsets[max(0, index - 1)],
                message: "page number \(page) disagrees with the form feeds, which make it page \(index + difference)"))
        }
        return (offsets.indices.map { $0 + 1 + difference }, warnings)
    }
}
