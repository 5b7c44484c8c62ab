/// Words split by a hyphen at a line end (`dis-` / `puted`) or, in flattened text, by a hyphen
/// and one space (`be- lieving`) are rejoined when the evidence says the joined form is a word,
/// and kept hyphenated where the hyphenated form is real (`qualified-immunity`, `split-second`,
/// `Schandelmeier-Bartels`). Evidence, in order: how the document itself spells the word
/// elsewhere (joined or hyphenated), then the built-in lexicon; a capitalised second part keeps
/// the hyphen (names), and two real words whose join is no word keep it too (compounds). Each
/// decision is logged with the reading it rejected. Suspended hyphens (`pre- and post-trial`)
/// and numbers (`19-` / `2301`) keep their hyphen; only the line break goes.
public struct DehyphenationStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let joinInlineSplits = Parameter.boolean("joinInlineSplits", default: true,
            "Also mend `word- word` splits inside lines (flattened text loses its line breaks but keeps the hyphen and a space).")
        public var joinInlineSplits: Bool

        public init(_ values: StageParameterValues) {
            joinInlineSplits = values[Self.joinInlineSplits]
        }
    }

    public static let id = "dehyphenate"
    public static let summary =
        "Rejoins words split by line-end hyphens (and `be- lieving` in flat text) where the document's own words or the lexicon say the joined form is a word; keeps real hyphens; logs each decision with its alternative."
    public static let phase = StagePhase.text
    public static let requires = [DecodeStage.id]

    private let configuration: Configuration
    private let lexicon: Lexicon

    public init(configuration: Configuration) {
        self.configuration = configuration
        lexicon = .shared
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        // The body and every footnote, judged with one vocabulary: the whole document's.
        let streams = [document.body] + document.notes.map(\.text)
        let splits = streams.map { HyphenSplitFinder(bytes: $0.bytes, inline: configuration.joinInlineSplits).splits() }
        guard splits.contains(where: { !$0.isEmpty }) else { return }
        // Only the joined and hyphenated forms of the splits are looked up, so only they are counted;
        // numbers and codes need no counts.
        var vocabulary = DocumentVocabulary()
        let words = zip(streams, splits).map { stream, found in
            found.map { split -> (joined: DocumentVocabulary.Word, hyphenated: DocumentVocabulary.Word)? in
                let bytes = stream.bytes
                guard !bytes[split.left].contains(where: isDigit) && !bytes[split.right].contains(where: isDigit) else { return nil }
                return (vocabulary.word(bytes, hyphenated: false, split: split), vocabulary.word(bytes, hyphenated: true, split: split))
            }
        }
        for (stream, found) in zip(streams, splits) { vocabulary.count(stream.bytes, excluding: found) }
        let counts = words.map { found in
            found.map { $0.map { (joined: vocabulary.count(of: $0.joined), hyphenated: vocabulary.count(of: $0.hyphenated)) } }
        }
        document.body.apply(edits(for: splits[0], in: document.body.bytes, counts: counts[0]), stage: Self.id, log: &document.log)
        for index in document.notes.indices {
            let edits = edits(for: splits[index + 1], in: document.notes[index].text.bytes, counts: counts[index + 1])
            document.notes[index].text.apply(edits, stage: Self.id, log: &document.log)
        }
    }

    private func edits(for splits: [HyphenSplit], in bytes: [UInt8], counts: [(joined: Int, hyphenated: Int)?]) -> [TextEdit] {
        var edits: [TextEdit] = []
        edits.reserveCapacity(splits.count)
        for (split, counts) in zip(splits, counts) {
            let parts = SplitText(bytes: bytes, split: split)
            let verdict = decide(parts, counts: counts)
            edits.append(TextEdit(
                range: split.gap, replacement: verdict.join ? "" : "-",
                reason: parts.reason(verdict),
                alternative: parts.string(verdict.join ? [.left, .hyphen, .right] : [.left, .right])))
        }
        return edits
    }

    struct Verdict {
        var join: Bool
        var why: Why
    }

    enum Why {
        case number
        case hyphenatedElsewhere(Int)
        case joinedElsewhere(Int)
        case capitalised
        case joinedIsWord
        case hyphenatedIsWord
        case twoWords
        case noWord
    }

    /// `counts`: how often the document writes the joined and the hyphenated form elsewhere; nil
    /// when a part holds a digit.
    func decide(_ parts: SplitText, counts: (joined: Int, hyphenated: Int)?) -> Verdict {
        guard let (joinedCount, hyphenatedCount) = counts else { return Verdict(join: false, why: .number) }
        if hyphenatedCount > joinedCount { return Verdict(join: false, why: .hyphenatedElsewhere(hyphenatedCount)) }
        if joinedCount > 0 { return Verdict(join: true, why: .joinedElsewhere(joinedCount)) }
        if parts.rightIsCapitalised { return Verdict(join: false, why: .capitalised) }
        let left = parts.string([.left]), right = parts.string([.right])
        if lexicon.contains(left + right) { return Verdict(join: true, why: .joinedIsWord) }
        if lexicon.contains(left + "-" + right) { return Verdict(join: false, why: .hyphenatedIsWord) }
        if lexicon.contains(left) && lexicon.contains(right) && parts.rightHasMoreThanOneScalar {
            return Verdict(join: false, why: .twoWords)
        }
        return Verdict(join: true, why: .noWord)
    }
}

/// The text of one split's parts, read from the stream's bytes, and the words of its decision.
struct SplitText {
    enum Piece { case left, hyphen, right }

    let bytes: [UInt8]
    let split: HyphenSplit

    var rightIsCapitalised: Bool { UTF8Scalars.isUppercase(in: bytes, at: split.right.lowerBound) }

    var rightHasMoreThanOneScalar: Bool { bytes[split.right].lazy.filter { $0 & 0xC0 != 0x80 }.count > 1 }

    func string(_ pieces: [Piece]) -> String {
        var text = TextBytes()
        append(pieces, to: &text)
        return text.string
    }

    private func append(_ pieces: [Piece], to text: inout TextBytes) {
        for piece in pieces {
            switch piece {
            case .left: text.append(text: bytes[split.left])
            case .hyphen: text.append("-")
            case .right: text.append(text: bytes[split.right])
            }
        }
    }

    private func quoted(_ pieces: [Piece], to text: inout TextBytes) {
        text.append("“")
        append(pieces, to: &text)
        text.append("”")
    }

    /// The edit's reason: the verdict and why.
    func reason(_ verdict: DehyphenationStage.Verdict) -> String {
        var text = TextBytes()
        text.append(verdict.join ? "hyphen joined: " : "hyphen kept: ")
        switch verdict.why {
        case .number:
            text.append("a number or code, not a split word")
        case .hyphenatedElsewhere(let count):
            text.append("the document writes ")
            quoted([.left, .hyphen, .right], to: &text)
            text.append(" ")
            text.append(count)
            text.append(" time(s) elsewhere")
        case .joinedElsewhere(let count):
            text.append("the document writes ")
            quoted([.left, .right], to: &text)
            text.append(" ")
            text.append(count)
            text.append(" time(s) elsewhere")
        case .capitalised:
            text.append("the second part is capitalised (a name or title)")
        case .joinedIsWord:
            quoted([.left, .right], to: &text)
            text.append(" is a word")
        case .hyphenatedIsWord:
            quoted([.left, .hyphen, .right], to: &text)
            text.append(" is a word")
        case .twoWords:
            quoted([.left], to: &text)
            text.append(" and ")
            quoted([.right], to: &text)
            text.append(" are words and ")
            quoted([.left, .right], to: &text)
            text.append(" is not")
        case .noWord:
            quoted([.left], to: &text)
            text.append(" or ")
            quoted([.right], to: &text)
            text.append(" is no word on its own (a split inside a word)")
        }
        return text.string
    }
}

/// UTF-8 text assembled from literals, numbers and slices of the stream, made a `String` once.
struct TextBytes {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(96) }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text from the stream: as `String(decoding:as:)` reads it (the same bytes when valid UTF-8).
    mutating func append(text slice: ArraySlice<UInt8>) {
        if slice.allSatisfy({ $0 < 0x80 }) {
            bytes.append(contentsOf: slice)
        } else {
            bytes.append(contentsOf: String(decoding: slice, as: UTF8.self).utf8)
        }
    }

    mutating func append(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Word boundaries over UTF-8 bytes: letters and digits, with apostrophes only between letters.
/// ASCII is classified by byte; other scalars are decoded.
private struct WordScanner {
    let bytes: [UInt8]

    /// Whether a letter starts at `index`.
    func isLetter(at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        return byte < 0x80 ? isLetterASCII(byte) : UTF8Scalars.isLetter(UTF8Scalars.scalar(in: bytes, at: index).scalar)
    }

    func isLetterOrDigit(at index: Int) -> Bool {
        index < bytes.count && (isDigit(bytes[index]) || isLetter(at: index))
    }

    /// Whether the scalar ending just before `index` is a letter or digit.
    func isLetterOrDigit(before index: Int) -> Bool {
        index > 0 && isLetterOrDigit(at: UTF8Scalars.start(before: index, in: bytes))
    }

    /// The end of the word that starts at `index` (letters, digits, inner apostrophes).
    func wordEnd(from index: Int) -> Int {
        var end = index
        let count = bytes.count
        while end < count {
            let byte = bytes[end]
            if byte < 0x80 {
                if isLetterOrDigitASCII(byte) {
                    end += 1
                    continue
                }
                guard byte == 0x27, isLetter(at: end + 1) else { break }
                end += 1
                continue
            }
            let (scalar, length) = UTF8Scalars.scalar(in: bytes, at: end)
            if UTF8Scalars.isLetter(scalar) {
                end += length
                continue
            }
            guard UTF8Scalars.isApostrophe(scalar), isLetter(at: end + length) else { break }
            end += length
        }
        return end
    }

    /// The start of the word that ends at `index`.
    func wordStart(before index: Int) -> Int {
        var start = index
        while start > 0 {
            let previous = UTF8Scalars.start(before: start, in: bytes)
            if isLetterOrDigit(at: previous) {
                start = previous
                continue
            }
            let scalar = UTF8Scalars.scalar(in: bytes, at: previous).scalar
            guard UTF8Scalars.isApostrophe(scalar), previous > 0, isLetterOrDigit(before: previous) else { break }
            start = previous
        }
        return start
    }
}

/// One hyphen split: the word part before the hyphen, the bytes from the hyphen to the next
/// part (hyphen, spaces, line breaks, indentation), and the word part after it.
struct HyphenSplit: Equatable {
    var left: Range<Int>
    var gap: Range<Int>
    var right: Range<Int>
}

/// Finds hyphen splits in one pass over the bytes.
struct HyphenSplitFinder {
    let bytes: [UInt8]
    let inline: Bool
    /// Words after which a trailing hyphen is suspended (`pre- and post-trial`), not a split.
    private static let suspendingWords: Set<String> = ["and", "or", "nor", "to", "through"]

    func splits() -> [HyphenSplit] {
        bytes.withUnsafeBufferPointer { buffer in
            var result: [HyphenSplit] = []
            let words = WordScanner(bytes: bytes)
            var index = ByteSearch.next(0x2D, in: buffer, from: 0)
            while index < buffer.count {
                guard words.isLetterOrDigit(before: index) else {
                    index = ByteSearch.next(0x2D, in: buffer, from: index + 1)
                    continue
                }
                // Hyphen after a word character: what follows decides.
                var after = index + 1
                var lineBreaks = 0, spaces = 0
                while after < buffer.count, buffer[after] == 0x20 || buffer[after] == 0x09 || buffer[after] == 0x0A {
                    if buffer[after] == 0x0A { lineBreaks += 1 } else { spaces += 1 }
                    after += 1
                }
                let isLineEnd = lineBreaks >= 1
                let isInlineSplit = inline && lineBreaks == 0 && spaces == 1
                guard isLineEnd || isInlineSplit, after < buffer.count,
                      words.isLetter(at: after) || (isDigit(buffer[after]) && isDigit(buffer[index - 1])) else {
                    index = ByteSearch.next(0x2D, in: buffer, from: index + 1)
                    continue
                }
                // The part before may itself be hyphenated (`cross-ex-` / `amination`): take the last piece.
                let leftStart = words.wordStart(before: index)
                let rightEnd = words.wordEnd(from: after)
                if Self.isSuspendingWord(buffer[after..<rightEnd]) || (isInlineSplit && !startsLowercase(after)) {
                    index = ByteSearch.next(0x2D, in: buffer, from: after)
                    continue
                }
                result.append(HyphenSplit(left: leftStart..<index, gap: index..<after, right: after..<rightEnd))
                index = ByteSearch.next(0x2D, in: buffer, from: rightEnd)
            }
            return result
        }
    }

    /// Whether `word` is one of `suspendingWords` (compared as its text, so only ASCII matches).
    private static func isSuspendingWord(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard word.count <= 7, word.allSatisfy({ $0 < 0x80 }) else { return false }
        return suspendingWords.contains(String(decoding: word, as: UTF8.self))
    }

    private func startsLowercase(_ index: Int) -> Bool {
        UTF8Scalars.scalar(in: bytes, at: index).scalar.properties.isLowercase
    }
}

/// How often each of the words asked about (the joined and hyphenated forms of the splits)
/// occurs in the document outside the splits being decided, alone or as a part of a hyphenated
/// word. Case-insensitive. Words are found by bytes; only words of ASCII and `’` are compared by
/// bytes, others as `String`s (canonical equivalence, Unicode lowercasing), as before.
struct DocumentVocabulary {
    /// A word asked about.
    enum Word {
        /// Index in `plain`.
        case plain(Int)
        /// Lowercased, in `other`.
        case other(String)
    }

    /// Lowercased words of ASCII and `’` (their NFC is themselves: equal as `String`s only when
    /// equal as bytes), and their counts.
    private var plain = ByteWordTable()
    private var plainCounts: [Int] = []
    /// One bit per length and first two bytes of the plain words (see `sketchBit`).
    private var sketch = [UInt64](repeating: 0, count: 1024)
    /// The other words asked about, lowercased, and their counts.
    private var other: [String: Int] = [:]
    /// The bytes of the word being asked about (reused, so that asking allocates nothing).
    private var scratch: [UInt8] = []

    init() {}

    /// Asks about the joined (or hyphenated) form of `split` in `bytes`.
    mutating func word(_ bytes: [UInt8], hyphenated: Bool, split: HyphenSplit) -> Word {
        if Self.isPlain(bytes[split.left]) && Self.isPlain(bytes[split.right]) {
            var word: [UInt8] = []
            swap(&word, &scratch)
            word.removeAll(keepingCapacity: true)
            for byte in bytes[split.left] { word.append(lowercasedASCII(byte)) }
            if hyphenated { word.append(0x2D) }
            for byte in bytes[split.right] { word.append(lowercasedASCII(byte)) }
            let id = insert(word)
            scratch = word
            return .plain(id)
        }
        let left = String(decoding: bytes[split.left], as: UTF8.self), right = String(decoding: bytes[split.right], as: UTF8.self)
        let key = (hyphenated ? left + "-" + right : left + right).lowercased()
        if Self.isPlain(key) { return .plain(insert(Array(key.utf8))) }
        other[key] = 0
        return .other(key)
    }

    private mutating func insert(_ word: [UInt8]) -> Int {
        let id = plain.insert(word)
        if id == plainCounts.count { plainCounts.append(0) }
        if let first = word.first {
            let bit = Self.sketchBit(length: word.count, first, word.count > 1 ? word[1] : 0)
            sketch[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return id
    }

    func count(of word: Word) -> Int {
        switch word {
        case .plain(let id): plainCounts[id]
        case .other(let key): other[key] ?? 0
        }
    }

    /// ASCII and `’` (E2 80 99) only.
    private static func isPlain(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte >= 0x80 else { continue }
            guard byte == 0xE2, iterator.next() == 0x80, iterator.next() == 0x99 else { return false }
        }
        return true
    }

    private static func isPlain(_ word: String) -> Bool { isPlain(word.utf8) }

    /// Adds the words of `bytes`, leaving out the split words being decided.
    mutating func count(_ bytes: [UInt8], excluding splits: [HyphenSplit]) {
        let words = WordScanner(bytes: bytes)
        ByteClass.table.withUnsafeBufferPointer { classes in
            bytes.withUnsafeBufferPointer { buffer in
                var index = 0
                var skip = 0
                while true {
                    // Tokens that start before the next split; a token running into it is cut there.
                    let limit = skip < splits.count ? splits[skip].left.lowerBound : buffer.count
                    while index < limit {
                        let byte = buffer[index]
                        let kind = classes[Int(byte)]
                        if kind & ByteClass.letter == 0 {
                            guard kind & ByteClass.beyondASCII != 0 else {
                                index &+= 1
                                continue
                            }
                            guard words.isLetter(at: index) else {
                                index += byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                                continue
                            }
                        } else if let (end, hasHyphen) = Self.asciiTokenEnd(buffer, from: index, classes: classes) {
                            // A token: words joined by inner hyphens (`split-second`).
                            let tokenEnd = min(end, limit)
                            addASCII(buffer, index..<tokenEnd, hasHyphen: hasHyphen)
                            index = end
                            continue
                        }
                        var end = words.wordEnd(from: index)
                        while end + 1 < buffer.count, buffer[end] == 0x2D, words.isLetter(at: end + 1) {
                            end = words.wordEnd(from: end + 1)
                        }
                        let tokenEnd = min(end, limit)
                        if tokenEnd > index { add(UnsafeBufferPointer(rebasing: buffer[index..<tokenEnd])) }
                        index = max(end, index + 1)
                    }
                    guard skip < splits.count else { break }
                    index = max(index, splits[skip].right.upperBound)
                    skip += 1
                }
            }
        }
    }

    /// The end of the token whose ASCII letter is at `start` (see `count`) when it is ASCII up to
    /// its end, and whether it holds a hyphen; nil when a byte beyond ASCII may belong to it.
    @inline(__always)
    private static func asciiTokenEnd(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, classes: UnsafeBufferPointer<UInt8>
    ) -> (Int, Bool)? {
        var end = start &+ 1
        var hasHyphen = false
        let count = buffer.count
        while true {
            end = letterOrDigitRunEnd(buffer, from: end)
            guard end < count else { break }
            let kind = classes[Int(buffer[end])]
            if kind & ByteClass.beyondASCII != 0 { return nil }
            // An apostrophe between letters, a hyphen before one.
            guard kind & ByteClass.joiner != 0, end &+ 1 < count else { break }
            let next = classes[Int(buffer[end &+ 1])]
            if next & ByteClass.beyondASCII != 0 { return nil }
            guard next & ByteClass.letter != 0 else { break }
            if buffer[end] == 0x2D { hasHyphen = true }
            end &+= 2
        }
        return (end, hasHyphen)
    }

    /// The first byte at or after `start` that is no ASCII letter or digit, eight bytes at a time.
    @inline(__always)
    private static func letterOrDigitRunEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = buffer.count
        let raw = UnsafeRawPointer(buffer.baseAddress!)
        while index &+ 8 <= count {
            let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let low = chunk & 0x7F7F_7F7F_7F7F_7F7F
            // High bit per byte at or above a bound (no carries: each sum stays below 0x100).
            let digits = (low &+ 0x5050_5050_5050_5050) & ~(low &+ 0x4646_4646_4646_4646)
            let folded = low | 0x2020_2020_2020_2020  // capitals to lowercase (other bytes may change, not into letters)
            let letters = (folded &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(folded &+ 0x0505_0505_0505_0505)
            let other = ~((digits | letters) & ~chunk) & 0x8080_8080_8080_8080
            if other != 0 { return index &+ UInt64(littleEndian: other).trailingZeroBitCount / 8 }
            index &+= 8
        }
        while index < count && isLetterOrDigitASCII(buffer[index]) { index &+= 1 }
        return index
    }

    /// Where in `sketch` a word of `length` bytes starting with `first`, `second` (lowercased)
    /// sits: most words of a text share none with the few words asked about.
    @inline(__always)
    private static func sketchBit(length: Int, _ first: UInt8, _ second: UInt8) -> Int {
        min(length, 63) << 10 | Int(first & 31) << 5 | Int(second & 31)
    }

    @inline(__always)
    private func mayBeAskedAbout(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let second = range.count > 1 ? buffer[range.lowerBound + 1] : 0
        let bit = Self.sketchBit(length: range.count, buffer[range.lowerBound], second)
        return sketch[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Counts an ASCII token, and each part of it between hyphens.
    private mutating func addASCII(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hasHyphen: Bool) {
        countASCII(buffer, range)
        guard hasHyphen else { return }
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound && buffer[end] != 0x2D { end += 1 }
            if end > start { countASCII(buffer, start..<end) }
            start = end + 1
        }
    }

    @inline(__always)
    private mutating func countASCII(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard mayBeAskedAbout(buffer, range) else { return }
        if let id = plain.index(ofLowercased: UnsafeBufferPointer(rebasing: buffer[range])) { plainCounts[id] += 1 }
    }

    /// Counts one token, lowercased, and each part of it between hyphens.
    private mutating func add(_ token: UnsafeBufferPointer<UInt8>) {
        var hash = ByteWordTable.seed
        var hasHyphen = false
        var index = 0
        while index < token.count {
            let byte = token[index]
            if byte >= 0x80 {
                guard byte == 0xE2, index + 2 < token.count, token[index + 1] == 0x80, token[index + 2] == 0x99 else {
                    addOther(token)
                    return
                }
                hash = ByteWordTable.mix(ByteWordTable.mix(ByteWordTable.mix(hash, 0xE2), 0x80), 0x99)
                index += 3
                continue
            }
            if byte == 0x2D { hasHyphen = true }
            hash = ByteWordTable.mix(hash, lowercasedASCII(byte))
            index += 1
        }
        if plainCounts.isEmpty { return }
        if let id = plain.index(ofLowercased: token, hash: hash) { plainCounts[id] += 1 }
        guard hasHyphen else { return }
        var start = 0
        while start < token.count {
            var end = start
            hash = ByteWordTable.seed
            while end < token.count && token[end] != 0x2D {
                hash = ByteWordTable.mix(hash, lowercasedASCII(token[end]))
                end += 1
            }
            if end > start, let id = plain.index(ofLowercased: UnsafeBufferPointer(rebasing: token[start..<end]), hash: hash) {
                plainCounts[id] += 1
            }
            start = end + 1
        }
    }

    /// A token with letters beyond ASCII: lowercased and split as a `String`.
    private mutating func addOther(_ token: UnsafeBufferPointer<UInt8>) {
        let lowered = String(decoding: token, as: UTF8.self).lowercased()
        addKey(lowered)
        if lowered.contains("-") {
            for part in lowered.split(separator: "-") { addKey(String(part)) }
        }
    }

    private mutating func addKey(_ key: String) {
        if Self.isPlain(key) {
            if let id = plain.index(of: Array(key.utf8)) { plainCounts[id] += 1 }
        } else if let count = other[key] {
            other[key] = count + 1
        }
    }

}

/// Byte classes for the vocabulary's scan: one load per byte instead of range tests.
private enum ByteClass {
    static let letter: UInt8 = 1
    static let digit: UInt8 = 2
    static let letterOrDigit: UInt8 = 3
    /// A byte of a scalar beyond ASCII (which may be a letter).
    static let beyondASCII: UInt8 = 4
    /// `'` and `-`, which join letters.
    static let joiner: UInt8 = 8

    static let table: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        let value = UInt8(byte)
        if value >= 0x80 { return beyondASCII }
        if isLetterASCII(value) { return letter }
        if isDigit(value) { return digit }
        return value == 0x27 || value == 0x2D ? joiner : 0
    }
}
