internal import CClerkData

/// The English word list built into the binary (SCOWL up to size 70, plus legal vocabulary;
/// see scripts/build-lexicon), with each word's SCOWL size level as a rough frequency rank:
/// 10 is the most common words, 70 the rarest that a spell checker accepts.
public struct Lexicon: Sendable {
    private let tiers: [String: UInt8]

    /// The built-in lexicon, read once.
    public static let shared = Lexicon(tsv: {
        var count = 0
        guard let pointer = clerk_lexicon_bytes(&count) else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }())

    /// Reads lines of `WORD<TAB>TIER`.
    public init(tsv bytes: [UInt8]) {
        var tiers: [String: UInt8] = [:]
        tiers.reserveCapacity(bytes.count / 10)
        var lineStart = 0
        var tab = -1
        for index in bytes.indices {
            switch bytes[index] {
            case 0x09: tab = index
            case 0x0A:
                if tab > lineStart {
                    let word = String(decoding: bytes[lineStart..<tab], as: UTF8.self)
                    var tier = 0
                    for digit in bytes[(tab + 1)..<index] where (0x30...0x39).contains(digit) {
                        tier = tier * 10 + Int(digit - 0x30)
                    }
                    tiers[word] = UInt8(clamping: tier)
                }
                lineStart = index + 1
                tab = -1
            default: break
            }
        }
        self.tiers = tiers
    }

    public var count: Int { tiers.count }

    /// The size level of `word` as written, else of its lowercase form (sentence-initial
    /// capitals), else nil. A trailing possessive `’s`/`'s` is ignored.
    public func tier(of word: String) -> Int? {
        var word = word
        for suffix in ["'s", "’s"] where word.hasSuffix(suffix) {
            word.removeLast(2)
        }
        if let tier = tiers[word] { return Int(tier) }
        let lower = word.lowercased()
        if lower != word, let tier = tiers[lower] { return Int(tier) }
        return nil
    }

    public func contains(_ word: String) -> Bool { tier(of: word) != nil }
}
