/// Puts back the space that flattening lost between two tokens, by conservative byte rules; each
/// repair is one logged edit (the left token gets a space after it). Takes out the space that
/// extraction put inside a word set in small capitals (`F OR THE T HIRD C IRCUIT`; see
/// `SmallCapitals`) and between the letters of a letter-spaced title (`O R D E R`; see
/// `LetterSpacing`).
///
/// Repaired:
/// - a citation word glued to a number: `at528–30`, `p.12`, `pp.12–13` (the word at a token
///   start), `§1983`, `§§1983`, `¶12` → `at 528–30`, `p. 12`, …, `§ 1983`;
/// - `Id.at` / `id.at` (then `at` + number as above): `Id.at 5`, `id.at528` → `id. at 528`;
/// - `Id.` glued to the next sentence: `Id.The`, `Id.A car` → `Id. The`, `Id. A car`;
/// - a number glued to an opening quotation mark: `§ 1983“unless` → `§ 1983 “unless`;
/// - a number (at a token start) glued to an ordinary lowercase word: `§ 1983claim` → `§ 1983
///   claim`. The word must be a listed two-letter word (`to`, `of`, `and`…) or have three or more
///   letters with a vowel, and end the token;
/// - a number glued to a parenthetical that starts with a year, an ordinal court (`7th Cir.`),
///   a word of two or more letters not closed at once, or an initial with a period (`D. Mass.`):
///   `541(1949)`, `532(en banc dissent)`, `679(7th Cir. 2006)` → `541 (1949)`, ….
///
/// Deliberately left: footnote pinpoints `n.5`, `nn.5–6` (the Bluebook writes them without a
/// space, so clean text has them too), ordinals and reporter series (`1st`, `2d`, `3d`, `4th`,
/// `21st`, `F.3d`, `F. Supp. 2d`, `A.2d`, `L.Ed.2d`, `S.Ct`), decades (`1990s`), units and codes without a vowel
/// or of two letters (`9mm`, `60mph`, `3pm`, `20cv`), statutory letters (`§ 2000e`, `§ 1395ww`),
/// subsections (`§ 1983(a)`, `56(c)`, `12(b)(6)`, `(iv)`), letters before the number (`F2d`,
/// `Cat1`), numbers inside paths, decimals or compounds (`/2021opinion`, `2.5million`), and
/// anything followed by more letters or digits (`1983aB`).
public struct TokenRepairStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let families = FamilySelection.parameter(default: "all")
        public var families: FamilySelection

        public init(_ values: StageParameterValues) {
            families = FamilySelection(values[Self.families])
        }
    }

    public static let id = "tokens"
    public static let summary = "Splits tokens that flattening glued together (at528, Id.at, § 1983claim, 541(1949)); ordinals, reporter series and subsections are left. Rejoins words in small capitals split after their first letter (F OR THE T HIRD C IRCUIT) and letter-spaced titles (O R D E R)."
    public static let phase = StagePhase.text

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        guard configuration.families.admits(&document, stage: Self.id) else { return }
        var scanner = GluedTokenScanner(bytes: document.body.bytes)
        let bytes = document.body.bytes
        let edits = (scanner.edits() + SmallCapitals.edits(in: bytes) + LetterSpacing.edits(in: bytes)).sorted { $0.range.lowerBound < $1.range.lowerBound }
        document.body.apply(edits, stage: Self.id, log: &document.log)
        for index in document.notes.indices {
            var noteScanner = GluedTokenScanner(bytes: document.notes[index].text.bytes)
            document.notes[index].text.apply(noteScanner.edits(), stage: Self.id, log: &document.log)
        }
    }
}

/// One pass over the bytes that finds the junctions to open.
struct GluedTokenScanner {
    let bytes: [UInt8]
    private var found: [TextEdit] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func edits() -> [TextEdit] {
        found = []
        var index = 0
        while index < bytes.count {
            index = bytes.withUnsafeBufferPointer { Self.nextStep($0, from: index) }
            guard index < bytes.count else { break }
            index = step(at: index)
        }
        return found
    }

    /// The first index at or after `start` where `step` may find something: a digit, a `0xC2`
    /// (`§`, `¶`), or a word that may be `Id.`, `at`, `p.` or `pp.`. Other bytes, and other
    /// words, are passed over a word at a time.
    private static func nextStep(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        Self.byteKinds.withUnsafeBufferPointer { kinds in
            var index = start
            let count = bytes.count
            while index < count {
                switch kinds[Int(bytes[index])] {
                case ByteKind.other: index += 1
                case ByteKind.step: return index
                default:  // a letter
                    let startsToken = index == 0 || Self.isTokenBoundary(bytes[index - 1])
                    if startsToken && kinds[Int(bytes[index])] == ByteKind.wordLetter && startsCitationWord(bytes, at: index) {
                        return index
                    }
                    // The rest of the word starts no token either.
                    index += 1
                    while index < count && isLetterASCII(bytes[index]) { index += 1 }
                }
            }
            return count
        }
    }

    /// Whether `Id.`, `at` (a whole word), `p.` or `pp.` starts at `index`: the words `step`
    /// reads after a letter (it passes over any other word).
    @inline(__always)
    private static func startsCitationWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        func byte(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch bytes[index] {
        case UInt8(ascii: "I"), UInt8(ascii: "i"): return byte(1) == UInt8(ascii: "d") && byte(2) == UInt8(ascii: ".")
        case UInt8(ascii: "a"): return byte(1) == UInt8(ascii: "t") && !isLetterASCII(byte(2))
        default: return byte(1) == UInt8(ascii: ".") || (byte(1) == UInt8(ascii: "p") && byte(2) == UInt8(ascii: "."))
        }
    }

    /// What `nextStep` does at each byte, looked up once per byte.
    private enum ByteKind {
        static let other: UInt8 = 0
        /// A digit or `0xC2` (`§`, `¶`).
        static let step: UInt8 = 1
        static let letter: UInt8 = 2
        /// A letter that may start `Id.`, `at`, `p.` or `pp.`.
        static let wordLetter: UInt8 = 3
    }

    private static let byteKinds: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        if byte == UInt8(ascii: "I") || byte == UInt8(ascii: "i") || byte == UInt8(ascii: "a") || byte == UInt8(ascii: "p") {
            return ByteKind.wordLetter
        }
        if isLetterASCII(byte) { return ByteKind.letter }
        return byte == 0xC2 || isDigit(byte) ? ByteKind.step : ByteKind.other
    }

    /// Looks for a repair starting at `index`; returns where to continue.
    private mutating func step(at index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA7 || bytes[index + 1] == 0xB6 {
            return afterSectionSign(at: index)
        }
        if isDigit(byte) {
            return afterNumber(at: index)
        }
        guard isLetterASCII(byte), isTokenStart(index) else { return index + 1 }
        let isID = (byte == UInt8(ascii: "I") || byte == UInt8(ascii: "i")) && matches("d.", at: index + 1)
        // `Id.The`: the citation ends a sentence glued to the next one.
        if isID, index + 4 < bytes.count, isUppercaseASCII(bytes[index + 3]), isLowercaseASCII(bytes[index + 4]) || bytes[index + 4] == 0x20 {
            addSpace(after: index..<(index + 3), "“\(text(index..<(index + 5)))…”: “Id.” glued to the next sentence")
            return index + 3
        }
        // `Id.at` / `id.at`
        if isID, matches("at", at: index + 3), !isLetter(at: index + 5) {
            addSpace(after: index..<(index + 3), "“Id.at” → “Id. at” (citation word glued to the next)")
            return afterCitationWord(index + 3..<(index + 5))
        }
        // `at` (a whole word), `pp.`, `p.`.
        if byte == UInt8(ascii: "a"), matches("t", at: index + 1), !isLetter(at: index + 2) {
            return afterCitationWord(index..<(index + 2))
        }
        if byte == UInt8(ascii: "p") {
            if matches("p.", at: index + 1) { return afterCitationWord(index..<(index + 3)) }
            if matches(".", at: index + 1) { return afterCitationWord(index..<(index + 2)) }
        }
        var end = index
        while end < bytes.count && isLetterASCII(bytes[end]) { end += 1 }
        return max(end, index + 1)
    }

    /// After a citation word: a space if a number follows at once.
    private mutating func afterCitationWord(_ word: Range<Int>) -> Int {
        if word.upperBound < bytes.count, isDigit(bytes[word.upperBound]) {
            let glued = text(word.lowerBound..<numberEnd(from: word.upperBound))
            addSpace(after: word, "“\(glued)”: citation word glued to a number")
        }
        return word.upperBound
    }

    /// `§`, `§§`, `¶`, `¶¶` followed at once by a digit.
    private mutating func afterSectionSign(at index: Int) -> Int {
        var end = index
        while end + 1 < bytes.count, bytes[end] == 0xC2, bytes[end + 1] == bytes[index + 1] { end += 2 }
        if end < bytes.count, isDigit(bytes[end]) {
            addSpace(after: index..<end, "“\(text(index..<numberEnd(from: end)))”: section or paragraph sign glued to its number")
        }
        return end
    }

    /// A digit run: glued to a word after it, to an opening quote, or to a parenthetical.
    private mutating func afterNumber(at index: Int) -> Int {
        let end = numberEnd(from: index)
        guard end < bytes.count else { return end }
        // `1983“unless`: an opening quotation mark never follows a number directly.
        if startsNumberToken(index), end + 2 < bytes.count, bytes[end] == 0xE2, bytes[end + 1] == 0x80, bytes[end + 2] == 0x9C {
            addSpace(after: index..<end, "“\(text(index..<end))” glued to an opening quotation mark")
            return end
        }
        if startsNumberToken(index) && isLowercaseASCII(bytes[end]) {
            var wordEnd = end
            while wordEnd < bytes.count && isLowercaseASCII(bytes[wordEnd]) { wordEnd += 1 }
            if endsWord(at: wordEnd), Self.isOrdinaryWord(bytes[end..<wordEnd]) {
                addSpace(after: index..<end, "“\(text(index..<wordEnd))”: number glued to the word after it")
            }
            return wordEnd
        }
        if bytes[end] == UInt8(ascii: "("), opensCitationParenthetical(at: end) {
            let close = bytes[end...].prefix(40).firstIndex(of: UInt8(ascii: ")")).map { $0 + 1 } ?? min(bytes.count, end + 12)
            addSpace(after: index..<end, "“\(text(index..<close))”: page number glued to a parenthetical")
        }
        return end
    }

    /// Whether the `(` at `open` starts a parenthetical of a citation rather than a subsection:
    /// a year closed at once, an ordinal and a space (`7th Cir.`), a word of two or more letters
    /// not closed at once (`en banc`, `citing`, `Fed. Cir.`), or a capital and a period (`D. Mass.`).
    private func opensCitationParenthetical(at open: Int) -> Bool {
        let start = open + 1
        guard start < bytes.count else { return false }
        if isDigit(bytes[start]) {
            let end = numberEnd(from: start)
            guard end < bytes.count else { return false }
            if end - start == 4, bytes[end] == UInt8(ascii: ")") {
                let year = Int(text(start..<end)) ?? 0
                return (1600...2099).contains(year)
            }
            var suffixEnd = end
            while suffixEnd < bytes.count && isLowercaseASCII(bytes[suffixEnd]) { suffixEnd += 1 }
            return Self.ordinalSuffixes.contains(text(end..<suffixEnd)) && suffixEnd < bytes.count && bytes[suffixEnd] == 0x20
        }
        var end = start
        while end < bytes.count && isLetterASCII(bytes[end]) { end += 1 }
        guard end < bytes.count else { return false }
        if end - start >= 2 { return bytes[end] != UInt8(ascii: ")") }
        return end - start == 1 && isUppercaseASCII(bytes[start]) && bytes[end] == UInt8(ascii: ".")
    }

    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "d"]
    private static let twoLetterWords: Set<[UInt8]> = Set(
        ["an", "as", "at", "be", "by", "if", "in", "is", "it", "no", "of", "on", "or", "so", "to", "up", "we"].map { Array($0.utf8) })
    /// Suffixes of numbers that are words of their own: ordinals, series, decades, plurals.
    private static let numberSuffixes: Set<[UInt8]> = Set(
        ["st", "nd", "rd", "th", "d", "s", "ds", "ths", "es"].map { Array($0.utf8) })

    /// A word that can stand after a number on its own: a listed two-letter word, or three or
    /// more letters with a vowel (so `mph`, `lbs`, `cv` stay glued) that is not a number suffix.
    static func isOrdinaryWord(_ word: ArraySlice<UInt8>) -> Bool {
        let letters = Array(word)
        if numberSuffixes.contains(letters) { return false }
        if letters.count == 2 { return twoLetterWords.contains(letters) }
        guard letters.count >= 3 else { return false }
        return letters.contains { "aeiou".utf8.contains($0) }
    }

    // MARK: Bytes

    private mutating func addSpace(after range: Range<Int>, _ reason: String) {
        found.append(TextEdit(range: range, replacement: text(range) + " ", reason: "space inserted: " + reason))
    }

    /// The end of the digit run at `start`.
    private func numberEnd(from start: Int) -> Int {
        var end = start
        while end < bytes.count && isDigit(bytes[end]) { end += 1 }
        return end
    }

    /// A word ends here: at the end, before ASCII that is not a letter or digit, or before
    /// punctuation of U+0080–U+00BF or U+2000–U+2FFF (quotes, dashes); not before other letters.
    private func endsWord(at index: Int) -> Bool {
        guard index < bytes.count else { return true }
        let byte = bytes[index]
        if byte < 0x80 { return !isLetterOrDigitASCII(byte) }
        return byte == 0xE2 || byte == 0xC2  // punctuation, quotes, no-break space
    }

    /// A number that starts its own token: not after a letter or digit, nor inside a path, a
    /// decimal or a compound (`/`, `.`, `-`, `_`, `=`, `@`, `#`).
    private func startsNumberToken(_ index: Int) -> Bool {
        guard index > 0 else { return true }
        switch bytes[index - 1] {
        case UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="),
             UInt8(ascii: "@"), UInt8(ascii: "#"):
            return false
        case let byte:
            return !isLetterOrDigitASCII(byte)
        }
    }

    private func isTokenStart(_ index: Int) -> Bool {
        index == 0 || Self.isTokenBoundary(bytes[index - 1])
    }

    /// A byte after which a token starts.
    @inline(__always)
    private static func isTokenBoundary(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, UInt8(ascii: "("), UInt8(ascii: "["): return true
        default: return false
        }
    }

    private func matches(_ word: StaticString, at index: Int) -> Bool {
        word.withUTF8Buffer { word in
            guard index >= 0, index + word.count <= bytes.count else { return false }
            for offset in 0..<word.count where bytes[index + offset] != word[offset] { return false }
            return true
        }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    private func isLetter(at index: Int) -> Bool { index < bytes.count && isLetterASCII(bytes[index]) }
}
