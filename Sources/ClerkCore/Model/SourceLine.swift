/// A line of the decoded text during the layout stages, with where it starts in the raw input.
public struct SourceLine: Sendable, Equatable {
    /// The line without its line terminator.
    public var text: String
    /// Byte offset of the line's first byte in the raw input.
    public var sourceOffset: Int

    public init(text: String, sourceOffset: Int) {
        self.text = text
        self.sourceOffset = sourceOffset
    }

    /// True when the line holds only spaces and tabs (or nothing).
    public var isBlank: Bool {
        text.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}
