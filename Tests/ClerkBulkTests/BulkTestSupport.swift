import ClerkBulk
import ClerkTestSupport
import Foundation
import Testing

/// Every field of a record as text; nil for a NULL.
func texts(_ record: CSVRecord) -> [String?] {
    (0..<record.count).map { record.string(at: $0) }
}

/// Every result of a CSV reader over `text`, read `chunkSize` bytes at a time.
func csvResults(
    _ text: String, chunkSize: Int = ByteChunkReader.defaultChunkSize, dialect: CSVDialect = .rfc4180,
    maximumRecordSize: Int = CSVRecordReader.defaultMaximumRecordSize
) throws -> (header: [String], results: [Result<CSVRecord, CSVRecordError>]) {
    let reader = try CSVRecordReader(
        chunks: ByteChunkReader(bytes: Array(text.utf8), chunkSize: chunkSize), dialect: dialect,
        maximumRecordSize: maximumRecordSize)
    var results: [Result<CSVRecord, CSVRecordError>] = []
    while let result = try reader.next() { results.append(result) }
    return (reader.header.names, results)
}

/// The UTF-8 offset of the first `needle` in `text`.
func byteOffset(of needle: String, in text: String) -> Int {
    let bytes = Array(text.utf8), pattern = Array(needle.utf8)
    return (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) } ?? -1
}

/// Every chunk of `reader`, joined.
func readAll(_ reader: ByteChunkReader) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while let chunk = try reader.next() {
        #expect(!chunk.isEmpty)
        bytes.append(contentsOf: chunk)
    }
    return bytes
}

/// The error reading all of `reader` ends with, or nil when it reads to the end.
func readError(_ reader: ByteChunkReader) -> BulkReadError? {
    do {
        _ = try readAll(reader)
        return nil
    } catch {
        return error as? BulkReadError
    }
}

/// The compression tools the tests run, with the suffix each adds.
enum CompressionTool: String, CaseIterable {
    case bzip2, gzip, xz

    var suffix: String {
        switch self {
        case .bzip2: ".bz2"
        case .gzip: ".gz"
        case .xz: ".xz"
        }
    }

    var compression: Compression {
        switch self {
        case .bzip2: .bzip2
        case .gzip: .gzip
        case .xz: .xz
        }
    }

    /// Compresses the file at `path` with the system's tool, keeping it; the compressed file's path.
    @discardableResult
    func compress(_ path: String) throws -> String {
        let result = try ExternalTool.run(rawValue, ["-k", "-f", path])
        #expect(result.status == 0, "\(rawValue) failed: \(result.output)")
        return path + suffix
    }

    /// The compressed bytes of `bytes`, made by the system's tool in `scratch`.
    func compressed(_ bytes: [UInt8], in scratch: Scratch, name: String) throws -> [UInt8] {
        let path = try scratch.write(name, bytes)
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: compress(path))))
    }
}

/// A CSV file in the manner of CourtListener's opinions: a header and `count` rows whose text
/// fields span lines and hold quotes, commas, CRLFs, NULLs and empty strings. The rows' fields
/// come back too.
func generatedCSV(rows count: Int, seed: UInt64 = 7) -> (text: String, header: [String], rows: [[String?]]) {
    var random = SplitMix64(seed: seed)
    let header = ["id", "date_created", "author_str", "plain_text", "html", "cluster_id"]
    let words = ["the", "court", "held", "that", "a \"quoted\" word", "comma, inside", "line\nbreak", "crlf\r\nbreak", "é ünïcode", "§ 1983"]
    var text = header.joined(separator: ",") + "\n"
    var rows: [[String?]] = []
    for id in 1...count {
        let length = Int(random.next() % 40) + 1
        var body: [String] = []
        for _ in 0..<length { body.append(words[Int(random.next() % UInt64(words.count))]) }
        let plain = body.joined(separator: " ")
        let author: String? = switch random.next() % 3 {
        case 0: nil
        case 1: ""
        default: "Judge \(id)"
        }
        let row: [String?] = ["\(id)", "2024-05-06 00:00:00+00", author, plain, "<p>\(plain)</p>", "\(id * 3)"]
        rows.append(row)
        text += row.map(csvField).joined(separator: ",") + "\n"
    }
    return (text, header, rows)
}

/// A field as PostgreSQL writes it: NULL empty, anything with a delimiter, quote or line end (or
/// empty) quoted with quotes doubled.
func csvField(_ value: String?) -> String {
    guard let value else { return "" }
    if value.isEmpty || value.utf8.contains(where: { [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D].contains($0) }) {
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return value
}
