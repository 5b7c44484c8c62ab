internal import CClerkData

/// The English word list built into the binary (SCOWL up to size 70, plus legal vocabulary;
/// see scripts/data/build-lexicon), with each word's SCOWL size level as a rough frequency rank:
/// 10 is the most common words, 70 the rarest that a spell checker accepts.
///
/// Words are compared as `String`s compare them, by canonical equivalence (`café` composed or
/// not). ASCII words, nearly all, sit in a table of their bytes, looked up where they lie; the
/// others in a dictionary of strings. An ASCII word equals only itself, and a word beyond ASCII
/// equals an ASCII one only through the three scalars whose canonical form is ASCII (`;` U+037E,
/// `` ` `` U+1FEF, `K` U+212A): a query is sent to the table after those are replaced. A list
/// that holds one of them in a word is kept whole in a dictionary instead.
public struct Lexicon: Sendable {
    /// The tables, shared by the copies: a stage copies its lexicon into each closure that asks it.
    private let storage: Storage

    private final class Storage: Sendable {
        /// The ASCII words by their bytes, and their tiers.
        let ascii: ByteWordTable
        let asciiTiers: [UInt8]
        /// The other words (all words when `whole`).
        let others: [String: UInt8]
        /// Whether `others` holds every word: some word holds a scalar canonically equal to ASCII.
        let whole: Bool

        init(ascii: ByteWordTable, asciiTiers: [UInt8], others: [String: UInt8], whole: Bool) {
            self.ascii = ascii
            self.asciiTiers = asciiTiers
            self.others = others
            self.whole = whole
        }
    }

    /// The built-in lexicon, read once.
    public static let shared = Lexicon(tsv: {
        var count = 0
        guard let pointer = clerk_lexicon_bytes(&count) else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }())

    /// Reads lines of `WORD<TAB>TIER`; a word listed twice keeps its last tier.
    public init(tsv bytes: [UInt8]) {
        var ascii = ByteWordTable(capacity: bytes.count / 10)
        var asciiTiers: [UInt8] = []
        var others: [String: UInt8] = [:]
        var whole = false
        bytes.withUnsafeBufferPointer { buffer in
            Self.forEachLine(buffer) { word, tier in
                if word.allSatisfy({ $0 < 0x80 }) {
                    let id = ascii.insert(word, hash: ByteWordTable.hash(word))
                    if id == asciiTiers.count { asciiTiers.append(0) }
                    asciiTiers[id] = tier
                } else {
                    let string = String(decoding: word, as: UTF8.self)
                    others[string] = tier
                    if !whole { whole = string.unicodeScalars.contains { Self.asciiEquivalent($0) != nil } }
                }
            }
        }
        if whole {
            // The rare list whose words meet across the two tables: one dictionary of all.
            others = [:]
            bytes.withUnsafeBufferPointer { buffer in
                Self.forEachLine(buffer) { word, tier in others[String(decoding: word, as: UTF8.self)] = tier }
            }
            ascii = ByteWordTable()
            asciiTiers = []
        }
        storage = Storage(ascii: ascii, asciiTiers: asciiTiers, others: others, whole: whole)
    }

    /// Calls `body` with the word and tier of each `WORD<TAB>TIER` line.
    private static func forEachLine(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, UInt8) -> Void) {
        var lineStart = 0
        var tab = -1
        for index in buffer.indices {
            switch buffer[index] {
            case 0x09: tab = index
            case 0x0A:
                if tab > lineStart {
                    var tier = 0
                    for digit in buffer[(tab + 1)..<index] where (0x30...0x39).contains(digit) {
                        tier = tier * 10 + Int(digit - 0x30)
                    }
                    body(UnsafeBufferPointer(rebasing: buffer[lineStart..<tab]), UInt8(clamping: tier))
                }
                lineStart = index + 1
                tab = -1
            default: break
            }
        }
    }

    /// The ASCII character a scalar is canonically equal to, for the three that are (Unicode 14).
    private static func asciiEquivalent(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x037E: UInt8(ascii: ";")
        case 0x1FEF: UInt8(ascii: "`")
        case 0x212A: UInt8(ascii: "K")
        default: nil
        }
    }

    public var count: Int { storage.ascii.count + storage.others.count }

    /// The size level of `word` as written, else of its lowercase form (sentence-initial
    /// capitals), else nil. A trailing possessive `’s`/`'s` is ignored.
    public func tier(of word: String) -> Int? {
        var word = word
        for suffix in ["'s", "’s"] where word.hasSuffix(suffix) {
            word.removeLast(2)
        }
        if let tier = exactTier(word) { return tier }
        let lower = word.lowercased()
        if lower != word, let tier = exactTier(lower) { return tier }
        return nil
    }

    public func contains(_ word: String) -> Bool { tier(of: word) != nil }

    /// The tier of the word canonically equal to `word`.
    private func exactTier(_ word: String) -> Int? {
        if storage.whole { return storage.others[word].map(Int.init) }
        // ASCII, the usual case: the string's own bytes.
        if let tier = word.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy { $0 < 0x80 } ? .some(asciiTier($0)) : nil }) ?? nil {
            return tier
        }
        var ascii: [UInt8] = []
        for scalar in word.unicodeScalars {
            if scalar.isASCII {
                ascii.append(UInt8(scalar.value))
            } else if let equivalent = Self.asciiEquivalent(scalar) {
                ascii.append(equivalent)
            } else {
                return storage.others[word].map(Int.init)
            }
        }
        return ascii.withUnsafeBufferPointer { asciiTier($0) }
    }

    /// `tier(of:)` of UTF-8 bytes: ASCII is looked up in place, without making a `String`.
    func tier(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !storage.whole, bytes.allSatisfy({ $0 < 0x80 }) else { return tier(of: String(decoding: bytes, as: UTF8.self)) }
        var word = bytes
        if word.count >= 2, word[word.count - 2] == UInt8(ascii: "'"), word[word.count - 1] == UInt8(ascii: "s") {
            word = UnsafeBufferPointer(rebasing: word.dropLast(2))
        }
        if let tier = asciiTier(word) { return tier }
        guard word.contains(where: isUppercaseASCII) else { return nil }
        return storage.ascii.index(ofLowercased: word).map { Int(storage.asciiTiers[$0]) }
    }

    func tier(ofBytes bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { tier(ofBytes: $0) } }

    func tier(ofBytes bytes: ArraySlice<UInt8>) -> Int? { bytes.withUnsafeBufferPointer { tier(ofBytes: $0) } }

    /// The tier of an ASCII word, as written.
    private func asciiTier(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        storage.ascii.index(of: word).map { Int(storage.asciiTiers[$0]) }
    }
}
