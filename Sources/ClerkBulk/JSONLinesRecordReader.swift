/// Reads a JSON Lines (NDJSON) file, one JSON value per line, streaming: memory holds one chunk
/// of the input and the line being read. Lines that are empty or only whitespace are skipped (and
/// not counted); a CRLF line end is taken as LF. The values are not parsed: each record is one
/// line's bytes.
public final class JSONLinesRecordReader {
    /// A line longer than this is skipped (and reported) without being held.
    public static let defaultMaximumRecordSize = 512 << 20

    public let maximumRecordSize: Int
    /// The chunks underneath: the compression, and the progress by compressed bytes read.
    public var chunkReader: ByteChunkReader { feed.reader }

    private let feed: ChunkFeed
    private var index = 0
    private var chunkOffset = 0
    private var line = 1
    private var recordsRead = 0
    private var ended = false

    // The line being read.
    private var bytes: [UInt8] = []
    private var lineStarted = false
    private var lineOffset = 0
    private var lineNumber = 1
    private var oversized = false

    /// Opens the file at `path` (compressed or not).
    public convenience init(path: String, maximumRecordSize: Int = JSONLinesRecordReader.defaultMaximumRecordSize) throws(BulkReadError) {
        try self.init(chunks: ByteChunkReader(path: path), maximumRecordSize: maximumRecordSize)
    }

    public init(chunks: ByteChunkReader, maximumRecordSize: Int = JSONLinesRecordReader.defaultMaximumRecordSize) {
        feed = ChunkFeed(reader: chunks)
        self.maximumRecordSize = max(1, maximumRecordSize)
    }

    /// The next line: its bytes, or the error that line has (reading can go on after it); nil at
    /// the end. A thrown error is the stream's own: nothing more can be read.
    public func next() throws(BulkReadError) -> Result<JSONRecord, JSONRecordError>? {
        while let end = try readLine() {
            if !oversized && Self.isBlank(bytes) {
                resetLine()
                continue
            }
            recordsRead += 1
            let position = RecordPosition(number: recordsRead, line: lineNumber, byteOffset: lineOffset)
            defer { resetLine() }
            if oversized {
                return .failure(JSONRecordError(position: position, problem: .recordTooLarge(limit: maximumRecordSize, size: end - lineOffset)))
            }
            let record = JSONRecord(bytes: bytes, position: position)
            bytes = []
            return .success(record)
        }
        return nil
    }

    /// The bytes the reader holds on to: the chunk reader's buffers and the line being read.
    var bufferCapacity: Int { feed.reader.bufferCapacity + bytes.capacity }

    /// Reads up to the next line end (or the end of the input) into `bytes`; the stream offset
    /// after the line's content, or nil at the end.
    private func readLine() throws(BulkReadError) -> Int? {
        while true {
            if index >= feed.chunk.count {
                if !ended, try !feed.advance() { ended = true }
                if ended {
                    guard lineStarted else { return nil }
                    lineStarted = false
                    dropCarriageReturn()
                    return chunkOffset + index
                }
                index = 0
                chunkOffset = feed.chunkOffset
            }
            if !lineStarted {
                lineStarted = true
                lineOffset = chunkOffset + index
                lineNumber = line
            }
            let found = feed.chunk.withUnsafeBufferPointer { buffer in
                let end = ByteScan.firstIndex(of: UInt8(ascii: "\n"), in: buffer, from: index, to: buffer.count)
                if !oversized {
                    if chunkOffset + end - lineOffset > maximumRecordSize {
                        oversized = true
                        bytes = []
                    } else {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                    }
                }
                index = end < buffer.count ? end + 1 : end
                return end < buffer.count
            }
            if found {
                line += 1
                lineStarted = false
                dropCarriageReturn()
                return chunkOffset + index - 1
            }
        }
    }

    private func dropCarriageReturn() {
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    }

    private func resetLine() {
        bytes.removeAll(keepingCapacity: true)
        oversized = false
    }

    /// Whether a line holds nothing but JSON whitespace.
    private static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }
}
