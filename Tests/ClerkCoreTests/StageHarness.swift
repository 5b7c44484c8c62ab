import ClerkCore
import ClerkJSON
import Foundation
import Testing

/// Runs one stage over a document made from `text`, the way the pipeline would after decode.
enum StageHarness {
    /// A document whose body is `text` (lines should end with `\n`), family as given.
    static func document(_ text: String, family: SourceFamily = .unknown) -> Document {
        var document = Document(raw: Array(text.utf8), source: SourceInfo(name: "test.txt", bytes: text.utf8.count, sha256: ""))
        document.body = TextStream(text)
        document.source.family = family
        return document
    }

    /// A document whose body is `text` decoded as the readers decode it (form feeds become page
    /// boundaries, line ends LF).
    static func decoded(_ text: String) throws(ReadingFailure) -> Document {
        var document = Document(raw: Array(text.utf8), source: SourceInfo(name: "test.txt", bytes: text.utf8.count, sha256: ""))
        try TextDecoding.decode(Array(text.utf8), fallback: .windows1252).start(&document)
        return document
    }

    /// Runs `stage` with its defaults overridden by `parameters`.
    static func run<S: Stage>(
        _ stage: S.Type, on document: Document, parameters: [String: JSONValue] = [:]
    ) throws(StageFailure) -> Document {
        var document = document
        let values = StageParameterValues(parameters: S.Configuration.parameters, given: parameters)
        try S(configuration: S.Configuration(values)).run(&document)
        return document
    }

    static func run<S: Stage>(
        _ stage: S.Type, _ text: String, family: SourceFamily = .unknown, parameters: [String: JSONValue] = [:]
    ) throws(StageFailure) -> Document {
        try run(stage, on: document(text, family: family), parameters: parameters)
    }

    /// A piece of a stream built for a test: text, or a mark at the current end.
    enum Piece: ExpressibleByStringLiteral {
        case text(String)
        case mark(TextMark.Kind)

        init(stringLiteral value: String) { self = .text(value) }
    }

    /// A stream of `pieces`, whose bytes come one to one from a raw input of the same text.
    static func stream(_ pieces: Piece...) -> TextStream {
        var stream = TextStream()
        for piece in pieces {
            switch piece {
            case .text(let text): stream.append(Array(text.utf8), source: stream.count)
            case .mark(let kind): stream.appendMark(kind)
            }
        }
        return stream
    }

    /// The raw input with every logged edit (of `stage`, or of all stages) applied at its source
    /// offset: equal to the output text when the log accounts for every change, and
    /// `<log does not match>` when an edit's `before` is not what the raw input holds there.
    static func replayed(_ document: Document, stage: String? = nil) -> String {
        let raw = document.raw
        var result: [UInt8] = []
        var cursor = 0
        let edits = document.log.edits.filter { stage == nil || $0.stage == stage }
        for edit in edits.sorted(by: { $0.sourceOffset < $1.sourceOffset }) {
            let before = Array(edit.before.utf8)
            guard edit.sourceOffset >= cursor, raw[edit.sourceOffset...].starts(with: before) else { return "<log does not match>" }
            result += raw[cursor..<edit.sourceOffset]
            result += Array(edit.after.utf8)
            cursor = edit.sourceOffset + before.count
        }
        result += raw[cursor...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The sample `Samples/NAME` converted by the built-in pipeline.
    static func convertedSample(_ name: String) throws -> Document {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let raw = try Data(contentsOf: root.appendingPathComponent("Samples").appendingPathComponent(name))
        return try Converter(configuration: try PipelineConfiguration.builtIn()).convert([UInt8](raw), name: name)
    }

    /// The words of a text, split at white space.
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
    }
}

/// Reads a text with one reader, the way the pipeline would before its first stage.
enum ReaderHarness {
    static func read<R: InputReader>(
        _ reader: R.Type, _ text: String, name: String = "test.txt", parameters: [String: JSONValue] = [:]
    ) throws(ReadingFailure) -> Document {
        let bytes = Array(text.utf8)
        var document = Document(raw: bytes, source: SourceInfo(name: name, bytes: bytes.count, sha256: ""))
        let values = StageParameterValues(parameters: R.Configuration.parameters, given: parameters)
        try R(configuration: R.Configuration(values)).read(ReaderInput(name: name, bytes: bytes), into: &document)
        document.source.reader = R.id
        return document
    }
}

/// Loads a `pipeline.json` text as the loader does, with the registries given.
enum ConfigurationHarness {
    static func load(
        registry: StageRegistry = .standard, readers: ReaderRegistry = .standard, _ text: String
    ) throws(ConfigurationError) -> PipelineConfiguration {
        try PipelineConfiguration.load(Array(text.utf8), origin: "pipeline.json", registry: registry, readers: readers)
    }

    /// The problems of a configuration that must be refused; one that loads is a test failure.
    static func problems(
        registry: StageRegistry = .standard, readers: ReaderRegistry = .standard, _ text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [ConfigurationError.Problem] {
        do {
            _ = try load(registry: registry, readers: readers, text)
            Issue.record("configuration was accepted: \(text)", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.problems
        }
    }
}
