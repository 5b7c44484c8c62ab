/// Something that happens at a point of the text without being text: a page boundary, a
/// footnote reference or the start of a block. Marks ride along with the text through every edit.
public struct TextMark: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The text from here on is on page `label` (nil: a boundary whose number is not known yet,
        /// e.g. a form feed).
        case pageBreak(label: String?)
        /// A footnote marker that was in the text here.
        case footnoteRef(label: String)
        /// A block (or an opinion) starts here; see `BlockStart`.
        case blockStart(BlockStart)
    }

    /// UTF-8 byte offset into the stream's bytes.
    public var offset: Int
    public var kind: Kind

    public init(offset: Int, kind: Kind) {
        self.offset = offset
        self.kind = kind
    }
}
