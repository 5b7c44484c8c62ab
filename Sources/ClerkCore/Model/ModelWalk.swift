/// The one reading of the output model: hands every field of a document to a `ModelVisitor`, in
/// the contract's order (see `ModelVisitor`). The outputs read the model only through here, so a
/// field passed here reaches every output, and one left out is missed by the tests' reflection
/// check. Inlinable, so that each visitor gets a walk of its own, with no dynamic calls.
public enum ModelWalk {
    /// The output model of `document`: `source`, `pipelineSHA256`, `caseInfo`, `opinions`,
    /// `disposition` and `log` (the working state is not output).
    @inlinable
    public static func walk<Visitor: ModelVisitor>(_ document: Document, into visitor: inout Visitor) {
        visitor.beginDocument()
        let source = document.source
        visitor.source(
            name: source.name, bytes: source.bytes, sha256: source.sha256, family: source.family, reader: source.reader,
            record: source.record)
        visitor.pipeline(sha256: document.pipelineSHA256)
        caseInfo(document.caseInfo, into: &visitor)
        visitor.beginList(.opinions)
        for opinion in document.opinions { self.opinion(opinion, into: &visitor) }
        visitor.endList(.opinions)
        visitor.disposition(document.disposition)
        visitor.beginList(.edits)
        for edit in document.log.edits {
            visitor.edit(
                stage: edit.stage, sourceOffset: edit.sourceOffset, before: edit.before, after: edit.after,
                reason: edit.reason, alternative: edit.alternative, confidence: edit.confidence)
        }
        visitor.endList(.edits)
        visitor.beginList(.warnings)
        for warning in document.log.warnings {
            visitor.warning(stage: warning.stage, sourceOffset: warning.sourceOffset, message: warning.message)
        }
        visitor.endList(.warnings)
        visitor.endDocument()
    }

    @inlinable
    static func caseInfo<Visitor: ModelVisitor>(_ info: CaseInfo, into visitor: inout Visitor) {
        visitor.beginCase()
        visitor.court(info.court)
        visitor.beginList(.dockets)
        for docket in info.dockets { visitor.docket(docket) }
        visitor.endList(.dockets)
        visitor.caseName(info.caseName)
        visitor.beginList(.parties)
        for party in info.parties { visitor.party(name: party.name, role: party.role) }
        visitor.endList(.parties)
        visitor.lowerCourt(info.lowerCourt)
        visitor.beginList(.dates)
        for date in info.dates { visitor.date(event: date.event, date: date.date) }
        visitor.endList(.dates)
        visitor.beginList(.judges)
        for judge in info.judges { visitor.judge(judge) }
        visitor.endList(.judges)
        visitor.beginList(.metadata)
        for entry in info.metadata { visitor.metadataEntry(key: entry.key, value: entry.value) }
        visitor.endList(.metadata)
        visitor.endCase()
    }

    @inlinable
    static func opinion<Visitor: ModelVisitor>(_ opinion: Opinion, into visitor: inout Visitor) {
        visitor.beginOpinion(type: opinion.type, author: opinion.author, byline: opinion.byline)
        blocks(opinion.blocks, into: &visitor)
        visitor.beginList(.footnotes)
        for footnote in opinion.footnotes {
            visitor.beginFootnote(label: footnote.label)
            blocks(footnote.blocks, into: &visitor)
            visitor.endFootnote()
        }
        visitor.endList(.footnotes)
        visitor.endOpinion()
    }

    @inlinable
    static func blocks<Visitor: ModelVisitor>(_ blocks: [Block], into visitor: inout Visitor) {
        visitor.beginList(.blocks)
        for block in blocks { self.block(block, into: &visitor) }
        visitor.endList(.blocks)
    }

    @inlinable
    static func block<Visitor: ModelVisitor>(_ block: Block, into visitor: inout Visitor) {
        visitor.beginBlock(
            kind: block.kind, level: block.level, label: block.label, text: block.text, sourceOffset: block.sourceOffset)
        visitor.beginList(.pageBreaks)
        for mark in block.pageBreaks { visitor.pageBreak(offset: mark.offset, page: mark.page) }
        visitor.endList(.pageBreaks)
        visitor.beginList(.footnoteRefs)
        for mark in block.footnoteRefs { visitor.footnoteRef(offset: mark.offset, label: mark.label) }
        visitor.endList(.footnoteRefs)
        visitor.beginList(.citations)
        for citation in block.citations {
            visitor.citation(
                offset: citation.offset, length: citation.length, kind: citation.kind, text: citation.text,
                volume: citation.volume, reporter: citation.reporter, page: citation.page, pinpoint: citation.pinpoint,
                court: citation.court, year: citation.year, caseName: citation.caseName, section: citation.section,
                refersTo: citation.refersTo)
        }
        visitor.endList(.citations)
        visitor.endBlock()
    }
}
