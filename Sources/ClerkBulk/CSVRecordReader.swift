/// Reads a CSV file's rows as records, streaming: memory holds one chunk of the input and the row
/// being read, never more, whatever the file's size. The first row is the header.
///
/// The parser is written here rather than taken from a package: the CSV packages at hand
/// (yaslab/CSV.swift, swiftcsv/SwiftCSV) read from a Foundation `InputStream` or a whole
/// `String` and stop at the first malformed row, while a bulk file of tens of gigabytes comes
/// from a decompressor as bytes, must go on past a bad row, and each record must say where it
/// starts (line and byte offset) so that a problem can be found in the file.
///
/// What it reads: RFC 4180 and PostgreSQL's `COPY … TO … (FORMAT csv)`, in the quoting of a
/// `CSVDialect`. Fields may span lines inside quotes; rows end with LF or CRLF; a NULL (an empty
/// unquoted field) is told apart from an empty string (`""`). An empty line is skipped when the
/// header has more than one column (in a one-column file it is a row with one NULL).
///
/// A malformed row comes back as a `CSVRecordError` and reading goes on with the next row. A
/// quote inside an unquoted field (`ab"c`), or text after a closing quote (`"ab"c`), is taken as
/// an ordinary byte of the field, the row goes on by the ordinary rules to its end, and the row
/// is reported. So the reader picks up again where the writer's own rows resume: a quoted field
/// later in the broken row that spans lines is still read as one field, and a stray quote never
/// opens a quoted section that would swallow the rows after it. Only an opening quote at a
/// field's start runs on to the next quote, however far (held only up to the size limit); when
/// the input ends first, the error names the line and byte where that field starts.
public final class CSVRecordReader {
    /// A row longer than this in the stream is skipped (and reported) without being held.
    public static let defaultMaximumRecordSize = 512 << 20

    public var dialect: CSVDialect { scanner.dialect }
    public var maximumRecordSize: Int { scanner.maximumRowSize }
    /// The names of the columns, from the first row.
    public private(set) var header = CSVHeader(names: [])
    /// The chunks underneath: the compression, and the progress by compressed bytes read.
    public var chunkReader: ByteChunkReader { feed.reader }

    private let feed: ChunkFeed
    private var scanner: CSVRowScanner
    /// Index of the next byte to read in `feed.chunk`, and that chunk's stream offset.
    private var index = 0
    private var chunkOffset = 0
    private var recordsRead = 0
    private var lastRowSize = 0
    private var largestRowCapacity = 0

    /// Opens the file at `path` (compressed or not) and reads its header.
    public convenience init(
        path: String, dialect: CSVDialect = .rfc4180, maximumRecordSize: Int = CSVRecordReader.defaultMaximumRecordSize
    ) throws(BulkReadError) {
        try self.init(chunks: ByteChunkReader(path: path), dialect: dialect, maximumRecordSize: maximumRecordSize)
    }

    /// Reads the header from `chunks`.
    public init(
        chunks: ByteChunkReader, dialect: CSVDialect = .rfc4180, maximumRecordSize: Int = CSVRecordReader.defaultMaximumRecordSize
    ) throws(BulkReadError) {
        feed = ChunkFeed(reader: chunks)
        scanner = CSVRowScanner(dialect: dialect, maximumRowSize: max(1, maximumRecordSize))
        try readHeader()
    }

    /// The next row: a record, or the error that row has (reading can go on after it); nil at
    /// the end. A thrown error is the stream's own (a cut or corrupt compressed file): nothing
    /// more can be read.
    public func next() throws(BulkReadError) -> Result<CSVRecord, CSVRecordError>? {
        while try readRow() {
            if scanner.isEmptyLine && header.count > 1 { continue }
            recordsRead += 1
            let position = RecordPosition(number: recordsRead, line: scanner.rowLine, byteOffset: scanner.rowOffset)
            if let failure = scanner.rowProblem {
                return .failure(CSVRecordError(position: position, problem: failure))
            }
            if scanner.fieldCount != header.count {
                let problem = CSVRecordError.Problem.wrongFieldCount(expected: header.count, found: scanner.fieldCount)
                return .failure(CSVRecordError(position: position, problem: problem))
            }
            let (bytes, ends) = scanner.takeFields()
            largestRowCapacity = max(largestRowCapacity, bytes.capacity)
            lastRowSize = bytes.count
            return .success(CSVRecord(header: header, position: position, bytes: bytes, ends: ends))
        }
        return nil
    }

    /// The most bytes the reader held at once: the chunk reader's buffers and the largest row's.
    /// (Records handed out belong to the caller.)
    var largestBufferCapacity: Int {
        feed.reader.bufferCapacity + max(largestRowCapacity, scanner.bytes.capacity)
            + scanner.ends.capacity * MemoryLayout<Int>.stride
    }

    private func readHeader() throws(BulkReadError) {
        guard try readRow() else {
            throw BulkReadError(source: feed.reader.sourceName, problem: .badHeader(reason: "the input is empty"))
        }
        if let failure = scanner.rowProblem {
            let reason = CSVRecordError(
                position: RecordPosition(number: 0, line: scanner.rowLine, byteOffset: scanner.rowOffset), problem: failure)
            throw BulkReadError(source: feed.reader.sourceName, problem: .badHeader(reason: "the header row: \(reason.problemDescription)"))
        }
        let (bytes, ends) = scanner.takeFields()
        let unpack = { (end: Int) in end < 0 ? ~end : end }
        header = CSVHeader(names: ends.indices.map { index in
            let start = index == 0 ? 0 : unpack(ends[index - 1])
            return String(decoding: bytes[start..<unpack(ends[index])], as: UTF8.self)
        })
    }

    /// Reads the next row into the scanner; false at the end of the input.
    private func readRow() throws(BulkReadError) -> Bool {
        scanner.startRow(reserving: min(lastRowSize + lastRowSize / 8, 1 << 20), fields: header.count)
        while true {
            if index >= feed.chunk.count {
                guard try feed.advance() else { return scanner.finish(at: chunkOffset + index) }
                index = 0
                chunkOffset = feed.chunkOffset
            }
            if feed.chunk.withUnsafeBufferPointer({ scanner.scan($0, from: &index, chunkOffset: chunkOffset) }) { return true }
        }
    }
}
