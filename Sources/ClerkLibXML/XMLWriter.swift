internal import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// A streaming XML writer, writing UTF-8 into memory, and optionally validating what it writes
/// against an XSD as it goes (libxml2's validator hears each start tag, text and end tag; see
/// `XMLValidationStream`), so that the document need not be parsed again to be checked.
///
/// Why not libxml2's `xmlTextWriter`: it runs at about 340 MB/s here, copying every piece
/// through its own buffers, escaping with a byte-at-a-time loop into a fresh allocation per
/// text, and keeping its element stack in a linked list. This writer escapes on bytes, copies
/// plain runs whole (found eight bytes at a time), and writes the same bytes as `xmlTextWriter`
/// did: `<?xml version="1.0" encoding="UTF-8"?>` and a line end first, `<a/>` for an element
/// without content, a line end after the root.
///
/// The output is never indented: indentation would insert whitespace into mixed content such as
/// `<p>a<pb n="2"/>b</p>`.
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
    /// The writer's state. Behind a pointer: as stored properties of a class, every access of
    /// the buffers would be checked for exclusivity at run time, which cost as much as writing.
    private let core: UnsafeMutablePointer<XMLWriterCore>
    private let validation: XMLValidationStream?

    /// Where a writer hands its bytes as it goes, a piece at a time (valid only during the call).
    public typealias Drain = (UnsafeBufferPointer<UInt8>) -> Void

    /// A writer that only writes. `capacity` is a guess of the document's size in bytes.
    public init(capacity: Int = 1 << 16) {
        validation = nil
        core = .allocate(capacity: 1)
        core.initialize(to: XMLWriterCore(capacity: capacity, events: nil, drain: nil))
    }

    /// A writer that also validates what it writes against `schema`; `finish()` then fills
    /// `schemaDiagnostics` (lines are those of the written document, `file` names it).
    ///
    /// With `drain`, the bytes are handed to it whenever about `capacity` of them are written
    /// (at the end of an element) and by `finish()`, which then returns nothing: a large
    /// document never sits whole in memory. The pieces, in order, are the document's bytes.
    public init(validatingAgainst schema: XMLSchemaValidator, file: String, capacity: Int = 1 << 16, drain: Drain? = nil) {
        LibXML.prepareThread()
        let validation = XMLValidationStream(validator: schema, file: file)
        self.validation = validation
        core = .allocate(capacity: 1)
        core.initialize(to: XMLWriterCore(capacity: capacity, events: validation.events, drain: drain))
    }

    deinit {
        core.pointee.deallocateBuffers()
        core.deinitialize(count: 1)
        core.deallocate()
    }

    /// What the validator found, once `finish()` has run. Empty when valid or not validating.
    public private(set) var schemaDiagnostics: [XMLDiagnostic] = []

    /// Opens an element: `<name`.
    public func startElement(_ name: XMLName) { core.pointee.startElement(name) }

    public func startElement(_ name: String) { core.pointee.startElement(core.pointee.name(name)) }

    /// Adds an attribute to the element just started (before any content or child).
    public func attribute(_ name: XMLName, _ value: String) {
        if let done = value.utf8.withContiguousStorageIfAvailable({ core.pointee.attribute(name, utf8: $0) }) { return done }
        var value = value
        value.withUTF8 { core.pointee.attribute(name, utf8: $0) }
    }

    /// Adds an attribute with an integer value, in decimal.
    public func attribute(_ name: XMLName, _ value: Int) { core.pointee.attribute(name, value) }

    public func attribute(_ name: String, _ value: String) { attribute(core.pointee.name(name), value) }

    /// Writes character data, escaped. Empty text writes nothing.
    public func text(_ text: String) {
        if let done = text.utf8.withContiguousStorageIfAvailable({ core.pointee.text(utf8: $0) }) { return done }
        var text = text
        text.withUTF8 { core.pointee.text(utf8: $0) }
    }

    /// Writes character data given as UTF-8, escaped. The bytes must be valid UTF-8 (a string's
    /// bytes, or a slice of them cut between characters). Empty text writes nothing.
    public func text(utf8 bytes: UnsafeBufferPointer<UInt8>) { core.pointee.text(utf8: bytes) }

    /// Closes the innermost open element (as `<name/>` if it has no content).
    public func endElement() { core.pointee.endElement() }

    /// Writes an element without content with one attribute, e.g. `<pb n="5"/>`.
    public func emptyElement(_ name: XMLName, attribute: XMLName, _ value: String) {
        core.pointee.startElement(name)
        self.attribute(attribute, value)
        core.pointee.endElement()
    }

    public func emptyElement(_ name: String, attributes: [(String, String)]) {
        startElement(name)
        for (attributeName, value) in attributes { attribute(attributeName, value) }
        endElement()
    }

    /// Ends the document and returns its bytes (with a drain: hands it the last of them and
    /// returns nothing). Throws if anything went wrong, if an element is still open (a missing
    /// `endElement()` is a bug, not something to repair silently), if there is no root element,
    /// or if called twice. When validating, the validator's verdict is in `schemaDiagnostics`
    /// afterwards.
    public func finish() throws(XMLFailure) -> [UInt8] {
        let bytes = try core.pointee.finish()
        if let validation {
            schemaDiagnostics = bytes.withUnsafeBufferPointer { validation.finish(written: $0) }
        }
        return bytes
    }
}

/// What `XMLWriter` does.
private struct XMLWriterCore {
    private var output: XMLByteBuffer
    /// The open elements, innermost last.
    private var openElements: [XMLName] = []
    /// Whether the last start tag is still open (attributes are allowed only then), and the
    /// attributes written into it (with, when validating, their values as the validator takes
    /// them, in `attributeValues`).
    private var startTagOpen = false
    private var tagAttributes = TagAttributes()
    private var hasRoot = false
    private var failure: XMLDiagnostic? = nil
    private var finished = false
    /// Names made from strings, made once per writer.
    private var namesByString: [String: XMLName] = [:]

    /// Where the validator hears the document (nil when not validating).
    private let events: XMLValidationEvents?
    private var attributeValues = XMLByteBuffer(capacity: 256)
    /// The pointers the validator takes for the attributes, five each.
    private var attributePointers = UnsafeMutablePointer<UnsafePointer<xmlChar>?>.allocate(capacity: 40)
    private var attributePointerCapacity = 40
    /// The text written since the last tag, unescaped: the validator takes it in one piece.
    private var pendingText = XMLByteBuffer(capacity: 256)
    /// Where the output goes once `drainSize` bytes of it are written (nil: it all stays).
    private let drain: XMLWriter.Drain?
    private let drainSize: Int

    init(capacity: Int, events: XMLValidationEvents?, drain: XMLWriter.Drain?) {
        self.events = events
        self.drain = drain
        drainSize = max(capacity, 16)
        // Room for a piece and what the element after it adds before the next drain.
        output = XMLByteBuffer(capacity: drain == nil ? capacity : 2 * drainSize)
        output.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    mutating func deallocateBuffers() {
        output.deallocate()
        attributeValues.deallocate()
        pendingText.deallocate()
        attributePointers.deallocate()
        tagAttributes.removeAll()
        tagAttributes.deallocate()
    }

    mutating func startElement(_ name: XMLName) {
        guard usable() else { return }
        if let problem = name.problem { return fail("invalid element name \"\(name)\": \(problem)") }
        if openElements.isEmpty {
            if hasRoot { return fail("a second root element <\(name)> would make the document ill-formed") }
            hasRoot = true
        }
        closeStartTag()
        flushText()
        output.append(UInt8(ascii: "<"))
        output.append(name.utf8)
        openElements.append(name)
        startTagOpen = true
        tagAttributes.removeAll()
        attributeValues.removeAll()
    }

    mutating func attribute(_ name: XMLName, utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard mayAddAttribute(name) else { return }
        output.append(" ")
        output.append(name.utf8)
        output.append("=\"")
        if let bad = appendEscaped(bytes, attribute: true, to: &output) {
            let element = openElements[openElements.count - 1]
            return fail("\(forbiddenCharacter(at: bad, in: bytes)!) in the value of attribute \"\(name)\" on <\(element)>")
        }
        output.append(UInt8(ascii: "\""))
        keepAttribute(name, bytes)
    }

    mutating func attribute(_ name: XMLName, _ value: Int) {
        guard mayAddAttribute(name) else { return }
        output.append(" ")
        output.append(name.utf8)
        output.append("=\"")
        let start = output.count
        output.append(decimal: value)
        keepAttribute(name, UnsafeBufferPointer(start: output.base + start, count: output.count - start))
        output.append(UInt8(ascii: "\""))
    }

    mutating func text(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard usable() else { return }
        guard !openElements.isEmpty else {
            return fail("text written outside the root element")
        }
        if bytes.isEmpty { return }
        closeStartTag()
        if let bad = appendEscaped(bytes, attribute: false, to: &output) {
            let element = openElements[openElements.count - 1]
            return fail("\(forbiddenCharacter(at: bad, in: bytes)!) in the text of <\(element)>")
        }
        if events != nil { pendingText.append(bytes) }
    }

    mutating func endElement() {
        guard usable() else { return }
        guard let name = openElements.popLast() else {
            return fail("endElement() without an open element")
        }
        if startTagOpen {
            output.append("/>")
            startTagOpen = false
            sendStartTag(name)
        } else {
            flushText()
            output.append("</")
            output.append(name.utf8)
            output.append(UInt8(ascii: ">"))
        }
        if let events {
            withExtendedLifetime(name) { events.endElement(name.cString, written: output.bytes) }
        }
        if drain != nil, output.count >= drainSize { drainOutput() }
    }

    /// Hands the output written so far to the drain. Only between elements: nothing the
    /// validator still needs points into it.
    private mutating func drainOutput() {
        guard let drain, output.count > 0 else { return }
        events?.drained(output.bytes)
        drain(output.bytes)
        output.removeAll()
    }

    mutating func finish() throws(XMLFailure) -> [UInt8] {
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
        if let failure {
            output.removeAll()
            throw XMLFailure(diagnostics: [failure])
        }
        output.append(UInt8(ascii: "\n"))
        if drain != nil {
            drainOutput()
            return []
        }
        let bytes = Array(output.bytes)
        output.removeAll()
        return bytes
    }

    mutating func name(_ string: String) -> XMLName {
        if let known = namesByString[string] { return known }
        let made = XMLName(string)
        namesByString[string] = made
        return made
    }

    // MARK: - Private

    private mutating func usable() -> Bool {
        guard failure == nil else { return false }
        guard !finished else {
            fail("XMLWriter used after finish()")
            return false
        }
        return true
    }

    private mutating func fail(_ message: String) {
        if failure == nil {
            failure = XMLDiagnostic(file: "XMLWriter", line: 0, message: message)
        }
    }

    /// Whether an attribute may be added now (if not, records why).
    private mutating func mayAddAttribute(_ name: XMLName) -> Bool {
        guard usable() else { return false }
        guard startTagOpen, !openElements.isEmpty else {
            fail("attribute \"\(name)\" written outside a start tag (only right after startElement)")
            return false
        }
        if let problem = name.problem {
            fail("invalid attribute name \"\(name)\": \(problem)")
            return false
        }
        if tagAttributes.contains(name) {
            fail("duplicate attribute \"\(name)\" on <\(openElements[openElements.count - 1])>")
            return false
        }
        return true
    }

    /// Records an attribute of the open start tag, and its value for the validator as libxml2's
    /// parser would pass it: unescaped, except that an ampersand comes as `&#38;` (which the
    /// validator turns back into one).
    private mutating func keepAttribute(_ name: XMLName, _ value: UnsafeBufferPointer<UInt8>) {
        let start = attributeValues.count
        if events != nil {
            if value.contains(UInt8(ascii: "&")) {
                for byte in value {
                    if byte == UInt8(ascii: "&") { attributeValues.append("&#38;") } else { attributeValues.append(byte) }
                }
            } else {
                attributeValues.append(value)
            }
        }
        tagAttributes.append(name, valueStart: start, valueEnd: attributeValues.count)
    }

    /// Ends the open start tag, if any, with `>` (content follows).
    @inline(__always)
    private mutating func closeStartTag() {
        guard startTagOpen, let element = openElements.last else { return }
        output.append(UInt8(ascii: ">"))
        startTagOpen = false
        sendStartTag(element)
    }

    /// Tells the validator about the start tag just closed.
    private mutating func sendStartTag(_ element: XMLName) {
        guard let events else { return }
        let count = tagAttributes.count
        if count * 5 > attributePointerCapacity {
            attributePointers.deallocate()
            attributePointerCapacity = count * 10
            attributePointers = .allocate(capacity: attributePointerCapacity)
        }
        let values = UnsafePointer(attributeValues.base)
        for index in 0..<count {
            let attribute = tagAttributes[index]
            let slot = attributePointers + index * 5
            slot[0] = attribute.name
            slot[1] = nil
            slot[2] = nil
            slot[3] = values + attribute.valueStart
            slot[4] = values + attribute.valueEnd
        }
        events.startElement(element.cString, attributes: attributePointers, count: count, written: output.bytes)
    }

    /// Hands the text written since the last tag to the validator.
    @inline(__always)
    private mutating func flushText() {
        guard let events, pendingText.count > 0 else { return }
        events.characters(pendingText.bytes, written: output.bytes)
        pendingText.removeAll()
    }
}

/// The attributes of the open start tag: a plain buffer (an array of tuples holding references
/// is destroyed element by element through generic code each time it is emptied). Each name is
/// retained while it is here.
private struct TagAttributes {
    struct Entry {
        var object: Unmanaged<XMLName>
        /// The name's bytes (NUL-terminated), alive while `object` is retained.
        var name: UnsafePointer<UInt8>
        var nameCount: Int
        var valueStart: Int
        var valueEnd: Int
    }

    private var entries = UnsafeMutablePointer<Entry>.allocate(capacity: 16)
    private var capacity = 16
    private(set) var count = 0

    func deallocate() {
        entries.deallocate()
    }

    subscript(index: Int) -> Entry { entries[index] }

    func contains(_ name: XMLName) -> Bool {
        let bytes = name.utf8
        for index in 0..<count {
            let entry = entries[index]
            if entry.nameCount == bytes.count && memcmp(entry.name, bytes.baseAddress!, bytes.count) == 0 { return true }
        }
        return false
    }

    mutating func append(_ name: XMLName, valueStart: Int, valueEnd: Int) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = larger
            capacity *= 2
        }
        (entries + count).initialize(to: Entry(
            object: .passRetained(name), name: name.cString, nameCount: name.utf8.count, valueStart: valueStart, valueEnd: valueEnd))
        count += 1
    }

    mutating func removeAll() {
        for index in 0..<count { entries[index].object.release() }
        count = 0
    }
}
