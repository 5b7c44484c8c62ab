/// Finds the square brackets of quotation alterations (`[T]he`, `[o]bjective`, `officer[s]`)
/// that OCR mangled. A bracket squeezed between two letters is the one OCR loses or misreads;
/// brackets next to a space come through, so the repairs put the lost bracket between letters.
///
/// - A `]` read as a letter or digit of the same shape (`j`, `J`, `l`, `I`, `1`, `|`) after one
///   letter: `[ojbjective` → `[o]bjective`, `[Tjhere` → `[T]here`, when the word without it is
///   a word and the word with it is none, and no `]` closes the `[` later in the sentence.
/// - A `]` lost after the first letter of a quotation or sentence: `“[Qualified` →
///   `“[Q]ualified` (the case of the first letter changed, the common alteration), when the word
///   is a word and no `]` closes the `[` later in the sentence; lower confidence.
/// - A `[` lost before an inflection: `officers]` → `officer[s]`, when no `[` before it in the
///   sentence is open, the word is lowercase and exactly one split into a word and an
///   inflection (`s`, `es`, `d`, `ed`, `ing`) exists; the lowest confidence. Two such splits
///   (`uses]`: `use[s]` or `us[es]`) or none are left as printed, with a warning.
///
/// The lowercase form of the word must be in the lexicon, so that names are never read into.
struct BracketRepair {
    let lexicon: Lexicon

    init(lexicon: Lexicon = .shared) {
        self.lexicon = lexicon
    }

    /// Bytes that OCR prints for a `]`.
    private static let bracketLookalikes: Set<UInt8> = Set("jJlI1|".utf8)
    private static let inflections: [[UInt8]] = ["s", "es", "d", "ed", "ing"].map { Array($0.utf8) }
    /// How far to look for the other bracket when no sentence end comes first.
    private static let reach = 600

    func findings(in bytes: [UInt8]) -> OCRFindings {
        var findings = OCRFindings()
        // `[`s that a repair closes: they match no later `]`.
        var closedOpenings: Set<Int> = []
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "["):
                if let edit = closingRepair(at: index, bytes) {
                    findings.edits.append(edit)
                    closedOpenings.insert(index)
                }
            case UInt8(ascii: "]"):
                findings.append(openingRepair(at: index, bytes, closedOpenings: closedOpenings))
            default:
                continue
            }
        }
        return findings
    }

    // MARK: A `]` misread or lost

    private func closingRepair(at open: Int, _ bytes: [UInt8]) -> TextEdit? {
        // The word after the `[`: letters, and the lookalikes of `]`.
        var end = open + 1
        while end < bytes.count, isLetterASCII(bytes[end]) || Self.bracketLookalikes.contains(bytes[end]) { end += 1 }
        let word = Array(bytes[(open + 1)..<end])
        guard word.count >= 2, isLetterASCII(word[0]), !continuesWord(at: end, bytes), !isClosed(after: end, bytes) else {
            return nil
        }
        let printed = String(decoding: bytes[open..<end], as: UTF8.self)
        // `[ojbjective`: the second byte stands for the `]`.
        if word.count >= 4, Self.bracketLookalikes.contains(word[1]), Array(word[2...]).allSatisfy(isLowercaseASCII),
           isWord([word[0]] + word[2...]), !isWord(word) {
            let rest = Array(word[2...])
            let after = "[" + String(decoding: [word[0]], as: UTF8.self) + "]" + String(decoding: rest, as: UTF8.self)
            let lookalike = String(decoding: [word[1]], as: UTF8.self)
            return TextEdit(
                range: open..<end, replacement: after,
                reason: "OCR \(lookalike)/] confusion: “\(printed)” is no word, “\(after)” is an altered quotation",
                alternative: printed, confidence: 0.9)
        }
        // `“[Qualified`: the `]` after the first letter was lost.
        let rest = Array(word[1...])
        guard word.allSatisfy(isLetterASCII), rest.allSatisfy(isLowercaseASCII), isWord(word), opensQuotationOrSentence(before: open, bytes)
        else { return nil }
        let after = "[" + String(decoding: [word[0]], as: UTF8.self) + "]" + String(decoding: rest, as: UTF8.self)
        return TextEdit(
            range: open..<end, replacement: after,
            reason: "OCR lost “]”: “[” opens “\(printed)” at the start of a quotation or sentence and nothing closes it; an altered first letter reads “\(after)”",
            alternative: printed + "]", confidence: 0.75)
    }

    /// Whether a `]` closes the bracket before the sentence ends (or another `[` opens).
    private func isClosed(after start: Int, _ bytes: [UInt8]) -> Bool {
        var index = start
        while index < bytes.count, index < start + Self.reach {
            switch bytes[index] {
            case UInt8(ascii: "]"): return true
            case UInt8(ascii: "["): return false
            case UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"):
                if let after = sentenceEnd(at: index, bytes) { return bytes[index..<after].contains(UInt8(ascii: "]")) }
            case 0x0A where index + 1 < bytes.count && bytes[index + 1] == 0x0A:
                return false
            default: break
            }
            index += 1
        }
        return false
    }

    /// Right after an opening quotation mark, or at the start of a sentence.
    private func opensQuotationOrSentence(before open: Int, _ bytes: [UInt8]) -> Bool {
        guard open > 0 else { return true }
        let previous = UTF8Scalars.start(before: open, in: bytes)
        let scalar = UTF8Scalars.scalar(in: bytes, at: previous).scalar
        if scalar == "\u{201C}" || scalar == "\u{2018}" || scalar == "\"" || scalar == "'" || scalar == "(" { return true }
        guard isBlankByte(bytes[previous]) else { return false }
        var index = previous
        while index > 0, isBlankByte(bytes[index - 1]) { index -= 1 }
        guard index > 0 else { return true }
        // Back over closing quotes and brackets to the end mark.
        var mark = index - 1
        while mark > 0, [UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x9D, 0x99, 0x80, 0xE2].contains(bytes[mark]) { mark -= 1 }
        return [UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ":")].contains(bytes[mark])
            && !(bytes[mark] == UInt8(ascii: ".") && Sentences.endsAbbreviation(bytes, period: mark))
    }

    // MARK: A `[` lost

    private func openingRepair(at close: Int, _ bytes: [UInt8], closedOpenings: Set<Int>) -> OCRFindings {
        var start = close
        while start > 0, isLetterASCII(bytes[start - 1]) { start -= 1 }
        let word = Array(bytes[start..<close])
        guard word.count >= 2, !continuesWord(at: close + 1, bytes), start == 0 || !continuesWordBackward(before: start, bytes),
              isUnmatched(before: start, bytes, closedOpenings: closedOpenings)
        else { return OCRFindings() }
        let printed = String(decoding: word, as: UTF8.self) + "]"
        var findings = OCRFindings()
        guard word.allSatisfy(isLowercaseASCII) else {
            findings.doubts.append(.init(offset: start, message: "“\(printed)”: a “]” that no “[” opens; a capitalised word is not read into, left as printed"))
            return findings
        }
        let readings = Self.inflections.compactMap { suffix -> String? in
            guard word.count > suffix.count + 1, word.suffix(suffix.count).elementsEqual(suffix), isWord(Array(word.dropLast(suffix.count)))
            else { return nil }
            return String(decoding: word.dropLast(suffix.count), as: UTF8.self) + "[" + String(decoding: suffix, as: UTF8.self) + "]"
        }
        guard readings.count == 1, let after = readings.first else {
            let what = readings.isEmpty ? "no word and inflection explain it" : "it reads as " + readings.map { "“\($0)”" }.joined(separator: " or ")
            findings.doubts.append(.init(offset: start, message: "“\(printed)”: a “]” that no “[” opens; \(what): left as printed"))
            return findings
        }
        findings.edits.append(TextEdit(
            range: start..<(close + 1), replacement: after,
            reason: "OCR lost “[”: the “]” after “\(String(decoding: word, as: UTF8.self))” closes no “[” in its sentence; only “\(after)” splits it into a word and an inflection",
            alternative: "[" + printed, confidence: 0.6))
        return findings
    }

    /// Whether no `[` (other than those a repair closes) is open between the sentence start and `start`.
    private func isUnmatched(before start: Int, _ bytes: [UInt8], closedOpenings: Set<Int>) -> Bool {
        var index = start - 1
        while index >= 0, index > start - Self.reach {
            switch bytes[index] {
            case UInt8(ascii: "["): if !closedOpenings.contains(index) { return false }
            case UInt8(ascii: "]"): return true
            case UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"):
                if sentenceEnd(at: index, bytes) != nil { return true }
            case 0x0A where index > 0 && bytes[index - 1] == 0x0A:
                return true
            default: break
            }
            index -= 1
        }
        return true
    }

    // MARK: Bytes

    /// Where the sentence after the end mark at `index` may start: past closing quotes and
    /// brackets, at white space or the end; nil when the mark ends no sentence (`v.`, `U.S.`, `3.5`).
    private func sentenceEnd(at index: Int, _ bytes: [UInt8]) -> Int? {
        if bytes[index] == UInt8(ascii: "."), Sentences.endsAbbreviation(bytes, period: index) { return nil }
        var position = index + 1
        while position < bytes.count {
            if [UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: "'")].contains(bytes[position]) {
                position += 1
            } else if position + 2 < bytes.count, bytes[position] == 0xE2, bytes[position + 1] == 0x80,
                      bytes[position + 2] == 0x9D || bytes[position + 2] == 0x99 {
                position += 3
            } else {
                break
            }
        }
        return position == bytes.count || isBlankByte(bytes[position]) ? position : nil
    }

    /// A letter, digit or apostrophe goes on at `index`: the word is longer than the bytes read.
    private func continuesWord(at index: Int, _ bytes: [UInt8]) -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] >= 0x80 {
            let scalar = UTF8Scalars.scalar(in: bytes, at: index).scalar
            return UTF8Scalars.isLetter(scalar) || UTF8Scalars.isApostrophe(scalar)
        }
        return isLetterOrDigitASCII(bytes[index]) || bytes[index] == UInt8(ascii: "'")
    }

    private func continuesWordBackward(before index: Int, _ bytes: [UInt8]) -> Bool {
        let previous = UTF8Scalars.start(before: index, in: bytes)
        let scalar = UTF8Scalars.scalar(in: bytes, at: previous).scalar
        return isLetterOrDigitASCII(bytes[previous]) || UTF8Scalars.isLetter(scalar) || UTF8Scalars.isApostrophe(scalar)
            || scalar == "[" || scalar == "-"
    }

    /// Whether the lowercase form of `word` is in the lexicon (names, capitalised there, are not).
    private func isWord(_ word: [UInt8]) -> Bool {
        lexicon.tier(ofBytes: word.map(lowercasedASCII)) != nil
    }
}
