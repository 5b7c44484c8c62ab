/// The front of the pipeline: a reader turns the bytes of one input format into the working
/// text (`document.body`), with the marks and case metadata the format already carries, before
/// the first stage runs. One reader per format, in its own folder of `Reading/`; the reader of
/// an input is chosen by the evidence each reader finds in it (`evidence(in:)`), or named in
/// `pipeline.json` (`"reading": {"reader": "html"}`), and recorded in `source.reader`.
public protocol InputReader: Sendable {
    /// The reader's options in `pipeline.json` (`"reading": {"<id>": {…}}`), declared as typed
    /// parameters the way a stage's are.
    associatedtype Configuration: StageConfiguration

    /// The name used in `pipeline.json` and in `source.reader`.
    static var id: String { get }
    /// One line for `clerk stages`.
    static var summary: String { get }
    /// What says the input is in this reader's format: its name, its first bytes or its
    /// content. nil when nothing does.
    static func evidence(in input: ReaderInput) -> ReaderEvidence?

    init(configuration: Configuration)

    /// Fills `document.body` (and, where the format says them, `source.family`, case metadata
    /// and marks), logging what it leaves out. Throws when the input cannot be read at all.
    func read(_ input: ReaderInput, into document: inout Document) throws(ReadingFailure)
}

/// How sure a reader is that an input is in its format, and why.
public struct ReaderEvidence: Sendable, Equatable {
    /// Ordered: the strongest evidence found wins; on a tie, the reader listed first.
    public enum Strength: Int, Sendable, Comparable {
        /// The reader reads anything (plain text): chosen when no other reader claims the input.
        case fallback
        /// The file's name (its extension).
        case name
        /// What the content looks like throughout (markup density, record shape).
        case content
        /// Bytes only this format starts with (a compression header, a document type).
        case signature

        public static func < (left: Self, right: Self) -> Bool { left.rawValue < right.rawValue }
    }

    public var strength: Strength
    /// What was found; the warning on weak evidence quotes it.
    public var reason: String
    /// Set when the evidence is weak; the conversion warns with it.
    public var doubt: String?

    public init(_ strength: Strength, _ reason: String, doubt: String? = nil) {
        self.strength = strength
        self.reason = reason
        self.doubt = doubt
    }
}

/// An input as the readers see it: its name and bytes, and its text decoded once for all the
/// readers that read text (the choice looks at it, and the chosen reader reads it).
public final class ReaderInput {
    public let name: String
    public let bytes: [UInt8]
    public let fallbackEncoding: SingleByteEncoding
    private var decoded: Result<DecodedText, ReadingFailure>?

    public init(name: String, bytes: [UInt8], fallbackEncoding: SingleByteEncoding = .windows1252) {
        self.name = name
        self.bytes = bytes
        self.fallbackEncoding = fallbackEncoding
    }

    /// The bytes decoded as text (`TextDecoding`), made on first use.
    public func text() throws(ReadingFailure) -> DecodedText {
        if decoded == nil {
            do {
                decoded = .success(try TextDecoding.decode(bytes, fallback: fallbackEncoding))
            } catch {
                decoded = .failure(error)
            }
        }
        return try decoded!.get()
    }
}

/// An input no reader could read, naming the step of reading that failed (`decode`, `html`).
public struct ReadingFailure: Error, Sendable, Equatable {
    public var step: String
    public var message: String
    public var sourceOffset: Int?

    public init(step: String, _ message: String, sourceOffset: Int? = nil) {
        self.step = step
        self.message = message
        self.sourceOffset = sourceOffset
    }
}
