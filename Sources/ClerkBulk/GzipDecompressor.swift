internal import CZlib

/// zlib's inflate, for gzip members. One member at a time: a file of several members (as
/// `cat a.gz b.gz` makes) has the decoder reset at each.
final class GzipDecompressor: Decompressor {
    /// zlib keeps a pointer back to the stream and refuses one that moved: it lives at a fixed
    /// address.
    private let stream: UnsafeMutablePointer<z_stream>
    private var started = false

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        if started { inflateEnd(stream) }
        stream.deallocate()
    }

    var readsConcatenatedStreams: Bool { false }

    func restart() {
        if started { inflateReset(stream) }
    }

    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, inputEnds: Bool) -> DecompressorStep {
        if !started {
            let status = clerk_inflate_init_gzip(stream)
            guard status == Z_OK else { return DecompressorStep(consumed: 0, produced: 0, outcome: .failed(words(status))) }
            started = true
        }
        let inputCount = min(input.count, Int(UInt32.max)), outputCount = min(output.count, Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(inputCount)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(outputCount)
        let status = inflate(stream, Z_NO_FLUSH)
        let consumed = inputCount - Int(stream.pointee.avail_in)
        let produced = outputCount - Int(stream.pointee.avail_out)
        let outcome: DecompressorStep.Outcome = switch status {
        // Z_BUF_ERROR: no progress was possible; the reader tells a cut file from a wait for input.
        case Z_OK, Z_BUF_ERROR: .running
        case Z_STREAM_END: .streamEnded
        case Z_DATA_ERROR, Z_NEED_DICT: .corrupt(words(status))
        default: .failed(words(status))
        }
        return DecompressorStep(consumed: consumed, produced: produced, outcome: outcome)
    }

    /// zlib's status in words, with its own message when it gives one ("invalid block type",
    /// "incorrect data check").
    private func words(_ status: Int32) -> String {
        let message = stream.pointee.msg.map { String(cString: $0) }
        switch status {
        case Z_DATA_ERROR: return "\(message ?? "the data is malformed") (Z_DATA_ERROR)"
        case Z_NEED_DICT: return "the member needs a preset dictionary, which gzip never uses (Z_NEED_DICT)"
        case Z_MEM_ERROR: return "out of memory (Z_MEM_ERROR)"
        case Z_STREAM_ERROR: return "zlib refused its parameters (Z_STREAM_ERROR)"
        case Z_VERSION_ERROR: return "the zlib library does not match its header (Z_VERSION_ERROR)"
        default: return "\(message ?? "zlib error") (\(status))"
        }
    }
}
