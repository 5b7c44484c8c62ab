import ClerkCore
import ClerkJSON

/// The output model as JSON, in the field order of the contract in DESIGN.md. Optional values
/// that are unknown are left out; lists are always present.
public enum JSONEmitter {
    public static let schemaVersion = "1.0"

    public static func value(_ document: Document) -> JSONValue {
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
        root["opinions"] = .array(document.opinions.map(opinionValue))
        if let disposition = document.disposition { root["disposition"] = .string(disposition) }
        root["edits"] = .array(document.log.edits.map { edit in
            var object: JSONObject = [
                "stage": .string(edit.stage), "sourceOffset": .int(edit.sourceOffset),
                "before": .string(edit.before), "after": .string(edit.after), "reason": .string(edit.reason),
            ]
            if let alternative = edit.alternative { object["alternative"] = .string(alternative) }
            if let confidence = edit.confidence { object["confidence"] = .double(confidence) }
            return .object(object)
        })
        root["warnings"] = .array(document.log.warnings.map { warning in
            var object = JSONObject()
            object["stage"] = .string(warning.stage)
            if let offset = warning.sourceOffset { object["sourceOffset"] = .int(offset) }
            object["message"] = .string(warning.message)
            return .object(object)
        })
        return .object(root)
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

    private static func opinionValue(_ opinion: Opinion) -> JSONValue {
        var object = JSONObject()
        object["type"] = .string(opinion.type.rawValue)
        if let author = opinion.author { object["author"] = .string(author) }
        if let byline = opinion.byline { object["byline"] = .string(byline) }
        object["blocks"] = .array(opinion.blocks.map(blockValue))
        object["footnotes"] = .array(opinion.footnotes.map { footnote in
            ["label": .string(footnote.label), "blocks": .array(footnote.blocks.map(blockValue))]
        })
        return .object(object)
    }

    private static func blockValue(_ block: Block) -> JSONValue {
        var object = JSONObject()
        object["kind"] = .string(block.kind.rawValue)
        if let level = block.level { object["level"] = .int(level) }
        if let label = block.label { object["label"] = .string(label) }
        object["text"] = .string(block.text)
        if let offset = block.sourceOffset { object["sourceOffset"] = .int(offset) }
        object["pageBreaks"] = .array(block.pageBreaks.map { ["offset": .int($0.offset), "page": .string($0.page)] })
        object["footnoteRefs"] = .array(block.footnoteRefs.map { ["offset": .int($0.offset), "label": .string($0.label)] })
        object["citations"] = .array(block.citations.map(citationValue))
        return .object(object)
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
