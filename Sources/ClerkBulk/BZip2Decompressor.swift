internal import CBZip2

/// libbz2's decoder. One bzip2 stream at a time: pbzip2 and lbzip2 write a file as many streams
/// one after another, and `ByteChunkReader` restarts the decoder at each.
final class BZip2Decompressor: Decompressor {
    /// libbz2 keeps a pointer back to the stream and refuses one that moved: it lives at a fixed
    /// address.
    private let stream: UnsafeMutablePointer<bz_stream>
    private var started = false

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: bz_stream())
    }

    deinit {
        if started { BZ2_bzDecompressEnd(stream) }
        stream.deallocate()
    }

    var readsConcatenatedStreams: Bool { false }

    func restart() {
        if started { BZ2_bzDecompressEnd(stream) }
        stream.pointee = bz_stream()
        started = false
    }

    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, inputEnds: Bool) -> DecompressorStep {
        if !started {
            let status = BZ2_bzDecompressInit(stream, 0, 0)
            guard status == BZ_OK else { return DecompressorStep(consumed: 0, produced: 0, outcome: .failed(Self.words(status))) }
            started = true
        }
        let inputCount = min(input.count, Int(UInt32.max)), outputCount = min(output.count, Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: CChar.self))
        stream.pointee.avail_in = UInt32(inputCount)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: CChar.self)
        stream.pointee.avail_out = UInt32(outputCount)
        let status = BZ2_bzDecompress(stream)
        let consumed = inputCount - Int(stream.pointee.avail_in)
        let produced = outputCount - Int(stream.pointee.avail_out)
        let outcome: DecompressorStep.Outcome = switch status {
        case BZ_OK: .running
        case BZ_STREAM_END: .streamEnded
        case BZ_DATA_ERROR, BZ_DATA_ERROR_MAGIC: .corrupt(Self.words(status))
        default: .failed(Self.words(status))
        }
        return DecompressorStep(consumed: consumed, produced: produced, outcome: outcome)
    }

    /// libbz2's status codes in words.
    private static func words(_ status: Int32) -> String {
        switch status {
        case BZ_DATA_ERROR: "a block's checksum does not match its data, or the data is malformed (BZ_DATA_ERROR)"
        case BZ_DATA_ERROR_MAGIC: "the stream does not start with a bzip2 header (BZ_DATA_ERROR_MAGIC)"
        case BZ_MEM_ERROR: "out of memory (BZ_MEM_ERROR)"
        case BZ_PARAM_ERROR: "libbz2 refused its parameters (BZ_PARAM_ERROR)"
        case BZ_CONFIG_ERROR: "libbz2 was built wrongly for this machine (BZ_CONFIG_ERROR)"
        default: "libbz2 error \(status)"
        }
    }
}
