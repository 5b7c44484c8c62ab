/// Repairs misread words: a lowercase word that is no word, from which undoing one known OCR
/// confusion (two in long words) gives a word, where one such word is clearly best.
///
/// Only all-lowercase words are read (ASCII letters, and digits that look like letters: `1aw`,
/// `0f`), so that a proper name, a capitalised word or an acronym is never touched. A word is
/// left when the lexicon knows it, when the document uses it more than once (a term, a name, a
/// spelling of its own), when it is a known word with a prefix or suffix (an unlisted but real
/// word: `undisputedly`), when it sits in a protected range (a citation), or when it touches a
/// bracket, a path, an address or a number. Evidence for a candidate: the lexicon (and its
/// frequency tier) and the document's own vocabulary; a short word needs the stronger evidence.
struct WordRepair {
    let lexicon: Lexicon
    let vocabulary: DocumentVocabulary
    /// The document's texts (body and notes), for counting words the vocabulary does not hold.
    let texts: [[UInt8]]

    init(lexicon: Lexicon = .shared, vocabulary: DocumentVocabulary, texts: [[UInt8]]) {
        self.lexicon = lexicon
        self.vocabulary = vocabulary
        self.texts = texts
    }

    /// A word this short or shorter needs a candidate the document uses or a most common one.
    static let shortWord = 4
    /// Words at least this long may carry two misreads.
    static let doubleMisreadLength = 8
    /// A candidate this many tiers more common than the runner-up wins on frequency alone.
    static let clearTierLead = 30

    func findings(in bytes: [UInt8], protected: ProtectedRanges) -> OCRFindings {
        var findings = OCRFindings()
        var index = 0
        while index < bytes.count {
            guard isWordByte(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            let end = wordEnd(from: start, bytes)
            index = end
            guard let word = candidateWord(start..<end, bytes), !protected.overlaps(start..<end) else { continue }
            switch judge(word.letters) {
            case .none: continue
            case .repair(let repair):
                let after = repair.replacement + word.suffix
                findings.edits.append(TextEdit(
                    range: start..<end, replacement: after, reason: repair.reason,
                    alternative: repair.alternative + word.suffix, confidence: repair.confidence))
            case .doubt(let message):
                findings.doubts.append(.init(offset: start, message: message))
            }
        }
        return findings
    }

    // MARK: Which words are read

    /// The part of a token to judge (`letters`) and a possessive after it that stays.
    private struct Word {
        var letters: [UInt8]
        var suffix: String
    }

    private func isWordByte(_ byte: UInt8) -> Bool { isLetterOrDigitASCII(byte) || byte >= 0x80 }

    /// The end of the token at `start`: ASCII letters and digits, other letters, inner apostrophes.
    private func wordEnd(from start: Int, _ bytes: [UInt8]) -> Int {
        var end = start
        while end < bytes.count {
            if isLetterOrDigitASCII(bytes[end]) {
                end += 1
                continue
            }
            guard bytes[end] >= 0x80 || bytes[end] == UInt8(ascii: "'") else { break }
            let (scalar, length) = UTF8Scalars.scalar(in: bytes, at: end)
            if UTF8Scalars.isLetter(scalar) {
                end += length
            } else if UTF8Scalars.isApostrophe(scalar), end + length < bytes.count, isLetterASCII(bytes[end + length]) {
                end += length
            } else {
                break
            }
        }
        return max(end, start + 1)
    }

    /// Bytes in the same run of non-blank bytes as a word that make it part of something else
    /// than prose: a path, an address, a file name, a number, a code, a bracketed alteration.
    private static let joiners: Set<UInt8> = Set("/@_\\#=&%+~[]|<>*:.".utf8)
    /// Punctuation that may open or close a word in prose: `(“word,”)`.
    private static let openers: Set<UInt8> = Set("(\"'".utf8)
    private static let closers: Set<UInt8> = Set(")\"'.,;:!?".utf8)

    private func candidateWord(_ range: Range<Int>, _ bytes: [UInt8]) -> Word? {
        var token = Array(bytes[range])
        var suffix = ""
        for possessive in ["'s", "’s"] where token.count > possessive.utf8.count && token.suffix(possessive.utf8.count).elementsEqual(possessive.utf8) {
            token.removeLast(possessive.utf8.count)
            suffix = possessive
        }
        guard token.allSatisfy({ isLowercaseASCII($0) || OCRConfusion.letterLikeDigits.contains($0) }),
              token.contains(where: isLowercaseASCII) else { return nil }
        let digits = token.filter(isDigit).count
        guard token.count >= (digits > 0 ? 2 : 3) else { return nil }
        // A number with a suffix (`10th`, `1st`, `15a`) is no misread word.
        if digits > 0 {
            guard !zip(token, token.dropFirst()).contains(where: { isDigit($0) && isDigit($1) }) else { return nil }
            if isDigit(token[0]), let firstLetter = token.firstIndex(where: isLowercaseASCII),
               GluedTokenScanner.ordinalSuffixes.contains(String(decoding: token[firstLetter...], as: UTF8.self)) { return nil }
        }
        guard isProse(range, bytes) else { return nil }
        // A digit among letters is a misread only in a word of running prose (`the 1aw of`), not
        // in a page (`382 Mont. 1a`), a series (`NYS2d`) or an option (`-p1`).
        if digits > 0 {
            guard isWholeRun(range, bytes), followsLowercaseWord(range.lowerBound, bytes), occurrences(of: token) <= 1 else { return nil }
        }
        return Word(letters: token, suffix: suffix)
    }

    /// Whether the word is its whole run of non-blank bytes, but for punctuation around it.
    private func isWholeRun(_ range: Range<Int>, _ bytes: [UInt8]) -> Bool {
        var start = range.lowerBound, end = range.upperBound
        while start > 0, Self.openers.contains(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, Self.closers.contains(bytes[end]) { end += 1 }
        return (start == 0 || isBlankByte(bytes[start - 1])) && (end == bytes.count || isBlankByte(bytes[end]))
    }

    /// Whether the word before the one at `start` (skipping the punctuation before the word's
    /// own run) is a lowercase word, with at most a comma or semicolon after it.
    private func followsLowercaseWord(_ start: Int, _ bytes: [UInt8]) -> Bool {
        var end = start
        while end > 0, !isBlankByte(bytes[end - 1]) { end -= 1 }
        while end > 0, isBlankByte(bytes[end - 1]) { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: ",") || bytes[end - 1] == UInt8(ascii: ";") { end -= 1 }
        var begin = end
        while begin > 0, !isBlankByte(bytes[begin - 1]) { begin -= 1 }
        return begin < end && bytes[begin..<end].allSatisfy(isLowercaseASCII)
    }

    /// How often `token` stands as a whole word in the document's texts (the vocabulary counts
    /// words that start with a letter; this counts any, for the rare words with digits).
    private func occurrences(of token: [UInt8]) -> Int {
        var count = 0
        for text in texts where text.count >= token.count {
            var index = 0
            while let found = text[index...].firstRange(of: token) {
                let before = found.lowerBound == 0 || !isLetterOrDigitASCII(text[found.lowerBound - 1])
                let after = found.upperBound == text.count || !isLetterOrDigitASCII(text[found.upperBound])
                if before && after { count += 1 }
                index = found.lowerBound + 1
            }
        }
        return count
    }

    /// Whether the rest of the word's run of non-blank bytes, without the punctuation around it,
    /// is prose too: letters, hyphens, dashes, apostrophes; no digit, path, address or code.
    private func isProse(_ range: Range<Int>, _ bytes: [UInt8]) -> Bool {
        var start = range.lowerBound, end = range.upperBound
        while start > 0, !isBlankByte(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, !isBlankByte(bytes[end]) { end += 1 }
        while start < range.lowerBound, Self.openers.contains(bytes[start]) { start += 1 }
        while end > range.upperBound, Self.closers.contains(bytes[end - 1]) { end -= 1 }
        let rest = bytes[start..<range.lowerBound] + bytes[range.upperBound..<end]
        return !rest.contains { isDigit($0) || Self.joiners.contains($0) }
    }

    // MARK: Judging one word

    enum Verdict: Equatable {
        case none
        case repair(Repair)
        /// No reading clearly best: left, with this warning.
        case doubt(String)
    }

    struct Repair: Equatable {
        var replacement: String
        var alternative: String
        var confidence: Double
        var reason: String
    }

    /// One candidate with its evidence.
    private struct Scored {
        var candidate: ConfusionCandidate
        var tier: Int
        /// How often the document uses the candidate.
        var uses: Int
    }

    /// What to do with a lowercase word (without its possessive).
    func judge(_ word: [UInt8]) -> Verdict {
        let printed = String(decoding: word, as: UTF8.self)
        guard lexicon.tier(of: printed) == nil, vocabulary.count(of: printed) <= 1, !isDerived(word) else { return .none }
        var scored = scoredCandidates(ConfusionCandidates.single(word, OCRConfusion.words))
        var double = false
        if scored.isEmpty && word.count >= Self.doubleMisreadLength {
            scored = scoredCandidates(ConfusionCandidates.double(word, OCRConfusion.words))
            double = true
        }
        // A short word is read only into a word the document uses or one of the most common.
        let short = word.count <= Self.shortWord
        if short { scored.removeAll { $0.uses == 0 && $0.tier > 20 } }
        guard !scored.isEmpty else { return .none }
        // Best first: used in the document, then more common.
        scored.sort { ($0.uses > 0 ? 0 : 1, $0.tier) < ($1.uses > 0 ? 0 : 1, $1.tier) }
        let best = scored[0]
        let runnerUp = scored.count > 1 ? scored[1] : nil
        let after = best.candidate.string
        if let runnerUp {
            let inDocumentOnly = best.uses > 0 && runnerUp.uses == 0
            let muchMoreCommon = best.uses == 0 && best.tier + Self.clearTierLead <= runnerUp.tier
            guard inDocumentOnly || muchMoreCommon else {
                let readings = scored.prefix(3).map { "“\($0.candidate.string)”" }.joined(separator: " or ")
                return .doubt("“\(printed)” is no word; OCR confusions make it \(readings), none clearly best: left as printed")
            }
        }
        var confidence = 0.75
        var evidence: [String] = []
        if best.uses > 0 {
            confidence += 0.15
            evidence.append("the document uses “\(after)” \(best.uses) time(s)")
        }
        if best.tier <= 35 {
            confidence += 0.05
            evidence.append("a common word")
        }
        if let runnerUp {
            confidence -= 0.15
            evidence.append("preferred to “\(runnerUp.candidate.string)”")
        }
        if double { confidence -= 0.15 }
        if short { confidence -= 0.1 }
        let reason = "OCR \(best.candidate.confusionNames) confusion: “\(printed)” is not a word, “\(after)” is"
            + (evidence.isEmpty ? "" : " (" + evidence.joined(separator: "; ") + ")")
        return .repair(Repair(
            replacement: after, alternative: runnerUp?.candidate.string ?? printed,
            confidence: min(0.99, max(0.05, confidence)), reason: reason))
    }

    private func scoredCandidates(_ candidates: [ConfusionCandidate]) -> [Scored] {
        candidates.compactMap { candidate in
            // A candidate must itself be lowercase letters (a word, not a code).
            guard candidate.bytes.allSatisfy(isLowercaseASCII), let tier = lexicon.tier(of: candidate.string) else { return nil }
            let uses = vocabulary.count(of: candidate.string) + vocabulary.count(of: candidate.string + "’s")
                + vocabulary.count(of: candidate.string + "'s")
            return Scored(candidate: candidate, tier: tier, uses: uses)
        }
    }

    // MARK: Real words the lexicon lacks

    private static let prefixes: [[UInt8]] = [
        "un", "non", "re", "pre", "anti", "counter", "over", "under", "mis", "dis", "sub", "inter", "co", "de", "semi",
        "multi", "post", "self", "cross", "extra", "intra", "quasi", "super", "out",
    ].map { Array($0.utf8) }
    private static let suffixes: [[UInt8]] = [
        "s", "es", "ed", "d", "ing", "ly", "ness", "ment", "ments", "er", "ers", "or", "ors", "ee", "ees", "able", "ably",
        "ity", "less", "ful", "ize", "ized", "izes", "ization", "al", "ally", "ism", "ist", "ists", "ive", "ively", "ion", "ions",
    ].map { Array($0.utf8) }
    /// The shortest known word a prefix or suffix may extend.
    private static let shortestBase = 5

    /// A known word with a prefix or suffix (`undisputedly`, `arrestee`, `nonlethal`): a real
    /// word the lexicon lacks, not a misread.
    private func isDerived(_ word: [UInt8]) -> Bool {
        for prefix in Self.prefixes where word.count >= prefix.count + Self.shortestBase && word.starts(with: prefix) {
            if isKnown(word[prefix.count...]) { return true }
        }
        for suffix in Self.suffixes where word.count >= suffix.count + Self.shortestBase && word.suffix(suffix.count).elementsEqual(suffix) {
            let base = word.dropLast(suffix.count)
            // `arrestee` from `arrest`; `undisputedly` from `undisputed`; a dropped final `e` (`excusable`).
            if isKnown(base) || isKnown(base + [UInt8(ascii: "e")]) { return true }
        }
        return false
    }

    private func isKnown(_ bytes: ArraySlice<UInt8>) -> Bool {
        lexicon.tier(of: String(decoding: bytes, as: UTF8.self)) != nil
    }

    private func isKnown(_ bytes: [UInt8]) -> Bool {
        lexicon.tier(of: String(decoding: bytes, as: UTF8.self)) != nil
    }
}
