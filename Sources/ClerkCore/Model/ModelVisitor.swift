/// What hears the output model, node by node, from `ModelWalk`: the JSON and XML writers, the
/// review page and the tests' model builder. Each node's fields come as separate arguments and
/// nothing has a default, so a field added to the model changes a signature here and every
/// output fails to build until it handles the field.
///
/// The calls come in the contract's order (the order of the JSON's members):
///
/// ```
/// beginDocument
///   source, pipeline
///   beginCase
///     court, [docket], caseName, [party], lowerCourt, [date], [judge], [metadataEntry]
///   endCase
///   [beginOpinion
///      [beginBlock [pageBreak] [footnoteRef] [citation] endBlock]
///      [beginFootnote [beginBlock … endBlock] endFootnote]
///    endOpinion]
///   disposition
///   [edit], [warning]
/// endDocument
/// ```
///
/// where `[…]` is a list between `beginList` and `endList` (always both, even when empty). An
/// unknown value is nil; a visitor decides how to leave it out.
public protocol ModelVisitor {
    mutating func beginDocument()
    mutating func endDocument()

    /// The input: its name, size in bytes, SHA-256, family, the reader that read it, and the
    /// corpus record it is, where its reader knows.
    mutating func source(name: String, bytes: Int, sha256: String, family: SourceFamily, reader: String, record: RecordIdentity?)
    /// The fingerprint of the pipeline configuration that made the document.
    mutating func pipeline(sha256: String?)

    /// Around a list of the model, in the node that holds it.
    mutating func beginList(_ list: ModelList)
    mutating func endList(_ list: ModelList)

    // The case: its fields one at a time, since its values and lists alternate in the contract.
    mutating func beginCase()
    mutating func court(_ court: String?)
    mutating func docket(_ docket: String)
    mutating func caseName(_ caseName: String?)
    mutating func party(name: String, role: String)
    mutating func lowerCourt(_ lowerCourt: String?)
    mutating func date(event: String, date: String)
    mutating func judge(_ judge: String)
    /// Every entry, in the order found; a key may repeat (the JSON keeps its last value).
    mutating func metadataEntry(key: String, value: String)
    mutating func endCase()

    mutating func beginOpinion(type: OpinionType, author: String?, byline: String?)
    mutating func endOpinion()
    mutating func beginFootnote(label: String)
    mutating func endFootnote()

    /// A block and its own values; its marks follow, each list in turn, then `endBlock`.
    /// Offsets of marks count Unicode scalars of `text`.
    mutating func beginBlock(kind: BlockKind, level: Int?, label: String?, text: String, sourceOffset: Int?)
    mutating func pageBreak(offset: Int, page: String)
    mutating func footnoteRef(offset: Int, label: String)
    mutating func citation(
        offset: Int, length: Int, kind: CitationKind, text: String, volume: String?, reporter: String?, page: String?,
        pinpoint: String?, court: String?, year: String?, caseName: String?, section: String?, refersTo: String?)
    mutating func endBlock()

    mutating func disposition(_ disposition: String?)
    mutating func edit(
        stage: String, sourceOffset: Int, before: String, after: String, reason: String, alternative: String?,
        confidence: Double?)
    mutating func warning(stage: String, sourceOffset: Int?, message: String)
}

/// The lists of the output model. A new one is a new case, which every visitor's switch must take.
public enum ModelList: Sendable, CaseIterable {
    /// Of the case.
    case dockets, parties, dates, judges, metadata
    /// Of the document.
    case opinions, edits, warnings
    /// Of an opinion (`blocks` also of a footnote).
    case blocks, footnotes
    /// Of a block.
    case pageBreaks, footnoteRefs, citations
}
