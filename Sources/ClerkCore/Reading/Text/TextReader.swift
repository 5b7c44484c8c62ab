/// Plain text of any layout (PDF-to-text, flattened web text, OCR): the decoded bytes are the
/// working text, and the `detect` stage decides its family from the line shape. It reads any
/// input no other reader claims.
public struct TextReader: InputReader {
    public static let id = "text"
    public static let summary =
        "Plain text: UTF-8 (a single-byte fallback per bad line, with a warning) or UTF-16 with BOM; CRLF/CR to LF; form feeds become page boundaries; forbidden control characters removed and logged; empty and binary files refused."

    public init(configuration: NoParameters) {}

    public static func evidence(in input: ReaderInput) -> ReaderEvidence? {
        ReaderEvidence(.fallback, "read as plain text: no other reader claims the input")
    }

    public func read(_ input: ReaderInput, into document: inout Document) throws(ReadingFailure) {
        try input.text().start(&document)
    }
}
