/// The phases of the pipeline, run in this order. Every stage belongs to one; a configuration
/// that lists a stage after one of a later phase is refused.
public enum StagePhase: Int, Sendable, CaseIterable, Comparable {
    /// Repair of the working text, on its bytes: decoding, page noise, hyphenation, OCR.
    case text
    /// Structure marks in the text (`BlockStart`): opinions, caption, headings, block quotes.
    case structure
    /// The block model: reflow turns the marked text into blocks, later stages enrich them.
    case blocks

    public var name: String {
        switch self {
        case .text: "text"
        case .structure: "structure"
        case .blocks: "blocks"
        }
    }

    /// One line for `clerk stages`.
    public var summary: String {
        switch self {
        case .text: "repair of the text, on its bytes"
        case .structure: "structure marked in the text"
        case .blocks: "the text as blocks, and what is found in them"
        }
    }

    public static func < (left: Self, right: Self) -> Bool { left.rawValue < right.rawValue }
}
