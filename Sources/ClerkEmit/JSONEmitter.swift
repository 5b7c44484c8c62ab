import ClerkCore
import ClerkJSON

/// The output model as JSON, in the field order of the contract in DESIGN.md. Optional values
/// that are unknown are left out; lists are always present.
public enum JSONEmitter {
    public static let schemaVersion = "1.0"

    public static func value(_ document: Document) -> JSONValue {
        var root = skeleton(document)
        root["opinions"] = .array(document.opinions.map { opinion in
            var object = skeleton(opinion)
            object["blocks"] = .array(opinion.blocks.map(blockValue))
            object["footnotes"] = .array(opinion.footnotes.map { footnote in
                var note = skeleton(footnote)
                note["blocks"] = .array(footnote.blocks.map(blockValue))
                return .object(note)
            })
            return .object(object)
        })
        root["edits"] = .array(document.log.edits.map(editValue))
        root["warnings"] = .array(document.log.warnings.map(warningValue))
        return .object(root)
    }

    /// The JSON bytes of `document` (those of `value` written pretty), made part by part:
    /// each object with its lists empty, and each item of those lists, is checked against the
    /// subschema at its place in the schema (`/properties/opinions/items`, then that schema's
    /// `blocks`…) and written at once, so that a large document is never held whole as one
    /// `JSONValue`. The schema lays no rule on a list as a whole (a test sees to it), so checking
    /// the parts is checking the whole.
    public static func bytes(_ document: Document, schema: JSONSchema) throws(SchemaParts.Failure) -> [UInt8] {
        var parts = SchemaParts(schema: schema)
        var writer = JSONStreamWriter()
        let root = skeleton(document)
        parts.record(.object(root), against: parts.subschema([]), at: [])
        writer.beginObject()
        for (key, value) in root {
            writer.key(key)
            let items = ["properties", key, "items"]
            switch key {
            case "opinions":
                let opinionSchema = parts.subschema(items)
                writer.beginArray()
                for (index, opinion) in document.opinions.enumerated() {
                    writeOpinion(opinion, at: [key, String(index)], against: opinionSchema, to: &writer, parts: &parts)
                }
                writer.end()
            case "edits": writeList(document.log.edits, at: [key], against: parts.subschema(items), editValue, to: &writer, parts: &parts)
            case "warnings":
                writeList(document.log.warnings, at: [key], against: parts.subschema(items), warningValue, to: &writer, parts: &parts)
            default: writer.value(value)
            }
        }
        writer.end()
        try parts.finish()
        return writer.finish()
    }

    private static func writeOpinion(
        _ opinion: Opinion, at place: [String], against subschema: JSONSchema.Subschema?, to writer: inout JSONStreamWriter,
        parts: inout SchemaParts
    ) {
        let object = skeleton(opinion)
        parts.record(.object(object), against: subschema, at: place)
        // The opinion's lists, as the opinion schema gives them.
        let opinionSchema = ["$defs", "opinion", "properties"]
        writer.beginObject()
        for (key, value) in object {
            writer.key(key)
            switch key {
            case "blocks":
                writeBlocks(opinion.blocks, at: place + [key], against: parts.subschema(opinionSchema + [key, "items"]), to: &writer, parts: &parts)
            case "footnotes":
                writer.beginArray()
                for (number, footnote) in opinion.footnotes.enumerated() {
                    let notePlace = place + [key, String(number)]
                    let note = skeleton(footnote)
                    parts.record(.object(note), against: parts.subschema(opinionSchema + [key, "items"]), at: notePlace)
                    writer.beginObject()
                    for (noteKey, noteValue) in note {
                        writer.key(noteKey)
                        if noteKey == "blocks" {
                            writeBlocks(
                                footnote.blocks, at: notePlace + [noteKey],
                                against: parts.subschema(["$defs", "footnote", "properties", noteKey, "items"]), to: &writer, parts: &parts)
                        } else {
                            writer.value(noteValue)
                        }
                    }
                    writer.end()
                }
                writer.end()
            default: writer.value(value)
            }
        }
        writer.end()
    }

    private static func writeBlocks(
        _ blocks: [Block], at place: [String], against subschema: JSONSchema.Subschema?, to writer: inout JSONStreamWriter,
        parts: inout SchemaParts
    ) {
        let lists = ["pageBreaks", "footnoteRefs", "citations"]
        var listItems: [String: JSONSchema.Subschema?] = [:]
        for list in lists { listItems[list] = parts.subschema(["$defs", "block", "properties", list, "items"]) }
        writer.beginArray()
        for (index, block) in blocks.enumerated() {
            let blockPlace = place + [String(index)]
            let object = skeleton(block)
            parts.record(.object(object), against: subschema, at: blockPlace)
            writer.beginObject()
            for (key, value) in object {
                writer.key(key)
                let items = listItems[key] ?? nil
                switch key {
                case "pageBreaks": writeList(block.pageBreaks, at: blockPlace + [key], against: items, pageBreakValue, to: &writer, parts: &parts)
                case "footnoteRefs":
                    writeList(block.footnoteRefs, at: blockPlace + [key], against: items, footnoteRefValue, to: &writer, parts: &parts)
                case "citations": writeList(block.citations, at: blockPlace + [key], against: items, citationValue, to: &writer, parts: &parts)
                default: writer.value(value)
                }
            }
            writer.end()
        }
        writer.end()
    }

    /// A list whose items are written and checked one by one.
    private static func writeList<Item>(
        _ items: [Item], at place: [String], against subschema: JSONSchema.Subschema?, _ make: (Item) -> JSONValue,
        to writer: inout JSONStreamWriter, parts: inout SchemaParts
    ) {
        writer.beginArray()
        for (index, item) in items.enumerated() {
            let value = make(item)
            parts.record(value, against: subschema, at: place + [String(index)])
            writer.value(value)
        }
        writer.end()
    }

    /// The document's object with its lists empty (they are written part by part).
    private static func skeleton(_ document: Document) -> JSONObject {
        var root = JSONObject()
        root["schemaVersion"] = .string(schemaVersion)
        root["source"] = [
            "name": .string(document.source.name),
            "bytes": .int(document.source.bytes),
            "sha256": .string(document.source.sha256),
            "family": .string(document.source.family.rawValue),
        ]
        if let fingerprint = document.pipelineSHA256 { root["pipeline"] = ["sha256": .string(fingerprint)] }
        root["case"] = caseValue(document.caseInfo)
        root["opinions"] = .array([])
        if let disposition = document.disposition { root["disposition"] = .string(disposition) }
        root["edits"] = .array([])
        root["warnings"] = .array([])
        return root
    }

    private static func editValue(_ edit: Edit) -> JSONValue {
        var object: JSONObject = [
            "stage": .string(edit.stage), "sourceOffset": .int(edit.sourceOffset),
            "before": .string(edit.before), "after": .string(edit.after), "reason": .string(edit.reason),
        ]
        if let alternative = edit.alternative { object["alternative"] = .string(alternative) }
        if let confidence = edit.confidence { object["confidence"] = .double(confidence) }
        return .object(object)
    }

    private static func warningValue(_ warning: Warning) -> JSONValue {
        var object = JSONObject()
        object["stage"] = .string(warning.stage)
        if let offset = warning.sourceOffset { object["sourceOffset"] = .int(offset) }
        object["message"] = .string(warning.message)
        return .object(object)
    }

    private static func caseValue(_ info: CaseInfo) -> JSONValue {
        var object = JSONObject()
        if let court = info.court { object["court"] = .string(court) }
        object["dockets"] = .array(info.dockets.map { .string($0) })
        if let caseName = info.caseName { object["caseName"] = .string(caseName) }
        object["parties"] = .array(info.parties.map { ["name": .string($0.name), "role": .string($0.role)] })
        if let lowerCourt = info.lowerCourt { object["lowerCourt"] = .string(lowerCourt) }
        object["dates"] = .array(info.dates.map { ["event": .string($0.event), "date": .string($0.date)] })
        object["judges"] = .array(info.judges.map { .string($0) })
        object["metadata"] = .object(JSONObject(info.metadata.map { ($0.key, .string($0.value)) }))
        return .object(object)
    }

    /// An opinion's object with its lists empty.
    private static func skeleton(_ opinion: Opinion) -> JSONObject {
        var object = JSONObject()
        object["type"] = .string(opinion.type.rawValue)
        if let author = opinion.author { object["author"] = .string(author) }
        if let byline = opinion.byline { object["byline"] = .string(byline) }
        object["blocks"] = .array([])
        object["footnotes"] = .array([])
        return object
    }

    /// A footnote's object with its blocks empty.
    private static func skeleton(_ footnote: Footnote) -> JSONObject {
        ["label": .string(footnote.label), "blocks": .array([])]
    }

    private static func blockValue(_ block: Block) -> JSONValue {
        var object = skeleton(block)
        object["pageBreaks"] = .array(block.pageBreaks.map(pageBreakValue))
        object["footnoteRefs"] = .array(block.footnoteRefs.map(footnoteRefValue))
        object["citations"] = .array(block.citations.map(citationValue))
        return .object(object)
    }

    /// A block's object with its lists empty.
    private static func skeleton(_ block: Block) -> JSONObject {
        var object = JSONObject()
        object["kind"] = .string(block.kind.rawValue)
        if let level = block.level { object["level"] = .int(level) }
        if let label = block.label { object["label"] = .string(label) }
        object["text"] = .string(block.text)
        if let offset = block.sourceOffset { object["sourceOffset"] = .int(offset) }
        object["pageBreaks"] = .array([])
        object["footnoteRefs"] = .array([])
        object["citations"] = .array([])
        return object
    }

    private static func pageBreakValue(_ pageBreak: PageBreak) -> JSONValue {
        ["offset": .int(pageBreak.offset), "page": .string(pageBreak.page)]
    }

    private static func footnoteRefValue(_ reference: FootnoteRef) -> JSONValue {
        ["offset": .int(reference.offset), "label": .string(reference.label)]
    }

    private static func citationValue(_ citation: Citation) -> JSONValue {
        var object = JSONObject()
        object["offset"] = .int(citation.offset)
        object["length"] = .int(citation.length)
        object["kind"] = .string(citation.kind.rawValue)
        object["text"] = .string(citation.text)
        for (key, part) in citation.parts { object[key] = .string(part) }
        return .object(object)
    }
}

extension Citation {
    /// The parts that were read, by their names in both output formats, in a fixed order.
    var parts: [(String, String)] {
        let all: [(String, String?)] = [
            ("volume", volume), ("reporter", reporter), ("page", page), ("pinpoint", pinpoint),
            ("court", court), ("year", year), ("caseName", caseName), ("section", section), ("refersTo", refersTo),
        ]
        return all.compactMap { key, value in value.map { (key, $0) } }
    }
}

/// Checks the parts of a document written part by part, each against the subschema at its
/// place in the schema (found once), and gathers the violations with their places in the whole.
public struct SchemaParts {
    public struct Failure: Error, Sendable {
        public var violations: [JSONSchemaViolation]
        /// A subschema the parts need is missing from the schema.
        public var missingSubschema: String?
    }

    private let schema: JSONSchema
    private var subschemas: [[String]: JSONSchema.Subschema] = [:]
    private var violations: [JSONSchemaViolation] = []
    private var missing: String?

    init(schema: JSONSchema) {
        self.schema = schema
    }

    /// The subschema at `path` in the schema, found once for all the parts that use it.
    mutating func subschema(_ path: [String]) -> JSONSchema.Subschema? {
        if let found = subschemas[path] { return found }
        guard let found = schema.subschema(at: JSONPointer(tokens: path)) else {
            missing = missing ?? JSONPointer(tokens: path).description
            return nil
        }
        subschemas[path] = found
        return found
    }

    /// Checks a part; its place is only worked out when it breaks a rule.
    mutating func record(_ value: JSONValue, against subschema: JSONSchema.Subschema?, at place: @autoclosure () -> [String]) {
        guard let subschema, !schema.isValid(value, against: subschema) else { return }
        violations += schema.validate(value, against: subschema, at: JSONPointer(tokens: place()))
    }

    /// Fails when any part broke its subschema, or a subschema was missing.
    func finish() throws(Failure) {
        guard violations.isEmpty && missing == nil else { throw Failure(violations: violations, missingSubschema: missing) }
    }
}
