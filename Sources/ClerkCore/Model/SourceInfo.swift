/// The input family a dump belongs to; later stages pick their rules by it.
public enum SourceFamily: String, Sendable, CaseIterable {
    case layout, flat, scan, html, unknown
}

/// What Clerk was given: the file's name, size, digest and detected family.
public struct SourceInfo: Sendable, Equatable {
    public var name: String
    public var bytes: Int
    public var sha256: String
    public var family: SourceFamily

    public init(name: String, bytes: Int, sha256: String, family: SourceFamily = .unknown) {
        self.name = name
        self.bytes = bytes
        self.sha256 = sha256
        self.family = family
    }
}
