/// What Clerk was given: the file's name, size, digest, detected family, and the reader that
/// read it.
public struct SourceInfo: Sendable, Equatable {
    public var name: String
    public var bytes: Int
    public var sha256: String
    public var family: SourceFamily
    /// The id of the reader that read the input (`text`, `html`).
    public var reader: String
    /// Which record of a corpus the input is (its collection's identifiers), when its reader knows.
    public var record: RecordIdentity?
    /// The structure the source's markup gives (set by its reader); the stages that find it skip.
    public var marked: SourceStructure = []

    public init(name: String, bytes: Int, sha256: String, family: SourceFamily = .unknown, reader: String = TextReader.id) {
        self.name = name
        self.bytes = bytes
        self.sha256 = sha256
        self.family = family
        self.reader = reader
    }
}
