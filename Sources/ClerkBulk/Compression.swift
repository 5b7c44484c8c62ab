/// How a bulk input's bytes are compressed, told by their first bytes (never by the file's name).
public enum Compression: String, Sendable, CaseIterable {
    case none
    case bzip2
    case gzip
    case xz

    /// The first bytes of every stream of this kind; empty for `none`.
    var magic: [UInt8] {
        switch self {
        case .none: []
        case .bzip2: [0x42, 0x5A, 0x68]  // "BZh"
        case .gzip: [0x1F, 0x8B]
        case .xz: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]
        }
    }

    /// The longest magic: enough first bytes to tell any kind.
    static let magicLength = 6

    /// The compression whose magic `prefix` starts with; `none` for anything else (also for a
    /// prefix shorter than every magic).
    static func detect(_ prefix: some Collection<UInt8>) -> Compression {
        for kind in [Compression.bzip2, .gzip, .xz] where prefix.starts(with: kind.magic) {
            return kind
        }
        return .none
    }
}
