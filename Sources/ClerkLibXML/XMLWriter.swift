internal import CLibXML2

/// A streaming XML writer over libxml2's `xmlTextWriter`, writing UTF-8 into memory.
///
/// The output starts with `<?xml version="1.0" encoding="UTF-8"?>` and is never indented:
/// indentation would insert whitespace into mixed content such as `<p>a<pb n="2"/>b</p>`.
///
/// The writer never produces ill-formed XML. Misuse (an attribute after content, a second root
/// element, text outside the root, an unbalanced `endElement`, an invalid name, a duplicate
/// attribute) and characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE;
/// U+FFFF) are not written; the first such problem makes `finish()` throw. Calls after a failure
/// are ignored. Escaping: text gets `&amp; &lt; &gt; &quot;` and CR as `&#13;` (so it survives
/// line-end normalisation); attribute values get `&amp; &lt; &gt; &quot;` and tab, LF and CR as
/// `&#9; &#10; &#13;` (so they survive attribute-value normalisation). Everything else,
/// non-ASCII included, is written as UTF-8.
///
/// Not thread-safe: use one writer from one thread at a time.
public final class XMLWriter {
    /// Where libxml2's output goes as it is flushed: the document is held once, in a Swift
    /// array, not in a libxml2 buffer and then again in a copy of it.
    private let sink = OutputSink()
    private var writer: OpaquePointer?
    /// Names of the open elements, innermost last.
    private var openElements: [String] = []
    /// Whether the last start tag is still open (attributes are allowed only then), and the
    /// names of the attributes written into it.
    private var startTagOpen = false
    private var startTagAttributes: [String] = []
    private var hasRoot = false
    private var failure: XMLDiagnostic? = nil
    private var finished = false

    public init() {
        LibXML.prepareThread()
        guard let output = xmlOutputBufferCreateIO(appendToSink, closeSink, Unmanaged.passUnretained(sink).toOpaque(), nil) else {
            fail("libxml2 could not allocate an output buffer")
            return
        }
        // The writer owns the output buffer from here on, and closes it when freed.
        guard let writer = xmlNewTextWriter(output) else {
            xmlOutputBufferClose(output)
            fail("libxml2 could not create a text writer")
            return
        }
        self.writer = writer
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
    }

    /// Opens an element: `<name`.
    public func startElement(_ name: String) {
        guard let writer = usableWriter() else { return }
        guard validName(name, "element") else { return }
        if openElements.isEmpty {
            if hasRoot { return fail("a second root element <\(name)> would make the document ill-formed") }
            hasRoot = true
        }
        guard withXMLChars(name, { check(xmlTextWriterStartElement(writer, $0), "xmlTextWriterStartElement") }) else { return }
        openElements.append(name)
        startTagOpen = true
        startTagAttributes.removeAll(keepingCapacity: true)
    }

    /// Adds an attribute to the element just started (before any content or child).
    public func attribute(_ name: String, _ value: String) {
        guard let writer = usableWriter() else { return }
        guard startTagOpen, let element = openElements.last else {
            return fail("attribute \"\(name)\" written outside a start tag (only right after startElement)")
        }
        guard validName(name, "attribute") else { return }
        if startTagAttributes.contains(name) { return fail("duplicate attribute \"\(name)\" on <\(element)>") }
        if let problem = forbiddenCharacter(in: value) {
            return fail("\(problem) in the value of attribute \"\(name)\" on <\(element)>")
        }
        startTagAttributes.append(name)
        guard withXMLChars(name, { check(xmlTextWriterStartAttribute(writer, $0), "xmlTextWriterStartAttribute") }) else { return }
        var value = value
        let written = value.withUTF8 { raw in
            let write = { (bytes: UnsafeBufferPointer<UInt8>) in
                bytes.isEmpty ? true
                    : self.check(xmlTextWriterWriteRawLen(writer, bytes.baseAddress, Int32(bytes.count)), "xmlTextWriterWriteRawLen")
            }
            return needsAttributeEscaping(raw) ? escapedAttributeValue(raw).withUnsafeBufferPointer(write) : write(raw)
        }
        guard written else { return }
        check(xmlTextWriterEndAttribute(writer), "xmlTextWriterEndAttribute")
    }

    /// Writes character data, escaped. Empty text writes nothing.
    public func text(_ text: String) {
        guard let writer = usableWriter() else { return }
        guard let element = openElements.last else {
            return fail("text written outside the root element")
        }
        if text.isEmpty { return }
        if let problem = forbiddenCharacter(in: text) {
            return fail("\(problem) in the text of <\(element)>")
        }
        startTagOpen = false
        _ = withXMLChars(text) { check(xmlTextWriterWriteString(writer, $0), "xmlTextWriterWriteString") }
    }

    /// Closes the innermost open element (as `<name/>` if it has no content).
    public func endElement() {
        guard let writer = usableWriter() else { return }
        guard let name = openElements.popLast() else {
            return fail("endElement() without an open element")
        }
        startTagOpen = false
        check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement (</\(name)>)")
    }

    /// Writes an element without content, e.g. `<pb n="5"/>`.
    public func emptyElement(_ name: String, attributes: [(String, String)]) {
        startElement(name)
        for (attributeName, value) in attributes { attribute(attributeName, value) }
        endElement()
    }

    /// Ends the document and returns its bytes. Throws if anything went wrong, if an element
    /// is still open (a missing `endElement()` is a bug, not something to repair silently),
    /// if there is no root element, or if called twice.
    public func finish() throws(XMLFailure) -> [UInt8] {
        LibXML.prepareThread()
        if finished, failure == nil { fail("finish() called twice") }
        finished = true
        if failure == nil {
            if !openElements.isEmpty {
                let names = openElements.reversed().map { "<\($0)>" }.joined(separator: ", ")
                fail("\(openElements.count) element(s) still open at finish(): \(names)")
            } else if !hasRoot {
                fail("the document has no root element")
            }
        }
        var complete = false
        if failure == nil, let writer {
            complete = check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
                && check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        }
        // Release libxml2's memory now rather than when the writer object goes away; closing
        // the output buffer flushes what it still holds into the sink.
        if let writer { xmlFreeTextWriter(writer) }
        writer = nil
        let bytes = complete ? sink.bytes : []
        sink.bytes = []
        if let failure { throw XMLFailure(diagnostics: [failure]) }
        return bytes
    }

    // MARK: - Private

    private func usableWriter() -> OpaquePointer? {
        guard failure == nil else { return nil }
        guard !finished, let writer else {
            fail("XMLWriter used after finish()")
            return nil
        }
        return writer
    }

    private func fail(_ message: String) {
        if failure == nil {
            failure = XMLDiagnostic(file: "XMLWriter", line: 0, message: message)
        }
    }

    /// Records a failure when a libxml2 call returned an error (a negative count).
    @discardableResult
    private func check(_ result: Int32, _ call: @autoclosure () -> String) -> Bool {
        if result < 0 {
            fail("\(call()) failed (libxml2 returned \(result))")
            return false
        }
        return true
    }

    private func validName(_ name: String, _ kind: String) -> Bool {
        if let problem = nameProblem(name) {
            fail("invalid \(kind) name \"\(name)\": \(problem)")
            return false
        }
        return true
    }
}

// MARK: - Character checks and escaping

private func withXMLChars<R>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
    string.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
}

private func codePoint(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

/// Describes the first character XML 1.0 does not allow (`Char` production), or nil.
/// Works on UTF-8: the forbidden code points are single bytes below 0x20 (other than tab, LF,
/// CR) and U+FFFE/U+FFFF (EF BF BE / EF BF BF). Surrogates cannot occur in a Swift string.
func forbiddenCharacter(in string: String) -> String? {
    var string = string
    return string.withUTF8 { bytes -> String? in
        guard mayContainForbiddenCharacter(bytes) else { return nil }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                return "\(codePoint(UInt32(byte))) (a control character XML 1.0 does not allow)"
            }
            if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBF,
               bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
                let value: UInt32 = bytes[index + 2] == 0xBE ? 0xFFFE : 0xFFFF
                return "\(codePoint(value)) (a noncharacter XML 1.0 does not allow)"
            }
            index += 1
        }
        return nil
    }
}

/// A fast conservative test: false means `bytes` has no byte below 0x20 other than tab, LF and
/// CR, and no 0xEF (the lead byte of U+FFFE/U+FFFF). Eight bytes at a time.
private func mayContainForbiddenCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let count = bytes.count
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var index = 0
    while index + 8 <= count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        // A byte below 0x20 (tab, LF and CR included), or a byte equal to 0xEF.
        let below = (word &- ones &* 0x20) & ~word & highs
        let xored = word ^ (ones &* 0xEF)
        let equal = (xored &- ones) & ~xored & highs
        if below | equal != 0 {
            for byte in UnsafeBufferPointer(start: base + index, count: 8) where isSuspicious(byte) {
                return true
            }
        }
        index += 8
    }
    while index < count {
        if isSuspicious(base[index]) { return true }
        index += 1
    }
    return false
}

@inline(__always)
private func isSuspicious(_ byte: UInt8) -> Bool {
    (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0xEF
}

/// Why `name` is not an XML name, or nil. ASCII is checked exactly; non-ASCII letters are
/// accepted (XML 1.0 fifth edition allows almost all of them).
func nameProblem(_ name: String) -> String? {
    guard !name.isEmpty else { return "it is empty" }
    if let problem = forbiddenCharacter(in: name) { return problem }
    // Fast path: the ASCII names we actually write.
    var name = name
    let plain = name.withUTF8 { bytes in
        bytes.indices.allSatisfy { index in
            let byte = bytes[index]
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            let other = byte == 0x5F || byte == 0x3A || (index > 0 && ((byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E))
            return letter || other
        }
    }
    if plain { return nil }
    for (offset, scalar) in name.unicodeScalars.enumerated() {
        let value = scalar.value
        if value >= 0x80 { continue }
        let isStart = (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) || value == 0x5F || value == 0x3A
        let isOther = (value >= 0x30 && value <= 0x39) || value == 0x2D || value == 0x2E
        if isStart || (offset > 0 && isOther) { continue }
        return "\(codePoint(value)) is not allowed \(offset == 0 ? "at the start of" : "in") a name"
    }
    return nil
}

/// Whether an attribute value (UTF-8) contains a byte `escapedAttributeValue` changes.
private func needsAttributeEscaping(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    value.contains { byte in
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// Escapes an attribute value (UTF-8) for use between double quotes.
private func escapedAttributeValue(_ value: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(value.count + 16)
    for byte in value {
        switch byte {
        case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
        case 0x09: output.append(contentsOf: "&#9;".utf8)
        case 0x0A: output.append(contentsOf: "&#10;".utf8)
        case 0x0D: output.append(contentsOf: "&#13;".utf8)
        default: output.append(byte)
        }
    }
    return output
}

/// The bytes libxml2's output buffer writes.
private final class OutputSink {
    var bytes: [UInt8] = []
}

/// libxml2's write callback: `context` is an `OutputSink`.
private func appendToSink(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafePointer<CChar>?, _ length: Int32) -> Int32 {
    guard let context, let buffer, length > 0 else { return max(length, 0) }
    let sink = Unmanaged<OutputSink>.fromOpaque(context).takeUnretainedValue()
    buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(length)))
    }
    return length
}

/// libxml2's close callback: the sink stays with the writer.
private func closeSink(_ context: UnsafeMutableRawPointer?) -> Int32 { 0 }
