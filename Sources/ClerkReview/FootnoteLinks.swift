import ClerkCore

/// Where a block sits in its opinion: in the body, or in a footnote. Part of the ids of the
/// marks inside it, which are therefore unique over the page.
enum BlockPlace {
    case body(block: Int)
    case footnote(note: Int, block: Int)

    var idPart: String {
        switch self {
        case .body(let block): "b\(block + 1)"
        case .footnote(let note, let block): "n\(note + 1)-b\(block + 1)"
        }
    }

    /// The id of a block that knows its source offset (the edits link to it).
    func blockID(opinion: Int) -> String {
        "blk-\(opinion)-\(idPart)"
    }
}

/// The ids of one opinion's footnotes and of the references to them. Worked out before the
/// opinion is written, so that each footnote can link back to every reference to it, also to
/// one that comes after the note (in a later footnote). A reference names a footnote by label
/// within its own opinion (slip opinions number their notes afresh in each); when several notes
/// share a label, the first is meant. A reference whose label no note has gets no link.
struct FootnoteLinks {
    /// 1-based number of the opinion on the page.
    let opinion: Int
    private var noteByLabel: [String: Int] = [:]
    /// For each footnote, the ids of the references to it, in reading order.
    private(set) var backlinks: [[String]]

    init(_ opinion: ReviewOpinion, number: Int) {
        self.opinion = number
        backlinks = Array(repeating: [], count: opinion.footnotes.count)
        for (index, note) in opinion.footnotes.enumerated() where noteByLabel[note.label] == nil {
            noteByLabel[note.label] = index
        }
        guard !noteByLabel.isEmpty else { return }
        for (index, block) in opinion.blocks.enumerated() { collect(block, at: .body(block: index)) }
        for (note, footnote) in opinion.footnotes.enumerated() {
            for (index, block) in footnote.blocks.enumerated() { collect(block, at: .footnote(note: note, block: index)) }
        }
    }

    private mutating func collect(_ block: ReviewBlock, at place: BlockPlace) {
        let refs = block.footnoteRefs
        guard !refs.isEmpty else { return }
        var order = Array(refs.indices)
        if !order.dropLast().allSatisfy({ refs[$0].offset <= refs[$0 + 1].offset }) {
            order.sort { (refs[$0].offset, $0) < (refs[$1].offset, $1) }
        }
        for index in order {
            guard let note = noteByLabel[refs[index].label] else { continue }
            backlinks[note].append(referenceID(place, index))
        }
    }

    /// The footnote a reference labelled `label` points to, if the opinion has one.
    func note(labelled label: String) -> Int? {
        noteByLabel[label]
    }

    func noteID(_ note: Int) -> String {
        "fn-\(opinion)-\(note + 1)"
    }

    func referenceID(_ place: BlockPlace, _ index: Int) -> String {
        "ref-\(opinion)-\(place.idPart)-\(index + 1)"
    }

    func pageBreakID(_ place: BlockPlace, _ index: Int) -> String {
        "pb-\(opinion)-\(place.idPart)-\(index + 1)"
    }
}
