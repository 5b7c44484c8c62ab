/// The names of a CSV file's columns, from its first row, and the lookup of a column by name.
/// A class: every record of a file refers to the one header.
public final class CSVHeader: Sendable, Equatable {
    public let names: [String]
    private let indices: [String: Int]

    public init(names: [String]) {
        self.names = names
        var indices: [String: Int] = [:]
        // A name given twice is found at its first column.
        for (index, name) in names.enumerated() where indices[name] == nil { indices[name] = index }
        self.indices = indices
    }

    public var count: Int { names.count }

    /// The column named `name` (the first, if there are several), or nil.
    public func index(of name: String) -> Int? { indices[name] }

    public static func == (left: CSVHeader, right: CSVHeader) -> Bool { left.names == right.names }
}
