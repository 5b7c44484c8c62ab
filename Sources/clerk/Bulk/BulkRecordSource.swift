import ClerkBulk
import ClerkJSON

/// The records of one bulk file (a CSV table, JSON Lines, a JSON array, or one JSON object;
/// compressed or not), read as a stream: each record's bytes as a JSON object, its id and where
/// it stands in the file. A compressed file that holds no records (a text or HTML dump) is one
/// document, its bytes decompressed. A CSV row becomes the object of its columns by the header's names (a
/// NULL column is `null`), which is the shape of a CourtListener API record, so the readers see
/// one shape whatever the container.
final class BulkRecordSource {
    /// One record, or why it cannot be read; the records after it still come.
    enum Item {
        case record(bytes: [UInt8], id: String?, position: RecordPosition)
        /// The whole of a compressed file that is one document.
        case document(bytes: [UInt8])
        case unreadable(String)
    }

    let path: String
    /// nil: one document.
    let format: BulkFormat?
    private let next: () throws(BulkReadError) -> Item?
    private let chunks: ByteChunkReader

    /// Opens `path`; the format is told from its name and first bytes (`BulkFormat`). A file that
    /// is one document (or one JSON record) is read whole, up to `maximumDocumentBytes`.
    /// With `join`, each record gets the case's columns of CourtListener's other tables.
    init(path: String, dialect: CSVDialect = .rfc4180, join: CourtListenerJoin? = nil, maximumDocumentBytes: Int = .max)
        throws(BulkReadError) {
        self.path = path
        let probe = try ByteChunkReader(path: path, chunkSize: 64 << 10)
        let first = try probe.next() ?? []
        let format = BulkFormat.detect(path: path, firstBytes: first)
        self.format = format
        guard let format else {
            guard probe.compression != .none else {
                throw BulkReadError(source: path, problem: .badHeader(reason: "neither CSV nor JSON records (the first bytes start no JSON value)"))
            }
            let reader = try ByteChunkReader(path: path)
            chunks = reader
            next = Self.whole(reader, maximumBytes: maximumDocumentBytes) { .document(bytes: $0) }
            return
        }
        switch format {
        case .csv:
            let reader = try CSVRecordReader(path: path, dialect: dialect)
            chunks = reader.chunkReader
            next = { () throws(BulkReadError) -> Item? in
                guard let result = try reader.next() else { return nil }
                switch result {
                case .success(let row): return Self.item(row, join: join)
                case .failure(let error):
                    guard dialect.escape == nil, case .textAfterClosingQuote = error.problem else { return .unreadable(error.description) }
                    return .unreadable(error.description
                        + " (if the table escapes quotes with a backslash, as PostgreSQL's COPY … ESCAPE '\\' writes them, give --csv-escape '\\')")
                }
            }
        case .jsonObject:
            // One record, maybe pretty-printed over many lines: the whole stream.
            let reader = try ByteChunkReader(path: path)
            chunks = reader
            next = Self.whole(reader, maximumBytes: maximumDocumentBytes) { bytes in
                Self.item(.success(JSONRecord(bytes: bytes, position: RecordPosition(number: 1, line: 1, byteOffset: 0))), join: join)
            }
        case .jsonLines:
            let reader = try JSONLinesRecordReader(path: path)
            chunks = reader.chunkReader
            next = { () throws(BulkReadError) -> Item? in
                guard let result = try reader.next() else { return nil }
                return Self.item(result, join: join)
            }
        case .jsonArray:
            let reader = try JSONArrayRecordReader(path: path)
            chunks = reader.chunkReader
            next = { () throws(BulkReadError) -> Item? in
                guard let result = try reader.next() else { return nil }
                return Self.item(result, join: join)
            }
        }
    }

    /// The one item of a file read whole: `make` of its bytes, or a refusal once it passes
    /// `maximumBytes` (the rest is not read).
    private static func whole(
        _ reader: ByteChunkReader, maximumBytes: Int, _ make: @escaping ([UInt8]) -> Item
    ) -> () throws(BulkReadError) -> Item? {
        var done = false
        return { () throws(BulkReadError) -> Item? in
            guard !done else { return nil }
            done = true
            var bytes: [UInt8] = []
            while let chunk = try reader.next() {
                bytes += chunk
                if bytes.count > maximumBytes {
                    return .unreadable("more than \(maximumBytes) bytes decompressed, more than --max-input-size allows")
                }
            }
            return make(bytes)
        }
    }

    /// The next record, nil at the end; throws when the stream itself fails (a cut or corrupt
    /// compressed file, a read error), after which no record comes.
    func nextItem() throws(BulkReadError) -> Item? {
        try next()
    }

    /// Bytes of the file read so far (compressed, when it is), for progress.
    var bytesRead: Int { chunks.compressedBytesRead }

    private static func item(_ row: CSVRecord, join: CourtListenerJoin?) -> Item {
        let id = row.string(named: "id").flatMap { $0.isEmpty ? nil : $0 }
        let names = row.header.names
        guard join != nil || Set(names).count < names.count else {
            return .record(bytes: objectBytes(row), id: id, position: row.position)
        }
        // A join adds columns, and a name given twice keeps one member: through an object.
        var object = JSONObject()
        for (index, name) in names.enumerated() {
            object[name] = row.string(at: index).map(JSONValue.string) ?? .null
        }
        join?.complete(&object)
        return .record(bytes: JSONWriter.write(.object(object), pretty: false), id: id, position: row.position)
    }

    /// The row as a JSON object written straight from its fields' bytes (a field that is not
    /// UTF-8 has its bad bytes replaced by U+FFFD, as a String of it would).
    private static func objectBytes(_ row: CSVRecord) -> [UInt8] {
        var writer = JSONStreamWriter(capacity: row.byteCount + 32 * row.count)
        writer.beginObject()
        for (index, name) in row.header.names.enumerated() {
            writer.key(name)
            guard let field = row.field(at: index) else {
                writer.null()
                continue
            }
            if (try? UTF8Span(validating: field.span)) != nil {
                field.withUnsafeBufferPointer { writer.string(utf8: $0) }
            } else {
                writer.string(String(decoding: field, as: UTF8.self))
            }
        }
        writer.end()
        return writer.finish()
    }

    private static func item(_ result: Result<JSONRecord, JSONRecordError>, join: CourtListenerJoin?) -> Item {
        switch result {
        case .failure(let error):
            return .unreadable(error.description)
        case .success(let record):
            // Parsed for its id (the reader parses it again: a record is read whole either way).
            let value: JSONValue
            do {
                value = try JSONReader.parse(record.bytes)
            } catch {
                return .unreadable("\(record.position): not JSON: \(error.description)")
            }
            guard case .object(var object) = value else {
                return .unreadable("\(record.position): a JSON \(value.typeName), not a record (an object)")
            }
            let id: String? = switch value["id"] {
            case .int(let number)?: String(number)
            case .string(let text)? where !text.isEmpty: text
            default: nil
            }
            guard let join else { return .record(bytes: record.bytes, id: id, position: record.position) }
            join.complete(&object)
            return .record(bytes: JSONWriter.write(.object(object), pretty: false), id: id, position: record.position)
        }
    }
}
