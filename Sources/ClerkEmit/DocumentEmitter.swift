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

    /// `timed`, if given, hears how long each step took: `invariants`, `json` and `xml` (each
    /// written and validated together).
    public func emit(
        _ document: Document, timed: ((_ step: String, _ duration: Duration) -> Void)? = nil
    ) throws(EmissionError) -> [(format: OutputFormat, bytes: [UInt8])] {
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
        var outputs: [(format: OutputFormat, bytes: [UInt8])] = []
        // JSON first: what it builds is gone before the XML is made.
        for format in formats.sorted(by: { ($0 == .json ? 0 : 1) < ($1 == .json ? 0 : 1) }) {
            switch format {
            case .xml: outputs.append((.xml, try xml(document, lap: lap)))
            case .json:
                outputs.append((.json, try json(document)))
                lap("json")
            }
        }
        return outputs.sorted { $0.format < $1.format }
    }

    /// Writes the XML and validates it in the same pass: the XSD validator hears the document's
    /// events as they are written (see `XMLWriter(validatingAgainst:file:)`) instead of parsing
    /// the bytes again.
    private func xml(_ document: Document, lap: (String) -> Void) throws(EmissionError) -> [UInt8] {
        let writer = XMLWriter(
            validatingAgainst: schemas.xml, file: document.source.name + ".xml", capacity: XMLEmitter.estimatedSize(document))
        XMLEmitter.write(document, to: writer)
        let bytes: [UInt8]
        do {
            bytes = try writer.finish()
        } catch {
            throw EmissionError(format: .xml, problems: error.diagnostics.map(\.message))
        }
        lap("xml")
        guard writer.schemaDiagnostics.isEmpty else {
            throw EmissionError(format: .xml, problems: writer.schemaDiagnostics.map(\.description))
        }
        return bytes
    }

    private func json(_ document: Document) throws(EmissionError) -> [UInt8] {
        do {
            return try JSONEmitter.bytes(document, schema: schemas.json)
        } catch {
            let missing = error.missingSubschema.map { ["the JSON schema has no subschema at \($0)"] } ?? []
            throw EmissionError(format: .json, problems: missing + error.violations.map(\.description))
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
