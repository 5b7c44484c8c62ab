/// Structure a source's markup already gives, so that no stage has to find it in the text: a
/// reader of a publisher's record (a case-law corpus's XML or JSON) sets what its format marks,
/// and the stages that would look for it (`Stage.finds`) do not run.
public struct SourceStructure: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Where each opinion starts, its type and author (the cases and opinions stages).
    public static let opinions = SourceStructure(rawValue: 1 << 0)
    /// The footnotes' texts and their references (the footnotes stage).
    public static let footnotes = SourceStructure(rawValue: 1 << 1)
    /// Page boundaries with their numbers, and text free of page furniture (the furniture and
    /// star-page stages).
    public static let pages = SourceStructure(rawValue: 1 << 2)
    /// The head matter apart from the opinions' text, and nothing around the case (the caption
    /// and web-chrome stages).
    public static let caption = SourceStructure(rawValue: 1 << 3)

    /// The names of the parts, for docs and `clerk stages`.
    public var names: [String] {
        [(Self.opinions, "opinions"), (.footnotes, "footnotes"), (.pages, "pages"), (.caption, "caption")]
            .filter { contains($0.0) }.map(\.1)
    }
}
