/// The kind of an opinion. One vocabulary that covers both the Caselaw Access Project's
/// opinion types and CourtListener's; docs/output.md gives the mapping.
public enum OpinionType: String, Sendable, CaseIterable {
    case majority
    case plurality
    case perCuriam
    case unanimous
    case combined
    case concurrence
    case concurrenceInJudgment
    case concurrenceInPart
    case concurrenceInPartDissentInPart
    case dissent
    case dissentInPart
    case addendum
    case remittitur
    case rehearing
    case onTheMerits
    case onMotionToStrike
    case trialCourt
    case syllabus
    case unknown
}

/// One opinion of the document, in reading order.
public struct Opinion: Sendable, Equatable {
    public var type: OpinionType
    public var author: String?
    /// The line that introduced the opinion, as printed (`MORROW, Chief Judge, dissenting.`).
    public var byline: String?
    public var blocks: [Block]
    public var footnotes: [Footnote]

    public init(
        type: OpinionType, author: String? = nil, byline: String? = nil, blocks: [Block] = [], footnotes: [Footnote] = []
    ) {
        self.type = type
        self.author = author
        self.byline = byline
        self.blocks = blocks
        self.footnotes = footnotes
    }
}

/// A footnote of an opinion: its label as printed and its blocks.
public struct Footnote: Sendable, Equatable {
    public var label: String
    public var blocks: [Block]

    public init(label: String, blocks: [Block] = []) {
        self.label = label
        self.blocks = blocks
    }
}
