import ClerkCore
import ClerkJSON
import ClerkLibXML

/// Serializes a converted document into the requested formats and validates each result against
/// the shipped schema. Either every format comes back valid, or nothing does.
public struct DocumentEmitter: Sendable {
    public let formats: [OutputFormat]
    public let schemas: OutputSchemas

    public init(formats: [OutputFormat], schemas: OutputSchemas = .shipped) {
        self.formats = formats.sorted()
        self.schemas = schemas
    }

    /// Where an output's bytes go as they are written, a piece at a time (each valid only
    /// during the call).
    public typealias Drain = (UnsafeBufferPointer<UInt8>) -> Void

    /// The size of the pieces handed to a drain: large enough that a file gets few writes,
    /// small enough to stay in the cache.
    public static let pieceSize = 1 << 18

    /// Writes each format of `document` into the drain `drains` gives for it, a piece at a
    /// time, each output checked against its schema as it is written: no output is ever held
    /// whole. When this throws, whatever was drained is incomplete or invalid and must be
    /// thrown away; when it returns, every output is complete and valid.
    ///
    /// `timed`, if given, hears how long each step took: `invariants`, `json` and `xml` (each
    /// written and validated together, the drain's time included).
    public func emit(
        _ document: Document, into drains: (OutputFormat) -> Drain, timed: ((_ step: String, _ duration: Duration) -> Void)? = nil
    ) throws(EmissionError) {
        let clock = ContinuousClock()
        var start = clock.now
        func lap(_ step: String) {
            let now = clock.now
            timed?(step, now - start)
            start = now
        }
        let invariants = DocumentInvariants.violations(of: document)
        guard invariants.isEmpty else { throw EmissionError(format: nil, problems: invariants) }
        lap("invariants")
        // JSON, then XML, whatever order `formats` has: the steps of a profile keep one order.
        for format in formats.sorted(by: { ($0 == .json ? 0 : 1) < ($1 == .json ? 0 : 1) }) {
            switch format {
            case .xml: try xml(document, into: drains(.xml))
            case .json: try json(document, into: drains(.json))
            }
            lap(format.rawValue)
        }
    }

    /// The outputs of `document` in memory, in the order of `formats` (see `emit(_:into:timed:)`).
    public func emit(
        _ document: Document, timed: ((_ step: String, _ duration: Duration) -> Void)? = nil
    ) throws(EmissionError) -> [(format: OutputFormat, bytes: [UInt8])] {
        var collected: [OutputFormat: [UInt8]] = [:]
        try emit(document, into: { format in { collected[format, default: []].append(contentsOf: $0) } }, timed: timed)
        return formats.map { ($0, collected[$0] ?? []) }
    }

    /// Writes the XML and validates it in the same pass: the XSD validator hears the document's
    /// events as they are written (see `XMLWriter(validatingAgainst:file:)`) instead of parsing
    /// the bytes again.
    private func xml(_ document: Document, into drain: @escaping Drain) throws(EmissionError) {
        let writer = XMLWriter(
            validatingAgainst: schemas.xml, file: document.source.name + ".xml", capacity: Self.pieceSize, drain: drain)
        XMLEmitter.write(document, to: writer)
        do {
            _ = try writer.finish()
        } catch {
            throw EmissionError(format: .xml, problems: error.diagnostics.map(\.message))
        }
        guard writer.schemaDiagnostics.isEmpty else {
            throw EmissionError(format: .xml, problems: writer.schemaDiagnostics.map(\.description))
        }
    }

    private func json(_ document: Document, into drain: @escaping Drain) throws(EmissionError) {
        do {
            try JSONEmitter.write(document, schema: schemas.json, chunk: Self.pieceSize, drain: drain)
        } catch {
            throw EmissionError(format: .json, problems: error.violations.map(\.description))
        }
    }
}

/// A document that cannot be written: its model breaks an invariant, or an output failed its schema.
public struct EmissionError: Error, Sendable, CustomStringConvertible {
    public var format: OutputFormat?
    public var problems: [String]

    public var description: String {
        let what = format.map { "the \($0.rawValue.uppercased()) output is invalid" } ?? "the document model is inconsistent"
        return what + ": " + problems.prefix(5).joined(separator: "; ")
            + (problems.count > 5 ? "; and \(problems.count - 5) more" : "")
    }
}
