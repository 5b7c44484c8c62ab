/// What begins at a point of the text, as found by the structure stages (opinions, headings,
/// block quotes, section breaks) before reflow makes blocks. Reflow ends the block in progress
/// at every block start and opens the kind named here.
public enum BlockStart: Sendable, Equatable {
    /// A new opinion begins: its byline was taken out of the text and is carried here.
    case opinion(OpinionHeader)
    /// A heading: its title (possibly empty) runs to the next block start or paragraph end.
    case heading(level: Int, label: String?)
    /// A block quote: it runs, across paragraph ends, to the next block start.
    case blockquote
    /// Ordinary paragraph text again (after a heading's title or a block quote).
    case paragraph
    /// A section break (`* * *`): a break of its own, with no text.
    case sectionBreak
}

/// How an opinion introduces itself: its type, its author where named, and the byline as
/// printed (`MORROW, Chief Judge, dissenting.`). An opinion that opens with no byline of its
/// own, at the top of the text, has none: the head matter lies after its start.
public struct OpinionHeader: Sendable, Equatable {
    public var type: OpinionType
    public var author: String?
    public var byline: String?
    /// The judges who signed that they concur, under the opinion's signature.
    public var concurring: [String]

    public init(type: OpinionType, author: String? = nil, byline: String? = nil, concurring: [String] = []) {
        self.type = type
        self.author = author
        self.byline = byline
        self.concurring = concurring
    }
}
