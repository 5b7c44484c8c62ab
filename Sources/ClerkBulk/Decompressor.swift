/// One compression library's decoder, driven by `ByteChunkReader` a buffer at a time.
protocol Decompressor: AnyObject {
    /// Whether the library reads concatenated streams by itself (xz): then the end of a stream is
    /// the end of the input, and `restart` is never called.
    var readsConcatenatedStreams: Bool { get }

    /// Decodes from `input` into `output` as far as either allows. `inputEnds`: no bytes follow
    /// `input` in the file.
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer, inputEnds: Bool) -> DecompressorStep

    /// Makes ready for another stream after the one that ended.
    func restart()
}

/// What one `Decompressor.step` did.
struct DecompressorStep {
    enum Outcome: Equatable {
        /// Decoding goes on (when nothing was consumed or produced, the stream needs more input).
        case running
        /// A stream's end mark was read.
        case streamEnded
        /// The data cannot be decoded; the library's problem in words.
        case corrupt(String)
        /// The library failed for a reason that is not the data's (memory).
        case failed(String)
    }

    var consumed: Int
    var produced: Int
    var outcome: Outcome
}
