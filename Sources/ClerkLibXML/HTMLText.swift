internal import CLibXML2

/// Plain text out of an HTML page, through libxml2's HTML parser (never regexes).
///
/// The input is untrusted: no network, no DTD, no entities but HTML's own; the parser runs in
/// SAX mode without building a tree, and the text builder keeps its own element stack, so a huge
/// or deeply nested page costs memory in proportion to its size, never recursion. The input must
/// be UTF-8 (as the readers decode it): a `<meta charset>` in the page is ignored.
public enum HTMLText {
    /// The text runs of `bytes`, with the 1-based input line each starts on. Malformed HTML
    /// (unclosed tags, stray end tags) is repaired the way libxml2's HTML parser does it.
    public static func extract(
        _ bytes: [UInt8], options: HTMLTextOptions = HTMLTextOptions()
    ) throws(XMLFailure) -> HTMLTextExtraction {
        LibXML.prepareThread()
        let builder = HTMLTextBuilder(options: options)
        guard !bytes.isEmpty else { return builder.finish() }
        guard bytes.count <= Int(Int32.max) else {
            throw XMLFailure(diagnostics: [
                XMLDiagnostic(file: "", line: 0, message: "HTML of \(bytes.count) bytes is too large for libxml2 (limit 2 GiB)"),
            ])
        }
        guard let context = htmlNewParserCtxt() else {
            throw XMLFailure(diagnostics: [
                XMLDiagnostic(file: "", line: 0, message: "libxml2 could not create an HTML parser context (out of memory)"),
            ])
        }
        defer { htmlFreeParserCtxt(context) }
        // The callbacks receive the context (its `userData`) and find the builder in `_private`.
        context.pointee.userData = UnsafeMutableRawPointer(context)
        context.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
        if let sax = context.pointee.sax {
            sax.pointee = htmlSAXHandler()
            sax.pointee.initialized = 1
            sax.pointee.startElement = htmlStartElement
            sax.pointee.endElement = htmlEndElement
            sax.pointee.characters = htmlCharacters
            // White space matters between inline elements (`<i>a</i> <i>b</i>`): never ignorable.
            sax.pointee.ignorableWhitespace = htmlCharacters
            sax.pointee.cdataBlock = htmlCharacters
            sax.pointee.comment = htmlComment
        }
        let silencer = DiagnosticCollector(file: "")
        let document: htmlDocPtr? = withExtendedLifetime(builder) {
            silencer.capturingThreadErrors {
                bytes.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                        htmlCtxtReadMemory(context, start, Int32(buffer.count), nil, "UTF-8", htmlParseOptions)
                    }
                }
            }
        }
        if let document { xmlFreeDoc(document) }
        return builder.finish()
    }
}

/// Never the network, no messages, no implied DOCTYPE, the caller's encoding over `<meta>`.
/// Not NOBLANKS: white space is text.
private let htmlParseOptions = Int32(bitPattern:
    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

// MARK: - SAX callbacks

private func builder(_ context: UnsafeMutableRawPointer?) -> (HTMLTextBuilder, Int)? {
    guard let context else { return nil }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = parser.pointee._private else { return nil }
    let line = Int(parser.pointee.input?.pointee.line ?? 1)
    return (Unmanaged<HTMLTextBuilder>.fromOpaque(opaque).takeUnretainedValue(), line)
}

private func htmlStartElement(
    _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    guard let (builder, line) = builder(context), let name else { return }
    var found = HTMLTextBuilder.Attributes()
    if let attributes {
        var index = 0
        while let key = attributes[index] {
            let value = attributes[index + 1].map { String(cString: $0) }
            switch String(cString: key).lowercased() {
            case "href": found.href = value
            case "class": found.classes = value
            case "id": found.id = value
            case "role": found.role = value
            case "name": found.name = value
            case "style": found.style = value
            default: break
            }
            index += 2
        }
    }
    builder.startElement(String(cString: name), attributes: found, line: line)
}

private func htmlEndElement(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    guard let (builder, _) = builder(context), let name else { return }
    builder.endElement(String(cString: name))
}

private func htmlCharacters(_ context: UnsafeMutableRawPointer?, _ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let (builder, line) = builder(context), let characters, length > 0 else { return }
    builder.text(UnsafeBufferPointer(start: characters, count: Int(length)), endLine: line)
}

private func htmlComment(_ context: UnsafeMutableRawPointer?, _ value: UnsafePointer<xmlChar>?) {
    guard let (builder, line) = builder(context), let value else { return }
    let length = Int(xmlStrlen(value))
    builder.comment(UnsafeBufferPointer(start: value, count: length), endLine: line)
}
