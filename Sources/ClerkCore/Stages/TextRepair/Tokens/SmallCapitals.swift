/// Words set in small capitals that text extraction split after their first letter, which is
/// a full-size capital: `F OR THE T HIRD C IRCUIT`, `R OE, Circuit Judge.` Each split is one
/// logged edit that writes the word whole.
///
/// A split is a capital alone (a token of one letter) before a run of two or more capitals.
/// It is joined when the joined word is a common word of the lexicon (`F OR`, not `B IS`), or
/// when the run alone is no word (`R OE`: a name); the words `A` and `I` only when the joined
/// word is one and the run is not (`A MERICA`, never `A LAW` or `I AM`).
enum SmallCapitals {
    static let reason = "a word in small capitals that extraction split after its first letter, rejoined"
    /// Lexicon tiers up to this are common words (`for`, `third`, `circuit`), which a capital
    /// and a word of their own (`B IS`: `bis` is rare) seldom make by chance.
    private static let commonTier = 50

    static func edits(in bytes: [UInt8], lexicon: Lexicon = .shared) -> [TextEdit] {
        var edits: [TextEdit] = []
        var index = 0
        let count = bytes.count
        while index + 3 < count {
            // A space with one capital before it (at a token start) and two capitals after it.
            guard bytes[index + 1] == 0x20, isCapital(bytes[index]), isCapital(bytes[index + 2]), isCapital(bytes[index + 3]),
                  index == 0 || isBoundary(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index + 2
            while end < count && (isCapital(bytes[end]) || bytes[end] == UInt8(ascii: "'")) { end += 1 }
            // The run must end the word (`F OR`, not `F ORd`).
            guard end == count || !isLetter(bytes[end]) else {
                index = end
                continue
            }
            let run = String(decoding: bytes[(index + 2)..<end], as: UTF8.self).lowercased()
            // Capitalized, so that names the lexicon holds so (`America`) are found too.
            let joined = String(UnicodeScalar(bytes[index])) + run
            let isWordAlone = bytes[index] == UInt8(ascii: "A") || bytes[index] == UInt8(ascii: "I")
            let join = isWordAlone
                ? lexicon.contains(joined) && !lexicon.contains(run)
                : (lexicon.tier(of: joined) ?? .max) <= commonTier || !lexicon.contains(run)
            if join {
                // The whole word is the edit (`F OR` → `FOR`), so that the log shows it.
                let word = String(decoding: [bytes[index]] + bytes[(index + 2)..<end], as: UTF8.self)
                edits.append(TextEdit(range: index..<end, replacement: word, reason: reason))
            }
            index = end
        }
        return edits
    }

    private static func isCapital(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLetter(_ byte: UInt8) -> Bool { isCapital(byte) || (byte >= 0x61 && byte <= 0x7A) }
    private static func isBoundary(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "\"")
    }
}
