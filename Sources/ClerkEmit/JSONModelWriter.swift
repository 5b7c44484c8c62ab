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
    case record, collection, id, clusterId, textField

    /// The name in the JSON.
    var name: String { Self.names[rawValue] }

    /// Made once: `String(describing:)` reflects on the case, too slow to ask per document.
    private static let names = allCases.map { String(describing: $0) }
}

/// Where `JSONModelWriter` sends a document's JSON, event by event: the checked stream that
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


/// The output model as JSON events, from `ModelWalk`: every JSON form of a document (the bytes
/// `convert` writes and checks, the `JSONValue` the tests and the error report read) comes from
/// here. Unknown optional values are left out; lists are always present.
struct JSONModelWriter<Sink: JSONModelSink>: ModelVisitor {
    var sink: Sink
    /// The case's metadata, held until its list ends: a repeated key is written once.
    private var metadata: [(key: String, value: String)] = []

    init(sink: Sink) {
        self.sink = sink
    }

    /// The JSON of `document`, into `sink`.
    static func write(_ document: Document, to sink: Sink) -> Sink {
        var writer = JSONModelWriter(sink: sink)
        ModelWalk.walk(document, into: &writer)
        return writer.sink
    }

    mutating func beginDocument() {
        sink.beginObject()
        field(.schemaVersion, JSONEmitter.schemaVersion)
    }

    mutating func endDocument() { sink.end() }

    mutating func source(name: String, bytes: Int, sha256: String, family: SourceFamily, reader: String, record: RecordIdentity?) {
        sink.key(.source)
        sink.beginObject()
        field(.name, name)
        field(.bytes, bytes)
        field(.sha256, sha256)
        field(.family, family.rawValue)
        field(.reader, reader)
        if let record {
            sink.key(.record)
            sink.beginObject()
            field(.collection, record.collection)
            if let id = record.id { field(.id, id) }
            if let clusterId = record.clusterId { field(.clusterId, clusterId) }
            array(.citations)
            for citation in record.citations { sink.string(citation) }
            sink.end()
            if let textField = record.textField { field(.textField, textField) }
            sink.end()
        }
        sink.end()
    }

    mutating func pipeline(sha256: String?) {
        guard let sha256 else { return }
        sink.key(.pipeline)
        sink.beginObject()
        field(.sha256, sha256)
        sink.end()
    }

    mutating func beginList(_ list: ModelList) {
        switch list {
        case .metadata:
            sink.key(.metadata)
            metadata.removeAll(keepingCapacity: true)
        case .dockets: array(.dockets)
        case .parties: array(.parties)
        case .dates: array(.dates)
        case .judges: array(.judges)
        case .opinions: array(.opinions)
        case .edits: array(.edits)
        case .warnings: array(.warnings)
        case .blocks: array(.blocks)
        case .footnotes: array(.footnotes)
        case .pageBreaks: array(.pageBreaks)
        case .footnoteRefs: array(.footnoteRefs)
        case .citations: array(.citations)
        }
    }

    mutating func endList(_ list: ModelList) {
        if list == .metadata { writeMetadata() } else { sink.end() }
    }

    mutating func beginCase() {
        sink.key(.case)
        sink.beginObject()
    }

    mutating func court(_ court: String?) { optional(.court, court) }
    mutating func docket(_ docket: String) { sink.string(docket) }
    mutating func caseName(_ caseName: String?) { optional(.caseName, caseName) }

    mutating func party(name: String, role: String) {
        sink.beginObject()
        field(.name, name)
        field(.role, role)
        sink.end()
    }

    mutating func lowerCourt(_ lowerCourt: String?) { optional(.lowerCourt, lowerCourt) }

    mutating func date(event: String, date: String) {
        sink.beginObject()
        field(.event, event)
        field(.date, date)
        sink.end()
    }

    mutating func judge(_ judge: String) { sink.string(judge) }
    mutating func metadataEntry(key: String, value: String) { metadata.append((key, value)) }
    mutating func endCase() { sink.end() }

    mutating func beginOpinion(type: OpinionType, author: String?, byline: String?) {
        sink.beginObject()
        field(.type, type.rawValue)
        optional(.author, author)
        optional(.byline, byline)
    }

    mutating func endOpinion() { sink.end() }

    mutating func beginFootnote(label: String) {
        sink.beginObject()
        field(.label, label)
    }

    mutating func endFootnote() { sink.end() }

    mutating func beginBlock(kind: BlockKind, level: Int?, label: String?, text: String, sourceOffset: Int?) {
        sink.beginObject()
        field(.kind, kind.rawValue)
        if let level { field(.level, level) }
        optional(.label, label)
        field(.text, text)
        if let sourceOffset { field(.sourceOffset, sourceOffset) }
    }

    mutating func pageBreak(offset: Int, page: String) {
        sink.beginObject()
        field(.offset, offset)
        field(.page, page)
        sink.end()
    }

    mutating func footnoteRef(offset: Int, label: String) {
        sink.beginObject()
        field(.offset, offset)
        field(.label, label)
        sink.end()
    }

    mutating func citation(
        offset: Int, length: Int, kind: CitationKind, text: String, volume: String?, reporter: String?, page: String?,
        pinpoint: String?, court: String?, year: String?, caseName: String?, section: String?, refersTo: String?
    ) {
        sink.beginObject()
        field(.offset, offset)
        field(.length, length)
        field(.kind, kind.rawValue)
        field(.text, text)
        optional(.volume, volume)
        optional(.reporter, reporter)
        optional(.page, page)
        optional(.pinpoint, pinpoint)
        optional(.court, court)
        optional(.year, year)
        optional(.caseName, caseName)
        optional(.section, section)
        optional(.refersTo, refersTo)
        sink.end()
    }

    mutating func endBlock() { sink.end() }

    mutating func disposition(_ disposition: String?) { optional(.disposition, disposition) }

    mutating func edit(
        stage: String, sourceOffset: Int, before: String, after: String, reason: String, alternative: String?,
        confidence: Double?
    ) {
        sink.beginObject()
        field(.stage, stage)
        field(.sourceOffset, sourceOffset)
        field(.before, before)
        field(.after, after)
        field(.reason, reason)
        optional(.alternative, alternative)
        if let confidence {
            sink.key(.confidence)
            sink.double(confidence)
        }
        sink.end()
    }

    mutating func warning(stage: String, sourceOffset: Int?, message: String) {
        sink.beginObject()
        field(.stage, stage)
        if let sourceOffset { field(.sourceOffset, sourceOffset) }
        field(.message, message)
        sink.end()
    }

    /// The metadata as one object: a repeated key keeps its first place and its last value.
    private mutating func writeMetadata() {
        sink.beginObject()
        var last: [String: Int] = [:]
        for (index, entry) in metadata.enumerated() { last[entry.key] = index }
        for entry in metadata {
            // Written at its first place only: there, `last` still points at its last value.
            guard let final = last.removeValue(forKey: entry.key) else { continue }
            sink.dynamicKey(entry.key)
            sink.string(metadata[final].value)
        }
        sink.end()
        metadata.removeAll(keepingCapacity: true)
    }

    private mutating func array(_ key: ModelKey) {
        sink.key(key)
        sink.beginArray()
    }

    private mutating func field(_ key: ModelKey, _ text: String) {
        sink.key(key)
        sink.string(text)
    }

    private mutating func field(_ key: ModelKey, _ number: Int) {
        sink.key(key)
        sink.int(number)
    }

    private mutating func optional(_ key: ModelKey, _ text: String?) {
        if let text { field(key, text) }
    }
}
