import ClerkCore

/// Where in the opinion text an edit happened, as near as the model tells: the blocks that know
/// their byte offset in the raw input, ordered by it, so that an edit at byte N links to the
/// last block starting at or before N (the first block when the edit comes before them all,
/// as a removed caption does). Edits are logged against the raw input and blocks keep only
/// where they start, so the link leads to the block, not to the word.
struct TextAnchors {
    private var anchors: [(offset: Int, id: String)] = []

    init(_ document: ReviewDocument) {
        for (index, opinion) in document.opinions.enumerated() {
            let number = index + 1
            for (block, content) in opinion.blocks.enumerated() {
                if let offset = content.sourceOffset { anchors.append((offset, BlockPlace.body(block: block).blockID(opinion: number))) }
            }
            for (note, footnote) in opinion.footnotes.enumerated() {
                for (block, content) in footnote.blocks.enumerated() {
                    if let offset = content.sourceOffset {
                        anchors.append((offset, BlockPlace.footnote(note: note, block: block).blockID(opinion: number)))
                    }
                }
            }
        }
        if !anchors.indices.dropLast().allSatisfy({ anchors[$0].offset <= anchors[$0 + 1].offset }) {
            anchors = anchors.enumerated()
                .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
                .map(\.element)
        }
    }

    /// The id of the block nearest before `sourceOffset`; nil when no block knows its offset.
    func blockID(before sourceOffset: Int) -> String? {
        guard !anchors.isEmpty else { return nil }
        // The first anchor past the offset, by binary search; the one before it is the answer.
        var low = 0, high = anchors.count
        while low < high {
            let middle = (low + high) / 2
            if anchors[middle].offset <= sourceOffset { low = middle + 1 } else { high = middle }
        }
        return anchors[max(low - 1, 0)].id
    }
}
