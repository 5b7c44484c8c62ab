internal import CLibXML2

/// One problem found by libxml2 (or by the checks around it), with the place it was found.
public struct XMLDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name the caller gave for the input.
    public var file: String
    /// 1-based line; 0 only if libxml2 gives none.
    public var line: Int
    /// 1-based column; 0 if unknown.
    public var column: Int
    /// The message, trimmed of trailing whitespace.
    public var message: String

    public init(file: String, line: Int, column: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message`, without `:COLUMN` when the column is unknown.
    public var description: String {
        column > 0 ? "\(file):\(line):\(column): \(message)" : "\(file):\(line): \(message)"
    }
}

/// A failure made of one or more diagnostics.
public struct XMLFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [XMLDiagnostic]

    public init(diagnostics: [XMLDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

// MARK: - Process and thread setup

enum LibXML {
    /// Runs `xmlInitParser()` (and the XSD type tables) exactly once per process, before any
    /// other libxml2 call; Swift guarantees a static `let` is initialised once, thread-safely.
    private static let initialized: Void = clerk_xml_initialize()

    /// Call at the top of every entry point: initialises libxml2 once and makes sure the calling
    /// thread's generic error handler (thread-local in this build) is silent, so nothing is ever
    /// printed to stderr.
    static func prepareThread() {
        _ = initialized
        clerk_xml_silence_generic_errors()
    }
}

// MARK: - Collecting libxml2's structured errors

/// Receives libxml2's structured errors for one operation. It is handed to libxml2 as an
/// unretained opaque pointer that is only used while the operation runs on this thread.
final class DiagnosticCollector {
    let file: String
    private(set) var diagnostics: [XMLDiagnostic] = []
    /// The parser reading the document while it is validated as a stream: the schema validator
    /// reports no column, but the parser knows where it is when the problem shows.
    var streamParser: xmlParserCtxtPtr?

    init(file: String) {
        self.file = file
    }

    var opaque: UnsafeMutableRawPointer {
        Unmanaged.passUnretained(self).toOpaque()
    }

    static func from(_ opaque: UnsafeMutableRawPointer) -> DiagnosticCollector {
        Unmanaged<DiagnosticCollector>.fromOpaque(opaque).takeUnretainedValue()
    }

    func add(line: Int, column: Int = 0, _ message: String) {
        diagnostics.append(XMLDiagnostic(file: file, line: line, column: column, message: message))
    }

    /// Records an error (warnings are ignored: they never change a verdict).
    func record(_ error: UnsafePointer<xmlError>) {
        let error = error.pointee
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var line = Int(error.line)
        if let node = error.node, let exact = exactLine(of: node.assumingMemoryBound(to: xmlNode.self)) {
            line = exact
        }
        var column = Int(error.int2)
        if column <= 0, error.domain == Int32(XML_FROM_SCHEMASV.rawValue), let input = streamParser?.pointee.input {
            column = Int(input.pointee.col)
        }
        let message = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
        add(line: max(line, 0), column: max(column, 0), trimmed(message))
    }

    /// Runs `body` with this collector installed as the calling thread's structured error
    /// handler (thread-local in this build), then restores the previous handler. This catches
    /// errors libxml2 raises without a per-context handler (for example from the parser that
    /// reads an XSD).
    func capturingThreadErrors<T>(_ body: () -> T) -> T {
        let previousHandler = __xmlStructuredError()?.pointee
        let previousContext = __xmlStructuredErrorContext()?.pointee
        xmlSetStructuredErrorFunc(opaque, collectStructuredError)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return withExtendedLifetime(self) { body() }
    }
}

/// The structured error handler given to libxml2; `context` is a `DiagnosticCollector`.
func collectStructuredError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    DiagnosticCollector.from(context).record(error)
}

/// The line of the element a diagnostic is about. libxml2 keeps element lines in 16 bits
/// (65535 means "65535 or more"); our parser stores the exact line of such elements in the
/// node's `psvi` field (see `startElementRecordingLine`), so use it when present.
func exactLine(of node: xmlNodePtr) -> Int? {
    var current: xmlNodePtr? = node
    var steps = 0
    while let candidate = current, candidate.pointee.type != XML_ELEMENT_NODE, steps < 10 {
        current = candidate.pointee.parent
        steps += 1
    }
    guard let element = current, element.pointee.type == XML_ELEMENT_NODE,
          element.pointee.line == UInt16.max, element.pointee.psvi != nil else { return nil }
    return elementLine(element)
}

/// An element's line, exact even past 65535 for documents read by `parseUntrustedDocument`.
func elementLine(_ element: xmlNodePtr) -> Int {
    let short = Int(element.pointee.line)
    if short == Int(UInt16.max), let stored = element.pointee.psvi {
        return Int(bitPattern: stored)
    }
    return short
}

/// Removes trailing whitespace (libxml2 messages end with a newline).
func trimmed(_ message: String) -> String {
    var scalars = Substring(message).unicodeScalars
    while let last = scalars.last, last == " " || last == "\n" || last == "\r" || last == "\t" {
        scalars.removeLast()
    }
    return String(scalars)
}
