/// Writes HTML into a byte buffer, escaping every piece of text it is given and closing
/// elements in the order they were opened, so that the markup is well nested by construction.
/// The markup is also well-formed XML (every element closed, void elements as `<meta ... />`,
/// attributes quoted), which lets the tests parse a page with an XML parser.
///
/// Why a writer of our own: the review page interleaves marks (page breaks, footnote
/// references, citations) into each block's text at scalar offsets, and a large document has
/// to be written in one linear pass into a buffer that is drained piece by piece. The one HTML
/// package available offline, JohnSundell/Plot 0.14.0, builds the whole page as a tree of
/// nodes and renders each element's body into a `String` that its parent copies again (so a
/// page is held several times over and deep nesting copies text once per level), escapes text
/// one `Character` at a time, and writes attribute values without escaping them (a `"` in a
/// case name would end the attribute). Its typed DSL would also not cover most of what the page
/// needs (`role`, `aria-*`, `data-*` attributes go through its untyped escape hatch anyway).
/// What is needed here is about a hundred lines: escaping bytes and a stack of open elements.
public final class HTMLWriter {
    /// Where the bytes go once `pieceSize` of them have gathered (each piece valid only during
    /// the call); nil keeps the whole page in `bytes`.
    public typealias Drain = (UnsafeBufferPointer<UInt8>) -> Void

    private var buffer: [UInt8] = []
    private let pieceSize: Int
    private let drain: Drain?
    /// The open elements, innermost last; a void element (`meta`, `input`, `hr`) closes as `/>`.
    private var open: [(name: StaticString, isVoid: Bool)] = []
    /// A start tag is open for attributes (its `>` not written yet).
    private var inStartTag = false

    public init(pieceSize: Int = 1 << 18, capacity: Int = 1 << 16, drain: Drain? = nil) {
        self.pieceSize = pieceSize
        self.drain = drain
        buffer.reserveCapacity(drain == nil ? capacity : pieceSize + 4096)
    }

    /// The bytes written and not yet drained: the whole page when there is no drain.
    public var bytes: [UInt8] { buffer }

    /// How deep the writer is in the element tree (0 once every element is closed).
    public var depth: Int { open.count }

    /// Trusted markup of our own (the doctype, the style sheet, the script), written as is.
    public func raw(_ markup: StaticString) {
        finishStartTag()
        markup.withUTF8Buffer { buffer.append(contentsOf: $0) }
        flushIfFull()
    }

    /// Opens `name`; attributes may follow until the next content.
    public func start(_ name: StaticString) {
        open(name, isVoid: false)
    }

    /// Opens a void element (`meta`, `input`, `hr`): attributes may follow, then `end()`, with
    /// no content between.
    public func startVoid(_ name: StaticString) {
        open(name, isVoid: true)
    }

    private func open(_ name: StaticString, isVoid: Bool) {
        finishStartTag()
        buffer.append(UInt8(ascii: "<"))
        name.withUTF8Buffer { buffer.append(contentsOf: $0) }
        open.append((name, isVoid))
        inStartTag = true
    }

    /// Opens `name` with a `class` attribute.
    public func start(_ name: StaticString, class className: StaticString) {
        start(name)
        attribute("class", className)
    }

    /// An attribute of the element just opened; `value` is escaped.
    public func attribute(_ name: StaticString, _ value: String) {
        precondition(inStartTag, "an attribute must follow its start tag")
        attributeName(name)
        var value = value
        value.withUTF8 { escape($0) }
        buffer.append(UInt8(ascii: "\""))
    }

    public func attribute(_ name: StaticString, _ value: StaticString) {
        precondition(inStartTag, "an attribute must follow its start tag")
        attributeName(name)
        value.withUTF8Buffer { escape($0) }
        buffer.append(UInt8(ascii: "\""))
    }

    public func attribute(_ name: StaticString, _ value: Int) {
        attribute(name, String(value))
    }

    /// Closes the innermost open element.
    public func end() {
        guard let (name, isVoid) = open.popLast() else { preconditionFailure("no element is open") }
        if isVoid {
            precondition(inStartTag, "a void element has no content")
            buffer.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: "/"), UInt8(ascii: ">")])
            inStartTag = false
        } else {
            finishStartTag()
            buffer.append(UInt8(ascii: "<"))
            buffer.append(UInt8(ascii: "/"))
            name.withUTF8Buffer { buffer.append(contentsOf: $0) }
            buffer.append(UInt8(ascii: ">"))
        }
        flushIfFull()
    }

    /// Text content, escaped.
    public func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text(utf8: $0) }
    }

    public func text(_ text: StaticString) {
        finishStartTag()
        text.withUTF8Buffer { escape($0) }
        flushIfFull()
    }

    /// Text content given as UTF-8 bytes, escaped.
    public func text(utf8: UnsafeBufferPointer<UInt8>) {
        finishStartTag()
        escape(utf8)
        flushIfFull()
    }

    /// `name` holding `text` (escaped), with an optional class.
    public func element(_ name: StaticString, class className: StaticString? = nil, _ text: String) {
        start(name)
        if let className { attribute("class", className) }
        self.text(text)
        end()
    }

    /// Hands what is left to the drain (when there is one). Every element must be closed.
    public func finish() {
        precondition(open.isEmpty, "elements left open: \(open.map { "\($0.name)" })")
        if let drain, !buffer.isEmpty {
            buffer.withUnsafeBufferPointer { drain($0) }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    // MARK: - Escaping

    /// `&`, `<`, `>`, `"` and `'` become references, so the text is safe in content and in
    /// quoted attributes alike (and `]]>` cannot occur). C0 controls other than tab, line feed
    /// and carriage return, which neither HTML nor XML allow, become U+FFFD. Runs of bytes that
    /// need nothing are copied at once.
    private func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x40, Self.needsEscape[Int(byte)] else { continue }
            if runStart < index { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append("&quot;")
            case UInt8(ascii: "'"): append("&#39;")
            default: buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
            }
        }
        if runStart < utf8.count { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }

    /// The bytes below 0x40 that `escape` replaces.
    private static let needsEscape: [Bool] = (0..<0x40).map { byte in
        switch byte {
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20: true
        default: "&<>\"'".utf8.contains(UInt8(byte))
        }
    }

    private func append(_ reference: StaticString) {
        reference.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    private func attributeName(_ name: StaticString) {
        buffer.append(UInt8(ascii: " "))
        name.withUTF8Buffer { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: "="))
        buffer.append(UInt8(ascii: "\""))
    }

    private func finishStartTag() {
        guard inStartTag else { return }
        buffer.append(UInt8(ascii: ">"))
        inStartTag = false
    }

    private func flushIfFull() {
        guard let drain, buffer.count >= pieceSize, !inStartTag else { return }
        buffer.withUnsafeBufferPointer { drain($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
