/// Why and where `JSONReader` rejected its input.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line; lines are separated by "\n".
    public var line: Int
    /// 1-based column counted in Unicode scalars (code points) from the start of the line;
    /// a tab counts as one. In invalid UTF-8, each byte that is not a continuation byte counts as one.
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// "line L, column C: message"
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
