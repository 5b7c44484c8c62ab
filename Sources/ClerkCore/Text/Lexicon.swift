internal import CClerkData

/// The English word list built into the binary (SCOWL up to size 70, plus legal vocabulary;
/// see scripts/build-lexicon), with each word's SCOWL size level as a rough frequency rank:
/// 10 is the most common words, 70 the rarest that a spell checker accepts.
public struct Lexicon: Sendable {
    /// The tables, shared by the copies: a stage copies its lexicon into each closure that asks it.
    private let storage: Storage

    private final class Storage: Sendable {
        /// Every word by its `String`: Swift compares strings by canonical equivalence, which a
        /// word with accents needs (`café` composed or not).
        let tiers: [String: UInt8]
        /// Every word by its bytes, for ASCII words looked up where they lie (see `tier(ofBytes:)`).
        let table: ByteWordTable
        let tableTiers: [UInt8]
        /// Whether a word holds a scalar canonically equal to ASCII (`K` KELVIN SIGN, `;` GREEK
        /// QUESTION MARK, `` ` `` GREEK VARIA): then an ASCII word may match a non-ASCII entry,
        /// and only `tiers` answers exactly.
        let hasASCIIEquivalents: Bool

        init(tiers: [String: UInt8], table: ByteWordTable, tableTiers: [UInt8], hasASCIIEquivalents: Bool) {
            self.tiers = tiers
            self.table = table
            self.tableTiers = tableTiers
            self.hasASCIIEquivalents = hasASCIIEquivalents
        }
    }

    private var tiers: [String: UInt8] { storage.tiers }
    private var hasASCIIEquivalents: Bool { storage.hasASCIIEquivalents }

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
        var table = ByteWordTable(capacity: bytes.count / 10)
        var tableTiers: [UInt8] = []
        var hasASCIIEquivalents = false
        var lineStart = 0
        var tab = -1
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                switch buffer[index] {
                case 0x09: tab = index
                case 0x0A:
                    if tab > lineStart {
                        let wordBytes = UnsafeBufferPointer(rebasing: buffer[lineStart..<tab])
                        let word = String(decoding: wordBytes, as: UTF8.self)
                        var tier = 0
                        for digit in buffer[(tab + 1)..<index] where (0x30...0x39).contains(digit) {
                            tier = tier * 10 + Int(digit - 0x30)
                        }
                        tiers[word] = UInt8(clamping: tier)
                        // Last line wins, as in `tiers`.
                        let id = table.insert(wordBytes, hash: ByteWordTable.hash(wordBytes))
                        if id == tableTiers.count { tableTiers.append(0) }
                        tableTiers[id] = UInt8(clamping: tier)
                        if !hasASCIIEquivalents, wordBytes.contains(where: { $0 >= 0x80 }) {
                            hasASCIIEquivalents = word.unicodeScalars.contains { Self.asciiEquivalents.contains($0.value) }
                        }
                    }
                    lineStart = index + 1
                    tab = -1
                default: break
                }
            }
        }
        storage = Storage(tiers: tiers, table: table, tableTiers: tableTiers, hasASCIIEquivalents: hasASCIIEquivalents)
    }

    /// The scalars whose canonical decomposition is ASCII (Unicode 14).
    private static let asciiEquivalents: [UInt32] = [0x037E, 0x1FEF, 0x212A]

    public var count: Int { tiers.count }

    /// The size level of `word` as written, else of its lowercase form (sentence-initial
    /// capitals), else nil. A trailing possessive `’s`/`'s` is ignored.
    public func tier(of word: String) -> Int? {
        var word = word
        for suffix in ["'s", "’s"] where word.hasSuffix(suffix) {
            word.removeLast(2)
        }
        if !hasASCIIEquivalents, let tier = word.utf8.withContiguousStorageIfAvailable({ bytes in
            bytes.allSatisfy { $0 < 0x80 } ? .some(tierOfASCIIWord(bytes)) : nil
        }) ?? nil {
            return tier
        }
        if let tier = tiers[word] { return Int(tier) }
        let lower = word.lowercased()
        if lower != word, let tier = tiers[lower] { return Int(tier) }
        return nil
    }

    public func contains(_ word: String) -> Bool { tier(of: word) != nil }

    /// `tier(of:)` of UTF-8 bytes: ASCII is looked up in place, without making a `String`.
    func tier(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return tier(of: String(decoding: bytes, as: UTF8.self)) }
        var word = bytes
        if word.count >= 2, word[word.count - 2] == UInt8(ascii: "'"), word[word.count - 1] == UInt8(ascii: "s") {
            word = UnsafeBufferPointer(rebasing: word.dropLast(2))
        }
        if hasASCIIEquivalents { return tier(of: String(decoding: word, as: UTF8.self)) }
        return tierOfASCIIWord(word)
    }

    func tier(ofBytes bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { tier(ofBytes: $0) } }

    func tier(ofBytes bytes: ArraySlice<UInt8>) -> Int? { bytes.withUnsafeBufferPointer { tier(ofBytes: $0) } }

    /// The word as written, else lowercased, without a possessive to drop: `tiers` gives the
    /// same answers for ASCII without canonical equivalents.
    private func tierOfASCIIWord(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        if let id = storage.table.index(of: word) { return Int(storage.tableTiers[id]) }
        guard word.contains(where: isUppercaseASCII),
              let id = storage.table.index(ofLowercased: word, hash: Self.lowercasedHash(word)) else { return nil }
        return Int(storage.tableTiers[id])
    }

    private static func lowercasedHash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = ByteWordTable.seed
        for byte in word { hash = ByteWordTable.mix(hash, isUppercaseASCII(byte) ? byte | 0x20 : byte) }
        return hash
    }
}
