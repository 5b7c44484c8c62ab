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
        public static let parameters = [
            StageParameter(
                "lastBlocks", .integer(1...50), default: 4,
                "How many blocks at the end of the lead opinion are searched for the disposition."),
        ]
        public var lastBlocks: Int

        public init(_ values: StageParameterValues) {
            lastBlocks = values.int("lastBlocks")
        }
    }

    public static let id = "disposition"
    public static let summary =
        "Records the court's decision (AFFIRMED, we reverse, the petition is denied) from the last paragraphs of the lead opinion; the text is not changed."
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
            for sentence in Sentences.split(block.text) {
                switch DispositionSentence(sentence) {
                case .decision(let text): decision = text
                case .formula(let text): formula = text
                case nil: break
                }
            }
        }
        document.disposition = decision ?? formula
    }
}

/// Reads one sentence: is it the court disposing of the case, and in what words?
enum DispositionSentence {
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

    /// One word of the sentence: as written, lowercased without surrounding punctuation, and
    /// whether a comma follows it.
    private struct Word {
        let text: Substring
        let key: String
        let comma: Bool

        init(_ text: Substring) {
            self.text = text
            // Found by index: `dropLast` on a Substring counts it whole each time.
            let isCore: (Character) -> Bool = { $0.isLetter || $0.isNumber }
            if let first = text.firstIndex(where: isCore), let last = text.lastIndex(where: isCore) {
                key = text[first...last].lowercased()
            } else {
                key = ""
            }
            comma = text.hasSuffix(",")
        }
    }

    init?(_ sentence: String) {
        var words = sentence.split(separator: " ").map(Word.init)
        guard !words.isEmpty else { return nil }
        words = Self.withoutLeadingPhrase(words)
        let text = Self.recorded(words)
        if Self.isFormula(words.map(\.key)) {
            self = .formula(text)
            return
        }
        // `It is ordered that the motion is granted`: the order's content decides.
        var body = words[...]
        if let content = Self.orderedContent(words.map(\.key)) { body = words[content...] }
        guard Self.decides(body) else { return nil }
        self = .decision(text)
    }

    /// Whether `words` (at a sentence start) state a decision in the court's voice.
    private static func decides(_ words: ArraySlice<Word>) -> Bool {
        let keys = words.map(\.key)
        guard let first = keys.first else { return false }
        // `AFFIRMED in part, REVERSED in part`, `Judgment affirmed.`
        let lead = subjects.contains(first) && keys.count > 1 ? 1 : 0
        if participles.contains(keys[lead]) {
            let concession = words[words.startIndex + lead].comma && keys.count > lead + 1 && clauseStarts.contains(keys[lead + 1])
            return !concession && keys.count <= 14 && !keys.contains(where: narrative.contains)
        }
        // `we (therefore) affirm`, at the start of a clause, with no other voice before it.
        var otherVoiceBefore = false
        for (index, key) in keys.enumerated() {
            defer { if otherVoices.contains(key) { otherVoiceBefore = true } }
            guard key == "we", !otherVoiceBefore else { continue }
            let clauseStart = index == 0 || words[words.startIndex + index - 1].comma || keys[index - 1] == "and"
            if clauseStart, let verb = keys[(index + 1)...].first(where: { !adverbs.contains($0) }), verbs.contains(verb) {
                return true
            }
        }
        // `The judgment of the district court is (hereby) affirmed`.
        if let copula = keys.prefix(20).firstIndex(where: { $0 == "is" || $0 == "are" }), copula > 0 {
            let subject = keys[..<copula]
            guard subject.contains(where: subjects.contains), !subject.contains(where: otherVoices.contains) else { return false }
            let verb = keys[(copula + 1)...].first { !adverbs.contains($0) }
            return verb.map(participles.contains) ?? false
        }
        return false
    }

    /// `It is so ordered`, `So ordered`, `IT IS SO ORDERED`.
    private static func isFormula(_ keys: [String]) -> Bool {
        keys == ["so", "ordered"] || keys == ["it", "is", "so", "ordered"]
    }

    /// Where the content of an order starts: after `It is (hereby) ordered (that)` or
    /// `Ordered (that)`; nil when the sentence is no such order.
    private static func orderedContent(_ keys: [String]) -> Int? {
        var index = 0
        if keys.starts(with: ["it", "is"]) { index = 2 }
        while index < keys.count && adverbs.contains(keys[index]) { index += 1 }
        guard index < keys.count, keys[index] == "ordered" else { return nil }
        index += 1
        if index < keys.count && keys[index] == "that" { index += 1 }
        return index < keys.count ? index : nil
    }

    /// Drops a leading phrase that ends in a comma (`Therefore,`, `For these reasons,`) when a
    /// clause follows it (`we …`, `the judgment …`) and the phrase itself decides nothing.
    private static func withoutLeadingPhrase(_ words: [Word]) -> [Word] {
        let firstVerb = words.firstIndex { participles.contains($0.key) || verbs.contains($0.key) } ?? words.count
        let cut = words[..<firstVerb].indices.last { index in
            words[index].comma && index + 1 < words.count && clauseStarts.contains(words[index + 1].key)
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
