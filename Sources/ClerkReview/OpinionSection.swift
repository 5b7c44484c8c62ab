import ClerkCore

/// Writes one opinion as a `section`: its title (type and author) and byline, its blocks, and
/// its footnotes, each linked both ways with the references to it.
struct OpinionSection {
    let opinion: ReviewOpinion
    /// 1-based, for ids and titles.
    let number: Int
    let writer: HTMLWriter
    private let links: FootnoteLinks

    init(_ opinion: ReviewOpinion, number: Int, writer: HTMLWriter) {
        self.opinion = opinion
        self.number = number
        self.writer = writer
        links = FootnoteLinks(opinion, number: number)
    }

    /// The section's id (the contents link to it).
    static func id(_ number: Int) -> String { "op-\(number)" }

    func write() {
        let id = Self.id(number)
        writer.start("section", class: "opinion prose")
        writer.attribute("id", id)
        writer.attribute("aria-labelledby", id + "-title")
        writer.start("h2")
        writer.attribute("id", id + "-title")
        writer.text(Self.title(of: opinion.type))
        if let author = opinion.author, !author.isEmpty {
            writer.text(" ")
            writer.element("span", class: "author", "by " + author)
        }
        writer.end()
        if let byline = opinion.byline, !byline.isEmpty { writer.element("p", class: "byline", byline) }
        if opinion.blocks.isEmpty { writer.element("p", class: "empty", "This opinion has no text.") }
        for (index, block) in opinion.blocks.enumerated() { write(block, at: .body(block: index), trailer: nil) }
        if !opinion.footnotes.isEmpty { writeFootnotes(sectionID: id) }
        writer.end()
    }

    // MARK: - Blocks

    /// Writes `block`; `trailer`, if given, writes more inline content at its end (a note's back links).
    private func write(_ block: ReviewBlock, at place: BlockPlace, trailer: (() -> Void)?) {
        let inFootnote = if case .footnote = place { true } else { false }
        switch block.kind {
        case .heading where inFootnote:
            // A heading inside a note stays out of the page's outline.
            writer.start("p", class: "note-heading")
        case .heading:
            // The opinion's title is h2; its heading levels 1, 2, 3… are h3, h4, h5, and h6 below.
            switch block.level ?? 1 {
            case ...1: writer.start("h3")
            case 2: writer.start("h4")
            case 3: writer.start("h5")
            default: writer.start("h6")
            }
            writer.attribute("data-level", block.level ?? 1)
        case .paragraph:
            writer.start("p")
        case .blockquote:
            writer.start("blockquote")
        case .sectionBreak:
            writer.start("div", class: "section-break")
            writer.attribute("role", "separator")
            writer.attribute("aria-label", "section break")
        }
        if let offset = block.sourceOffset {
            writer.attribute("id", place.blockID(opinion: number))
            writer.attribute("data-source-offset", offset)
        }
        if block.kind == .heading, let label = block.label, !label.isEmpty {
            writer.element("span", class: "label", label)
            if !block.text.isEmpty { writer.text(" ") }
        }
        InlineMarkup.write(
            block, to: writer,
            point: { point in
                switch point {
                case .pageBreak(let index): writePageBreak(block.pageBreaks[index], id: links.pageBreakID(place, index))
                case .footnoteRef(let index): writeReference(block.footnoteRefs[index], id: links.referenceID(place, index))
                }
            },
            citation: writeCitationStart)
        trailer?()
        writer.end()
    }

    /// An inline marker; the page number is shown by the style sheet (in the margin on wide
    /// screens, inline on narrow ones), so that it is not part of the text when copied.
    private func writePageBreak(_ mark: (offset: Int, page: String), id: String) {
        writer.start("span", class: "pb")
        writer.attribute("id", id)
        writer.attribute("data-page", mark.page)
        writer.attribute("role", "doc-pagebreak")
        writer.attribute("aria-label", "page " + mark.page)
        writer.end()
    }

    private func writeReference(_ ref: (offset: Int, label: String), id: String) {
        writer.start("sup", class: "fnref")
        if let note = links.note(labelled: ref.label) {
            writer.start("a")
            writer.attribute("id", id)
            writer.attribute("href", "#" + links.noteID(note))
            writer.attribute("role", "doc-noteref")
            writer.attribute("aria-label", "footnote " + ref.label)
            writer.text(ref.label)
            writer.end()
        } else {
            writer.start("span", class: "missing")
            writer.attribute("title", "footnote \(ref.label): no footnote with this label was found")
            writer.text(ref.label)
            writer.end()
        }
        writer.end()
    }

    private func writeCitationStart(_ citation: ReviewCitation) {
        writer.start("cite", class: "citation")
        writer.attribute("data-kind", citation.kind.rawValue)
        if !citation.parts.isEmpty { writer.attribute("title", citation.parts) }
    }

    // MARK: - Footnotes

    private func writeFootnotes(sectionID: String) {
        let titleID = sectionID + "-notes"
        writer.start("section", class: "footnotes")
        writer.attribute("aria-labelledby", titleID)
        writer.start("h3")
        writer.attribute("id", titleID)
        writer.text("Footnotes")
        writer.end()
        writer.start("ol", class: "notes")
        for (note, footnote) in opinion.footnotes.enumerated() {
            writer.start("li", class: "footnote")
            writer.attribute("id", links.noteID(note))
            writer.attribute("role", "doc-footnote")
            writer.element("span", class: "note-label", footnote.label)
            writer.start("div", class: "note-body")
            // The back links end the note's last block, as in print, instead of taking a line.
            let backlinks = { writeBacklinks(links.backlinks[note], label: footnote.label) }
            for (index, block) in footnote.blocks.enumerated() {
                write(block, at: .footnote(note: note, block: index), trailer: index == footnote.blocks.count - 1 ? backlinks : nil)
            }
            if footnote.blocks.isEmpty {
                writer.start("p")
                backlinks()
                writer.end()
            }
            writer.end()
            writer.end()
        }
        writer.end()
        writer.end()
    }

    private func writeBacklinks(_ references: [String], label: String) {
        writer.text(" ")
        guard !references.isEmpty else {
            writer.element("span", class: "unreferenced", "(no reference to this note was found in the text)")
            return
        }
        writer.start("span", class: "backlinks")
        for (index, reference) in references.enumerated() {
            writer.start("a")
            writer.attribute("href", "#" + reference)
            writer.attribute("role", "doc-backlink")
            let which = references.count == 1 ? "" : " (\(index + 1) of \(references.count))"
            writer.attribute("aria-label", "back to the reference to footnote \(label)\(which)")
            writer.text(references.count == 1 ? "↩" : "↩\u{A0}\(index + 1)")
            writer.end()
        }
        writer.end()
    }

    // MARK: - Titles

    static func title(of type: OpinionType) -> String {
        switch type {
        case .majority: "Majority opinion"
        case .plurality: "Plurality opinion"
        case .perCuriam: "Per curiam opinion"
        case .unanimous: "Unanimous opinion"
        case .combined: "Combined opinion"
        case .concurrence: "Concurrence"
        case .concurrenceInJudgment: "Concurrence in the judgment"
        case .concurrenceInPart: "Concurrence in part"
        case .concurrenceInPartDissentInPart: "Concurrence in part and dissent in part"
        case .dissent: "Dissent"
        case .dissentInPart: "Dissent in part"
        case .addendum: "Addendum"
        case .remittitur: "Remittitur"
        case .rehearing: "On rehearing"
        case .onTheMerits: "On the merits"
        case .onMotionToStrike: "On motion to strike"
        case .trialCourt: "Trial court opinion"
        case .syllabus: "Syllabus"
        case .unknown: "Opinion"
        }
    }
}
