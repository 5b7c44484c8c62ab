/// A failure of the stream itself (the file cannot be read, the compressed data is cut short or
/// corrupt, a CSV file has no usable header): nothing after it can be read. Offsets in a
/// compressed file are offsets in the compressed bytes.
public struct BulkReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// `open` failed; the system's words for why.
        case cannotOpen(reason: String)
        /// `read` failed after `offset` bytes.
        case readFailed(reason: String, offset: Int)
        /// The input ends inside the stream that starts at `streamStart`, at `offset`.
        case truncated(Compression, streamStart: Int, offset: Int)
        /// The decompressor found data it cannot decode near `offset`.
        case corrupt(Compression, reason: String, offset: Int)
        /// After a complete stream, bytes at `offset` that do not start another stream.
        case trailingData(Compression, offset: Int)
        /// The decompressor failed for a reason that is not the data's (memory).
        case decompressorFailed(Compression, reason: String, offset: Int)
        /// A CSV input's header row is missing or malformed.
        case badHeader(reason: String)
    }

    /// The file's path, or the name given to bytes in memory.
    public var source: String
    public var problem: Problem

    public init(source: String, problem: Problem) {
        self.source = source
        self.problem = problem
    }

    /// The (compressed) byte offset the problem names, if it names one.
    public var offset: Int? {
        switch problem {
        case .cannotOpen, .badHeader: nil
        case .readFailed(_, let offset), .truncated(_, _, let offset), .corrupt(_, _, let offset),
             .trailingData(_, let offset), .decompressorFailed(_, _, let offset): offset
        }
    }

    public var description: String {
        "\(source): " + {
            switch problem {
            case .cannotOpen(let reason):
                "cannot open the file: \(reason)"
            case .readFailed(let reason, let offset):
                "cannot read the file after byte \(offset): \(reason)"
            case .truncated(let kind, let start, let offset):
                "the \(kind.rawValue) stream that starts at compressed byte \(start) ends before its end mark, "
                    + "at compressed byte \(offset) (the file is cut short)"
            case .corrupt(let kind, let reason, let offset):
                "the \(kind.rawValue) data is corrupt near compressed byte \(offset): \(reason)"
            case .trailingData(let kind, let offset):
                "the bytes from compressed byte \(offset) on follow a complete \(kind.rawValue) stream "
                    + "but do not start another one"
            case .decompressorFailed(let kind, let reason, let offset):
                "the \(kind.rawValue) decompressor failed near compressed byte \(offset): \(reason)"
            case .badHeader(let reason):
                "no usable CSV header: \(reason)"
            }
        }()
    }
}
