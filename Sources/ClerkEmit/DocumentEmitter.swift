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

    public func emit(_ document: Document) throws(EmissionError) -> [(format: OutputFormat, bytes: [UInt8])] {
        let invariants = DocumentInvariants.violations(of: document)
        guard invariants.isEmpty else { throw EmissionError(format: nil, problems: invariants) }
        var outputs: [(format: OutputFormat, bytes: [UInt8])] = []
        // JSON first: its value tree is gone before the XML is made, so the two never meet in memory.
        for format in formats.sorted(by: { ($0 == .json ? 0 : 1) < ($1 == .json ? 0 : 1) }) {
            switch format {
            case .xml: outputs.append((.xml, try xml(document)))
            case .json: outputs.append((.json, try json(document)))
            }
        }
        return outputs.sorted { $0.format < $1.format }
    }

    private func xml(_ document: Document) throws(EmissionError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try XMLEmitter.bytes(document)
        } catch {
            throw EmissionError(format: .xml, problems: error.diagnostics.map(\.message))
        }
        let diagnostics = schemas.xml.validate(bytes, file: document.source.name + ".xml")
        guard diagnostics.isEmpty else {
            throw EmissionError(format: .xml, problems: diagnostics.map(\.description))
        }
        return bytes
    }

    private func json(_ document: Document) throws(EmissionError) -> [UInt8] {
        let value = JSONEmitter.value(document)
        let violations = schemas.json.validate(value)
        guard violations.isEmpty else {
            throw EmissionError(format: .json, problems: violations.map(\.description))
        }
        return JSONWriter.write(value, pretty: true)
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
