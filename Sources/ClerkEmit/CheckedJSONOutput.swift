import ClerkCore
import ClerkJSON

/// Writes a document's JSON straight from its model, each piece both written as bytes and passed
/// to the schema check; the bytes and field order are those of `JSONEmitter.value`.
struct CheckedJSONOutput {
    private var writer: JSONStreamWriter
    private var check: JSONSchemaStream
    private let keys: Keys

    init(check: JSONSchemaStream, writer: JSONStreamWriter) {
        self.writer = writer
        self.check = check
        keys = Keys(check)
    }

    var isValid: Bool { check.isValid }

    /// Writes the document a piece of about `chunk` bytes at a time into `drain`; returns the
    /// verdict of the check.
    static func write(
        _ document: Document, check: JSONSchemaStream, chunk: Int, drain: @escaping JSONStreamWriter.Drain
    ) -> Bool {
        var output = CheckedJSONOutput(check: check, writer: JSONStreamWriter(chunk: chunk, drain: drain))
        output.document(document)
        output.writer.finishWriting()
        return output.isValid
    }

    // MARK: - The model

    mutating func document(_ document: Document) {
        beginObject()
        field(keys.schemaVersion, JSONEmitter.schemaVersion)
        key(keys.source)
        beginObject()
        field(keys.name, document.source.name)
        field(keys.bytes, document.source.bytes)
        field(keys.sha256, document.source.sha256)
        field(keys.family, document.source.family.rawValue)
        end()
        if let fingerprint = document.pipelineSHA256 {
            key(keys.pipeline)
            beginObject()
            field(keys.sha256, fingerprint)
            end()
        }
        key(keys.case)
        caseInfo(document.caseInfo)
        key(keys.opinions)
        beginArray()
        for opinion in document.opinions { self.opinion(opinion) }
        end()
        if let disposition = document.disposition { field(keys.disposition, disposition) }
        key(keys.edits)
        beginArray()
        for edit in document.log.edits { self.edit(edit) }
        end()
        key(keys.warnings)
        beginArray()
        for warning in document.log.warnings {
            beginObject()
            field(keys.stage, warning.stage)
            if let offset = warning.sourceOffset { field(keys.sourceOffset, offset) }
            field(keys.message, warning.message)
            end()
        }
        end()
        end()
    }

    private mutating func caseInfo(_ info: CaseInfo) {
        beginObject()
        if let court = info.court { field(keys.court, court) }
        key(keys.dockets)
        strings(info.dockets)
        if let caseName = info.caseName { field(keys.caseName, caseName) }
        key(keys.parties)
        beginArray()
        for party in info.parties {
            beginObject()
            field(keys.name, party.name)
            field(keys.role, party.role)
            end()
        }
        end()
        if let lowerCourt = info.lowerCourt { field(keys.lowerCourt, lowerCourt) }
        key(keys.dates)
        beginArray()
        for date in info.dates {
            beginObject()
            field(keys.event, date.event)
            field(keys.date, date.date)
            end()
        }
        end()
        key(keys.judges)
        strings(info.judges)
        key(keys.metadata)
        metadata(info.metadata)
        end()
    }

    /// As a `JSONObject` built from the entries: a repeated key keeps its first place and its last value.
    private mutating func metadata(_ entries: [MetadataEntry]) {
        beginObject()
        var last: [String: Int] = [:]
        for (index, entry) in entries.enumerated() { last[entry.key] = index }
        for entry in entries {
            // Written at its first place only: there, `last` still points at its last value.
            guard let final = last.removeValue(forKey: entry.key) else { continue }
            let value = entries[final].value
            dynamicKey(entry.key)
            string(value)
        }
        end()
    }

    private mutating func opinion(_ opinion: Opinion) {
        beginObject()
        field(keys.type, opinion.type.rawValue)
        if let author = opinion.author { field(keys.author, author) }
        if let byline = opinion.byline { field(keys.byline, byline) }
        key(keys.blocks)
        blocks(opinion.blocks)
        key(keys.footnotes)
        beginArray()
        for footnote in opinion.footnotes {
            beginObject()
            field(keys.label, footnote.label)
            key(keys.blocks)
            blocks(footnote.blocks)
            end()
        }
        end()
        end()
    }

    private mutating func blocks(_ blocks: [Block]) {
        beginArray()
        for block in blocks {
            beginObject()
            field(keys.kind, block.kind.rawValue)
            if let level = block.level { field(keys.level, level) }
            if let label = block.label { field(keys.label, label) }
            field(keys.text, block.text)
            if let offset = block.sourceOffset { field(keys.sourceOffset, offset) }
            key(keys.pageBreaks)
            beginArray()
            for pageBreak in block.pageBreaks {
                beginObject()
                field(keys.offset, pageBreak.offset)
                field(keys.page, pageBreak.page)
                end()
            }
            end()
            key(keys.footnoteRefs)
            beginArray()
            for reference in block.footnoteRefs {
                beginObject()
                field(keys.offset, reference.offset)
                field(keys.label, reference.label)
                end()
            }
            end()
            key(keys.citations)
            beginArray()
            for citation in block.citations { self.citation(citation) }
            end()
            end()
        }
        end()
    }

    /// The parts in the order of `Citation.parts`.
    private mutating func citation(_ citation: Citation) {
        beginObject()
        field(keys.offset, citation.offset)
        field(keys.length, citation.length)
        field(keys.kind, citation.kind.rawValue)
        field(keys.text, citation.text)
        if let volume = citation.volume { field(keys.volume, volume) }
        if let reporter = citation.reporter { field(keys.reporter, reporter) }
        if let page = citation.page { field(keys.page, page) }
        if let pinpoint = citation.pinpoint { field(keys.pinpoint, pinpoint) }
        if let court = citation.court { field(keys.court, court) }
        if let year = citation.year { field(keys.year, year) }
        if let caseName = citation.caseName { field(keys.caseName, caseName) }
        if let section = citation.section { field(keys.section, section) }
        if let refersTo = citation.refersTo { field(keys.refersTo, refersTo) }
        end()
    }

    private mutating func edit(_ edit: Edit) {
        beginObject()
        field(keys.stage, edit.stage)
        field(keys.sourceOffset, edit.sourceOffset)
        field(keys.before, edit.before)
        field(keys.after, edit.after)
        field(keys.reason, edit.reason)
        if let alternative = edit.alternative { field(keys.alternative, alternative) }
        if let confidence = edit.confidence {
            key(keys.confidence)
            writer.double(confidence)
            check.double(confidence)
        }
        end()
    }

    private mutating func strings(_ list: [String]) {
        beginArray()
        for item in list { string(item) }
        end()
    }

    // MARK: - Pieces, to both

    private mutating func beginObject() {
        writer.beginObject()
        check.beginObject()
    }

    private mutating func beginArray() {
        writer.beginArray()
        check.beginArray()
    }

    private mutating func end() {
        writer.end()
        check.end()
    }

    private mutating func key(_ key: Key) {
        writer.key(key.written)
        check.key(key.checked)
    }

    private mutating func dynamicKey(_ name: String) {
        writer.key(name)
        check.key(name)
    }

    private mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            writer.string(utf8: bytes)
            check.string(utf8: bytes)
        }
    }

    private mutating func field(_ key: Key, _ text: String) {
        self.key(key)
        string(text)
    }

    private mutating func field(_ key: Key, _ number: Int) {
        self.key(key)
        writer.int(number)
        check.int(number)
    }

    /// A key as the writer and the check each take it.
    struct Key {
        let written: JSONStreamWriter.Key
        let checked: JSONSchemaStream.Key
    }

    /// Every key of the model, made once per document (the check's ids depend on the schema).
    struct Keys {
        let schemaVersion, source, name, bytes, sha256, family, pipeline, `case`, opinions, disposition, edits, warnings: Key
        let court, dockets, caseName, parties, role, lowerCourt, dates, event, date, judges, metadata: Key
        let type, author, byline, blocks, footnotes, label: Key
        let kind, level, text, sourceOffset, pageBreaks, footnoteRefs, citations, offset, page: Key
        let length, volume, reporter, pinpoint, year, section, refersTo: Key
        let stage, before, after, reason, alternative, confidence, message: Key

        /// The writer's keys, which hold no schema.
        private static let written: [String: JSONStreamWriter.Key] = Dictionary(uniqueKeysWithValues: [
            "schemaVersion", "source", "name", "bytes", "sha256", "family", "pipeline", "case", "opinions", "disposition",
            "edits", "warnings", "court", "dockets", "caseName", "parties", "role", "lowerCourt", "dates", "event", "date",
            "judges", "metadata", "type", "author", "byline", "blocks", "footnotes", "label", "kind", "level", "text",
            "sourceOffset", "pageBreaks", "footnoteRefs", "citations", "offset", "page", "length", "volume", "reporter",
            "pinpoint", "year", "section", "refersTo", "stage", "before", "after", "reason", "alternative", "confidence", "message",
        ].map { ($0, JSONStreamWriter.Key($0)) })

        init(_ check: JSONSchemaStream) {
            func key(_ name: String) -> Key { Key(written: Self.written[name]!, checked: check.key(named: name)) }
            (schemaVersion, source, name, bytes, sha256, family) = (key("schemaVersion"), key("source"), key("name"), key("bytes"), key("sha256"), key("family"))
            (pipeline, `case`, opinions, disposition, edits, warnings) = (key("pipeline"), key("case"), key("opinions"), key("disposition"), key("edits"), key("warnings"))
            (court, dockets, caseName, parties, role, lowerCourt) = (key("court"), key("dockets"), key("caseName"), key("parties"), key("role"), key("lowerCourt"))
            (dates, event, date, judges, metadata) = (key("dates"), key("event"), key("date"), key("judges"), key("metadata"))
            (type, author, byline, blocks, footnotes, label) = (key("type"), key("author"), key("byline"), key("blocks"), key("footnotes"), key("label"))
            (kind, level, text, sourceOffset, pageBreaks) = (key("kind"), key("level"), key("text"), key("sourceOffset"), key("pageBreaks"))
            (footnoteRefs, citations, offset, page) = (key("footnoteRefs"), key("citations"), key("offset"), key("page"))
            (length, volume, reporter, pinpoint, year, section, refersTo) = (key("length"), key("volume"), key("reporter"), key("pinpoint"), key("year"), key("section"), key("refersTo"))
            (stage, before, after, reason, alternative, confidence, message) = (key("stage"), key("before"), key("after"), key("reason"), key("alternative"), key("confidence"), key("message"))
        }
    }
}
