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
    /// How sure the stage is of a guess, from 0 to 1 (OCR repairs).
    public var confidence: Double?
    /// Marks to insert at the end of the replacement (a removed running header becomes a page break).
    public var marks: [TextMark.Kind]

    public init(
        range: Range<Int>, replacement: String = "", reason: String, alternative: String? = nil,
        confidence: Double? = nil, marks: [TextMark.Kind] = []
    ) {
        self.range = range
        self.replacement = replacement
        self.reason = reason
        self.alternative = alternative
        self.confidence = confidence
        self.marks = marks
    }

}
