/// Splits the text of one block into sentences, on UTF-8 bytes: a sentence ends at `.` `?` `!`
/// (and any closing quotes or brackets after it) followed by a space and a capital, a digit or an
/// opening quote or bracket. A period that ends an abbreviation or an initial (`v.`, `U.S.`,
/// `Cir.`, `J.`; see `ReflowLine.isAbbreviation`) ends no sentence, except `Id.`, which closes
/// a citation sentence (`… Id. The court …`; `Id. at 5` goes on, a lowercase word follows).
enum Sentences {
    private static let closers: Set<UInt8> = [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]")]
    private static let openers: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{2018}", "(", "["]
    private static let ends: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!")]

    static func split(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var sentences: [String] = []
        var start = 0
        for index in bytes.indices where ends.contains(bytes[index]) {
            guard let next = nextSentenceStart(in: bytes, after: index) else { continue }
            if bytes[index] == UInt8(ascii: "."), endsAbbreviation(bytes, period: index) { continue }
            append(bytes[start..<next], to: &sentences)
            start = next
        }
        append(bytes[start...], to: &sentences)
        return sentences
    }

    private static func append(_ bytes: ArraySlice<UInt8>, to sentences: inout [String]) {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end && bytes[start] == 0x20 { start += 1 }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        if start < end { sentences.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
    }

    /// Where a sentence after the end mark at `index` would start: past closing quotes and
    /// brackets and the spaces after them, at a capital, a digit or an opening quote; nil when
    /// no space or no such character follows.
    static func nextSentenceStart(in bytes: [UInt8], after index: Int) -> Int? {
        var position = index + 1
        while position < bytes.count {
            if closers.contains(bytes[position]) {
                position += 1
            } else if position + 2 < bytes.count, bytes[position] == 0xE2, bytes[position + 1] == 0x80,
                      bytes[position + 2] == 0x9D || bytes[position + 2] == 0x99 {
                position += 3  // ” or ’
            } else {
                break
            }
        }
        guard position < bytes.count, bytes[position] == 0x20 else { return nil }
        while position < bytes.count && bytes[position] == 0x20 { position += 1 }
        guard position < bytes.count else { return nil }
        let scalar = UTF8Scalars.scalar(in: bytes, at: position).scalar
        guard scalar.properties.isUppercase || isDigit(bytes[position]) || openers.contains(scalar) else { return nil }
        return position
    }

    /// Whether the word that ends with the period at `period` is an abbreviation or an initial
    /// (`v.`, `U.S.`, `J.`; see `ReflowLine.isAbbreviation`), so that the period ends no
    /// sentence. `Id.` closes a citation sentence unless `idIsAbbreviation`.
    static func endsAbbreviation(_ bytes: [UInt8], period: Int, idIsAbbreviation: Bool = false) -> Bool {
        var start = period
        while start > 0 && bytes[start - 1] != 0x20 && bytes[start - 1] != 0x0A && bytes[start - 1] != 0x09 { start -= 1 }
        start = HeadingTitle.afterOpeningPunctuation(in: bytes, from: start, end: period)
        let token = bytes[start...period]
        if !idIsAbbreviation && token.count == 3 && (token.elementsEqual("Id.".utf8) || token.elementsEqual("id.".utf8)) {
            return false
        }
        return ReflowLine.isAbbreviation(token)
    }
}
