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
        objects(keys.opinions, document.opinions) { $0.opinion($1) }
        if let disposition = document.disposition { field(keys.disposition, disposition) }
        objects(keys.edits, document.log.edits) { $0.edit($1) }
        objects(keys.warnings, document.log.warnings) { output, warning in
            output.field(output.keys.stage, warning.stage)
            if let offset = warning.sourceOffset { output.field(output.keys.sourceOffset, offset) }
            output.field(output.keys.message, warning.message)
        }
        end()
    }

    private mutating func caseInfo(_ info: CaseInfo) {
        beginObject()
        if let court = info.court { field(keys.court, court) }
        key(keys.dockets)
        strings(info.dockets)
        if let caseName = info.caseName { field(keys.caseName, caseName) }
        objects(keys.parties, info.parties) { output, party in
            output.field(output.keys.name, party.name)
            output.field(output.keys.role, party.role)
        }
        if let lowerCourt = info.lowerCourt { field(keys.lowerCourt, lowerCourt) }
        objects(keys.dates, info.dates) { output, date in
            output.field(output.keys.event, date.event)
            output.field(output.keys.date, date.date)
        }
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

    /// An opinion's members.
    private mutating func opinion(_ opinion: Opinion) {
        field(keys.type, opinion.type.rawValue)
        if let author = opinion.author { field(keys.author, author) }
        if let byline = opinion.byline { field(keys.byline, byline) }
        blocks(opinion.blocks)
        objects(keys.footnotes, opinion.footnotes) { output, footnote in
            output.field(output.keys.label, footnote.label)
            output.blocks(footnote.blocks)
        }
    }

    /// The `blocks` member.
    private mutating func blocks(_ blocks: [Block]) {
        objects(keys.blocks, blocks) { output, block in
            output.field(output.keys.kind, block.kind.rawValue)
            if let level = block.level { output.field(output.keys.level, level) }
            if let label = block.label { output.field(output.keys.label, label) }
            output.field(output.keys.text, block.text)
            if let offset = block.sourceOffset { output.field(output.keys.sourceOffset, offset) }
            output.objects(output.keys.pageBreaks, block.pageBreaks) { output, pageBreak in
                output.field(output.keys.offset, pageBreak.offset)
                output.field(output.keys.page, pageBreak.page)
            }
            output.objects(output.keys.footnoteRefs, block.footnoteRefs) { output, reference in
                output.field(output.keys.offset, reference.offset)
                output.field(output.keys.label, reference.label)
            }
            output.objects(output.keys.citations, block.citations) { $0.citation($1) }
        }
    }

    /// A citation's members, in the order of `Citation.parts`.
    private mutating func citation(_ citation: Citation) {
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
    }

    /// An edit's members.
    private mutating func edit(_ edit: Edit) {
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
    }

    /// `key`, then an array of one object per item, whose members `members` writes.
    @inline(__always)
    private mutating func objects<Item>(_ key: Key, _ items: [Item], _ members: (inout Self, Item) -> Void) {
        self.key(key)
        beginArray()
        for item in items {
            beginObject()
            members(&self, item)
            end()
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
