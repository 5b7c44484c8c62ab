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

    /// A document whose JSON breaks the schema.
    public struct Failure: Error, Sendable {
        public var violations: [JSONSchemaViolation]
        /// Always nil: the emitter no longer looks subschemas up by their place.
        public var missingSubschema: String? { nil }
    }

    /// The JSON bytes of `document` (those of `value` written pretty), written straight from the
    /// model and checked against `schema` as they are written (`JSONSchemaStream`), so that no
    /// part of the document is held as a `JSONValue`. When the check fails, the whole value is
    /// built once to say where and why.
    public static func bytes(_ document: Document, schema: JSONSchema) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        try write(document, schema: schema, chunk: DocumentEmitter.pieceSize) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes the JSON of `document` (the bytes `bytes(_:schema:)` gives) a piece of about
    /// `chunk` bytes at a time into `drain`, checked against `schema` as it goes. When it
    /// throws, what was drained must be thrown away.
    public static func write(
        _ document: Document, schema: JSONSchema, chunk: Int, drain: @escaping JSONStreamWriter.Drain
    ) throws(Failure) {
        guard let check = JSONSchemaStream(schema) else {
            JSONWriter.write(try checkedValue(document, schema: schema), pretty: true).withUnsafeBufferPointer { drain($0) }
            return
        }
        guard CheckedJSONOutput.write(document, check: check, chunk: chunk, drain: drain) else {
            throw failure(document, schema: schema)
        }
    }

    /// The whole value, for a schema that needs whole values to check (uniqueItems, contains...).
    private static func checkedValue(_ document: Document, schema: JSONSchema) throws(Failure) -> JSONValue {
        let whole = value(document)
        let violations = schema.validate(whole)
        guard violations.isEmpty else { throw Failure(violations: violations) }
        return whole
    }

    /// Why the streamed check refused `document`: the evaluator's violations, found on the
    /// whole value.
    private static func failure(_ document: Document, schema: JSONSchema) -> Failure {
        let violations = schema.validate(value(document))
        guard !violations.isEmpty else {
            // The two checks disagree: refuse rather than write what one of them refused.
            return Failure(violations: [JSONSchemaViolation(
                instancePointer: .root, schemaPointer: .root,
                message: "the streaming schema check refused the document, but the evaluator found no violation")])
        }
        return Failure(violations: violations)
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
