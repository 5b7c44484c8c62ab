/// The court's decision, recorded in `document.disposition` (the text is not changed). It is
/// looked for in the last `lastBlocks` blocks of the lead opinion: the first that speaks for the
/// court (majority, plurality, per curiam, unanimous, combined), else the first of unknown type
/// (text before the first byline, or a document not split into opinions); a document that holds
/// only a dissent or a concurrence has none. Block quotes are someone else's words and are
/// skipped. The last sentence in the court's own voice wins:
/// - a decision standing alone: `AFFIRMED.`, `Reversed and remanded.`, `Judgment affirmed.`,
///   `AFFIRMED in part, REVERSED in part, and REMANDED.`;
/// - `we` and a disposition verb in the present: `We affirm the judgment of the district court.`,
///   `Accordingly, we REVERSE and REMAND.`;
/// - a judgment, order, petition, appeal … that `is` or `are` disposed of: `The judgment of the
///   district court is AFFIRMED.`, `The petition for review is denied.`, `The judgment is
///   reversed, and the case is remanded for further proceedings.`;
/// - any of these after `It is ordered that` / `ORDERED that`.
/// `It is so ordered.` / `SO ORDERED.` count only when nothing else does. Capitals and lower
/// case read alike. What another court did is not a disposition: `The district court denied
/// the motion.`, `we affirmed in Doe`, `I would affirm` do not count.
/// The recorded text drops a leading phrase that ends in a comma (`Therefore, we DISMISS the
/// appeal.` → `we DISMISS the appeal`) and the final period.
public struct DispositionStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let lastBlocks = Parameter.integer("lastBlocks", 1...50, default: 4,
            "How many blocks at the end of the lead opinion are searched for the disposition.")
        public var lastBlocks: Int

        public init(_ values: StageParameterValues) {
            lastBlocks = values[Self.lastBlocks]
        }
    }

    public static let id = "disposition"
    public static let summary =
        "Records the court's decision (AFFIRMED, we reverse, the petition is denied) from the last paragraphs of the lead opinion; the text is not changed."
    public static let phase = StagePhase.blocks
    public static let requires = [ReflowStage.id]

    /// The opinion types that speak for the court.
    static let leadTypes: Set<OpinionType> = [.majority, .plurality, .perCuriam, .unanimous, .combined]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        guard let lead = document.opinions.first(where: { Self.leadTypes.contains($0.type) })
                ?? document.opinions.first(where: { $0.type == .unknown }) else { return }
        var decision: String?
        var formula: String?
        for block in lead.blocks.suffix(configuration.lastBlocks) where block.kind != .blockquote {
            // Most blocks and sentences hold none of the words a disposition needs.
            guard DispositionStems.occur(in: block.text) else { continue }
            let bytes = Array(block.text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                for range in Self.sentences(in: bytes) where DispositionStems.occur(in: UnsafeBufferPointer(rebasing: buffer[range])) {
                    switch DispositionSentence(String(decoding: buffer[range], as: UTF8.self)) {
                    case .decision(let text): decision = text
                    case .formula(let text): formula = text
                    case nil: break
                    }
                }
            }
        }
        document.disposition = decision ?? formula
    }

    /// The byte ranges of `Sentences.split`'s sentences, without their spaces; no `String` is
    /// made for a sentence that the stems rule out.
    static func sentences(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        func add(_ start: Int, _ end: Int) {
            var start = start, end = end
            while start < end && bytes[start] == 0x20 { start += 1 }
            while end > start && bytes[end - 1] == 0x20 { end -= 1 }
            if start < end { ranges.append(start..<end) }
        }
        var start = 0
        ByteLines.forEachIndex(of: UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"), in: bytes, range: bytes.indices) { index in
            guard let next = Sentences.nextSentenceStart(in: bytes, after: index) else { return }
            if bytes[index] == UInt8(ascii: "."), Sentences.endsAbbreviation(bytes, period: index) { return }
            add(start, next)
            start = next
        }
        add(start, bytes.count)
        return ranges
    }
}

/// A cheap test on the UTF-8 bytes before `DispositionSentence` reads the words: a sentence is a
/// disposition only when one of its words is a participle, a disposition verb or `ordered`, and
/// every such word (lowercased, without its punctuation) starts with one of these ASCII stems
/// where no ASCII letter or digit comes before.
enum DispositionStems {
    private static let stems: [[UInt8]] = [
        "affirm", "revers", "vacat", "remand", "dismiss", "denied", "deny", "grant", "modif", "enforc", "ordered",
    ].map { Array($0.utf8) }
    /// Which lowercase letters open a stem, indexed by byte.
    private static let openers: [Bool] = (0..<256).map { byte in stems.contains { $0[0] == UInt8(byte) } }

    static func occur(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occur(in: $0) }
    }

    static func occur(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0x20
        for index in bytes.indices {
            let byte = bytes[index]
            defer { previous = byte }
            // `| 0x20` lowercases ASCII letters; other bytes never map onto an opener and a stem.
            guard openers[Int(byte | 0x20)], !isLetterOrDigitASCII(previous) else { continue }
            for stem in stems where stem[0] == byte | 0x20 && matches(stem, in: bytes, at: index) { return true }
        }
        return false
    }

    /// Whether `stem` (lowercase letters) is at `index`, in any case.
    private static func matches(_ stem: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard bytes.count - index >= stem.count else { return false }
        for offset in 1..<stem.count where bytes[index + offset] | 0x20 != stem[offset] { return false }
        return true
    }
}

/// Reads one sentence: is it the court disposing of the case, and in what words?
enum DispositionSentence: Equatable {
    /// The decision itself (`we AFFIRM`, `the judgment is reversed`).
    case decision(String)
    /// Only the closing formula (`It is so ordered`).
    case formula(String)

    private static let participles: Set<String> = [
        "affirmed", "reversed", "vacated", "remanded", "dismissed", "denied", "granted", "modified", "enforced",
    ]
    private static let verbs: Set<String> = [
        "affirm", "reverse", "vacate", "remand", "dismiss", "deny", "grant", "modify", "enforce",
    ]
    /// What a court disposes of: `The judgment … is affirmed`, `Petition denied.`
    private static let subjects: Set<String> = [
        "judgment", "judgments", "order", "orders", "decision", "decisions", "decree", "petition", "petitions",
        "motion", "motions", "appeal", "appeals", "cross-appeal", "case", "cause", "conviction", "convictions",
        "sentence", "sentences", "application", "writ", "ruling", "rulings", "matter", "award", "request",
        "action", "complaint", "claims", "mandate", "injunction",
    ]
    /// Words that may stand between the subject and its verb: `we therefore affirm`, `is hereby
    /// dismissed`.
    private static let adverbs: Set<String> = [
        "therefore", "accordingly", "thus", "hereby", "hence", "consequently", "also", "now", "must", "respectfully",
        "summarily",
    ]
    /// A phrase that begins a sentence, ending in a comma, is dropped when one of these follows.
    private static let clauseStarts: Set<String> = ["we", "the", "this", "it", "its", "our"]
    /// A decision standing alone tells no story: these words would make it one (`Affirmed by
    /// the Supreme Court in 1990, …`, `reversed because …`).
    private static let narrative: Set<String> = ["was", "were", "has", "had", "by", "because", "since", "when", "although", "i"]
    /// A decision is never the court's own after these (`I would affirm`).
    private static let otherVoices: Set<String> = ["i", "would", "should", "could", "might", "dissent", "dissenting", "concur", "concurring"]

    /// The lists a word is in, looked up once per word instead of once per question.
    struct Classes: OptionSet {
        let rawValue: UInt8
        static let participle = Classes(rawValue: 1 << 0)
        static let verb = Classes(rawValue: 1 << 1)
        static let subject = Classes(rawValue: 1 << 2)
        static let adverb = Classes(rawValue: 1 << 3)
        static let clauseStart = Classes(rawValue: 1 << 4)
        static let narrative = Classes(rawValue: 1 << 5)
        static let otherVoice = Classes(rawValue: 1 << 6)
    }

    private static let lexicon: [String: Classes] = {
        var lexicon: [String: Classes] = [:]
        let lists: [(Set<String>, Classes)] = [
            (participles, .participle), (verbs, .verb), (subjects, .subject), (adverbs, .adverb),
            (clauseStarts, .clauseStart), (narrative, .narrative), (otherVoices, .otherVoice),
        ]
        for (list, classes) in lists {
            for word in list { lexicon[word, default: []].insert(classes) }
        }
        // Words the grammar names one by one, in no list.
        for word in ["we", "and", "is", "are", "so", "ordered", "it", "that"] where lexicon[word] == nil { lexicon[word] = [] }
        return lexicon
    }()

    /// Every word the grammar compares keys with, found by bytes; a key not in it is "".
    private static let known: (table: ByteWordTable, words: [(key: String, classes: Classes)]) = {
        var table = ByteWordTable(capacity: lexicon.count)
        var words: [(key: String, classes: Classes)] = []
        for (key, classes) in lexicon.sorted(by: { $0.key < $1.key }) {
            table.insert(Array(key.utf8))
            words.append((key, classes))
        }
        return (table, words)
    }()

    /// One word of the sentence: as written, lowercased without surrounding punctuation, and
    /// whether a comma follows it.
    private struct Word {
        let text: Substring
        let key: String
        let classes: Classes
        let comma: Bool

        init(_ text: Substring) {
            // Found by index: `dropLast` on a Substring counts it whole each time.
            let isCore: (Character) -> Bool = { $0.isLetter || $0.isNumber }
            var key = ""
            if let first = text.firstIndex(where: isCore), let last = text.lastIndex(where: isCore) {
                key = text[first...last].lowercased()
            }
            self.init(text: text, key: key, comma: text.hasSuffix(","))
        }

        init(text: Substring, key: String, comma: Bool) {
            self.init(text: text, key: key, classes: key.isEmpty ? [] : lexicon[key] ?? [], comma: comma)
        }

        init(text: Substring, key: String, classes: Classes, comma: Bool) {
            self.text = text
            self.key = key
            self.classes = classes
            self.comma = comma
        }

        func isIn(_ list: Classes) -> Bool { !classes.isDisjoint(with: list) }

        /// The words of `sentence`, split at spaces: read on its bytes when they allow it (and
        /// `readingBytes`), else as `Character`s.
        static func read(_ sentence: String, readingBytes: Bool) -> [Word] {
            let fromBytes = readingBytes ? sentence.utf8.withContiguousStorageIfAvailable { ByteWords.read($0, of: sentence) } : nil
            return (fromBytes ?? nil) ?? sentence.split(separator: " ").map(Word.init)
        }
    }

    /// Splits a sentence into `Word`s on its UTF-8 bytes, giving what `Word.init` gives from
    /// `Character`s. The bytes are read as they are for ASCII, a few punctuation marks (no letter,
    /// no number) and the Latin letters U+00C0–U+024F: none of them joins its neighbours into one
    /// `Character`. So a space byte between them is a space `Character`, and a key that is no
    /// word the grammar knows (`known`) is "": it matches nothing, as the `Character` reading's
    /// key would not. A word with any other scalar is read as `Character`s;
    /// such a scalar that joins a space next to it makes the whole reading nil.
    private enum ByteWords {
        /// Longer keys are no word of the grammar (`cross-appeal`, `respectfully`).
        static let longestKey = DispositionSentence.known.words.map(\.key.utf8.count).max() ?? 0

        static func read(_ bytes: UnsafeBufferPointer<UInt8>, of sentence: String) -> [Word]? {
            var words: [Word] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x20 {
                    index += 1
                    continue
                }
                let start = index
                // Where the first letter or digit starts and the last one ends: the key.
                var coreStart = -1, coreEnd = -1
                var readsCharacters = false
                while index < bytes.count && bytes[index] != 0x20 {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        if isLetterOrDigitASCII(byte) {
                            if coreStart < 0 { coreStart = index }
                            coreEnd = index + 1
                        }
                        index += 1
                        continue
                    }
                    guard let (length, isLetter) = scalar(in: bytes, at: index) else {
                        // Valid UTF-8: the lead byte tells the length.
                        let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                        let afterSpace = index > 0 && bytes[index - 1] == 0x20
                        let beforeSpace = index + length < bytes.count && bytes[index + length] == 0x20
                        if afterSpace && joinsSpace(bytes, index..<index + length, spaceFirst: true)
                            || beforeSpace && joinsSpace(bytes, index..<index + length, spaceFirst: false) {
                            return nil
                        }
                        readsCharacters = true
                        index += length
                        continue
                    }
                    if isLetter {
                        if coreStart < 0 { coreStart = index }
                        coreEnd = index + length
                    }
                    index += length
                }
                let utf8 = sentence.utf8
                let text = sentence[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: index)]
                if readsCharacters {
                    words.append(Word(text))
                    continue
                }
                let known = coreStart >= 0 ? knownWord(UnsafeBufferPointer(rebasing: bytes[coreStart..<coreEnd])) : nil
                words.append(Word(text: text, key: known?.key ?? "", classes: known?.classes ?? [], comma: bytes[index - 1] == UInt8(ascii: ",")))
            }
            return words
        }

        /// The grammar's word that `core` is in any ASCII case; nil for any other (a key with
        /// a byte beyond ASCII is none of them).
        private static func knownWord(_ core: UnsafeBufferPointer<UInt8>) -> (key: String, classes: Classes)? {
            guard core.count <= longestKey, core.allSatisfy({ $0 < 0x80 }) else { return nil }
            return DispositionSentence.known.table.index(ofLowercased: core).map { DispositionSentence.known.words[$0] }
        }

        /// Whether the scalar at `range` makes one `Character` with a space before it (a
        /// combining mark) or after it (a prepended concatenation mark).
        private static func joinsSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, spaceFirst: Bool) -> Bool {
            let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            return (spaceFirst ? " " + scalar : scalar + " ").count == 1
        }

        /// The length of the scalar beyond ASCII at `index` and whether it is a letter, for the
        /// scalars the byte reading knows; nil for any other.
        private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (length: Int, isLetter: Bool)? {
            guard index + 1 < bytes.count else { return nil }
            let lead = bytes[index], second = bytes[index + 1]
            switch lead {
            case 0xC2 where second == 0xA0 || second == 0xA7 || second == 0xB6:
                return (2, false)  // no-break space, §, ¶
            case 0xC3 where second != 0x97 && second != 0xB7:
                return (2, true)  // À … ÿ but × and ÷
            case 0xC4...0xC8:
                return (2, true)  // Ā … ȿ
            case 0xC9 where second <= 0x8F:
                return (2, true)  // ɀ … ɏ
            case 0xE2 where second == 0x80 && index + 2 < bytes.count:
                switch bytes[index + 2] {
                case 0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6: return (3, false)  // – — ‘ ’ “ ” …
                default: return nil
                }
            default:
                return nil
            }
        }
    }

    /// `readingBytes: false` reads the words as `Character`s only (the tests compare the two).
    init?(_ sentence: String, readingBytes: Bool = true) {
        var words = Word.read(sentence, readingBytes: readingBytes)
        guard !words.isEmpty else { return nil }
        words = Self.withoutLeadingPhrase(words)
        if Self.isFormula(words) {
            self = .formula(Self.recorded(words))
            return
        }
        // `It is ordered that the motion is granted`: the order's content decides.
        var body = words[...]
        if let content = Self.orderedContent(words) { body = words[content...] }
        guard Self.decides(body) else { return nil }
        self = .decision(Self.recorded(words))
    }

    /// Whether `words` (at a sentence start) state a decision in the court's voice.
    private static func decides(_ words: ArraySlice<Word>) -> Bool {
        guard let first = words.first else { return false }
        let start = words.startIndex
        // `AFFIRMED in part, REVERSED in part`, `Judgment affirmed.`
        let lead = start + (first.isIn(.subject) && words.count > 1 ? 1 : 0)
        if words[lead].isIn(.participle) {
            let concession = words[lead].comma && lead + 1 < words.endIndex && words[lead + 1].isIn(.clauseStart)
            return !concession && words.count <= 14 && !words.contains { $0.isIn(.narrative) }
        }
        // `we (therefore) affirm`, at the start of a clause, with no other voice before it.
        var otherVoiceBefore = false
        for index in words.indices {
            let word = words[index]
            defer { if word.isIn(.otherVoice) { otherVoiceBefore = true } }
            guard word.key == "we", !otherVoiceBefore else { continue }
            let clauseStart = index == start || words[index - 1].comma || words[index - 1].key == "and"
            if clauseStart, let verb = words[(index + 1)...].first(where: { !$0.isIn(.adverb) }), verb.isIn(.verb) {
                return true
            }
        }
        // `The judgment of the district court is (hereby) affirmed`.
        if let copula = words.prefix(20).firstIndex(where: { $0.key == "is" || $0.key == "are" }), copula > start {
            let subject = words[..<copula]
            guard subject.contains(where: { $0.isIn(.subject) }), !subject.contains(where: { $0.isIn(.otherVoice) }) else { return false }
            let verb = words[(copula + 1)...].first { !$0.isIn(.adverb) }
            return verb?.isIn(.participle) ?? false
        }
        return false
    }

    /// `It is so ordered`, `So ordered`, `IT IS SO ORDERED`.
    private static func isFormula(_ words: [Word]) -> Bool {
        let keys = words.count == 2 || words.count == 4 ? words.map(\.key) : []
        return keys == ["so", "ordered"] || keys == ["it", "is", "so", "ordered"]
    }

    /// Where the content of an order starts: after `It is (hereby) ordered (that)` or
    /// `Ordered (that)`; nil when the sentence is no such order.
    private static func orderedContent(_ words: [Word]) -> Int? {
        var index = 0
        if words.count >= 2 && words[0].key == "it" && words[1].key == "is" { index = 2 }
        while index < words.count && words[index].isIn(.adverb) { index += 1 }
        guard index < words.count, words[index].key == "ordered" else { return nil }
        index += 1
        if index < words.count && words[index].key == "that" { index += 1 }
        return index < words.count ? index : nil
    }

    /// Drops a leading phrase that ends in a comma (`Therefore,`, `For these reasons,`) when a
    /// clause follows it (`we …`, `the judgment …`) and the phrase itself decides nothing.
    private static func withoutLeadingPhrase(_ words: [Word]) -> [Word] {
        let firstVerb = words.firstIndex { $0.isIn([.participle, .verb]) } ?? words.count
        let cut = words[..<firstVerb].indices.last { index in
            words[index].comma && index + 1 < words.count && words[index + 1].isIn(.clauseStart)
        }
        return cut.map { Array(words[($0 + 1)...]) } ?? words
    }

    /// The words as written, without the final period.
    private static func recorded(_ words: [Word]) -> String {
        var text = words.map(\.text).joined(separator: " ")
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
