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
        public static let parameters = [
            StageParameter(
                "joinInlineSplits", .boolean, default: true,
                "Also mend `word- word` splits inside lines (flattened text loses its line breaks but keeps the hyphen and a space)."),
        ]
        public var joinInlineSplits: Bool

        public init(_ values: StageParameterValues) {
            joinInlineSplits = values.bool("joinInlineSplits")
        }
    }

    public static let id = "dehyphenate"
    public static let summary =
        "Rejoins words split by line-end hyphens (and `be- lieving` in flat text) where the document's own words or the lexicon say the joined form is a word; keeps real hyphens; logs each decision with its alternative."
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
        var vocabulary = DocumentVocabulary()
        for (stream, found) in zip(streams, splits) { vocabulary.count(stream.bytes, excluding: found) }
        document.body.apply(edits(for: splits[0], in: document.body.bytes, vocabulary: vocabulary), stage: Self.id, log: &document.log)
        for index in document.notes.indices {
            let edits = edits(for: splits[index + 1], in: document.notes[index].text.bytes, vocabulary: vocabulary)
            document.notes[index].text.apply(edits, stage: Self.id, log: &document.log)
        }
    }

    private func edits(for splits: [HyphenSplit], in bytes: [UInt8], vocabulary: DocumentVocabulary) -> [TextEdit] {
        var edits: [TextEdit] = []
        for split in splits {
            let left = String(decoding: bytes[split.left], as: UTF8.self)
            let right = String(decoding: bytes[split.right], as: UTF8.self)
            let verdict = decide(left: left, right: right, vocabulary: vocabulary)
            let joined = left + right, hyphenated = left + "-" + right
            edits.append(TextEdit(
                range: split.gap, replacement: verdict.join ? "" : "-",
                reason: (verdict.join ? "hyphen joined: " : "hyphen kept: ") + verdict.why,
                alternative: verdict.join ? hyphenated : joined))
        }
        return edits
    }

    struct Verdict {
        var join: Bool
        var why: String
    }

    func decide(left: String, right: String, vocabulary: DocumentVocabulary) -> Verdict {
        let joined = left + right, hyphenated = left + "-" + right
        if left.utf8.contains(where: isDigit) || right.utf8.contains(where: isDigit) {
            return Verdict(join: false, why: "a number or code, not a split word")
        }
        let joinedCount = vocabulary.count(of: joined), hyphenatedCount = vocabulary.count(of: hyphenated)
        if hyphenatedCount > joinedCount {
            return Verdict(join: false, why: "the document writes “\(hyphenated)” \(hyphenatedCount) time(s) elsewhere")
        }
        if joinedCount > 0 {
            return Verdict(join: true, why: "the document writes “\(joined)” \(joinedCount) time(s) elsewhere")
        }
        if let first = right.unicodeScalars.first, first.properties.isUppercase {
            return Verdict(join: false, why: "the second part is capitalised (a name or title)")
        }
        if lexicon.contains(joined) {
            return Verdict(join: true, why: "“\(joined)” is a word")
        }
        if lexicon.contains(hyphenated) {
            return Verdict(join: false, why: "“\(hyphenated)” is a word")
        }
        if lexicon.contains(left) && lexicon.contains(right) && right.unicodeScalars.count > 1 {
            return Verdict(join: false, why: "“\(left)” and “\(right)” are words and “\(joined)” is not")
        }
        return Verdict(join: true, why: "“\(left)” or “\(right)” is no word on its own (a split inside a word)")
    }
}

/// Word boundaries over UTF-8 bytes: letters and digits, with apostrophes only between letters.
private struct WordScanner {
    let bytes: [UInt8]

    /// Whether a letter starts at `index`.
    func isLetter(at index: Int) -> Bool {
        index < bytes.count && UTF8Scalars.isLetter(UTF8Scalars.scalar(in: bytes, at: index).scalar)
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
        while end < bytes.count {
            if isLetterOrDigit(at: end) {
                end += UTF8Scalars.scalar(in: bytes, at: end).length
                continue
            }
            let (scalar, length) = UTF8Scalars.scalar(in: bytes, at: end)
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
        var result: [HyphenSplit] = []
        let words = WordScanner(bytes: bytes)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x2D, words.isLetterOrDigit(before: index) else {
                index += 1
                continue
            }
            // Hyphen after a word character: what follows decides.
            var after = index + 1
            var lineBreaks = 0, spaces = 0
            while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 || bytes[after] == 0x0A {
                if bytes[after] == 0x0A { lineBreaks += 1 } else { spaces += 1 }
                after += 1
            }
            let isLineEnd = lineBreaks >= 1
            let isInlineSplit = inline && lineBreaks == 0 && spaces == 1
            guard isLineEnd || isInlineSplit, after < bytes.count,
                  words.isLetter(at: after) || (isDigit(bytes[after]) && isDigit(bytes[index - 1])) else {
                index += 1
                continue
            }
            // The part before may itself be hyphenated (`cross-ex-` / `amination`): take the last piece.
            let leftStart = words.wordStart(before: index)
            let rightEnd = words.wordEnd(from: after)
            let right = String(decoding: bytes[after..<rightEnd], as: UTF8.self)
            if Self.suspendingWords.contains(right) || (isInlineSplit && !startsLowercase(after)) {
                index = after
                continue
            }
            result.append(HyphenSplit(left: leftStart..<index, gap: index..<after, right: after..<rightEnd))
            index = rightEnd
        }
        return result
    }

    private func startsLowercase(_ index: Int) -> Bool {
        UTF8Scalars.scalar(in: bytes, at: index).scalar.properties.isLowercase
    }
}

/// How often each word, and each hyphenated word, occurs in the document outside the splits
/// being decided. Case-insensitive.
struct DocumentVocabulary {
    private var counts: [String: Int] = [:]

    init() {}

    /// Adds the words of `bytes`, leaving out the split words being decided.
    mutating func count(_ bytes: [UInt8], excluding splits: [HyphenSplit]) {
        let words = WordScanner(bytes: bytes)
        var skip = splits.map { $0.left.lowerBound..<$0.right.upperBound }.makeIterator()
        var nextSkip = skip.next()
        var index = 0
        while index < bytes.count {
            if let range = nextSkip, index >= range.lowerBound {
                index = max(index, range.upperBound)
                nextSkip = skip.next()
                continue
            }
            guard words.isLetter(at: index) else {
                index += UTF8Scalars.scalar(in: bytes, at: index).length
                continue
            }
            // A token: words joined by inner hyphens (`split-second`).
            var end = words.wordEnd(from: index)
            while end + 1 < bytes.count, bytes[end] == 0x2D, words.isLetter(at: end + 1) {
                end = words.wordEnd(from: end + 1)
            }
            if let range = nextSkip, end > range.lowerBound { end = range.lowerBound }
            if end > index {
                let token = String(decoding: bytes[index..<end], as: UTF8.self).lowercased()
                counts[token, default: 0] += 1
                if token.contains("-") {
                    for part in token.split(separator: "-") { counts[String(part), default: 0] += 1 }
                }
            }
            index = max(end, index + 1)
        }
    }

    func count(of word: String) -> Int { counts[word.lowercased()] ?? 0 }
}
