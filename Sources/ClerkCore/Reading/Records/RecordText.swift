/// The working text of a publisher's record, built element by element: paragraphs with a blank
/// line between them, and marks for what the markup says (opinion starts, block quotes, page
/// boundaries, footnote references), with the footnotes' texts apart. White space inside a
/// paragraph is the markup's layout, not the text's, so each run of it becomes one space.
struct RecordText {
    private(set) var body = TextStream()
    private(set) var notes: [NoteText] = []
    /// The raw offset the text added next comes from (the record's element, or its text field).
    var source: Int
    private var pendingSpace = false
    private var paragraphOpen = false
    /// A paragraph ended: the blank line goes in before whatever comes next, so that a mark
    /// between two paragraphs lands at the start of the second.
    private var separatorPending = false

    init(source: Int) {
        self.source = source
    }

    var isEmpty: Bool { body.isEmpty && !paragraphOpen }

    /// Adds inline text to the paragraph in progress (opening one).
    mutating func append(_ text: String) {
        var run: [UInt8] = []
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                if paragraphOpen || !run.isEmpty { pendingSpace = true }
                continue
            }
            if !paragraphOpen && run.isEmpty {
                placeSeparator()
                pendingSpace = false
            }
            if pendingSpace {
                run.append(0x20)
                pendingSpace = false
            }
            run.append(byte)
        }
        if !run.isEmpty {
            body.append(run, source: source)
            paragraphOpen = true
        }
    }

    /// Ends the paragraph in progress, if any.
    mutating func endParagraph() {
        guard paragraphOpen else { return }
        paragraphOpen = false
        pendingSpace = false
        separatorPending = true
    }

    /// A mark where the text has got to (a page boundary, a footnote reference); between
    /// paragraphs, at the start of the next.
    mutating func mark(_ kind: TextMark.Kind) {
        if !paragraphOpen { placeSeparator() }
        body.appendMark(kind)
    }

    mutating func startOpinion(_ header: OpinionHeader) {
        endParagraph()
        mark(.blockStart(.opinion(header)))
    }

    mutating func startBlockQuote() {
        endParagraph()
        mark(.blockStart(.blockquote))
    }

    mutating func endBlockQuote() {
        endParagraph()
        mark(.blockStart(.paragraph))
    }

    /// A footnote whose text was built in a `RecordText` of its own.
    mutating func addNote(label: String, _ note: RecordText) {
        var text = note.body
        if text.bytes.last != 0x0A { text.append([0x0A], source: source) }
        notes.append(contentsOf: note.notes)
        notes.append(NoteText(label: label, text: text))
    }

    /// Records in `log` that markup's `printed` text left the text here, and why.
    func logLeftOut(_ printed: String, _ reason: String, stage: String, log: inout EditLog) {
        guard !printed.isEmpty else { return }
        log.edit(stage: stage, sourceOffset: source, before: printed, after: "", reason: reason)
    }

    /// The text and notes become the document's, the text ending in a line end.
    func finish(into document: inout Document) {
        var text = body
        if !text.isEmpty && text.bytes.last != 0x0A { text.append([0x0A], source: source) }
        document.body = text
        document.notes = notes
    }

    private mutating func placeSeparator() {
        guard separatorPending else { return }
        body.append([0x0A, 0x0A], source: source)
        separatorPending = false
    }
}
