internal import CLZMA

/// liblzma's .xz decoder. It reads concatenated streams (and the stream padding between them)
/// by itself, so a stream end is the end of the input.
final class XZDecompressor: Decompressor {
    /// liblzma's internal state refers to the stream: it lives at a fixed address.
    private let stream: UnsafeMutablePointer<lzma_stream>
    private var started = false

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: lzma_stream())
    }

    deinit {
        lzma_end(stream)
        stream.deallocate()
    }

    var readsConcatenatedStreams: Bool { true }

    func restart() {}

    /// LZMA_CONCATENATED (a macro liblzma writes as `UINT32_C(0x08)`, which Swift cannot import).
    private static let concatenated: UInt32 = 0x08

    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, inputEnds: Bool) -> DecompressorStep {
        if !started {
            // No memory limit: the file's own dictionary size (at most 1.5 GiB in .xz) decides.
            let status = lzma_stream_decoder(stream, UInt64.max, Self.concatenated)
            guard status == LZMA_OK else { return DecompressorStep(consumed: 0, produced: 0, outcome: .failed(Self.words(status))) }
            started = true
        }
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_in = input.count
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = output.count
        // With concatenated streams, liblzma reports the end only when told that no input follows.
        let status = lzma_code(stream, inputEnds ? LZMA_FINISH : LZMA_RUN)
        let consumed = input.count - stream.pointee.avail_in
        let produced = output.count - stream.pointee.avail_out
        let outcome: DecompressorStep.Outcome = switch status {
        // LZMA_BUF_ERROR: no progress was possible; the reader tells a cut file from a wait for input.
        case LZMA_OK, LZMA_BUF_ERROR, LZMA_NO_CHECK, LZMA_GET_CHECK: .running
        case LZMA_STREAM_END: .streamEnded
        case LZMA_DATA_ERROR, LZMA_FORMAT_ERROR, LZMA_OPTIONS_ERROR, LZMA_UNSUPPORTED_CHECK: .corrupt(Self.words(status))
        default: .failed(Self.words(status))
        }
        return DecompressorStep(consumed: consumed, produced: produced, outcome: outcome)
    }

    /// liblzma's status codes in words.
    private static func words(_ status: lzma_ret) -> String {
        switch status {
        case LZMA_DATA_ERROR: "the compressed data is malformed or a check value does not match (LZMA_DATA_ERROR)"
        case LZMA_FORMAT_ERROR: "the bytes are not an .xz stream (LZMA_FORMAT_ERROR)"
        case LZMA_OPTIONS_ERROR: "the stream uses options this liblzma does not support (LZMA_OPTIONS_ERROR)"
        case LZMA_UNSUPPORTED_CHECK: "the stream's integrity check is of a kind this liblzma cannot verify (LZMA_UNSUPPORTED_CHECK)"
        case LZMA_MEM_ERROR: "out of memory (LZMA_MEM_ERROR)"
        case LZMA_MEMLIMIT_ERROR: "the stream needs more memory than allowed (LZMA_MEMLIMIT_ERROR)"
        case LZMA_PROG_ERROR: "liblzma was called wrongly (LZMA_PROG_ERROR)"
        default: "liblzma error \(status.rawValue)"
        }
    }
}
