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
