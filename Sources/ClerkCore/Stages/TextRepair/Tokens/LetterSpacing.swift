/// Titles set letter-spaced (`O R D E R`, `M E M O R A N D U M   O P I N I O N`), which text
/// extraction writes a letter at a time: each is one logged edit that writes the words whole,
/// so that a title reads as the word it is.
///
/// Only a line that holds nothing else is joined: capitals one space apart, words two or more
/// spaces apart, each word two letters or more and a word of the lexicon. A row of initials or
/// a list of letters (`A B C`) stays as it is.
enum LetterSpacing {
    static let reason = "a letter-spaced title that extraction wrote a letter at a time, rejoined"

    static func edits(in bytes: [UInt8], lexicon: Lexicon = .shared) -> [TextEdit] {
        ByteLines.ranges(bytes).compactMap { edit(bytes, $0, lexicon: lexicon) }
    }

    private static func edit(_ bytes: [UInt8], _ line: Range<Int>, lexicon: Lexicon) -> TextEdit? {
        var start = line.lowerBound
        while start < line.upperBound && bytes[start] == 0x20 { start += 1 }
        var end = line.upperBound
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        // Cheap first look: a capital, a space, a capital.
        guard end - start >= 5, isCapital(bytes[start]), bytes[start + 1] == 0x20, isCapital(bytes[start + 2]) else { return nil }
        var words: [[UInt8]] = [[]]
        var index = start
        while index < end {
            guard isCapital(bytes[index]) else { return nil }
            words[words.count - 1].append(bytes[index])
            index += 1
            var spaces = 0
            while index < end && bytes[index] == 0x20 {
                spaces += 1
                index += 1
            }
            if spaces >= 2 { words.append([]) }
        }
        guard words.allSatisfy({ $0.count >= 2 && lexicon.contains(String(decoding: $0, as: UTF8.self).lowercased()) }) else {
            return nil
        }
        let joined = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        return TextEdit(range: start..<end, replacement: joined, reason: reason)
    }

    private static func isCapital(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
}
