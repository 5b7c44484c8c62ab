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
/// opens a quoted section that would swallow the rows after it. Only an opening quote that is
/// never closed runs to the end of the input (or to the size limit), and that is reported with
/// the line and byte where the field starts.
public final class CSVRecordReader {
    /// A row longer than this in the stream is skipped (and reported) without being held.
    public static let defaultMaximumRecordSize = 512 << 20

    public let dialect: CSVDialect
    public let maximumRecordSize: Int
    /// The names of the columns, from the first row.
    public private(set) var header = CSVHeader(names: [])
    /// The chunks underneath: the compression, and the progress by compressed bytes read.
    public var chunkReader: ByteChunkReader { feed.reader }

    private let feed: ChunkFeed
    /// Index of the next byte to read in `feed.chunk`, and that chunk's stream offset.
    private var index = 0
    private var chunkOffset = 0
    /// The line of the next byte to read.
    private var line = 1
    private var recordsRead = 0

    // The row being read.
    private var state = State.fieldStart
    private var rowStarted = false
    private var rowOffset = 0
    private var rowLine = 1
    private var rowEnd = 0
    /// The fields' bytes so far, one after another, and where each field ends (complemented for a
    /// NULL), as `CSVRecord` keeps them.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var fieldCount = 0
    private var fieldStart = 0
    private var fieldQuoted = false
    private var quoteLine = 0
    private var quoteOffset = 0
    private var problem: CSVRecordError.Problem?
    private var unterminated = false
    /// The row passed the size limit: its bytes were let go and are no longer kept.
    private var oversized = false
    private var largestRowCapacity = 0

    private enum State {
        /// At a field's first byte.
        case fieldStart
        case unquoted
        case quoted
        /// After a quote inside a quoted field (doubled quotes): a quote, or the field's end.
        case quotedQuote
        /// After the escape byte inside a quoted field.
        case quotedEscape
        /// After a quoted field's closing quote: a delimiter or a line end must follow.
        case afterQuote
        /// After a closing quote and a carriage return: a line feed must follow.
        case afterQuoteReturn
    }

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
        self.dialect = dialect
        self.maximumRecordSize = max(1, maximumRecordSize)
        try readHeader()
    }

    /// The next row: a record, or the error that row has (reading can go on after it); nil at
    /// the end. A thrown error is the stream's own (a cut or corrupt compressed file): nothing
    /// more can be read.
    public func next() throws(BulkReadError) -> Result<CSVRecord, CSVRecordError>? {
        while try readRow() {
            let blank = fieldCount == 1 && !oversized && !unterminated && problem == nil && ends == [~0]
            if blank && header.count > 1 { continue }
            recordsRead += 1
            let position = RecordPosition(number: recordsRead, line: rowLine, byteOffset: rowOffset)
            if let failure = rowProblem() {
                return .failure(CSVRecordError(position: position, problem: failure))
            }
            if fieldCount != header.count {
                return .failure(CSVRecordError(position: position, problem: .wrongFieldCount(expected: header.count, found: fieldCount)))
            }
            largestRowCapacity = max(largestRowCapacity, bytes.capacity)
            let record = CSVRecord(header: header, position: position, bytes: bytes, ends: ends)
            bytes = []
            ends = []
            return .success(record)
        }
        return nil
    }

    /// The most bytes the reader held at once: the chunk reader's buffers and the largest row's.
    /// (Records handed out belong to the caller.)
    var largestBufferCapacity: Int {
        feed.reader.bufferCapacity + max(largestRowCapacity, bytes.capacity) + ends.capacity * MemoryLayout<Int>.stride
    }

    // MARK: - Rows

    private func readHeader() throws(BulkReadError) {
        guard try readRow() else {
            throw BulkReadError(source: feed.reader.sourceName, problem: .badHeader(reason: "the input is empty"))
        }
        if let failure = rowProblem() {
            let reason = CSVRecordError(position: RecordPosition(number: 0, line: rowLine, byteOffset: rowOffset), problem: failure)
            throw BulkReadError(source: feed.reader.sourceName, problem: .badHeader(reason: "the header row: \(reason.problemDescription)"))
        }
        header = CSVHeader(names: (0..<fieldCount).map { index in
            let end = ends[index] < 0 ? ~ends[index] : ends[index]
            let start = index == 0 ? 0 : (ends[index - 1] < 0 ? ~ends[index - 1] : ends[index - 1])
            return String(decoding: bytes[start..<end], as: UTF8.self)
        })
        bytes = []
        ends = []
    }

    /// What makes the row just read an error, besides its field count.
    private func rowProblem() -> CSVRecordError.Problem? {
        if unterminated {
            return .unterminatedQuotedField(field: fieldCount, line: quoteLine, byteOffset: quoteOffset)
        }
        if oversized { return .recordTooLarge(limit: maximumRecordSize, size: rowEnd - rowOffset) }
        return problem
    }

    /// Reads the next row into the row state; false at the end of the input.
    private func readRow() throws(BulkReadError) -> Bool {
        state = .fieldStart
        rowStarted = false
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        fieldCount = 0
        fieldStart = 0
        fieldQuoted = false
        problem = nil
        unterminated = false
        oversized = false
        while true {
            if index >= feed.chunk.count {
                guard try feed.advance() else { return finishAtEnd() }
                index = 0
                chunkOffset = feed.chunkOffset
            }
            if feed.chunk.withUnsafeBufferPointer({ scan($0) }) { return true }
        }
    }

    /// The input ended: ends the row being read, if one was begun.
    private func finishAtEnd() -> Bool {
        guard rowStarted else { return false }
        rowEnd = chunkOffset + index
        switch state {
        case .quoted, .quotedEscape:
            if state == .quotedEscape, let escape = dialect.escape { store(escape) }
            unterminated = true
        case .unquoted:
            dropCarriageReturn()
        case .fieldStart, .quotedQuote, .afterQuote, .afterQuoteReturn:
            break
        }
        endField(at: index)
        return true
    }

    // MARK: - Scanning

    /// Reads `buffer` from `index` on until the row ends (true) or the buffer does (false).
    private func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = buffer.count
        let delimiter = dialect.delimiter, quote = dialect.quote
        let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var i = index
        defer { index = i }
        while i < count {
            switch state {
            case .fieldStart:
                if !rowStarted {
                    rowStarted = true
                    rowOffset = chunkOffset + i
                    rowLine = line
                }
                let byte = buffer[i]
                if byte == quote {
                    state = .quoted
                    fieldQuoted = true
                    quoteLine = line
                    quoteOffset = chunkOffset + i
                    i += 1
                } else if byte == delimiter {
                    i += 1
                    endField(at: i)
                } else if byte == lineFeed {
                    i += 1
                    endField(at: i)
                    return endRow(at: i)
                } else {
                    state = .unquoted
                }

            case .unquoted:
                var j = i
                while j < count {
                    let byte = buffer[j]
                    if byte == delimiter || byte == lineFeed || byte == quote { break }
                    j += 1
                }
                store(buffer, from: i, to: j)
                i = j
                guard j < count else { break }
                let byte = buffer[j]
                i += 1
                if byte == quote {
                    note(.quoteInUnquotedField(field: fieldCount + 1, line: line, byteOffset: chunkOffset + j))
                    store(byte)
                } else if byte == delimiter {
                    endField(at: i)
                    state = .fieldStart
                } else {
                    dropCarriageReturn()
                    endField(at: i)
                    return endRow(at: i)
                }

            case .quoted:
                let stop = if let escape = dialect.escape {
                    ByteScan.firstIndex(of: quote, or: escape, in: buffer, from: i, to: count)
                } else {
                    ByteScan.firstIndex(of: quote, in: buffer, from: i, to: count)
                }
                line += ByteScan.lineFeeds(in: buffer, from: i, to: stop)
                store(buffer, from: i, to: stop)
                i = stop
                guard stop < count else { break }
                state = buffer[stop] == quote ? (dialect.escape == nil ? .quotedQuote : .afterQuote) : .quotedEscape
                i += 1

            case .quotedQuote:
                if buffer[i] == quote {
                    store(quote)
                    state = .quoted
                    i += 1
                } else {
                    state = .afterQuote
                }

            case .quotedEscape:
                let byte = buffer[i]
                if byte == quote || byte == dialect.escape {
                    store(byte)
                    i += 1
                } else if let escape = dialect.escape {
                    store(escape)
                }
                state = .quoted

            case .afterQuote:
                let byte = buffer[i]
                if byte == delimiter {
                    i += 1
                    endField(at: i)
                    state = .fieldStart
                } else if byte == lineFeed {
                    i += 1
                    endField(at: i)
                    return endRow(at: i)
                } else if byte == carriageReturn {
                    i += 1
                    state = .afterQuoteReturn
                } else {
                    note(.textAfterClosingQuote(field: fieldCount + 1, line: line, byteOffset: chunkOffset + i))
                    state = .unquoted
                }

            case .afterQuoteReturn:
                if buffer[i] == lineFeed {
                    i += 1
                    endField(at: i)
                    return endRow(at: i)
                }
                note(.textAfterClosingQuote(field: fieldCount + 1, line: line, byteOffset: chunkOffset + i - 1))
                store(carriageReturn)
                state = .unquoted
            }
        }
        return false
    }

    /// The row ended with the line feed before `i`.
    private func endRow(at i: Int) -> Bool {
        line += 1
        rowEnd = chunkOffset + i
        checkSize(at: i)
        return true
    }

    /// Keeps the first problem of a row.
    private func note(_ found: CSVRecordError.Problem) {
        if problem == nil { problem = found }
    }

    /// Ends the field being read; `i` is the chunk index after its delimiter or line end.
    private func endField(at i: Int) {
        fieldCount += 1
        if !oversized {
            let isNull = !fieldQuoted && bytes.count == fieldStart
            ends.append(isNull ? ~bytes.count : bytes.count)
            fieldStart = bytes.count
            checkSize(at: i)
        }
        fieldQuoted = false
        state = .fieldStart
    }

    /// A line feed ends an unquoted field: the carriage return of a CRLF before it is no part of it.
    private func dropCarriageReturn() {
        if bytes.count > fieldStart && bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    }

    @inline(__always)
    private func store(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) {
        guard from < to, !oversized else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[from..<to]))
        checkSize(at: to)
    }

    @inline(__always)
    private func store(_ byte: UInt8) {
        guard !oversized else { return }
        bytes.append(byte)
    }

    /// Lets go of the row once it passes the limit: by its length in the stream up to chunk index
    /// `i`, or by what it holds (each field's end is a machine word).
    private func checkSize(at i: Int) {
        guard !oversized else { return }
        let length = chunkOffset + i - rowOffset
        if length > maximumRecordSize || ends.count * MemoryLayout<Int>.stride > maximumRecordSize {
            oversized = true
            largestRowCapacity = max(largestRowCapacity, bytes.capacity)
            bytes = []
            ends = []
        }
    }
}
