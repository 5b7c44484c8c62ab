/// Reads a file whose top level is one JSON array (`[ {…}, {…} ]`), streaming: each element's
/// bytes in turn, with memory for one chunk of the input and one element. The elements are not
/// parsed; the scan only follows strings (with their backslash escapes) and the nesting of `{}`
/// and `[]` to find where each element ends, and checks that brackets match and that elements
/// are separated by commas.
public final class JSONArrayRecordReader {
    /// An element longer than this is skipped (and reported) without being held.
    public static let defaultMaximumRecordSize = 512 << 20

    public let maximumRecordSize: Int
    /// The chunks underneath: the compression, and the progress by compressed bytes read.
    public var chunkReader: ByteChunkReader { feed.reader }

    private let feed: ChunkFeed
    private var index = 0
    private var chunkOffset = 0
    private var line = 1
    private var elementsRead = 0
    private var state = State.beforeArray
    private var ended = false

    // The element being read.
    private var bytes: [UInt8] = []
    private var brackets = BracketStack()
    private var inString = false
    private var escaped = false
    /// The element is a number, `true`, `false` or `null`: it ends before a comma, `]` or space.
    private var inScalar = false
    private var elementOffset = 0
    private var elementLine = 1
    private var oversized = false

    private enum State {
        case beforeArray
        /// After `[`: an element or `]`.
        case beforeFirstElement
        /// After a comma: an element.
        case beforeElement
        case inElement
        /// After an element: a comma or `]`.
        case afterElement
        /// After the closing `]`: only whitespace.
        case afterArray
        /// A fault in the structure was reported; nothing more is read.
        case failed
    }

    /// What one scan of a chunk found.
    private enum Found {
        case element(end: Int)
        case fault(JSONRecordError.Problem)
    }

    /// Opens the file at `path` (compressed or not).
    public convenience init(path: String, maximumRecordSize: Int = JSONArrayRecordReader.defaultMaximumRecordSize) throws(BulkReadError) {
        try self.init(chunks: ByteChunkReader(path: path), maximumRecordSize: maximumRecordSize)
    }

    public init(chunks: ByteChunkReader, maximumRecordSize: Int = JSONArrayRecordReader.defaultMaximumRecordSize) {
        feed = ChunkFeed(reader: chunks)
        self.maximumRecordSize = max(1, maximumRecordSize)
    }

    /// The next element, or the error at it; nil at the end. After an error that is not
    /// `isRecoverable`, the next call returns nil. A thrown error is the stream's own.
    public func next() throws(BulkReadError) -> Result<JSONRecord, JSONRecordError>? {
        while state != .failed {
            if index >= feed.chunk.count {
                if !ended, try !feed.advance() { ended = true }
                if ended {
                    return finishAtEnd()
                }
                index = 0
                chunkOffset = feed.chunkOffset
            }
            switch feed.chunk.withUnsafeBufferPointer({ scan($0) }) {
            case nil:
                continue
            case .element(let end)?:
                return completeElement(end: end)
            case .fault(let problem)?:
                let position = nextPosition
                state = .failed
                return .failure(JSONRecordError(position: position, problem: problem))
            }
        }
        return nil
    }

    /// The bytes the reader holds on to: the chunk reader's buffers and the element being read.
    var bufferCapacity: Int { feed.reader.bufferCapacity + bytes.capacity }

    /// The element being read, or the one that would come next.
    private var nextPosition: RecordPosition {
        state == .inElement
            ? RecordPosition(number: elementsRead + 1, line: elementLine, byteOffset: elementOffset)
            : RecordPosition(number: elementsRead + 1, line: line, byteOffset: chunkOffset + index)
    }

    private func completeElement(end: Int) -> Result<JSONRecord, JSONRecordError> {
        elementsRead += 1
        let position = RecordPosition(number: elementsRead, line: elementLine, byteOffset: elementOffset)
        if oversized {
            oversized = false
            return .failure(JSONRecordError(position: position, problem: .recordTooLarge(limit: maximumRecordSize, size: end - elementOffset)))
        }
        let record = JSONRecord(bytes: bytes, position: position)
        bytes = []
        return .success(record)
    }

    private func finishAtEnd() -> Result<JSONRecord, JSONRecordError>? {
        let here = (line: line, offset: chunkOffset + index)
        let expected: String
        switch state {
        case .afterArray, .failed:
            state = .failed
            return nil
        case .inElement where inScalar:
            // The input's end ends a number or a literal; the array is still open.
            state = .afterElement
            return completeElement(end: here.offset)
        case .beforeArray: expected = "'[' (the input holds no JSON array)"
        case .beforeFirstElement, .afterElement: expected = "',' or ']'"
        case .beforeElement: expected = "an element"
        case .inElement:
            expected = inString ? "the end of a string" : (brackets.innermostIsObject ? "'}'" : "']'")
        }
        let position = nextPosition
        state = .failed
        return .failure(JSONRecordError(position: position, problem: .unexpectedEnd(expected: expected, line: here.line, byteOffset: here.offset)))
    }

    // MARK: - Scanning

    /// Reads `buffer` from `index` on until an element ends or a fault is found (nil: the buffer
    /// ended first).
    private func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> Found? {
        let count = buffer.count
        while index < count {
            let byte = buffer[index]
            switch state {
            case .beforeArray, .beforeFirstElement, .beforeElement, .afterElement, .afterArray:
                if Self.isWhitespace(byte) {
                    if byte == 0x0A { line += 1 }
                    index += 1
                    continue
                }
                if let fault = step(between: byte) { return fault }
            case .inElement:
                if let found = scanElement(buffer) { return found }
            case .failed:
                return nil
            }
        }
        if state == .inElement { keep(buffer, to: count) }
        return nil
    }

    /// The structure between elements: `byte` is not whitespace.
    private func step(between byte: UInt8) -> Found? {
        let here = (line: line, offset: chunkOffset + index)
        switch state {
        case .beforeArray:
            guard byte == UInt8(ascii: "[") else {
                return .fault(.unexpectedByte(byte, expected: "'[' (the input holds no JSON array)", line: here.line, byteOffset: here.offset))
            }
            state = .beforeFirstElement
            index += 1
        case .beforeFirstElement where byte == UInt8(ascii: "]"), .afterElement where byte == UInt8(ascii: "]"):
            state = .afterArray
            index += 1
        case .afterElement:
            guard byte == UInt8(ascii: ",") else {
                return .fault(.unexpectedByte(byte, expected: "',' or ']'", line: here.line, byteOffset: here.offset))
            }
            state = .beforeElement
            index += 1
        case .beforeFirstElement, .beforeElement:
            guard byte != UInt8(ascii: ","), byte != UInt8(ascii: "]"), byte != UInt8(ascii: "}") else {
                return .fault(.unexpectedByte(byte, expected: "an element", line: here.line, byteOffset: here.offset))
            }
            state = .inElement
            elementOffset = here.offset
            elementLine = here.line
            brackets.removeAll()
            inString = false
            escaped = false
            inScalar = byte != UInt8(ascii: "{") && byte != UInt8(ascii: "[") && byte != UInt8(ascii: "\"")
            segmentStart = index
        case .afterArray:
            return .fault(.unexpectedByte(byte, expected: "nothing after the array's closing ']'", line: here.line, byteOffset: here.offset))
        case .inElement, .failed:
            break
        }
        return nil
    }

    /// Where the element's bytes in this chunk start (0 when it began in an earlier chunk).
    private var segmentStart = 0

    /// Reads inside an element until it ends (its end offset) or the buffer does (nil).
    private func scanElement(_ buffer: UnsafeBufferPointer<UInt8>) -> Found? {
        let count = buffer.count
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var i = index
        defer { index = i }
        while i < count {
            if inString {
                if escaped {
                    escaped = false
                    if buffer[i] == 0x0A { line += 1 }
                    i += 1
                    continue
                }
                let stop = ByteScan.firstIndex(of: quote, or: backslash, in: buffer, from: i, to: count)
                line += ByteScan.lineFeeds(in: buffer, from: i, to: stop)
                i = stop
                guard stop < count else { break }
                if buffer[stop] == backslash {
                    escaped = true
                } else {
                    inString = false
                    if brackets.isEmpty {
                        // A string as the whole element.
                        i += 1
                        return endElement(buffer, at: i)
                    }
                }
                i += 1
                continue
            }
            let byte = buffer[i]
            if inScalar {
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || Self.isWhitespace(byte) {
                    return endElement(buffer, at: i)
                }
                i += 1
                continue
            }
            switch byte {
            case quote:
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                brackets.push(object: byte == UInt8(ascii: "{"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard !brackets.isEmpty, brackets.innermostIsObject == (byte == UInt8(ascii: "}")) else {
                    let expected = brackets.isEmpty ? "',' or ']'" : (brackets.innermostIsObject ? "'}'" : "']'")
                    return .fault(.unexpectedByte(byte, expected: expected, line: line, byteOffset: chunkOffset + i))
                }
                brackets.pop()
                if brackets.isEmpty {
                    i += 1
                    return endElement(buffer, at: i)
                }
            case 0x0A:
                line += 1
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The element ends before chunk index `i`.
    private func endElement(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Found {
        keep(buffer, to: i)
        state = .afterElement
        inScalar = false
        return .element(end: chunkOffset + i)
    }

    /// Keeps the element's bytes in this chunk, `buffer[segmentStart..<to]`, unless the element
    /// is too large.
    private func keep(_ buffer: UnsafeBufferPointer<UInt8>, to: Int) {
        let from = segmentStart
        segmentStart = 0
        guard !oversized, from < to else { return }
        if chunkOffset + to - elementOffset > maximumRecordSize {
            oversized = true
            bytes = []
            return
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[from..<to]))
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
