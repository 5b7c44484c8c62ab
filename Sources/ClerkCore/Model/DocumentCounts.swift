/// What one conversion made and found, counted from the finished document: the figures of a
/// batch's summary and `--report`.
public struct DocumentCounts: Sendable, Equatable {
    /// Edits per stage id.
    public var editsByStage: [String: Int] = [:]
    public var warningsByStage: [String: Int] = [:]
    public var opinions = 0
    /// Page breaks marked in the opinions' blocks and footnotes.
    public var pageBreaks = 0
    public var footnotes = 0
    public var citations = 0

    public init() {}

    public init(_ document: Document) {
        for edit in document.log.edits { editsByStage[edit.stage, default: 0] += 1 }
        for warning in document.log.warnings { warningsByStage[warning.stage, default: 0] += 1 }
        opinions = document.opinions.count
        for opinion in document.opinions {
            footnotes += opinion.footnotes.count
            count(opinion.blocks)
            for footnote in opinion.footnotes { count(footnote.blocks) }
        }
    }

    private mutating func count(_ blocks: [Block]) {
        for block in blocks {
            pageBreaks += block.pageBreaks.count
            citations += block.citations.count
        }
    }

    public var edits: Int { editsByStage.values.reduce(0, +) }
    public var warnings: Int { warningsByStage.values.reduce(0, +) }

    /// Adds another document's counts (a batch's totals).
    public mutating func add(_ other: DocumentCounts) {
        editsByStage.merge(other.editsByStage, uniquingKeysWith: +)
        warningsByStage.merge(other.warningsByStage, uniquingKeysWith: +)
        opinions += other.opinions
        pageBreaks += other.pageBreaks
        footnotes += other.footnotes
        citations += other.citations
    }
}
