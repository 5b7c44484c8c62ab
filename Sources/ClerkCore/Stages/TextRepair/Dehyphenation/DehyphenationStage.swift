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
