import ClerkBulk

/// Some columns of a CSV table, found by the value of its key column: what a join needs of a
/// table of millions of rows. The kept values of a row lie one after another in one byte array
/// (each a 4-byte length, or `nullLength` for a NULL, then its bytes), and the index maps a key to
/// where its row starts, so a row costs its values' bytes and one index entry (about 40 bytes).
struct KeyedTable {
    let path: String
    let columns: [String]
    /// Rows whose key was given twice (the first is kept) and rows that could not be read.
    private(set) var duplicateKeys = 0
    private(set) var unreadableRows: [String] = []
    private var starts: [String: Int] = [:]
    private var storage: [UInt8] = []
    private static let nullLength = UInt32.max

    /// Reads the table at `path` (compressed or not), keeping `columns` of the rows whose key
    /// column `key` is not NULL and for which `keep` is true. Throws when the file cannot be read
    /// or lacks a column; a row that cannot be read is counted and its problem kept, the rest go on.
    init(path: String, key: String, columns: [String], dialect: CSVDialect, keep: (Substring) -> Bool = { _ in true })
        throws(BulkReadError) {
        self.path = path
        self.columns = columns
        let reader = try CSVRecordReader(path: path, dialect: dialect)
        var indices: [Int]?
        var keyIndex = 0
        while let result = try reader.next() {
            let row: CSVRecord
            switch result {
            case .success(let record): row = record
            case .failure(let error):
                unreadableRows.append(error.description)
                continue
            }
            if indices == nil {
                let header = row.header
                guard let found = header.index(of: key) else { throw Self.missing(key, in: path, header: header) }
                keyIndex = found
                indices = try columns.map { (name) throws(BulkReadError) -> Int in
                    guard let index = header.index(of: name) else { throw Self.missing(name, in: path, header: header) }
                    return index
                }
            }
            guard let keyBytes = row.field(at: keyIndex), !keyBytes.isEmpty else { continue }
            let keyText = Substring(decoding: keyBytes, as: UTF8.self)
            guard keep(keyText) else { continue }
            guard starts[String(keyText)] == nil else {
                duplicateKeys += 1
                continue
            }
            starts[String(keyText)] = storage.count
            for index in indices! {
                guard let value = row.field(at: index) else {
                    Self.append(Self.nullLength, to: &storage)
                    continue
                }
                Self.append(UInt32(truncatingIfNeeded: value.count), to: &storage)
                storage += value
            }
        }
        // A table of no rows still names its columns.
        if indices == nil, reader.header.count > 0 {
            for name in [key] + columns where reader.header.index(of: name) == nil {
                throw Self.missing(name, in: path, header: reader.header)
            }
        }
    }

    /// How many rows are kept.
    var count: Int { starts.count }

    /// The kept values of the row whose key is `key` (in the order of `columns`, nil for a
    /// NULL), or nil when no row has that key.
    func row(_ key: String) -> [String?]? {
        guard var offset = starts[key] else { return nil }
        return storage.withUnsafeBytes { bytes in
            columns.map { _ in
                let length = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
                offset += 4
                guard length != Self.nullLength else { return nil }
                defer { offset += Int(length) }
                return String(decoding: bytes[offset..<offset + Int(length)], as: UTF8.self)
            }
        }
    }

    /// The value of `column` in the row whose key is `key`; nil for a NULL, an unknown key or a
    /// column not kept.
    func value(_ column: String, of key: String) -> String? {
        guard let index = columns.firstIndex(of: column), let row = row(key) else { return nil }
        return row[index]
    }

    /// Calls `body` with every non-NULL value of `column` (a column kept), row by row.
    func forEachValue(of column: String, _ body: (String) -> Void) {
        guard let target = columns.firstIndex(of: column) else { return }
        storage.withUnsafeBytes { bytes in
            for start in starts.values {
                var offset = start
                for index in columns.indices {
                    let length = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
                    offset += 4
                    guard length != Self.nullLength else { continue }
                    if index == target { body(String(decoding: bytes[offset..<offset + Int(length)], as: UTF8.self)) }
                    offset += Int(length)
                }
            }
        }
    }

    private static func append(_ value: UInt32, to storage: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { storage += $0 }
    }

    private static func missing(_ column: String, in path: String, header: CSVHeader) -> BulkReadError {
        BulkReadError(source: path, problem: .badHeader(reason: "no column `\(column)` (the header names: \(header.names.joined(separator: ", ")))"))
    }
}
