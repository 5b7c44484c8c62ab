import ClerkCore
import ClerkJSON

/// Every member name of the output model's JSON (metadata keys, which come from the document,
/// are written as they are).
enum ModelKey: Int, CaseIterable {
    case schemaVersion, source, name, bytes, sha256, family, reader, pipeline, `case`, opinions, disposition, edits, warnings
    case court, dockets, caseName, parties, role, lowerCourt, dates, event, date, judges, metadata
    case type, author, byline, blocks, footnotes, label
    case kind, level, text, sourceOffset, pageBreaks, footnoteRefs, citations, offset, page
    case length, volume, reporter, pinpoint, year, section, refersTo
    case stage, before, after, reason, alternative, confidence, message

    /// The name in the JSON.
    var name: String { Self.names[rawValue] }

    /// Made once: `String(describing:)` reflects on the case, too slow to ask per document.
    private static let names = allCases.map { String(describing: $0) }
}

/// Where the walk of a document sends its JSON, event by event: the checked stream that
/// `convert` writes (`CheckedJSONOutput`), or a `JSONValue` (`JSONValueBuilder`).
protocol JSONModelSink {
    mutating func beginObject()
    mutating func beginArray()
    mutating func end()
    mutating func key(_ key: ModelKey)
    mutating func dynamicKey(_ name: String)
    mutating func string(_ text: String)
    mutating func int(_ number: Int)
    mutating func double(_ number: Double)
}

/// The one walk of the output model as JSON, in the field order of the contract: unknown
/// optional values are left out, lists are always present. Every JSON form of a document (the
/// bytes `convert` writes and checks, the `JSONValue` the tests and the error report read) comes
/// from here, so a field is added in one place.
struct JSONModelWalk<Sink: JSONModelSink> {
    var sink: Sink

    mutating func document(_ document: Document) {
        sink.beginObject()
        field(.schemaVersion, JSONEmitter.schemaVersion)
        sink.key(.source)
        sink.beginObject()
        field(.name, document.source.name)
        field(.bytes, document.source.bytes)
        field(.sha256, document.source.sha256)
        field(.family, document.source.family.rawValue)
        field(.reader, document.source.reader)
        sink.end()
        if let fingerprint = document.pipelineSHA256 {
            sink.key(.pipeline)
            sink.beginObject()
            field(.sha256, fingerprint)
            sink.end()
        }
        sink.key(.case)
        caseInfo(document.caseInfo)
        objects(.opinions, document.opinions) { $0.opinion($1) }
        if let disposition = document.disposition { field(.disposition, disposition) }
        objects(.edits, document.log.edits) { $0.edit($1) }
        objects(.warnings, document.log.warnings) { walk, warning in
            walk.field(.stage, warning.stage)
            if let offset = warning.sourceOffset { walk.field(.sourceOffset, offset) }
            walk.field(.message, warning.message)
        }
        sink.end()
    }

    private mutating func caseInfo(_ info: CaseInfo) {
        sink.beginObject()
        if let court = info.court { field(.court, court) }
        sink.key(.dockets)
        strings(info.dockets)
        if let caseName = info.caseName { field(.caseName, caseName) }
        objects(.parties, info.parties) { walk, party in
            walk.field(.name, party.name)
            walk.field(.role, party.role)
        }
        if let lowerCourt = info.lowerCourt { field(.lowerCourt, lowerCourt) }
        objects(.dates, info.dates) { walk, date in
            walk.field(.event, date.event)
            walk.field(.date, date.date)
        }
        sink.key(.judges)
        strings(info.judges)
        sink.key(.metadata)
        metadata(info.metadata)
        sink.end()
    }

    /// As an object built from the entries: a repeated key keeps its first place and its last value.
    private mutating func metadata(_ entries: [MetadataEntry]) {
        sink.beginObject()
        var last: [String: Int] = [:]
        for (index, entry) in entries.enumerated() { last[entry.key] = index }
        for entry in entries {
            // Written at its first place only: there, `last` still points at its last value.
            guard let final = last.removeValue(forKey: entry.key) else { continue }
            sink.dynamicKey(entry.key)
            sink.string(entries[final].value)
        }
        sink.end()
    }

    private mutating func opinion(_ opinion: Opinion) {
        field(.type, opinion.type.rawValue)
        if let author = opinion.author { field(.author, author) }
        if let byline = opinion.byline { field(.byline, byline) }
        blocks(opinion.blocks)
        objects(.footnotes, opinion.footnotes) { walk, footnote in
            walk.field(.label, footnote.label)
            walk.blocks(footnote.blocks)
        }
    }

    /// The `blocks` member.
    private mutating func blocks(_ blocks: [Block]) {
        objects(.blocks, blocks) { walk, block in
            walk.field(.kind, block.kind.rawValue)
            if let level = block.level { walk.field(.level, level) }
            if let label = block.label { walk.field(.label, label) }
            walk.field(.text, block.text)
            if let offset = block.sourceOffset { walk.field(.sourceOffset, offset) }
            walk.objects(.pageBreaks, block.pageBreaks) { walk, pageBreak in
                walk.field(.offset, pageBreak.offset)
                walk.field(.page, pageBreak.page)
            }
            walk.objects(.footnoteRefs, block.footnoteRefs) { walk, reference in
                walk.field(.offset, reference.offset)
                walk.field(.label, reference.label)
            }
            walk.objects(.citations, block.citations) { $0.citation($1) }
        }
    }

    /// A citation's members; the XML writes its parts as attributes in the same order.
    private mutating func citation(_ citation: Citation) {
        field(.offset, citation.offset)
        field(.length, citation.length)
        field(.kind, citation.kind.rawValue)
        field(.text, citation.text)
        if let volume = citation.volume { field(.volume, volume) }
        if let reporter = citation.reporter { field(.reporter, reporter) }
        if let page = citation.page { field(.page, page) }
        if let pinpoint = citation.pinpoint { field(.pinpoint, pinpoint) }
        if let court = citation.court { field(.court, court) }
        if let year = citation.year { field(.year, year) }
        if let caseName = citation.caseName { field(.caseName, caseName) }
        if let section = citation.section { field(.section, section) }
        if let refersTo = citation.refersTo { field(.refersTo, refersTo) }
    }

    private mutating func edit(_ edit: Edit) {
        field(.stage, edit.stage)
        field(.sourceOffset, edit.sourceOffset)
        field(.before, edit.before)
        field(.after, edit.after)
        field(.reason, edit.reason)
        if let alternative = edit.alternative { field(.alternative, alternative) }
        if let confidence = edit.confidence {
            sink.key(.confidence)
            sink.double(confidence)
        }
    }

    /// `key`, then an array of one object per item, whose members `members` writes.
    @inline(__always)
    private mutating func objects<Item>(_ key: ModelKey, _ items: [Item], _ members: (inout Self, Item) -> Void) {
        sink.key(key)
        sink.beginArray()
        for item in items {
            sink.beginObject()
            members(&self, item)
            sink.end()
        }
        sink.end()
    }

    private mutating func strings(_ list: [String]) {
        sink.beginArray()
        for item in list { sink.string(item) }
        sink.end()
    }

    private mutating func field(_ key: ModelKey, _ text: String) {
        sink.key(key)
        sink.string(text)
    }

    private mutating func field(_ key: ModelKey, _ number: Int) {
        sink.key(key)
        sink.int(number)
    }
}

/// A sink that builds the document's `JSONValue`.
struct JSONValueBuilder: JSONModelSink {
    private enum Container {
        case object(JSONObject, key: String?)
        case array([JSONValue])
    }

    private var open: [Container] = []
    private(set) var value: JSONValue = .null

    mutating func beginObject() { open.append(.object(JSONObject(), key: nil)) }
    mutating func beginArray() { open.append(.array([])) }

    mutating func end() {
        switch open.removeLast() {
        case .object(let object, _): add(.object(object))
        case .array(let items): add(.array(items))
        }
    }

    mutating func key(_ key: ModelKey) { dynamicKey(key.name) }

    mutating func dynamicKey(_ name: String) {
        guard case .object(let object, _) = open.last else { return }
        open[open.count - 1] = .object(object, key: name)
    }

    mutating func string(_ text: String) { add(.string(text)) }
    mutating func int(_ number: Int) { add(.int(number)) }
    mutating func double(_ number: Double) { add(.double(number)) }

    /// Puts `value` into the innermost open container, or makes it the whole value.
    private mutating func add(_ value: JSONValue) {
        guard let container = open.popLast() else {
            self.value = value
            return
        }
        switch container {
        case .object(var object, let key):
            if let key { object[key] = value }
            open.append(.object(object, key: nil))
        case .array(var items):
            items.append(value)
            open.append(.array(items))
        }
    }
}
