/// A bulk input's bytes, decompressed, as a stream of chunks of about `chunkSize` bytes: memory
/// stays at two buffers of that size (and the decompressor's own state) whatever the file's size.
///
/// The compression is told by the first bytes: bzip2 (`BZh`), gzip (1F 8B), xz (FD 37 7A 58 5A
/// 00), anything else is passed through. A file of several streams one after another (pbzip2 and
/// lbzip2 write bzip2 files so, `cat` makes them of any kind) is read to its end.
public final class ByteChunkReader {
    /// About a megabyte: large enough that each call does real work, small enough to stay in cache.
    public static let defaultChunkSize = 1 << 20

    public let compression: Compression
    /// The file's size (of the bytes in memory, for `init(bytes:)`), compressed: with
    /// `compressedBytesRead`, the progress of a run.
    public let fileSize: Int
    /// How many (compressed) bytes have been read from the file so far.
    public private(set) var compressedBytesRead = 0
    /// How many decompressed bytes the chunks handed out so far hold: the offset in the
    /// decompressed stream of the next chunk's first byte.
    public private(set) var bytesProduced = 0
    /// The file's path, or the name given to bytes in memory: what errors name.
    public var sourceName: String { source.name }

    private let source: RawByteSource
    private let decompressor: Decompressor?
    private let chunkSize: Int

    /// Compressed bytes read but not yet decoded: `input[inputStart..<inputEnd]`. Only the first
    /// bytes while the compression is told; a chunk's size for a compressed file.
    private var input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceEnded = false
    /// The chunk handed out; reused when the caller has let go of the last one.
    private var output: [UInt8]
    /// The compressed offset where the stream being decoded starts.
    private var streamStart = 0
    /// A stream ended; the next bytes, if any, must start another.
    private var betweenStreams = false
    private var finished = false
    /// The error that ended reading: thrown again by every later call.
    private var failure: BulkReadError?

    /// Opens the file at `path`.
    public convenience init(path: String, chunkSize: Int = ByteChunkReader.defaultChunkSize) throws(BulkReadError) {
        try self.init(source: FileByteSource(path: path), chunkSize: chunkSize)
    }

    /// Reads `bytes` as if they were a file named `name`. The bytes are taken `chunkSize` at a
    /// time, compressed or not, so that a small size puts chunk ends everywhere.
    public convenience init(bytes: [UInt8], name: String = "(memory)", chunkSize: Int = ByteChunkReader.defaultChunkSize) {
        // Reading memory cannot fail.
        try! self.init(source: MemoryByteSource(bytes: bytes, name: name, pieceSize: chunkSize), chunkSize: chunkSize)
    }

    init(source: RawByteSource, chunkSize: Int) throws(BulkReadError) {
        self.source = source
        self.chunkSize = max(1, chunkSize)
        fileSize = source.size
        input = .allocate(byteCount: Compression.magicLength, alignment: 16)
        output = [UInt8](repeating: 0, count: self.chunkSize)
        do {
            try Self.fillInput(source, input, &inputEnd, &compressedBytesRead, &sourceEnded, atLeast: Compression.magicLength)
        } catch {
            input.deallocate()
            throw error
        }
        compression = Compression.detect(UnsafeRawBufferPointer(rebasing: input[0..<inputEnd]))
        decompressor = switch compression {
        case .none: nil
        case .bzip2: BZip2Decompressor()
        case .gzip: GzipDecompressor()
        case .xz: XZDecompressor()
        }
        if compression != .none && self.chunkSize > input.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: self.chunkSize, alignment: 16)
            larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: input[0..<inputEnd]))
            input.deallocate()
            input = larger
        }
    }

    deinit { input.deallocate() }

    /// The next chunk of decompressed bytes (never empty), or nil at the end of the input. After
    /// an error, every call throws it again.
    public func next() throws(BulkReadError) -> ArraySlice<UInt8>? {
        if let failure { throw failure }
        guard !finished else { return nil }
        var failure: BulkReadError?
        let produced = output.withUnsafeMutableBytes { buffer in
            do throws(BulkReadError) {
                return try decompressor == nil ? copy(into: buffer) : decompress(into: buffer)
            } catch {
                failure = error
                return 0
            }
        }
        if let failure {
            self.failure = failure
            throw failure
        }
        guard produced > 0 else {
            finished = true
            return nil
        }
        bytesProduced += produced
        return output[0..<produced]
    }

    /// The bytes this reader holds on to: its two buffers (the decompressor's state aside).
    var bufferCapacity: Int { input.count + output.capacity }

    // MARK: - Reading

    /// Passes uncompressed bytes through: first those read to tell the compression, then the file.
    private func copy(into buffer: UnsafeMutableRawBufferPointer) throws(BulkReadError) -> Int {
        var produced = 0
        if inputStart < inputEnd {
            produced = min(buffer.count, inputEnd - inputStart)
            buffer.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: produced)
            inputStart += produced
        }
        while produced < buffer.count && !sourceEnded {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[produced...]), offset: compressedBytesRead)
            if count == 0 { sourceEnded = true }
            produced += count
            compressedBytesRead += count
        }
        return produced
    }

    /// Decodes until `buffer` is full or the input ends. When the input fails after some bytes
    /// were decoded (a cut file), those bytes come first and the failure with the next call, so
    /// that every record before the damage is read.
    private func decompress(into buffer: UnsafeMutableRawBufferPointer) throws(BulkReadError) -> Int {
        var produced = 0
        do throws(BulkReadError) {
            try decompress(into: buffer, produced: &produced)
        } catch {
            guard produced > 0 else { throw error }
            failure = error
        }
        return produced
    }

    private func decompress(into buffer: UnsafeMutableRawBufferPointer, produced: inout Int) throws(BulkReadError) {
        guard let decompressor else { return }
        while produced < buffer.count {
            if betweenStreams {
                guard try startNextStream() else { break }
            }
            if inputStart == inputEnd && !sourceEnded { try refillInput() }
            let pending = UnsafeRawBufferPointer(rebasing: input[inputStart..<inputEnd])
            let step = decompressor.step(
                input: pending, output: UnsafeMutableRawBufferPointer(rebasing: buffer[produced...]),
                inputEnds: sourceEnded)
            inputStart += step.consumed
            produced += step.produced
            switch step.outcome {
            case .streamEnded:
                if decompressor.readsConcatenatedStreams {
                    finished = true
                    return
                }
                betweenStreams = true
            case .corrupt(let reason):
                throw error(.corrupt(compression, reason: reason, offset: decodedOffset))
            case .failed(let reason):
                throw error(.decompressorFailed(compression, reason: reason, offset: decodedOffset))
            case .running:
                if step.consumed == 0 && step.produced == 0 {
                    // No progress with room for output: the decoder wants input the file does not have.
                    if sourceEnded && inputStart == inputEnd {
                        throw error(.truncated(compression, streamStart: streamStart, offset: compressedBytesRead))
                    }
                    if inputStart < inputEnd {
                        throw error(.corrupt(compression, reason: "the decoder stops making progress", offset: decodedOffset))
                    }
                }
            }
        }
    }

    /// After a stream's end: true when another stream follows (and the decoder is ready for it),
    /// false at the end of the file.
    private func startNextStream() throws(BulkReadError) -> Bool {
        let magic = compression.magic
        if inputEnd - inputStart < magic.count && !sourceEnded {
            compactInput()
            try Self.fillInput(source, input, &inputEnd, &compressedBytesRead, &sourceEnded, atLeast: magic.count)
        }
        if inputStart == inputEnd && sourceEnded { return false }
        guard UnsafeRawBufferPointer(rebasing: input[inputStart..<inputEnd]).starts(with: magic) else {
            throw error(.trailingData(compression, offset: decodedOffset))
        }
        decompressor?.restart()
        streamStart = decodedOffset
        betweenStreams = false
        return true
    }

    /// The compressed offset of the first byte not yet given to the decoder.
    private var decodedOffset: Int { compressedBytesRead - (inputEnd - inputStart) }

    private func refillInput() throws(BulkReadError) {
        inputStart = 0
        inputEnd = 0
        try Self.fillInput(source, input, &inputEnd, &compressedBytesRead, &sourceEnded, atLeast: 1)
    }

    /// Moves the bytes not yet decoded to the front of the input buffer.
    private func compactInput() {
        guard inputStart > 0 else { return }
        let count = inputEnd - inputStart
        if count > 0 { input.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: count) }
        inputStart = 0
        inputEnd = count
    }

    /// Reads into `input` after `end` until it holds `atLeast` bytes, it is full, or the file ends.
    private static func fillInput(
        _ source: RawByteSource, _ input: UnsafeMutableRawBufferPointer, _ end: inout Int, _ read: inout Int,
        _ ended: inout Bool, atLeast: Int
    ) throws(BulkReadError) {
        while end < min(atLeast, input.count) && !ended {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[end...]), offset: read)
            if count == 0 { ended = true }
            end += count
            read += count
        }
    }

    private func error(_ problem: BulkReadError.Problem) -> BulkReadError {
        BulkReadError(source: source.name, problem: problem)
    }
}
