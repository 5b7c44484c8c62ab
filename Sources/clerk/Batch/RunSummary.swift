import ClerkCore
import ClerkJSON
import Foundation

/// The end of a batch in figures: inputs converted, skipped, failed, with warnings; edits per
/// stage; opinions, page breaks, footnotes and citations found. Printed as a few lines, and
/// written by `--report FILE.json` with a line per input (`Schemas/report.schema.json`).
struct RunSummary {
    /// What became of one input.
    struct Entry {
        enum Status: String { case converted, skipped, failed, abandoned, notStarted }
        var path: String
        var status: Status
        var bytes: Int?
        var counts: DocumentCounts?
        var error: String?
    }

    var entries: [Entry]
    /// The records of bulk files, tallied per file; their failures are entries too.
    var bulk: [BulkTally]
    var seconds: Double
    var pipeline: PipelineConfiguration
    /// Why the batch ended early, if it did.
    var stopped: String?
    var totals = DocumentCounts()

    /// `items`: each input file and what became of it; `bulk`: the records of each bulk file.
    init(items: [(path: String, record: BatchConverter.Record)], bulk: [BulkTally] = [], problems: [(path: String, message: String)],
         seconds: Double, pipeline: PipelineConfiguration, stopped: String?) {
        var entries: [Entry] = []
        for (path, record) in items {
            var entry = Entry(path: path, status: .notStarted, bytes: record.bytes, counts: record.counts)
            switch record.outcome {
            case .notStarted: entry.status = .notStarted
            case .converted: entry.status = .converted
            case .skipped: entry.status = .skipped
            case .abandoned: entry.status = .abandoned
            case .failed(let message):
                entry.status = .failed
                entry.error = message
            }
            entries.append(entry)
        }
        entries += problems.map { Entry(path: $0.path, status: .failed, error: "\($0.path): \($0.message)") }
        for tally in bulk {
            entries += tally.failures.map { Entry(path: tally.path, status: .failed, error: $0) }
        }
        self.entries = entries
        self.bulk = bulk
        self.seconds = seconds
        self.pipeline = pipeline
        self.stopped = stopped
        for case let counts? in entries.map(\.counts) { totals.add(counts) }
        for tally in bulk { totals.add(tally.counts) }
    }

    /// Inputs (files, and records of bulk files) with this status.
    func count(_ status: Entry.Status) -> Int {
        entries.count { $0.status == status } + bulk.reduce(0) { $0 + Self.records(status, of: $1) }
    }

    /// The records of a bulk file with this status; its failures are entries of their own.
    private static func records(_ status: Entry.Status, of tally: BulkTally) -> Int {
        switch status {
        case .converted: tally.converted
        case .skipped: tally.skipped
        case .abandoned: tally.abandoned
        case .notStarted: tally.notStarted
        case .failed: 0
        }
    }
    /// Inputs: the files, and the records of the bulk files.
    var inputCount: Int { entries.count + bulk.reduce(0) { $0 + $1.converted + $1.skipped + $1.abandoned + $1.notStarted } }
    var withWarnings: Int { entries.count { ($0.counts?.warnings ?? 0) > 0 } + bulk.reduce(0) { $0 + $1.withWarnings } }
    /// Bytes of the inputs converted.
    var convertedBytes: Int {
        entries.reduce(0) { $0 + ($1.status == .converted ? $1.bytes ?? 0 : 0) } + bulk.reduce(0) { $0 + $1.bytes }
    }
    var failures: [String] { entries.compactMap(\.error) }

    /// Steps in pipeline order (reading, then the stages), then any other step that logged (sorted).
    private func ordered(_ byStage: [String: Int]) -> [(stage: String, count: Int)] {
        let order = pipeline.logSteps
        let known = order.compactMap { id in byStage[id].map { (id, $0) } }
        let others = byStage.keys.filter { !order.contains($0) }.sorted().map { ($0, byStage[$0]!) }
        return known + others
    }

    /// The summary printed at the end of `convert`.
    func lines(resume: Bool) -> [String] {
        var first = "converted \(count(.converted)) of \(inputCount) input(s)"
        if resume { first += ", \(count(.skipped)) skipped (outputs up to date)" }
        first += ", \(count(.failed)) failed, \(withWarnings) with warnings"
        let megabytes = Double(convertedBytes) / 1e6
        first += String(format: "; %.1f MB in %.2f s (%.1f MB/s)", megabytes, seconds, seconds > 0 ? megabytes / seconds : 0)
        var lines = [first]
        let edits = ordered(totals.editsByStage)
        if !edits.isEmpty {
            lines.append("  edits: \(totals.edits) (" + edits.map { "\($0.stage) \($0.count)" }.joined(separator: ", ") + ")")
        }
        let warnings = ordered(totals.warningsByStage)
        if !warnings.isEmpty {
            lines.append("  warnings: \(totals.warnings) (" + warnings.map { "\($0.stage) \($0.count)" }.joined(separator: ", ") + ")")
        }
        if count(.converted) > 0 {
            lines.append("  found: \(totals.opinions) opinion(s), \(totals.pageBreaks) page break(s), \(totals.footnotes) footnote(s), \(totals.citations) citation(s)")
        }
        return lines
    }

    /// `--report FILE.json`.
    var json: JSONValue {
        func byStage(_ counts: [String: Int]) -> JSONValue {
            .object(JSONObject(ordered(counts).map { ($0.stage, JSONValue.int($0.count)) }))
        }
        func found(_ counts: DocumentCounts) -> JSONValue {
            .object(["opinions": .int(counts.opinions), "pageBreaks": .int(counts.pageBreaks),
                     "footnotes": .int(counts.footnotes), "citations": .int(counts.citations)])
        }
        let bulkFiles: [JSONValue] = bulk.map { tally in
            var object: JSONObject = [
                "path": .string(tally.path), "status": .string(tally.converted > 0 || tally.skipped == 0 ? "converted" : "skipped"),
                "bytes": .int(tally.bytes), "edits": .int(tally.counts.edits), "warnings": .int(tally.counts.warnings),
                "found": found(tally.counts),
            ]
            object["records"] = .object([
                "converted": .int(tally.converted), "skipped": .int(tally.skipped), "failed": .int(tally.failures.count),
                "abandoned": .int(tally.abandoned), "notStarted": .int(tally.notStarted),
            ])
            return .object(object)
        }
        let files: [JSONValue] = bulkFiles + entries.map { entry in
            var object: JSONObject = ["path": .string(entry.path), "status": .string(entry.status.rawValue)]
            if let bytes = entry.bytes { object["bytes"] = .int(bytes) }
            if let counts = entry.counts {
                object["edits"] = .int(counts.edits)
                object["warnings"] = .int(counts.warnings)
                object["found"] = found(counts)
            }
            if let error = entry.error { object["error"] = .string(error) }
            return .object(object)
        }
        let megabytes = Double(convertedBytes) / 1e6
        var object: JSONObject = [
            "schemaVersion": .string("1.0"),
            "pipeline": .object(["origin": .string(pipeline.origin), "sha256": .string(pipeline.fingerprint)]),
            "seconds": .double(seconds),
            "inputs": .object([
                "total": .int(inputCount), "converted": .int(count(.converted)), "skipped": .int(count(.skipped)),
                "failed": .int(count(.failed)), "withWarnings": .int(withWarnings), "abandoned": .int(count(.abandoned)),
                "notStarted": .int(count(.notStarted)),
            ]),
            "bytes": .int(convertedBytes),
            "megabytesPerSecond": .double(seconds > 0 ? megabytes / seconds : 0),
            "edits": .object(["total": .int(totals.edits), "byStage": byStage(totals.editsByStage)]),
            "warnings": .object(["total": .int(totals.warnings), "byStage": byStage(totals.warningsByStage)]),
            "found": found(totals),
        ]
        object["stopped"] = stopped.map(JSONValue.string) ?? .null
        object["files"] = .array(files)
        return .object(object)
    }
}
