import ClerkBulk

/// Some columns of a CSV table, found by the value of its key column: what a join needs of a
/// table of millions of rows, kept compactly. The kept values of a row lie one after another in
/// one byte array (each a varint of its length plus one, 0 for a NULL, then its bytes); a row
/// whose key is a number (CourtListener's ids) is found by binary search in one array of
/// (key, start) pairs, 16 bytes a row, and any other key (a court's name-like id) through a
/// dictionary.
struct KeyedTable {
    let path: String
    let columns: [String]
    /// Rows whose key was given twice (the first is kept), and rows that could not be read with
    /// the first one's problem.
    private(set) var duplicateKeys = 0
    private(set) var unreadableRows = 0
    private(set) var firstUnreadableRow: String?
    /// Sorted by key once the table is read.
    private var numbered: [(key: Int, start: Int)] = []
    private var named: [String: Int] = [:]
    private var storage: [UInt8] = []

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
                unreadableRows += 1
                if firstUnreadableRow == nil { firstUnreadableRow = error.description }
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
            if let number = Self.number(keyText) {
                numbered.append((number, storage.count))
            } else {
                guard named[String(keyText)] == nil else {
                    duplicateKeys += 1
                    continue
                }
                named[String(keyText)] = storage.count
            }
            for index in indices! {
                let value = row.field(at: index)
                Self.appendVarint(value.map { $0.count + 1 } ?? 0, to: &storage)
                if let value { storage += value }
            }
        }
        // A table of no rows still names its columns.
        if indices == nil, reader.header.count > 0 {
            for name in [key] + columns where reader.header.index(of: name) == nil {
                throw Self.missing(name, in: path, header: reader.header)
            }
        }
        // By key, and for one key in the file's order: the first row of a key is kept.
        numbered.sort { $0.key != $1.key ? $0.key < $1.key : $0.start < $1.start }
        let before = numbered.count
        var last: Int?
        numbered.removeAll { entry in
            defer { last = entry.key }
            return entry.key == last
        }
        duplicateKeys += before - numbered.count
    }

    /// How many rows are kept.
    var count: Int { numbered.count + named.count }

    /// The kept values of the row whose key is `key` (in the order of `columns`, nil for a
    /// NULL), or nil when no row has that key.
    func row(_ key: String) -> [String?]? {
        guard let start = self.start(of: key) else { return nil }
        var offset = start
        return columns.map { _ in value(at: &offset) }
    }

    /// Every kept row's non-NULL values of `column` (a column kept), each once: the keys its rows
    /// give to another table.
    func keys(in column: String) -> KeySet {
        guard let target = columns.firstIndex(of: column) else { return KeySet() }
        var keys = KeySet()
        keys.numbers.reserveCapacity(count)
        func visit(_ start: Int) {
            var offset = start
            for index in columns.indices {
                let value = value(at: &offset)
                guard index == target, let value else { continue }
                if let number = Self.number(Substring(value)) { keys.numbers.append(number) } else { keys.names.insert(value) }
            }
        }
        for entry in numbered { visit(entry.start) }
        for start in named.values { visit(start) }
        keys.numbers.sort()
        var last: Int?
        keys.numbers.removeAll { number in
            defer { last = number }
            return number == last
        }
        return keys
    }

    /// A key of at most 18 decimal digits (so it fits an Int), as a number; nil otherwise.
    static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18 else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private func start(of key: String) -> Int? {
        guard let number = Self.number(Substring(key)) else { return named[key] }
        let index = Self.lowerBound(numbered.count) { numbered[$0].key < number }
        return index < numbered.count && numbered[index].key == number ? numbered[index].start : nil
    }

    /// The first index of `0..<count` at which `isBelow` (true for a prefix of it) is false.
    static func lowerBound(_ count: Int, _ isBelow: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isBelow(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The value stored at `offset`, moving `offset` past it.
    private func value(at offset: inout Int) -> String? {
        var lengthPlusOne = 0, shift = 0
        while true {
            let byte = storage[offset]
            offset += 1
            lengthPlusOne |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard lengthPlusOne > 0 else { return nil }
        let length = lengthPlusOne - 1
        defer { offset += length }
        return String(decoding: storage[offset..<offset + length], as: UTF8.self)
    }

    private static func appendVarint(_ value: Int, to storage: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            storage.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        storage.append(UInt8(rest))
    }

    private static func missing(_ column: String, in path: String, header: CSVHeader) -> BulkReadError {
        BulkReadError(source: path, problem: .badHeader(reason: "no column `\(column)` (the header names: \(header.names.joined(separator: ", ")))"))
    }
}

/// Keys of a table, to tell which rows of another are wanted: numbers sorted (8 bytes each,
/// found by binary search), other keys in a set.
struct KeySet {
    var numbers: [Int] = []
    var names = Set<String>()

    func contains(_ key: Substring) -> Bool {
        guard let number = KeyedTable.number(key) else { return names.contains(String(key)) }
        let index = KeyedTable.lowerBound(numbers.count) { numbers[$0] < number }
        return index < numbers.count && numbers[index] == number
    }
}
