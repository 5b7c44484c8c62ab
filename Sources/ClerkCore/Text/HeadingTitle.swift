/// Where a heading's title ends, read from the words after its label. Only the few words
/// after a candidate label are read, each as bytes, so the cost is bounded per label.
struct HeadingTitle {
    let bytes: [UInt8]
    let maximumWords: Int

    /// Lowercase words that a title runs on after (`Claims under the Fourth Amendment`): a
    /// capitalised word after one of them still belongs to the title.
    static let functionWords: Set<String> = [
        "of", "in", "the", "a", "an", "and", "or", "nor", "to", "for", "with", "by", "on", "at", "from", "that",
        "whether", "as", "under", "into", "upon", "over", "between", "against", "about", "its", "his", "her", "their",
    ]

    /// Capitalised words that usually start a sentence: after the first word of a title, one of
    /// them starts the paragraph (`… Avenue The back of …`).
    static let sentenceStarters: Set<String> = [
        "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "We", "He", "She", "They", "His", "Her",
        "Their", "Our", "There", "In", "On", "At", "After", "Before", "When", "While", "Although", "Though",
        "Because", "Since", "But", "If", "As", "For", "Here", "Under", "Even", "Yet", "Thus", "So", "Then", "Next",
        "First", "Second", "Third", "Finally", "Accordingly", "Moreover", "Nor", "Once", "During", "Despite",
        "Each", "Both", "Such", "Now", "Only", "Whether", "What", "Why", "How", "Where", "Who",
    ]

    /// In running text (flattened web text), the end of the title that starts at `start`, or nil
    /// when the words there read as a sentence. The title takes words while they hold no
    /// sentence punctuation (`. , ; : ? !`) and ends before the first capitalised word that
    /// follows a lowercase word other than a function word (`… with bicycle officers City of …`),
    /// or before a capitalised sentence starter (`… Avenue The back …`); with no such end within
    /// `maximumWords` words, there is no title.
    func endInRunningText(from start: Int) -> Int? {
        var previous: (word: Range<Int>, isLowercase: Bool, isFunction: Bool)?
        var count = 0
        var index = start
        while let word = nextWord(from: index) {
            guard !hasSentencePunctuation(word) else { return nil }
            let text = String(decoding: bytes[word], as: UTF8.self)
            let firstCase = Self.firstLetterCase(in: bytes, word)
            if let previous, firstCase == .upper {
                if previous.isLowercase && !previous.isFunction { return previous.word.upperBound }
                if Self.sentenceStarters.contains(text) && !previous.isFunction { return previous.word.upperBound }
            }
            count += 1
            guard count <= maximumWords else { return nil }
            previous = (word, firstCase == .lower, Self.functionWords.contains(text))
            index = word.upperBound
        }
        return nil
    }

    /// Whether `rest`, the text of a layout line after its label, reads as a title: at most
    /// `maximumWords` words, no sentence punctuation, and not a sentence running on into the
    /// next line (its last word is not a function word). The caller checks the line's length
    /// and that the next line starts a sentence.
    func isTitleLine(_ rest: Range<Int>) -> Bool {
        var count = 0
        var last: Range<Int>?
        var index = rest.lowerBound
        while let word = nextWord(from: index), word.upperBound <= rest.upperBound {
            guard !hasSentencePunctuation(word) else { return false }
            count += 1
            last = word
            index = word.upperBound
        }
        guard let last, count <= maximumWords else { return false }
        return !Self.functionWords.contains(String(decoding: bytes[last], as: UTF8.self))
    }

    /// The next run of bytes without white space at or after `index`.
    private func nextWord(from index: Int) -> Range<Int>? {
        var start = index
        while start < bytes.count && isBlankByte(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        var end = start
        while end < bytes.count && !isBlankByte(bytes[end]) { end += 1 }
        return start..<end
    }

    private func hasSentencePunctuation(_ word: Range<Int>) -> Bool {
        bytes[word].contains { Self.sentencePunctuation.contains($0) }
    }

    private static let sentencePunctuation: Set<UInt8> = Set(".,;:?!".utf8)

    enum LetterCase { case upper, lower, none }

    /// The case of the first letter of the word at `range`, after opening quotes and brackets
    /// (`“Threat`); `.none` for numbers and symbols.
    static func firstLetterCase(in bytes: [UInt8], _ range: Range<Int>) -> LetterCase {
        let start = afterOpeningPunctuation(in: bytes, from: range.lowerBound, end: range.upperBound)
        guard start < range.upperBound else { return .none }
        let byte = bytes[start]
        if byte < 0x80 { return isUppercaseASCII(byte) ? .upper : isLowercaseASCII(byte) ? .lower : .none }
        let scalar = UTF8Scalars.scalar(in: bytes, at: start).scalar
        guard UTF8Scalars.isLetter(scalar) else { return .none }
        if scalar.properties.isUppercase { return .upper }
        return scalar.properties.isLowercase ? .lower : .none
    }

    /// The first index at or after `index` that is not an opening quote or bracket
    /// (`"`, `'`, `(`, `[`, `“`, `‘`).
    static func afterOpeningPunctuation(in bytes: [UInt8], from index: Int, end: Int) -> Int {
        var index = index
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: "["): index += 1
            case 0xE2 where index + 2 < end && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x9C || bytes[index + 2] == 0x98):
                index += 3
            default: return index
            }
        }
        return index
    }
}
