import ClerkCore

/// Gathers what the review page shows from `ModelWalk` into a `ReviewDocument`. As a
/// `ModelVisitor`, it must take every field of the model: one the page does not show is
/// dropped here, by name.
struct ReviewCollector: ModelVisitor {
    private(set) var page = ReviewDocument()
    private var opinion: ReviewOpinion?
    private var footnote: ReviewFootnote?
    private var block: ReviewBlock?

    /// What the page shows of `document`.
    static func collect(_ document: Document) -> ReviewDocument {
        var collector = ReviewCollector()
        ModelWalk.walk(document, into: &collector)
        return collector.page
    }

    mutating func beginDocument() {}
    mutating func endDocument() {}

    mutating func source(name: String, bytes: Int, sha256: String, family: SourceFamily, reader: String, record: RecordIdentity?) {
        page.source = ReviewDocument.Source(
            name: name, bytes: bytes, sha256: sha256, family: family.rawValue, reader: reader, record: record)
    }

    mutating func pipeline(sha256: String?) { page.pipeline = sha256 }

    /// The page's lists need no marking: each item is added where it belongs.
    mutating func beginList(_ list: ModelList) {}
    mutating func endList(_ list: ModelList) {}

    mutating func beginCase() {}
    mutating func court(_ court: String?) { page.caseFacts.court = court }
    mutating func docket(_ docket: String) { page.caseFacts.dockets.append(docket) }
    mutating func caseName(_ caseName: String?) { page.caseFacts.caseName = caseName }
    mutating func party(name: String, role: String) { page.caseFacts.parties.append((name, role)) }
    mutating func lowerCourt(_ lowerCourt: String?) { page.caseFacts.lowerCourt = lowerCourt }
    mutating func date(event: String, date: String) { page.caseFacts.dates.append((event, date)) }
    mutating func judge(_ judge: String) { page.caseFacts.judges.append(judge) }
    /// Every entry, a repeated key too: the page shows what was found.
    mutating func metadataEntry(key: String, value: String) { page.caseFacts.metadata.append((key, value)) }
    mutating func endCase() {}

    mutating func beginOpinion(type: OpinionType, author: String?, byline: String?) {
        opinion = ReviewOpinion(type: type, author: author, byline: byline)
    }

    mutating func endOpinion() {
        if let opinion { page.opinions.append(opinion) }
        opinion = nil
    }

    mutating func beginFootnote(label: String) { footnote = ReviewFootnote(label: label) }

    mutating func endFootnote() {
        if let footnote { opinion?.footnotes.append(footnote) }
        footnote = nil
    }

    mutating func beginBlock(kind: BlockKind, level: Int?, label: String?, text: String, sourceOffset: Int?) {
        block = ReviewBlock(kind: kind, level: level, label: label, text: text, sourceOffset: sourceOffset)
    }

    mutating func pageBreak(offset: Int, page: String) { block?.pageBreaks.append((offset, page)) }
    mutating func footnoteRef(offset: Int, label: String) { block?.footnoteRefs.append((offset, label)) }

    /// The citation's text is the span it marks in the block's text, shown there.
    mutating func citation(
        offset: Int, length: Int, kind: CitationKind, text _: String, volume: String?, reporter: String?, page: String?,
        pinpoint: String?, court: String?, year: String?, caseName: String?, section: String?, refersTo: String?
    ) {
        let parts = CitationParts.text(
            kind: kind, caseName: caseName, volume: volume, reporter: reporter, page: page, section: section,
            pinpoint: pinpoint, court: court, year: year, refersTo: refersTo)
        block?.citations.append(ReviewCitation(offset: offset, length: length, kind: kind, parts: parts))
    }

    mutating func endBlock() {
        guard let block else { return }
        if footnote != nil { footnote?.blocks.append(block) } else { opinion?.blocks.append(block) }
        self.block = nil
    }

    mutating func disposition(_ disposition: String?) { page.disposition = disposition }

    mutating func edit(
        stage: String, sourceOffset: Int, before: String, after: String, reason: String, alternative: String?,
        confidence: Double?
    ) {
        page.edits.append(ReviewEdit(
            stage: stage, sourceOffset: sourceOffset, before: before, after: after, reason: reason, alternative: alternative,
            confidence: confidence))
    }

    mutating func warning(stage: String, sourceOffset: Int?, message: String) {
        page.warnings.append(ReviewWarning(stage: stage, sourceOffset: sourceOffset, message: message))
    }
}
