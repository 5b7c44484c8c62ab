/// A word the OCR word repair reads: where it is, its letters, and a possessive after them that
/// stays as printed.
struct SuspectWord: Sendable, Equatable {
    var range: Range<Int>
    var letters: [UInt8]
    var suffix: String
}

/// Finds the words that may be misread: all-lowercase words (ASCII letters, and the digits that
/// look like letters: `1aw`, `0f`), so that a proper name, a capitalised word or an acronym is
/// never read; in prose only, not next to a path, an address, a file name, a code or a number,
/// not in a bracketed alteration, not in a protected range (a citation). A word with a digit must
/// stand alone after a lowercase word (`the 1aw of`), not in a page (`382 Mont. 1a`), a series
/// (`NYS2d`), an option (`-p1`) or an ordinal (`10th`).
struct SuspectWordFinder {
    /// The suspect words of `bytes` whose letters `keep` accepts (asked last, of the letters in
    /// place, so that the words left out cost no copy).
    func words(in bytes: [UInt8], where keep: (UnsafeBufferPointer<UInt8>) -> Bool) -> [SuspectWord] {
        bytes.withUnsafeBufferPointer { text in
            var words: [SuspectWord] = []
            var index = 0
            while index < text.count {
                guard isWordByte(text[index]) else {
                    index += 1
                    continue
                }
                let start = index
                index = wordEnd(from: start, text, bytes)
                if let word = suspect(start..<index, text, keep) { words.append(word) }
            }
            return words
        }
    }

    @inline(__always)
    private func isWordByte(_ byte: UInt8) -> Bool { isLetterOrDigitASCII(byte) || byte >= 0x80 }

    /// The end of the token at `start`: ASCII letters and digits, other letters, inner apostrophes.
    private func wordEnd(from start: Int, _ text: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Int {
        var end = start
        while end < text.count {
            if isLetterOrDigitASCII(text[end]) {
                end += 1
                continue
            }
            guard text[end] >= 0x80 || text[end] == UInt8(ascii: "'") else { break }
            let (scalar, length) = UTF8Scalars.scalar(in: bytes, at: end)
            if UTF8Scalars.isLetter(scalar) {
                end += length
            } else if UTF8Scalars.isApostrophe(scalar), end + length < text.count, isLetterASCII(text[end + length]) {
                end += length
            } else {
                break
            }
        }
        return max(end, start + 1)
    }

    /// Bytes in the same run of non-blank bytes as a word that make it part of something else
    /// than prose: a path, an address, a file name, a number, a code, a bracketed alteration.
    private static let joiners = ASCIISet("/@_\\#=&%+~[]|<>*:.")
    /// Punctuation that may open or close a word in prose: `(“word,”)`.
    private static let openers = ASCIISet("(\"'")
    private static let closers = ASCIISet(")\"'.,;:!?")
    /// The digits that OCR prints for letters (see `OCRConfusion.letterLikeDigits`).
    private static let letterLikeDigits = ASCIISet(OCRConfusion.letterLikeDigits)

    private func suspect(
        _ range: Range<Int>, _ text: UnsafeBufferPointer<UInt8>, _ keep: (UnsafeBufferPointer<UInt8>) -> Bool
    ) -> SuspectWord? {
        var end = range.upperBound
        var suffix = ""
        // `'s`, then `’s`.
        if range.count > 2, end >= 2, text[end - 2] == UInt8(ascii: "'"), text[end - 1] == UInt8(ascii: "s") {
            end -= 2
            suffix = "'s"
        }
        if range.count > 4, end >= 4, text[end - 4] == 0xE2, text[end - 3] == 0x80, text[end - 2] == 0x99,
           text[end - 1] == UInt8(ascii: "s") {
            end -= 4
            suffix = "’s"
        }
        // Most words are not read: test the bytes in place before copying them.
        var digits = 0
        var lowercase = false
        for index in range.lowerBound..<end {
            let byte = text[index]
            if isLowercaseASCII(byte) {
                lowercase = true
            } else if Self.letterLikeDigits.contains(byte) {
                digits += 1
            } else {
                return nil
            }
        }
        guard lowercase, end - range.lowerBound >= (digits > 0 ? 2 : 3) else { return nil }
        let letters = UnsafeBufferPointer(rebasing: text[range.lowerBound..<end])
        // A number with a suffix (`10th`, `1st`, `15a`) is no misread word.
        if digits > 0 {
            guard !zip(letters, letters.dropFirst()).contains(where: { isDigit($0) && isDigit($1) }) else { return nil }
            if isDigit(letters[0]), let firstLetter = letters.firstIndex(where: isLowercaseASCII),
               GluedTokenScanner.ordinalSuffixes.contains(String(decoding: letters[firstLetter...], as: UTF8.self)) { return nil }
        }
        guard isProse(range, text) else { return nil }
        // A digit among letters is a misread only in a word of running prose (`the 1aw of`), not
        // in a page (`382 Mont. 1a`), a series (`NYS2d`) or an option (`-p1`).
        if digits > 0 {
            guard isWholeRun(range, text), followsLowercaseWord(range.lowerBound, text) else { return nil }
        }
        guard keep(letters) else { return nil }
        return SuspectWord(range: range, letters: Array(letters), suffix: suffix)
    }

    /// Whether the word is its whole run of non-blank bytes, but for punctuation around it.
    private func isWholeRun(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = range.lowerBound, end = range.upperBound
        while start > 0, Self.openers.contains(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, Self.closers.contains(bytes[end]) { end += 1 }
        return (start == 0 || isBlankByte(bytes[start - 1])) && (end == bytes.count || isBlankByte(bytes[end]))
    }

    /// Whether the word before the one at `start` (skipping the punctuation before the word's
    /// own run) is a lowercase word, with at most a comma or semicolon after it.
    private func followsLowercaseWord(_ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = start
        while end > 0, !isBlankByte(bytes[end - 1]) { end -= 1 }
        while end > 0, isBlankByte(bytes[end - 1]) { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: ",") || bytes[end - 1] == UInt8(ascii: ";") { end -= 1 }
        var begin = end
        while begin > 0, !isBlankByte(bytes[begin - 1]) { begin -= 1 }
        return begin < end && bytes[begin..<end].allSatisfy(isLowercaseASCII)
    }

    /// Whether the rest of the word's run of non-blank bytes, without the punctuation around it,
    /// is prose too: letters, hyphens, dashes, apostrophes; no digit, path, address or code.
    private func isProse(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = range.lowerBound, end = range.upperBound
        while start > 0, !isBlankByte(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, !isBlankByte(bytes[end]) { end += 1 }
        while start < range.lowerBound, Self.openers.contains(bytes[start]) { start += 1 }
        while end > range.upperBound, Self.closers.contains(bytes[end - 1]) { end -= 1 }
        for index in start..<range.lowerBound where isDigit(bytes[index]) || Self.joiners.contains(bytes[index]) { return false }
        for index in range.upperBound..<end where isDigit(bytes[index]) || Self.joiners.contains(bytes[index]) { return false }
        return true
    }
}
