/// One change a stage asks of a `TextStream`: replace the bytes in `range` by `replacement`,
/// and put `marks` right after the replacement. `TextStream.apply` logs it with its reason.
public struct TextEdit: Sendable, Equatable {
    /// Byte range in the stream, on UTF-8 scalar boundaries.
    public var range: Range<Int>
    public var replacement: String
    public var reason: String
    /// What else the text could have become, for decisions a reader may want to check
    /// (a hyphen kept or dropped, an OCR fix).
    public var alternative: String?
    /// Marks to insert at the end of the replacement (a removed running header becomes a page break).
    public var marks: [TextMark.Kind]

    public init(
        range: Range<Int>, replacement: String = "", reason: String, alternative: String? = nil,
        marks: [TextMark.Kind] = []
    ) {
        self.range = range
        self.replacement = replacement
        self.reason = reason
        self.alternative = alternative
        self.marks = marks
    }

}
