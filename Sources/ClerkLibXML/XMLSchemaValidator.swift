internal import CLibXML2

/// A compiled XML Schema (XSD 1.0), shareable across threads.
///
/// Why sharing is safe: libxml2 documents a parsed `xmlSchema` as read-only once
/// `xmlSchemaParse` has returned — validation never modifies it; all per-validation state
/// lives in an `xmlSchemaValidCtxt`, which is *not* shareable, so `validate` creates a fresh
/// one for every call (and a fresh parser context and document). The process-wide setup that
/// libxml2 does lazily and without locking (`xmlInitParser`, the XSD built-in type tables) is
/// done once, up front, by `LibXML.prepareThread()`. Error handlers are per context or
/// thread-local, so concurrent calls never see each other's diagnostics. Hence `@unchecked
/// Sendable`: the only stored state is the immutable schema pointer.
public final class XMLSchemaValidator: @unchecked Sendable {
    let schema: xmlSchemaPtr

    /// Compiles the XSD in `xsd`. Throws the schema's errors (with lines) if it is not a valid
    /// schema. `file` names the XSD in diagnostics. The XSD is trusted input (it ships with the
    /// program); `xs:include`/`xs:import` are not expected.
    public init(xsd: [UInt8], file: String) throws(XMLFailure) {
        LibXML.prepareThread()
        let collector = DiagnosticCollector(file: file)
        let schema: xmlSchemaPtr? = collector.capturingThreadErrors {
            guard !xsd.isEmpty, xsd.count <= Int(Int32.max) else {
                collector.add(line: 0, xsd.isEmpty ? "the XSD is empty" : "the XSD is too large")
                return nil
            }
            let parserContext = xsd.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlSchemaNewMemParserCtxt($0, Int32(buffer.count))
                }
            }
            guard let parserContext else {
                collector.add(line: 0, "libxml2 could not create a schema parser context")
                return nil
            }
            defer { xmlSchemaFreeParserCtxt(parserContext) }
            xmlSchemaSetParserStructuredErrors(parserContext, collectStructuredError, collector.opaque)
            // The buffer is only read during xmlSchemaParse; the schema keeps its own copy.
            let schema = xsd.withUnsafeBufferPointer { _ in xmlSchemaParse(parserContext) }
            if let schema, !collector.diagnostics.isEmpty {
                xmlSchemaFree(schema)
                return nil
            }
            if schema == nil, collector.diagnostics.isEmpty {
                collector.add(line: 0, "the XSD could not be compiled")
            }
            return schema
        }
        guard let schema else { throw XMLFailure(diagnostics: collector.diagnostics) }
        self.schema = schema
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Reads `document` as untrusted input (no network, no DTD, no entity substitution,
    /// DOCTYPE rejected, exact line numbers) and validates it against the schema as it is read,
    /// without building a tree: memory stays small for documents of hundreds of megabytes.
    ///
    /// Returns every diagnostic — well-formedness errors, or schema violations — with `file`,
    /// line (where the parser was when the problem showed: a missing child is reported at its
    /// parent's end tag) and (when libxml2 knows it) column. An empty result means the document
    /// is valid. Safe to call from several threads at once.
    public func validate(_ document: [UInt8], file: String) -> [XMLDiagnostic] {
        LibXML.prepareThread()
        let collector = DiagnosticCollector(file: file)
        collector.capturingThreadErrors {
            guard let validation = xmlSchemaNewValidCtxt(schema) else {
                collector.add(line: 0, "libxml2 could not create a schema validation context")
                return
            }
            defer { xmlSchemaFreeValidCtxt(validation) }
            xmlSchemaSetValidStructuredErrors(validation, collectStructuredError, collector.opaque)
            validateUntrustedStream(document, collector: collector, validation: validation)
            if xmlSchemaIsValid(validation) == 0, collector.diagnostics.isEmpty {
                collector.add(line: 0, "schema validation failed")
            }
        }
        return collector.diagnostics
    }
}
