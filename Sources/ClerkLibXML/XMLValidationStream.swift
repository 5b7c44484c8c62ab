internal import CLibXML2

/// libxml2's XSD validator, fed the events of a document as `XMLWriter` writes it: the handlers
/// that `xmlSchemaSAXPlug` plugs in front of a parser (start tag with its attributes, text, end
/// tag) are called directly, with what a parser reading the written bytes would hand them, so
/// the bytes need not be parsed again. The verdict and the messages are libxml2's own; the line
/// of a problem is where the writer is, as the parser's would be.
///
/// Without a parser behind it, the validator reports its problems only through the structured
/// error handler of its context, and asks the locator for lines. Used by one thread at a time.
final class XMLValidationStream {
    private let validator: XMLSchemaValidator  // keeps the compiled schema alive
    private let collector: DiagnosticCollector
    private var context: xmlSchemaValidCtxtPtr?
    private var plug: xmlSchemaSAXPlugPtr?
    /// Where the plug keeps its handler and user data: `xmlSchemaSAXUnplug` writes through these
    /// addresses, so they live as long as the plug.
    private let handlerSlot = UnsafeMutablePointer<xmlSAXHandlerPtr?>.allocate(capacity: 1)
    private let userDataSlot = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 1)
    /// The output written so far and its line ends counted up to where, for the locator.
    private let position = UnsafeMutablePointer<OutputPosition>.allocate(capacity: 1)
    /// Where the writer sends its events; nil when the validator could not be attached.
    let events: XMLValidationEvents?

    init(validator: XMLSchemaValidator, file: String) {
        self.validator = validator
        collector = DiagnosticCollector(file: file)
        handlerSlot.initialize(to: nil)
        userDataSlot.initialize(to: nil)
        position.initialize(to: OutputPosition())
        let context = xmlSchemaNewValidCtxt(validator.schema)
        self.context = context
        if let context {
            xmlSchemaSetValidStructuredErrors(context, collectStructuredError, collector.opaque)
            xmlSchemaValidateSetLocator(context, streamLocation, UnsafeMutableRawPointer(position))
            // No handler of our own: the plug's handlers go straight to the validator.
            plug = xmlSchemaSAXPlug(context, handlerSlot, userDataSlot)
        } else {
            collector.add(line: 0, "libxml2 could not create a schema validation context")
        }
        if let handler = plug == nil ? nil : handlerSlot.pointee, let start = handler.pointee.startElementNs,
           let end = handler.pointee.endElementNs, let characters = handler.pointee.characters {
            events = XMLValidationEvents(
                userData: userDataSlot.pointee, start: start, end: end, characters: characters, position: position)
        } else {
            events = nil
            if context != nil { collector.add(line: 0, "libxml2 could not attach the schema validator to the writer") }
        }
    }

    deinit {
        close()
        handlerSlot.deallocate()
        userDataSlot.deallocate()
        position.deinitialize(count: 1)
        position.deallocate()
    }

    /// Ends validation and returns every problem found; empty means valid.
    func finish(written: UnsafeBufferPointer<UInt8>) -> [XMLDiagnostic] {
        position.pointee.written = written
        if let context, xmlSchemaIsValid(context) == 0, collector.diagnostics.isEmpty {
            collector.add(line: position.pointee.line(), "schema validation failed")
        }
        close()
        return collector.diagnostics
    }

    private func close() {
        if let plug { xmlSchemaSAXUnplug(plug) }
        plug = nil
        if let context { xmlSchemaFreeValidCtxt(context) }
        context = nil
    }
}

/// The validator's handlers, called for each event: plain values (no reference counting on
/// the way to libxml2).
struct XMLValidationEvents {
    fileprivate let userData: UnsafeMutableRawPointer?
    fileprivate let start: startElementNsSAX2Func
    fileprivate let end: endElementNsSAX2Func
    fileprivate let characters: charactersSAXFunc
    fileprivate let position: UnsafeMutablePointer<OutputPosition>

    /// A start tag, just written at the end of `written`: `attributes` holds five pointers per
    /// attribute (local name, prefix, URI, value start, value end) as libxml2's SAX2 parser
    /// passes them; names are NUL-terminated and must stay valid until the element ends.
    @inline(__always)
    func startElement(
        _ name: UnsafePointer<UInt8>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int,
        written: UnsafeBufferPointer<UInt8>
    ) {
        position.pointee.written = written
        start(userData, name, nil, nil, 0, nil, Int32(count), 0, attributes)
    }

    /// Character data of the current element, unescaped; a run of text should come in one
    /// piece (the validator appends the pieces of simple content to each other).
    func characters(_ text: UnsafeBufferPointer<UInt8>, written: UnsafeBufferPointer<UInt8>) {
        guard var start = text.baseAddress else { return }
        position.pointee.written = written
        var left = text.count
        while left > 0 {
            let piece = min(left, Int(Int32.max))
            characters(userData, start, Int32(piece))
            start += piece
            left -= piece
        }
    }

    @inline(__always)
    func endElement(_ name: UnsafePointer<UInt8>, written: UnsafeBufferPointer<UInt8>) {
        position.pointee.written = written
        end(userData, name, nil, nil)
    }

    /// The writer is about to let go of `written` (all its output since the last call): its
    /// line ends are counted now, since a later problem's line number needs them.
    func drained(_ written: UnsafeBufferPointer<UInt8>) {
        position.pointee.written = written
        position.pointee.absorb()
    }
}

/// How far the output has got, and its line ends counted so far.
fileprivate struct OutputPosition {
    var written = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var lineEnds = 0
    var countedTo = 0

    /// The line the output has reached (1-based). Lines are counted only when the validator
    /// reports a problem, each byte once.
    mutating func line() -> Int {
        var index = countedTo
        while index < written.count {
            if written[index] == UInt8(ascii: "\n") { lineEnds += 1 }
            index += 1
        }
        countedTo = max(countedTo, written.count)
        return lineEnds + 1
    }

    /// Counts the line ends of `written` not yet counted and starts over on the next output.
    /// XML output has few line ends, so they are looked for eight bytes at a time.
    mutating func absorb() {
        var index = countedTo
        if let base = written.baseAddress {
            let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            while index + 8 <= written.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ lineFeeds
                // The high bit of exactly the bytes that were line feeds.
                let zeros = ~(((word & low7) &+ low7) | word | low7)
                lineEnds += zeros.nonzeroBitCount
                index += 8
            }
        }
        while index < written.count {
            if written[index] == UInt8(ascii: "\n") { lineEnds += 1 }
            index += 1
        }
        countedTo = 0
        written = UnsafeBufferPointer(start: nil, count: 0)
    }
}

/// The validator's locator: the line the writer has reached.
private func streamLocation(
    _ context: UnsafeMutableRawPointer?, _ file: UnsafeMutablePointer<UnsafePointer<CChar>?>?,
    _ line: UnsafeMutablePointer<UInt>?
) -> Int32 {
    guard let context else { return -1 }
    let position = context.assumingMemoryBound(to: OutputPosition.self)
    file?.pointee = nil
    line?.pointee = UInt(position.pointee.line())
    return 0
}
