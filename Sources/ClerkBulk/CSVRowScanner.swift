/// The state machine of `CSVRecordReader`: reads one CSV row at a time from byte buffers, which
/// may end anywhere (inside a field, a doubled quote or a CRLF), and keeps the row's fields.
/// A struct, so that the loop over the bytes works on its own fields, without the access checks
/// a class's stored properties cost at every use.
struct CSVRowScanner {
    let dialect: CSVDialect
    let maximumRowSize: Int

    /// The line of the next byte to read.
    private(set) var line = 1

    // The row being read.
    private var state = State.fieldStart
    private(set) var rowStarted = false
    private(set) var rowOffset = 0
    private(set) var rowLine = 1
    private(set) var rowEnd = 0
    /// The fields' bytes so far, one after another, and where each field ends (complemented for a
    /// NULL), as `CSVRecord` keeps them.
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = []
    private(set) var fieldCount = 0
    private var fieldStart = 0
    private var fieldQuoted = false
    private var quoteLine = 0
    private var quoteOffset = 0
    private var problem: CSVRecordError.Problem?
    private var unterminated = false
    /// The row passed the size limit: its bytes were let go and are no longer kept.
    private var oversized = false
    /// The stream offset of the buffer being scanned.
    private var chunkOffset = 0

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

    init(dialect: CSVDialect, maximumRowSize: Int) {
        self.dialect = dialect
        self.maximumRowSize = maximumRowSize
    }

    /// Readies for the next row, with room for `size` bytes in `fields` fields.
    mutating func startRow(reserving size: Int, fields: Int) {
        state = .fieldStart
        rowStarted = false
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(size)
        ends.reserveCapacity(fields)
        fieldCount = 0
        fieldStart = 0
        fieldQuoted = false
        problem = nil
        unterminated = false
        oversized = false
    }

    /// Hands over the row's fields (the scanner starts the next row with new arrays).
    mutating func takeFields() -> (bytes: [UInt8], ends: [Int]) {
        defer {
            bytes = []
            ends = []
        }
        return (bytes, ends)
    }

    /// Whether the row is an empty line: one NULL field and nothing wrong.
    var isEmptyLine: Bool {
        fieldCount == 1 && rowProblem == nil && problem == nil && ends == [~0]
    }

    /// What makes the row an error, besides its field count.
    var rowProblem: CSVRecordError.Problem? {
        if unterminated {
            return .unterminatedQuotedField(field: fieldCount, line: quoteLine, byteOffset: quoteOffset)
        }
        if oversized { return .recordTooLarge(limit: maximumRowSize, size: rowEnd - rowOffset) }
        return problem
    }

    /// The input ended at `streamOffset`: ends the row, if one was begun (false: none was).
    mutating func finish(at streamOffset: Int) -> Bool {
        guard rowStarted else { return false }
        rowEnd = streamOffset
        switch state {
        case .quoted, .quotedEscape:
            if state == .quotedEscape, let escape = dialect.escape { store(escape) }
            unterminated = true
        case .unquoted:
            dropCarriageReturn()
        case .fieldStart, .quotedQuote, .afterQuote, .afterQuoteReturn:
            break
        }
        endField(atOffset: streamOffset)
        return true
    }

    /// Reads `buffer` (whose first byte is at `chunkOffset` in the stream) from `index` on, until
    /// the row ends (true) or the buffer does (false).
    mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, from index: inout Int, chunkOffset: Int) -> Bool {
        self.chunkOffset = chunkOffset
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

    /// The row ended with the line feed before buffer index `i`.
    private mutating func endRow(at i: Int) -> Bool {
        line += 1
        rowEnd = chunkOffset + i
        return true
    }

    /// Keeps the first problem of a row.
    private mutating func note(_ found: CSVRecordError.Problem) {
        if problem == nil { problem = found }
    }

    /// Ends the field being read; `i` is the buffer index after its delimiter or line end.
    private mutating func endField(at i: Int) {
        endField(atOffset: chunkOffset + i)
    }

    private mutating func endField(atOffset streamOffset: Int) {
        fieldCount += 1
        if !oversized {
            let isNull = !fieldQuoted && bytes.count == fieldStart
            ends.append(isNull ? ~bytes.count : bytes.count)
            fieldStart = bytes.count
            checkSize(atOffset: streamOffset)
        }
        fieldQuoted = false
        state = .fieldStart
    }

    /// A line feed ends an unquoted field: the carriage return of a CRLF before it is no part of it.
    private mutating func dropCarriageReturn() {
        if bytes.count > fieldStart && bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    }

    @inline(__always)
    private mutating func store(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) {
        guard from < to, !oversized else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[from..<to]))
        checkSize(atOffset: chunkOffset + to)
    }

    @inline(__always)
    private mutating func store(_ byte: UInt8) {
        guard !oversized else { return }
        bytes.append(byte)
    }

    /// Lets go of the row once it passes the limit: by its length in the stream up to
    /// `streamOffset`, or by what it holds (each field's end is a machine word).
    private mutating func checkSize(atOffset streamOffset: Int) {
        guard !oversized else { return }
        if streamOffset - rowOffset > maximumRowSize || ends.count * MemoryLayout<Int>.stride > maximumRowSize {
            oversized = true
            bytes = []
            ends = []
        }
    }
}
