/// The shape of an input's text, which later stages pick their rules by: set by the reader
/// (`html`) or decided by the `detect` stage for plain text. Stages ask what a family's text is
/// like (the properties below) rather than which family it is, so that a new family states its
/// shape here, in one place.
public enum SourceFamily: String, Sendable, CaseIterable {
    /// PDF-to-text layout: a printed page's lines, page by page.
    case layout
    /// Flattened web text: paragraphs run together on long lines, line breaks are artefacts.
    case flat
    /// OCR of a reporter page: a paragraph per line, star pagination.
    case scan
    /// Text the HTML reader made: paragraphs from the markup, as blank lines.
    case html
    /// Not decided (detection off, or no text).
    case unknown

    /// Whether the lines are runs of text rather than lines of a page, so that a short line says
    /// nothing about where a paragraph or a heading ends. nil: not known, measure the text.
    public var linesAreRunningText: Bool? {
        switch self {
        case .flat: true
        case .layout, .scan, .html: false
        case .unknown: nil
        }
    }

    /// Whether page furniture (running heads, page numbers) sits inside the lines of text rather
    /// than on lines of its own. nil: not known, measure the text.
    public var holdsPageFurnitureInline: Bool? {
        switch self {
        case .flat, .scan: true
        case .layout: false
        case .html, .unknown: nil
        }
    }

    /// Whether paragraphs are separated by blank lines and every other line break is an artefact.
    public var separatesParagraphsByBlankLines: Bool {
        switch self {
        case .flat, .html: true
        case .layout, .scan, .unknown: false
        }
    }
}
