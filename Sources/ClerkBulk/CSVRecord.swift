/// One data row of a CSV file: its fields as bytes, a NULL (an empty unquoted field) told apart
/// from an empty string (`""`), and where the row starts.
public struct CSVRecord: Sendable {
    public let header: CSVHeader
    public let position: RecordPosition
    /// Every field's bytes, one after another.
    private let bytes: [UInt8]
    /// Where each field ends in `bytes`; a NULL's end is stored complemented (negative).
    private let ends: [Int]

    init(header: CSVHeader, position: RecordPosition, bytes: [UInt8], ends: [Int]) {
        self.header = header
        self.position = position
        self.bytes = bytes
        self.ends = ends
    }

    /// How many fields the row has (the header's count: a row of another count is an error).
    public var count: Int { ends.count }

    /// The bytes of all its fields together.
    public var byteCount: Int { bytes.count }

    /// Whether field `index` is NULL.
    public func isNull(at index: Int) -> Bool { ends[index] < 0 }

    /// The bytes of field `index` (0-based); nil for a NULL.
    public func field(at index: Int) -> ArraySlice<UInt8>? {
        let end = ends[index]
        guard end >= 0 else { return nil }
        let start = index == 0 ? 0 : Self.unpack(ends[index - 1])
        return bytes[start..<end]
    }

    /// The bytes of the column named `name`; nil for a NULL or when no column has that name (the
    /// header's `index(of:)` tells which).
    public func field(named name: String) -> ArraySlice<UInt8>? {
        header.index(of: name).flatMap { field(at: $0) }
    }

    /// Field `index` as text (bytes that are not UTF-8 become U+FFFD); nil for a NULL.
    public func string(at index: Int) -> String? {
        field(at: index).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The column named `name` as text; nil for a NULL or an unknown name.
    public func string(named name: String) -> String? {
        field(named: name).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func unpack(_ end: Int) -> Int { end < 0 ? ~end : end }
}
