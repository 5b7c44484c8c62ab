/// A record of a JSON Lines file or a JSON array that cannot be read. A record too large is
/// skipped and reading goes on; after a fault in an array's structure nothing more can be read
/// (where the next element starts is no longer known).
public struct JSONRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// The record, `size` bytes long, passes the reader's `limit`; its bytes were not kept.
        case recordTooLarge(limit: Int, size: Int)
        /// A byte the array's structure does not allow there, and what was expected instead.
        case unexpectedByte(UInt8, expected: String, line: Int, byteOffset: Int)
        /// The input ends where `expected` was still to come.
        case unexpectedEnd(expected: String, line: Int, byteOffset: Int)
    }

    /// The record the problem belongs to; for a fault between elements, the element that would
    /// have come next.
    public var position: RecordPosition
    public var problem: Problem

    public init(position: RecordPosition, problem: Problem) {
        self.position = position
        self.problem = problem
    }

    /// Whether reading can go on after this error.
    public var isRecoverable: Bool {
        if case .recordTooLarge = problem { true } else { false }
    }

    public var description: String { "\(position): \(problemDescription)" }

    /// The problem in words, without the position.
    public var problemDescription: String {
        switch problem {
        case .recordTooLarge(let limit, let size):
            "the record is \(size) bytes long, more than the limit of \(limit) bytes; it was skipped"
        case .unexpectedByte(let byte, let expected, let line, let offset):
            "expected \(expected) at line \(line), byte \(offset), found \(Self.show(byte))"
        case .unexpectedEnd(let expected, let line, let offset):
            "the input ends at line \(line), byte \(offset), where \(expected) was expected"
        }
    }

    /// A byte as a reader would name it: the character when printable ASCII, else hex.
    private static func show(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
