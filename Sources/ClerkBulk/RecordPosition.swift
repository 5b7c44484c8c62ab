/// Where a record of a bulk input starts: what errors name and what a converted record can point
/// back to.
public struct RecordPosition: Sendable, Hashable, CustomStringConvertible {
    /// 1-based, in input order (a CSV header row is not counted).
    public var number: Int
    /// 1-based line of the record's first byte.
    public var line: Int
    /// Offset of the record's first byte in the decompressed stream (a byte order mark counts).
    public var byteOffset: Int

    public init(number: Int, line: Int, byteOffset: Int) {
        self.number = number
        self.line = line
        self.byteOffset = byteOffset
    }

    /// "record 12 (line 40, byte 10234)".
    public var description: String { "record \(number) (line \(line), byte \(byteOffset))" }
}
