/// One JSON value of a bulk input, as bytes (the caller parses it), and where it starts: a line
/// of a JSON Lines file (without its line end) or an element of a top-level JSON array.
public struct JSONRecord: Sendable {
    public let bytes: [UInt8]
    /// For an array's element, `number - 1` is its index in the array.
    public let position: RecordPosition

    public init(bytes: [UInt8], position: RecordPosition) {
        self.bytes = bytes
        self.position = position
    }
}
