/// One white-space separated word of a small region of the body (a caption, a byline), with
/// where it lies; the grammars that read such regions compare words by `key`.
struct TextToken: Sendable, Equatable {
    /// Byte range in the body.
    var range: Range<Int>
    /// The word as printed.
    var text: String
    /// Whether the word is the first of its line (layout captions put one element per line).
    var startsLine: Bool

    /// The word without the punctuation that joins it to the next (`,` `;` `:` and a final `.`).
    let bare: String
    /// `bare`, lower-cased; the grammar compares words by it, so it is computed once.
    let key: String

    init(range: Range<Int>, text: String, startsLine: Bool) {
        self.range = range
        self.text = text
        self.startsLine = startsLine
        // On bytes: these are ASCII, so dropping them never splits a scalar.
        let trailing = text.utf8.reversed().prefix { $0 == 0x2C || $0 == 0x3B || $0 == 0x3A || $0 == 0x2E }.count
        bare = String(Substring(text.utf8.dropLast(trailing)))
        key = bare.lowercased()
    }

    var endsWithComma: Bool { text.hasSuffix(",") }
    var endsWithPeriod: Bool { text.hasSuffix(".") }

    /// A rule that separates caption parts: three or more `_`, `-`, `=` or `—` and nothing else.
    var isRule: Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.count >= 3, "_-=\u{2014}".unicodeScalars.contains(first) else { return false }
        return scalars.allSatisfy { $0 == first }
    }

    /// A dash standing alone between two parts (`ARGUED … — DECIDED …`, `No. 1 — Jane Roe, Judge.`).
    var isDash: Bool { text == "\u{2014}" || text == "\u{2013}" || text == "-" || text == "--" }

    /// Starts with an upper-case letter or a digit (names, courts and numbers do).
    var isCapitalized: Bool {
        guard let first = text.unicodeScalars.first(where: { $0 != "(" && $0 != "[" && $0 != "\"" && $0 != "“" }) else { return false }
        return first.properties.isUppercase || (first.value >= 0x30 && first.value <= 0x39)
    }

    /// Has letters and none of them lower-case (`SMITH`, `JR.`).
    var isUppercaseWord: Bool {
        var letters = false
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            if scalar.properties.isLowercase { return false }
            letters = true
        }
        return letters
    }
}

/// Splits a byte range of the body into tokens: white space separates words, and an em dash is
/// a word of its own even when printed without spaces (`2019—Decided`).
enum TextTokenizer {
    /// At most `limit` words from `start`, up to the first blank line (a byline or a heading
    /// never runs past one); at most `limit` × 64 bytes are looked at.
    static func words(in bytes: [UInt8], from start: Int, limit: Int) -> [TextToken] {
        let cap = min(bytes.count, start + limit * 64)
        var end = start
        var lineIsBlank = false
        var wordStarts = 0
        while end < cap {
            let byte = bytes[end]
            if byte == 0x0A {
                if lineIsBlank && end > start { break }
                lineIsBlank = true
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                lineIsBlank = false
            }
            // Past the last word the result can hold, nothing more is read.
            if !isSpaceOrLineEnd(byte) && (end == start || isSpaceOrLineEnd(bytes[end - 1])) {
                wordStarts += 1
                if wordStarts > limit { break }
            }
            end += 1
        }
        while end > start && end < bytes.count && !isSpaceOrLineEnd(bytes[end]) { end -= 1 }
        return tokens(in: bytes, range: start..<end, limit: limit)
    }

    static func isSpaceOrLineEnd(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }

    /// The tokens of `range`, the first `limit` of them at most (the rest are never built).
    static func tokens(in bytes: [UInt8], range: Range<Int>, limit: Int = .max) -> [TextToken] {
        var reader = TokenReader(bytes: bytes, range: range)
        var tokens: [TextToken] = []
        while tokens.count < limit, let token = reader.next() { tokens.append(token) }
        return tokens
    }

    static func isEmDash(_ bytes: [UInt8], at index: Int, end: Int) -> Bool {
        index + 2 < end && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x94
    }

    /// `———`: a rule of em dashes stays one token.
    static func isRuleOfDashes(_ bytes: [UInt8], at index: Int, end: Int) -> Bool {
        isEmDash(bytes, at: index + 3, end: end) || (index >= 3 && isEmDash(bytes, at: index - 3, end: end))
    }
}

/// Reads the tokens of a byte range one at a time, as `TextTokenizer.tokens` lists them.
struct TokenReader {
    let bytes: [UInt8]
    let end: Int
    /// Where reading goes on.
    private(set) var position: Int
    private var lineStart: Bool

    init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        end = range.upperBound
        position = range.lowerBound
        // A region that starts inside a line does not start a line.
        lineStart = position == 0 || bytes[position - 1] == 0x0A
    }

    /// Goes on reading at `offset`, as a reader of a region starting there would.
    mutating func skip(to offset: Int) {
        position = offset
        lineStart = offset == 0 || bytes[offset - 1] == 0x0A
    }

    mutating func next() -> TextToken? {
        var start: Int?
        while position < end {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                let token = start.map { make($0..<position) }
                if byte == 0x0A { lineStart = true }
                position += 1
                if let token { return token }
            } else if TextTokenizer.isEmDash(bytes, at: position, end: end),
                      !TextTokenizer.isRuleOfDashes(bytes, at: position, end: end) {
                // The word before the dash first; the dash on the next call.
                if let start { return make(start..<position) }
                position += 3
                return make((position - 3)..<position)
            } else {
                if start == nil { start = position }
                position += 1
            }
        }
        return start.map { make($0..<end) }
    }

    private mutating func make(_ range: Range<Int>) -> TextToken {
        let token = TextToken(range: range, text: String(decoding: bytes[range], as: UTF8.self), startsLine: lineStart)
        lineStart = false
        return token
    }
}
