/// How a CSV file quotes its fields. A NULL is always an empty unquoted field and an empty
/// string `""`, as PostgreSQL writes them.
///
/// CourtListener's bulk files come from PostgreSQL's `COPY … TO … WITH (FORMAT csv, HEADER …)`,
/// whose options changed over the years: the files of 2024 and before use the default
/// (`rfc4180`: a quote inside a quoted field is doubled); later files add `ESCAPE '\'`
/// (`postgreSQLBackslashEscape`: a quote or a backslash inside a quoted field follows a
/// backslash) and, for some months, `QUOTE '`'` (a backtick, doubled).
public struct CSVDialect: Sendable, Hashable {
    public var delimiter: UInt8
    public var quote: UInt8
    /// The byte that escapes a quote (or itself) inside a quoted field; nil: the quote is doubled.
    /// Before any other byte it is an ordinary byte, as PostgreSQL reads it.
    public var escape: UInt8?

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), escape: UInt8? = nil) {
        precondition(delimiter != quote && escape != delimiter, "a CSV delimiter must differ from the quote and the escape")
        precondition(![UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(delimiter)
                     && ![UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(quote), "a CSV delimiter or quote cannot be a line end")
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape == quote ? nil : escape
    }

    /// RFC 4180, and PostgreSQL's `FORMAT csv` with its defaults: `,`, `"`, a quote doubled.
    public static let rfc4180 = CSVDialect()

    /// PostgreSQL's `FORMAT csv, ESCAPE '\'`: `\"` for a quote and `\\` for a backslash inside a
    /// quoted field.
    public static let postgreSQLBackslashEscape = CSVDialect(escape: UInt8(ascii: "\\"))
}
