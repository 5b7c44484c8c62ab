/// A CSV row that cannot be read as a record. Reading goes on with the next row.
public struct CSVRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// The row has `found` fields where the header has `expected`.
        case wrongFieldCount(expected: Int, found: Int)
        /// A quote inside an unquoted field (1-based `field`), at `line` and `byteOffset`.
        case quoteInUnquotedField(field: Int, line: Int, byteOffset: Int)
        /// Something other than a delimiter or a line end after a quoted field's closing quote.
        case textAfterClosingQuote(field: Int, line: Int, byteOffset: Int)
        /// The input ends inside the quoted field that starts at `line` and `byteOffset`.
        case unterminatedQuotedField(field: Int, line: Int, byteOffset: Int)
        /// The row, `size` bytes long in the stream, passes the reader's `limit`; its bytes were
        /// not kept.
        case recordTooLarge(limit: Int, size: Int)
    }

    public var position: RecordPosition
    public var problem: Problem

    public init(position: RecordPosition, problem: Problem) {
        self.position = position
        self.problem = problem
    }

    public var description: String { "\(position): \(problemDescription)" }

    /// The problem in words, without the position.
    public var problemDescription: String {
        switch problem {
        case .wrongFieldCount(let expected, let found):
            "expected \(expected) fields (as the header has), found \(found)"
        case .quoteInUnquotedField(let field, let line, let offset):
            "a quote inside unquoted field \(field), at line \(line), byte \(offset)"
        case .textAfterClosingQuote(let field, let line, let offset):
            "text after the closing quote of field \(field), at line \(line), byte \(offset)"
        case .unterminatedQuotedField(let field, let line, let offset):
            "the input ends inside quoted field \(field), which starts at line \(line), byte \(offset)"
        case .recordTooLarge(let limit, let size):
            "the row is \(size) bytes long, more than the limit of \(limit) bytes; it was skipped"
        }
    }
}
