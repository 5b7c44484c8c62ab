/// Lines become paragraphs. Two kinds of text need different evidence:
/// - long-line text (reporter scans, plain text with a paragraph per line): a line is a
///   paragraph unless it stops mid-sentence, in which case the next line continues it; a blank
///   line always ends a paragraph
///   (flattened text breaks lines before citations, `… under` / `42 U.S.C. § 1983 …`);
/// - layout text (PDF to text: short lines of a page width): a paragraph ends at a short line
///   that ends a sentence, before and after a short label-only or title line (`I.`, `A.`,
///   `1. Facts`), where the next line is indented more than the one before it (the body's
///   first-line indentation, or a paragraph of a block quote), and at a blank line that
///   follows a sentence end. Blank lines around a citation on a line of its own are layout
///   artefacts: `… Comm’rs,` / `` / `954 F.3d 981` / `, 984 (7th Cir. 2020).` is one sentence.
/// Flattened web text (family `flat`) lost its paragraph breaks altogether, and text from HTML
/// (family `html`) has them from the markup: in both, only blank lines separate paragraphs.
/// Lines are joined with one space, or none before `,` `.` `;` `:` `)` `]`. Page breaks and
/// footnote references keep their places (see BlockAssembler), so a paragraph runs on across a
/// page break when its sentence does.
public struct ReflowStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let mode = Parameter.string("mode", allowed: ["auto", "layout", "lines", "blankLines"], default: "auto",
            "How paragraphs are found: `auto` decides from line lengths; `layout` (short page-width lines), `lines` (a line is a paragraph unless it stops mid-sentence), `blankLines` (only blank lines separate paragraphs).")
        public static let shortLineRatio = Parameter.number("shortLineRatio", 0.3...0.99, default: 0.8,
            "In layout text, a line shorter than this share of the typical full line that ends a sentence ends its paragraph.")
        public static let longLineLength = Parameter.integer("longLineLength", 80...100_000, default: 300,
            "In `auto` mode, text whose typical line is longer than this many characters is long-line text.")
        public var mode: String
        public var shortLineRatio: Double
        public var longLineLength: Int

        public init(_ values: StageParameterValues) {
            mode = values[Self.mode]
            shortLineRatio = values[Self.shortLineRatio]
            longLineLength = values[Self.longLineLength]
        }
    }

    public static let id = "reflow"
    public static let summary =
        "Lines become paragraphs: by sentence ends in long-line text, by short last lines, headings, indentation and meaningful blank lines in layout text; split fragments rejoin their sentence."
    public static let phase = StagePhase.blocks

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        var bodyAssembler = assembler(for: document.body, family: document.source.family)
        let parts = bodyAssembler.finishOpinions()
        let footnotes = document.notes.map { note in
            var noteAssembler = assembler(for: note.text, family: document.source.family)
            return Footnote(label: note.label, blocks: noteAssembler.finish())
        }
        guard !parts.isEmpty || !footnotes.isEmpty else {
            document.log.warn(stage: Self.id, "the input holds no text")
            return
        }
        var opinions = parts.map { part in
            Opinion(
                type: part.header?.type ?? .unknown, author: part.header?.author, byline: part.header?.byline,
                blocks: part.blocks)
        }
        if opinions.isEmpty { opinions = [Opinion(type: .unknown)] }
        for (footnote, owner) in zip(footnotes, FootnoteOwners.assign(footnotes, to: opinions)) {
            opinions[owner].footnotes.append(footnote)
        }
        document.opinions = opinions
    }

    /// Feeds the lines of one stream (the body, or a footnote's text) to a block assembler,
    /// ending paragraphs where the mode says.
    private func assembler(for stream: TextStream, family: SourceFamily) -> BlockAssembler {
        let bytes = stream.bytes
        let lines = stream.lineRanges.map { ReflowLine(range: $0, bytes: bytes) }
        let profile = LineProfile(lines)
        let mode: String
        if configuration.mode != "auto" {
            mode = configuration.mode
        } else if family.separatesParagraphsByBlankLines {
            mode = "blankLines"
        } else {
            mode = profile.typicalLength > configuration.longLineLength ? "lines" : "layout"
        }
        var assembler = BlockAssembler(stream)
        var previous: ReflowLine?
        var blankSincePrevious = false
        for line in lines {
            guard !line.isBlank else {
                blankSincePrevious = true
                if mode == "blankLines" { assembler.finishBlock() }
                continue
            }
            if let previous, mode != "blankLines",
               endsParagraph(previous, before: line, blankBetween: blankSincePrevious, mode: mode, profile: profile, bytes: bytes) {
                assembler.finishBlock()
            }
            assembler.append(line.content, separator: line.joinsWithoutSpace || (previous?.opensBracket ?? false) ? "" : " ")
            previous = line
            blankSincePrevious = false
        }
        return assembler
    }

    /// Whether a paragraph ends between `line` and `next` (both non-blank).
    private func endsParagraph(
        _ line: ReflowLine, before next: ReflowLine, blankBetween: Bool, mode: String, profile: LineProfile, bytes: [UInt8]
    ) -> Bool {
        // In long-line text a blank line is an explicit break, even after a line that stops
        // mid-sentence (`… was;`, `… Id.`): only page-width layout lines leave blank lines inside
        // a sentence.
        if mode == "lines" && blankBetween { return true }
        if next.joinsWithoutSpace { return false }
        // A label alone on its line (`I.`, `A.`) is a heading of its own, not an initial.
        if line.isLabelOnly { return next.startsSentence || next.isLabelOnly }
        if line.stopsMidSentence { return false }
        if mode == "lines" { return line.endsSentence && next.startsSentence }
        let full = Double(profile.fullLength)
        let isShort = Double(line.length) < configuration.shortLineRatio * full
        if next.isLabelOnly { return line.endsSentence || line.endsWithWord }
        if line.endsSentence && next.startsSentence {
            // Measured from the body's margin, so that a full line of an indented block quote
            // is not short; a line indented deeper than the one before starts a paragraph (in a
            // block quote too).
            let reach = max(0, line.indent - profile.baseIndent) + line.length
            if Double(reach) < configuration.shortLineRatio * full || blankBetween { return true }
            if next.indent > max(profile.baseIndent, line.indent) + 1 { return true }
        }
        // A short title line (`1. The officers’ account`) that does not end a sentence.
        if line.endsWithWord && isShort && next.startsSentence && line.looksLikeTitle(in: bytes) {
            return true
        }
        return false
    }
}

/// Which opinion each footnote belongs to: the one holding the first reference to its label
/// not yet claimed by an earlier note (numbering restarts in each opinion). A note no reference
/// points to stays with the opinion of the note before it.
enum FootnoteOwners {
    static func assign(_ footnotes: [Footnote], to opinions: [Opinion]) -> [Int] {
        var references: [(opinion: Int, label: String)] = []
        for (index, opinion) in opinions.enumerated() {
            for block in opinion.blocks {
                for reference in block.footnoteRefs { references.append((index, reference.label)) }
            }
        }
        var byLabel: [String: UnclaimedPositions] = [:]
        for (index, reference) in references.enumerated() {
            byLabel[reference.label, default: UnclaimedPositions()].append(index)
        }
        var cursor = 0
        var owners: [Int] = []
        for footnote in footnotes {
            // The first unclaimed reference to the label after the last one claimed, else the first of all.
            if let found = byLabel[footnote.label]?.claimFirst(atOrAfter: cursor) ?? byLabel[footnote.label]?.claimFirst(atOrAfter: 0) {
                cursor = found + 1
                owners.append(references[found].opinion)
            } else {
                owners.append(owners.last ?? 0)
            }
        }
        return owners
    }
}

/// Rising positions, each claimed at most once; finding the first unclaimed one at or after a
/// position skips the claimed ones in amortized constant time (a union-find over the list).
struct UnclaimedPositions {
    private var positions: [Int] = []
    /// For each index into `positions`, an index at or before the first unclaimed one from it.
    private var nextUnclaimed: [Int] = [0]

    /// Adds a position larger than every one before.
    mutating func append(_ position: Int) {
        positions.append(position)
        nextUnclaimed.append(positions.count)
    }

    /// Claims and returns the first unclaimed position at or after `start`, if any.
    mutating func claimFirst(atOrAfter start: Int) -> Int? {
        var low = 0, high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < start { low = middle + 1 } else { high = middle }
        }
        let index = find(low)
        guard index < positions.count else { return nil }
        nextUnclaimed[index] = index + 1
        return positions[index]
    }

    private mutating func find(_ index: Int) -> Int {
        var root = index
        while nextUnclaimed[root] != root { root = nextUnclaimed[root] }
        var node = index
        while nextUnclaimed[node] != root {
            let next = nextUnclaimed[node]
            nextUnclaimed[node] = root
            node = next
        }
        return root
    }
}

/// What reflow needs to know about one line, read from its bytes: the first and last
/// characters and the last token, never the whole line as `Character`s.
struct ReflowLine {
    /// The line without leading and trailing spaces and tabs.
    let content: Range<Int>
    let indent: Int
    let length: Int
    let isBlank: Bool
    let endsSentence: Bool
    /// Ends with a comma, semicolon, hyphen, dash, open bracket or an abbreviation: the
    /// sentence surely goes on.
    let stopsMidSentence: Bool
    /// Ends with a letter or digit: mid-sentence, unless the line is a title.
    let endsWithWord: Bool
    let startsSentence: Bool
    let joinsWithoutSpace: Bool
    let opensBracket: Bool
    let isLabelOnly: Bool

    /// Tokens ending in a period that do not end a sentence.
    private static let abbreviations: Set<String> = [
        "v.", "vs.", "No.", "Nos.", "Co.", "Corp.", "Inc.", "Ltd.", "Cir.", "Dist.", "Ct.", "App.", "Supp.", "Cnty.",
        "e.g.", "i.e.", "cf.", "Cf.", "Id.", "id.", "al.", "Mr.", "Ms.", "Mrs.", "Dr.", "Jr.", "Sr.", "St.",
        "U.S.", "U.S.C.", "F.", "S.", "L.", "Ed.", "Stat.", "Fed.", "R.", "Civ.", "Crim.", "P.", "Evid.", "art.",
        "Art.", "ch.", "cl.", "n.", "nn.", "p.", "pp.", "para.", "ed.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.",
        "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
    ]
    /// The abbreviations, looked up without a string.
    private static let packedAbbreviations = PackedWords(abbreviations)

    init(range: Range<Int>, bytes: [UInt8]) {
        let content = trimmed(range, in: bytes)
        self.content = content
        indent = content.lowerBound - range.lowerBound
        length = BlockAssembler.scalarCount(bytes[content])
        isBlank = content.isEmpty
        guard !content.isEmpty else {
            endsSentence = false; stopsMidSentence = false; endsWithWord = false; startsSentence = false
            joinsWithoutSpace = false; opensBracket = false; isLabelOnly = false
            return
        }
        let first = UTF8Scalars.scalar(in: bytes, at: content.lowerBound).scalar
        let last = UTF8Scalars.scalar(in: bytes, at: UTF8Scalars.start(before: content.upperBound, in: bytes)).scalar
        // The last character that is not a closing quote or bracket.
        var coreEnd = content.upperBound
        var core = last
        while coreEnd > content.lowerBound {
            let start = UTF8Scalars.start(before: coreEnd, in: bytes)
            core = UTF8Scalars.scalar(in: bytes, at: start).scalar
            guard Self.isCloser(core) else { break }
            coreEnd = start
        }
        var tokenStart = content.upperBound
        while tokenStart > content.lowerBound && bytes[tokenStart - 1] != 0x20 { tokenStart -= 1 }
        let isAbbreviation = Self.isAbbreviation(bytes[Self.withoutQuotesAndBrackets(tokenStart..<content.upperBound, in: bytes)])
        // `. . . importation`: a spaced ellipsis opens the line as a word does, after a space.
        let opensEllipsis = content.count >= 3 && bytes[content.lowerBound] == 0x2E && bytes[content.lowerBound + 1] == 0x20
            && bytes[content.lowerBound + 2] == 0x2E
        joinsWithoutSpace = Self.isContinuationStart(first) && !opensEllipsis
        opensBracket = last == "(" || last == "["
        endsSentence = (core == "." || core == "?" || core == "!" || core == ":") && !isAbbreviation
        stopsMidSentence = last == "," || last == ";" || last == "-" || last == "\u{2014}" || opensBracket || isAbbreviation
        endsWithWord = UTF8Scalars.isLetter(core) || ("0"..."9").contains(core)
        let startsUppercase = first.isASCII ? isUppercaseASCII(UInt8(first.value)) : first.properties.isUppercase
        startsSentence = startsUppercase || ("0"..."9").contains(first) || Self.isSentenceStart(first)
        isLabelOnly = content.count <= 6 && (bytes[content].allSatisfy { $0 < 0x80 }
            ? Self.isLabelASCII(bytes[content]) : Self.isLabel(String(decoding: bytes[content], as: UTF8.self)))
    }

    /// `"` `'` `’` `”` `)` `]`.
    private static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "\u{2019}", "\u{201D}", ")", "]": true
        default: false
        }
    }

    /// What joins the line to the one before without a space: `,` `.` `;` `:` `)` `]` `’` `”`.
    private static func isContinuationStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ",", ".", ";", ":", ")", "]", "\u{2019}", "\u{201D}": true
        default: false
        }
    }

    /// Opening quotes and brackets and the signs that may open a sentence.
    private static func isSentenceStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "\u{201C}", "\u{2018}", "(", "[", "§", "¶", "*": true
        default: false
        }
    }

    /// `range` without the straight and curly double quotes and the brackets at either end
    /// (`"` `“` `”` `(` `)` `[` `]`), read on bytes.
    static func withoutQuotesAndBrackets(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        func isASCIIMark(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
        }
        // `“` is E2 80 9C and `”` E2 80 9D.
        func isCurlyQuote(at index: Int) -> Bool {
            index >= range.lowerBound && index + 3 <= range.upperBound && bytes[index] == 0xE2 && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D)
        }
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            if isASCIIMark(bytes[start]) { start += 1 } else if isCurlyQuote(at: start) { start += 3 } else { break }
        }
        while end > start {
            if isASCIIMark(bytes[end - 1]) { end -= 1 } else if end - 3 >= start && isCurlyQuote(at: end - 3) { end -= 3 } else { break }
        }
        return start..<end
    }

    /// A token ending in a period that does not end a sentence: a listed abbreviation
    /// (`v.`, `U.S.`, `Cir.`) or an initial (`J.`); the caller trims quotes and brackets.
    static func isAbbreviation(_ token: String) -> Bool {
        var token = token
        return token.withUTF8 { isAbbreviation($0[...]) }
    }

    /// `isAbbreviation` on the token's UTF-8 bytes.
    static func isAbbreviation<Bytes: Collection<UInt8>>(_ token: Bytes) -> Bool where Bytes.Index == Int {
        // Every listed abbreviation and every initial ends with a period.
        guard token.count >= 2, token[token.endIndex - 1] == UInt8(ascii: ".") else { return false }
        if token.count == 2 && isUppercaseASCII(token[token.startIndex]) { return true }  // an initial
        return packedAbbreviations.contains(token)
    }

    /// `I.`, `IV.`, `A.`, `1.`, `(a)`, `12.` alone on a line.
    static func isLabel(_ token: String) -> Bool {
        guard !token.contains(" ") else { return false }
        if token.hasPrefix("(") && token.hasSuffix(")") { return token.count >= 3 }
        guard token.hasSuffix("."), token.count >= 2 else { return false }
        let body = token.dropLast()
        return body.allSatisfy { "IVXLC".contains($0) } || body.allSatisfy(\.isNumber)
            || (body.count == 1 && body.first!.isUppercase)
    }

    /// `isLabel` for ASCII bytes (one character each).
    static func isLabelASCII(_ token: ArraySlice<UInt8>) -> Bool {
        guard let first = token.first, let last = token.last, !token.contains(0x20) else { return false }
        if first == UInt8(ascii: "(") && last == UInt8(ascii: ")") { return token.count >= 3 }
        guard last == UInt8(ascii: "."), token.count >= 2 else { return false }
        let body = token.dropLast()
        return body.allSatisfy {
            $0 == UInt8(ascii: "I") || $0 == UInt8(ascii: "V") || $0 == UInt8(ascii: "X") || $0 == UInt8(ascii: "L")
                || $0 == UInt8(ascii: "C")
        } || body.allSatisfy(isDigit) || (body.count == 1 && isUppercaseASCII(first))
    }

    /// Whether the line reads like a title: it starts with a capital or a numeral label and most
    /// of its longer words are capitalised (`1. The Officers’ Account of the Stop`), or it starts
    /// with a label (`1. The officers’ account of the stop`). Only asked of short lines.
    func looksLikeTitle(in bytes: [UInt8]) -> Bool {
        guard bytes[content].allSatisfy({ $0 < 0x80 }) else { return looksLikeTitleReadingCharacters(in: bytes) }
        // ASCII: each byte is a character, read in place.
        var words = 0, long = 0, longCapitalised = 0
        var firstWord: Range<Int>?
        var index = content.lowerBound
        while index < content.upperBound {
            guard bytes[index] != 0x20 else {
                index += 1
                continue
            }
            let start = index
            while index < content.upperBound && bytes[index] != 0x20 { index += 1 }
            words += 1
            if firstWord == nil { firstWord = start..<index }
            if isLetterASCII(bytes[start]) && index - start > 3 {
                long += 1
                if isUppercaseASCII(bytes[start]) { longCapitalised += 1 }
            }
        }
        guard let firstWord else { return false }
        if words > 1 && Self.isLabelASCII(bytes[firstWord]) { return true }
        guard isUppercaseASCII(bytes[content.lowerBound]), long > 0 else { return false }
        return longCapitalised * 2 > long
    }

    /// `looksLikeTitle` for a line beyond ASCII, read as characters.
    private func looksLikeTitleReadingCharacters(in bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes[content], as: UTF8.self)
        let words = text.split(separator: " ")
        guard let firstWord = words.first else { return false }
        if words.count > 1 && Self.isLabel(String(firstWord)) { return true }
        let long = words.filter { $0.first?.isLetter == true && $0.count > 3 }
        guard text.first?.isUppercase == true, !long.isEmpty else { return false }
        return long.filter { $0.first!.isUppercase }.count * 2 > long.count
    }
}

/// Line-length statistics of a document: what a full line and the usual indentation are.
struct LineProfile {
    /// The length of a typical line (the median of non-blank lines).
    let typicalLength: Int
    /// The length of a full line in layout text (the 90th percentile).
    let fullLength: Int
    /// The most common indentation of non-blank lines.
    let baseIndent: Int
    /// The length of a full printed line: the 90th percentile of the lines at most 1.5 times
    /// as long as the typical one. Lines that an earlier stage joined (a word split by a
    /// line-end hyphen takes the next line along) are left out; `isJoined` tells them.
    let printedLength: Int

    init(_ lines: [ReflowLine]) {
        let lengths = lines.filter { !$0.isBlank }.map(\.length).sorted()
        let typical = lengths.isEmpty ? 0 : lengths[lengths.count / 2]
        typicalLength = typical
        fullLength = Self.fullLength(sortedLengths: lengths)
        let printed = lengths.prefix { $0 * 2 <= typical * 3 }
        printedLength = printed.isEmpty ? 0 : printed[min(printed.count - 1, printed.count * 9 / 10)]
        // Counted by index (deep indentation, rare, in a dictionary). The most common wins, the
        // smallest of a tie.
        var indents = [Int](repeating: 0, count: 256)
        var deep: [Int: Int] = [:]
        for line in lines where !line.isBlank {
            if line.indent < indents.count { indents[line.indent] += 1 } else { deep[line.indent, default: 0] += 1 }
        }
        var base = (indent: 0, count: 0)
        for (indent, count) in indents.enumerated() where count > base.count { base = (indent, count) }
        for (indent, count) in deep where count > base.count || (count == base.count && indent < base.indent) {
            base = (indent, count)
        }
        baseIndent = base.count > 0 ? base.indent : 0
    }

    /// The length of a full line in layout text, from the sorted lengths of the non-blank lines.
    static func fullLength(sortedLengths lengths: [Int]) -> Int {
        lengths.isEmpty ? 0 : lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
    }

    /// `fullLength(sortedLengths:)` of lengths in any order, counted instead of sorted.
    static func fullLength(of lengths: [Int]) -> Int {
        guard !lengths.isEmpty else { return 0 }
        return LengthCounts(lengths).element(at: min(lengths.count - 1, lengths.count * 9 / 10))
    }

    /// Whether `line` is longer than one printed line can be: lines joined by an earlier stage.
    func isJoined(_ line: ReflowLine) -> Bool {
        line.length * 2 > typicalLength * 3
    }
}
