internal import CLibXML2

/// A node of a parsed document. CDATA sections become text (merged with neighbouring text);
/// comments and processing instructions are dropped.
public enum XMLNode: Sendable, Equatable {
    case element(XMLElement)
    case text(String)
}

/// An element of a parsed document.
public struct XMLElement: Sendable, Equatable {
    /// The qualified name as written (`prefix:local` when namespaced).
    public var name: String
    /// Attributes in document order. Namespace declarations (`xmlns`, `xmlns:p`), if any, come
    /// first, because libxml2 keeps them apart from the other attributes.
    public var attributes: [(name: String, value: String)]
    public var children: [XMLNode]
    /// The 1-based line of the element's start tag (where it ends, for a tag spanning lines);
    /// 0 for elements built in code.
    public var line: Int

    public init(name: String, attributes: [(name: String, value: String)] = [], children: [XMLNode] = [], line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The value of the first attribute with this name.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The element children, in order.
    public var elementChildren: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// All descendant text, concatenated in document order.
    public var textContent: String {
        var result = ""
        appendText(to: &result)
        return result
    }

    private func appendText(to result: inout String) {
        for child in children {
            switch child {
            case .text(let text): result += text
            case .element(let element): element.appendText(to: &result)
            }
        }
    }

    /// Equal when name, attributes (in order) and children are equal. `line` is where the element
    /// was found, not part of what it is, so it is ignored: a tree built in code compares equal to
    /// the same tree parsed from a file.
    public static func == (lhs: XMLElement, rhs: XMLElement) -> Bool {
        lhs.name == rhs.name
            && lhs.attributes.count == rhs.attributes.count
            && zip(lhs.attributes, rhs.attributes).allSatisfy { $0.name == $1.name && $0.value == $1.value }
            && lhs.children == rhs.children
    }
}

/// Parses untrusted XML into an `XMLElement` tree.
///
/// No network access, no DTD loading, no entity substitution; a document with a DOCTYPE is
/// rejected as soon as the DOCTYPE is seen (which also closes entity-expansion attacks such as
/// "billion laughs" and external entities). Whitespace text is kept. Line numbers are exact,
/// also past line 65535.
public enum XMLDocumentParser {
    /// Parses `bytes` and returns the root element. `file` names the input in diagnostics.
    public static func parse(_ bytes: [UInt8], file: String) throws(XMLFailure) -> XMLElement {
        LibXML.prepareThread()
        let collector = DiagnosticCollector(file: file)
        let root: XMLElement? = collector.capturingThreadErrors {
            guard let document = parseUntrustedDocument(bytes, collector: collector) else { return nil }
            defer { xmlFreeDoc(document) }
            guard let rootNode = xmlDocGetRootElement(document) else {
                collector.add(line: 0, "document has no root element")
                return nil
            }
            return makeElement(rootNode)
        }
        guard let root else { throw XMLFailure(diagnostics: collector.diagnostics) }
        return root
    }
}

// MARK: - Safe parsing (shared with the schema validator)

/// `XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA`: never touch the network, keep line
/// numbers past 65535, deliver CDATA as text. Deliberately absent: NOENT (entity substitution),
/// DTDLOAD, DTDATTR, DTDVALID, NOBLANKS (whitespace text matters in mixed content), HUGE.
private let safeParseOptions = Int32(bitPattern:
    XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

/// Parses `bytes` into a libxml2 document, reporting problems to `collector`. Returns nil (and
/// at least one diagnostic) unless the document is well-formed and free of errors. The caller
/// frees the result with `xmlFreeDoc`. Call inside `collector.capturingThreadErrors`.
func parseUntrustedDocument(_ bytes: [UInt8], collector: DiagnosticCollector) -> xmlDocPtr? {
    guard !bytes.isEmpty else {
        collector.add(line: 1, "Document is empty")
        return nil
    }
    guard bytes.count <= Int(Int32.max) else {
        collector.add(line: 0, "document of \(bytes.count) bytes is too large for libxml2 (limit 2 GiB)")
        return nil
    }
    guard let context = xmlNewParserCtxt() else {
        collector.add(line: 0, "libxml2 could not create a parser context (out of memory)")
        return nil
    }
    defer { xmlFreeParserCtxt(context) }
    context.pointee._private = collector.opaque
    if let sax = context.pointee.sax {
        sax.pointee.internalSubset = rejectDoctype
        sax.pointee.startElementNs = startElementRecordingLine
        // Belt and braces: nothing can declare or resolve an entity.
        sax.pointee.externalSubset = nil
        sax.pointee.entityDecl = nil
        sax.pointee.resolveEntity = nil
    }
    let document = withExtendedLifetime(collector) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                xmlCtxtReadMemory(context, start, Int32(buffer.count), nil, nil, safeParseOptions)
            }
        }
    }
    let failed = document == nil || context.pointee.wellFormed == 0 || !collector.diagnostics.isEmpty
    if failed {
        if let document { xmlFreeDoc(document) }
        if collector.diagnostics.isEmpty {
            collector.add(line: Int(context.pointee.input?.pointee.line ?? 0), "document is not well-formed")
        }
        return nil
    }
    if document?.pointee.intSubset != nil || document?.pointee.extSubset != nil {
        // Unreachable with `rejectDoctype` installed; kept so a DTD can never slip through.
        xmlFreeDoc(document)
        collector.add(line: 1, "DOCTYPE not allowed")
        return nil
    }
    return document
}

/// Reads `bytes` as untrusted XML, with the safeguards of `parseUntrustedDocument`, without
/// building a tree: the parser's events go through `validation` (an XSD validation context)
/// and nowhere else, so memory stays small however large the document. Problems go to
/// `collector`. Call inside `collector.capturingThreadErrors`.
func validateUntrustedStream(_ bytes: [UInt8], collector: DiagnosticCollector, validation: xmlSchemaValidCtxtPtr) {
    guard !bytes.isEmpty else {
        collector.add(line: 1, "Document is empty")
        return
    }
    guard bytes.count <= Int(Int32.max) else {
        collector.add(line: 0, "document of \(bytes.count) bytes is too large for libxml2 (limit 2 GiB)")
        return
    }
    withExtendedLifetime(collector) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                guard let context = xmlCreateMemoryParserCtxt(start, Int32(buffer.count)) else {
                    collector.add(line: 0, "libxml2 could not create a parser context (out of memory)")
                    return
                }
                defer { xmlFreeParserCtxt(context) }
                xmlCtxtUseOptions(context, safeParseOptions)
                context.pointee._private = collector.opaque
                guard let sax = context.pointee.sax else {
                    collector.add(line: 0, "libxml2 gave the parser no SAX handler")
                    return
                }
                // No tree and no entities: only the validator and the DOCTYPE guard hear the events.
                sax.pointee.internalSubset = rejectDoctype
                sax.pointee.externalSubset = nil
                sax.pointee.entityDecl = nil
                sax.pointee.resolveEntity = nil
                sax.pointee.startDocument = nil
                sax.pointee.endDocument = nil
                sax.pointee.startElement = nil
                sax.pointee.endElement = nil
                sax.pointee.startElementNs = nil
                sax.pointee.endElementNs = nil
                sax.pointee.characters = nil
                sax.pointee.ignorableWhitespace = nil
                sax.pointee.cdataBlock = nil
                sax.pointee.comment = nil
                sax.pointee.processingInstruction = nil
                sax.pointee.reference = nil
                // The plug keeps the addresses of the context's handler and user data, and puts
                // the originals back there when unplugged.
                let raw = UnsafeMutableRawPointer(context)
                let handlerField = raw.advanced(by: MemoryLayout<xmlParserCtxt>.offset(of: \.sax)!)
                    .assumingMemoryBound(to: xmlSAXHandlerPtr?.self)
                let userDataField = raw.advanced(by: MemoryLayout<xmlParserCtxt>.offset(of: \.userData)!)
                    .assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
                guard let plug = xmlSchemaSAXPlug(validation, handlerField, userDataField) else {
                    collector.add(line: 0, "libxml2 could not attach the schema validator to the parser")
                    return
                }
                xmlSchemaValidateSetLocator(validation, currentParserLine, UnsafeMutableRawPointer(context))
                // Text reaches the validator in one piece per run (see TextCoalescer).
                if let plugged = context.pointee.sax, let plugData = context.pointee.userData {
                    _ = TextCoalescer(wrapping: plugged, userData: plugData)
                }
                collector.streamParser = context
                xmlParseDocument(context)
                collector.streamParser = nil
                if let plugData = context.pointee.userData { TextCoalescer.remove(userData: plugData) }
                xmlSchemaSAXUnplug(plug)
                if let document = context.pointee.myDoc {
                    xmlFreeDoc(document)
                    context.pointee.myDoc = nil
                }
                if context.pointee.wellFormed == 0 && collector.diagnostics.isEmpty {
                    collector.add(line: Int(context.pointee.input?.pointee.line ?? 0), "document is not well-formed")
                }
            }
        }
    }
}

/// The schema validator's locator while it reads a stream: the parser's current line.
private func currentParserLine(
    _ context: UnsafeMutableRawPointer?, _ file: UnsafeMutablePointer<UnsafePointer<CChar>?>?,
    _ line: UnsafeMutablePointer<UInt>?
) -> Int32 {
    guard let context else { return -1 }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    file?.pointee = nil
    line?.pointee = UInt(max(0, parser.pointee.input?.pointee.line ?? 0))
    return 0
}

/// SAX `internalSubset`: called as soon as `<!DOCTYPE name ...` has been read, before any
/// declaration inside it. Records the diagnostic and stops the parser.
private func rejectDoctype(
    _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
    _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    if let opaque = parser.pointee._private {
        let line = Int(parser.pointee.input?.pointee.line ?? 0)
        DiagnosticCollector.from(opaque).add(
            line: line, "DOCTYPE not allowed: documents must not declare a DTD or entities")
    }
    xmlStopParser(parser)
}

/// SAX `startElementNs`: libxml2's own handler, then, for elements at line 65535 or later (where
/// `xmlNode.line` saturates), the exact line kept in the otherwise unused `psvi` field.
private func startElementRecordingLine(
    _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
    _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
    _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ attributeCount: Int32, _ defaultedCount: Int32,
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    xmlSAX2StartElementNs(context, localName, prefix, uri, namespaceCount, namespaces,
                          attributeCount, defaultedCount, attributes)
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let node = parser.pointee.node, node.pointee.line == UInt16.max,
          let line = parser.pointee.input?.pointee.line, line >= Int32(UInt16.max) else { return }
    node.pointee.psvi = UnsafeMutableRawPointer(bitPattern: Int(line))
}

// MARK: - libxml2 tree to Swift values

private func qualifiedName(_ name: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> String {
    let local = name.map { String(cString: $0) } ?? ""
    if let prefix = namespace?.pointee.prefix {
        return String(cString: prefix) + ":" + local
    }
    return local
}

private func makeElement(_ node: xmlNodePtr) -> XMLElement {
    var attributes: [(name: String, value: String)] = []
    var declaration = node.pointee.nsDef
    while let ns = declaration {
        let name = ns.pointee.prefix.map { "xmlns:" + String(cString: $0) } ?? "xmlns"
        attributes.append((name, ns.pointee.href.map { String(cString: $0) } ?? ""))
        declaration = ns.pointee.next
    }
    var property = node.pointee.properties
    while let attribute = property {
        var value = ""
        var piece = attribute.pointee.children
        while let text = piece {
            if let content = text.pointee.content { value += String(cString: content) }
            piece = text.pointee.next
        }
        attributes.append((qualifiedName(attribute.pointee.name, attribute.pointee.ns), value))
        property = attribute.pointee.next
    }

    var children: [XMLNode] = []
    var pendingText: String? = nil
    var child = node.pointee.children
    while let current = child {
        switch current.pointee.type {
        case XML_ELEMENT_NODE:
            if let text = pendingText { children.append(.text(text)); pendingText = nil }
            children.append(.element(makeElement(current)))
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = current.pointee.content {
                pendingText = (pendingText ?? "") + String(cString: content)
            }
        default:
            break  // comments, processing instructions
        }
        child = current.pointee.next
    }
    if let text = pendingText { children.append(.text(text)) }

    return XMLElement(name: qualifiedName(node.pointee.name, node.pointee.ns),
                      attributes: attributes, children: children, line: elementLine(node))
}
