/// Repairs misread words: a suspect word (see `SuspectWordFinder`) that is no word, from which
/// undoing one known OCR confusion (two in long words) gives a word, where one such word is
/// clearly best.
///
/// A word is left when the lexicon knows it, when the document uses it more than once (a term, a
/// name, a spelling of its own), or when it is a known word with a prefix or suffix (an unlisted
/// but real word: `undisputedly`). Evidence for a candidate: the lexicon (and its frequency tier)
/// and the document's own words; a short word needs the stronger evidence. Judging takes two
/// steps, so that the document's words are counted only for the few suspects that have a
/// candidate: `suspects(in:)`, then `findings(for:occurrences:)`.
struct WordRepair {
    let lexicon: Lexicon

    init(lexicon: Lexicon = .shared) {
        self.lexicon = lexicon
    }

    /// A word this short or shorter needs a candidate the document uses or a most common one.
    static let shortWord = 4
    /// Words at least this long may carry two misreads.
    static let doubleMisreadLength = 8
    /// A candidate this many tiers more common than the runner-up wins on frequency alone.
    static let clearTierLead = 30

    /// A suspect word that is no word, with the words that undoing confusions makes of it.
    struct Suspect: Sendable {
        var word: SuspectWord
        var candidates: [(candidate: ConfusionCandidate, tier: Int)]
        /// Two confusions undone in each candidate.
        var double: Bool
    }

    /// The suspect words of `bytes` that are no word and have candidates, protected or not: the
    /// caller leaves out those in citations (see `OCRRepairStage`), which are found only when a
    /// suspect is left to protect.
    func suspects(in bytes: [UInt8]) -> [Suspect] {
        // The lexicon is asked of the letters in place; only unknown words are copied.
        SuspectWordFinder().words(in: bytes) { !isKnown($0) }.compactMap { word in
            guard !isDerived(word.letters) else { return nil }
            var candidates = inLexicon(ConfusionCandidates.single(word.letters, OCRConfusion.words))
            var double = false
            if candidates.isEmpty && word.letters.count >= Self.doubleMisreadLength {
                candidates = inLexicon(ConfusionCandidates.double(word.letters, OCRConfusion.words))
                double = true
            }
            return candidates.isEmpty ? nil : Suspect(word: word, candidates: candidates, double: double)
        }
    }

    /// The words whose uses in the document decide the suspects: each suspect and its candidates.
    static func wordsToCount(_ suspects: [Suspect]) -> Set<[UInt8]> {
        var words: Set<[UInt8]> = []
        for suspect in suspects {
            words.insert(suspect.word.letters)
            for (candidate, _) in suspect.candidates { words.insert(candidate.bytes) }
        }
        return words
    }

    func findings(for suspects: [Suspect], occurrences: WordOccurrences) -> OCRFindings {
        var findings = OCRFindings()
        for suspect in suspects {
            let word = suspect.word
            switch judge(suspect, occurrences: occurrences) {
            case .none: continue
            case .repair(let repair):
                findings.edits.append(TextEdit(
                    range: word.range, replacement: repair.replacement + word.suffix, reason: repair.reason,
                    alternative: repair.alternative + word.suffix, confidence: repair.confidence))
            case .doubt(let message):
                findings.doubts.append(.init(offset: word.range.lowerBound, message: message))
            }
        }
        return findings
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

    func judge(_ suspect: Suspect, occurrences: WordOccurrences) -> Verdict {
        let word = suspect.word.letters
        let printed = String(decoding: word, as: UTF8.self)
        guard occurrences.count(of: word) <= 1 else { return .none }
        var scored = suspect.candidates.map {
            Scored(candidate: $0.candidate, tier: $0.tier, uses: occurrences.count(of: $0.candidate.bytes))
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
        if suspect.double { confidence -= 0.15 }
        if short { confidence -= 0.1 }
        let reason = "OCR \(best.candidate.confusionNames) confusion: “\(printed)” is not a word, “\(after)” is"
            + (evidence.isEmpty ? "" : " (" + evidence.joined(separator: "; ") + ")")
        return .repair(Repair(
            replacement: after, alternative: runnerUp?.candidate.string ?? printed,
            confidence: (min(0.99, max(0.05, confidence)) * 100).rounded() / 100, reason: reason))
    }

    /// The candidates that are lowercase words of the lexicon, with their tiers.
    private func inLexicon(_ candidates: [ConfusionCandidate]) -> [(candidate: ConfusionCandidate, tier: Int)] {
        candidates.compactMap { candidate in
            guard candidate.bytes.allSatisfy(isLowercaseASCII), let tier = lexicon.tier(ofBytes: candidate.bytes) else { return nil }
            return (candidate, tier)
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

    private func isKnown(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { lexicon.tier(ofBytes: bytes) != nil }

    private func isKnown(_ bytes: ArraySlice<UInt8>) -> Bool { lexicon.tier(ofBytes: bytes) != nil }

    private func isKnown(_ bytes: [UInt8]) -> Bool { lexicon.tier(ofBytes: bytes) != nil }
}
