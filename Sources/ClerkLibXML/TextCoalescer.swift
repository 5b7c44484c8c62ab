internal import CLibXML2
import Synchronization

/// Hands the XSD validator each run of character data in one piece. The parser delivers text
/// in pieces of a few hundred bytes (at every non-ASCII character, entity or buffer refill), and
/// the validator appends each piece of an element's simple content to what it holds with
/// `xmlStrncat`, which measures that whole string again: a long text in one element (an edit's
/// `before` holding a removed 10 MB line) would take quadratic time. The coalescer sits between
/// the parser and the validator's SAX handlers (plugged by `xmlSchemaSAXPlug`), keeps the pieces,
/// and passes them on as one before the next event that is not text.
final class TextCoalescer: @unchecked Sendable {  // used by the one thread that validates
    private let characters: charactersSAXFunc?
    private let startElement: startElementNsSAX2Func?
    private let endElement: endElementNsSAX2Func?
    private let cdataBlock: cdataBlockSAXFunc?
    private let reference: referenceSAXFunc?
    private let endDocument: endDocumentSAXFunc?
    private var pending: [UInt8] = []

    /// The coalescers at work, by the SAX user data their callbacks receive (the plug).
    private static let active = Mutex<[Int: TextCoalescer]>([:])

    /// Puts a coalescer in front of the text handlers of `handler`, whose callbacks receive
    /// `userData`; `remove` must be called when the parse is over.
    init(wrapping handler: UnsafeMutablePointer<xmlSAXHandler>, userData: UnsafeMutableRawPointer) {
        characters = handler.pointee.characters
        startElement = handler.pointee.startElementNs
        endElement = handler.pointee.endElementNs
        cdataBlock = handler.pointee.cdataBlock
        reference = handler.pointee.reference
        endDocument = handler.pointee.endDocument
        let key = Int(bitPattern: userData)
        Self.active.withLock { $0[key] = self }
        if characters != nil {
            handler.pointee.characters = keepText
            handler.pointee.ignorableWhitespace = keepText
        }
        if startElement != nil { handler.pointee.startElementNs = flushThenStartElement }
        if endElement != nil { handler.pointee.endElementNs = flushThenEndElement }
        if cdataBlock != nil { handler.pointee.cdataBlock = flushThenCDATA }
        if reference != nil { handler.pointee.reference = flushThenReference }
        handler.pointee.endDocument = flushThenEndDocument
    }

    static func remove(userData: UnsafeMutableRawPointer) {
        let key = Int(bitPattern: userData)
        _ = active.withLock { $0.removeValue(forKey: key) }
    }

    fileprivate static func of(_ userData: UnsafeMutableRawPointer?) -> TextCoalescer? {
        guard let userData else { return nil }
        let key = Int(bitPattern: userData)
        return active.withLock { $0[key] }
    }

    fileprivate func keep(_ text: UnsafePointer<xmlChar>, count: Int) {
        pending.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
    }

    /// Passes the text kept so far to the validator, in one piece.
    fileprivate func flush(_ userData: UnsafeMutableRawPointer?) {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBufferPointer { characters?(userData, $0.baseAddress, Int32($0.count)) }
        pending.removeAll(keepingCapacity: true)
    }

    fileprivate func startElement(
        _ userData: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
        _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        _ attributeCount: Int32, _ defaultedCount: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        flush(userData)
        startElement?(userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
    }

    fileprivate func endElement(
        _ userData: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
        _ uri: UnsafePointer<xmlChar>?
    ) {
        flush(userData)
        endElement?(userData, localName, prefix, uri)
    }

    fileprivate func cdata(_ userData: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?, _ count: Int32) {
        flush(userData)
        cdataBlock?(userData, text, count)
    }

    fileprivate func reference(_ userData: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
        flush(userData)
        reference?(userData, name)
    }

    fileprivate func endDocument(_ userData: UnsafeMutableRawPointer?) {
        flush(userData)
        endDocument?(userData)
    }
}

// The SAX callbacks: C functions that find their coalescer by the user data they receive.

private func keepText(_ userData: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?, _ count: Int32) {
    guard let text, count > 0 else { return }
    TextCoalescer.of(userData)?.keep(text, count: Int(count))
}

private func flushThenStartElement(
    _ userData: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ attributeCount: Int32, _ defaultedCount: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    TextCoalescer.of(userData)?.startElement(
        userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
}

private func flushThenEndElement(
    _ userData: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?
) {
    TextCoalescer.of(userData)?.endElement(userData, localName, prefix, uri)
}

private func flushThenCDATA(_ userData: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?, _ count: Int32) {
    TextCoalescer.of(userData)?.cdata(userData, text, count)
}

private func flushThenReference(_ userData: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    TextCoalescer.of(userData)?.reference(userData, name)
}

private func flushThenEndDocument(_ userData: UnsafeMutableRawPointer?) {
    TextCoalescer.of(userData)?.endDocument(userData)
}
