/// Finds citations in UTF-8 text, word by word, on bytes: full case citations with pinpoints,
/// parallel citations and the court/year parenthetical; short forms (`624 F.3d at 862`); `Id.`;
/// `supra`; statutes and regulations (`42 U.S.C. § 1983`, `29 C.F.R. § 1630.2`); court rules
/// (`Fed. R. Civ. P. 56(a)`); constitutions (`U.S. Const. amend. IV`); journals.
///
/// Reporters and codes come from reporters-db (`CitationTable`); the grammar around them is
/// written here by hand, on bytes, because no maintained Swift package reads legal citations
/// (eyecite, the reference, is Python and uses regular expressions, far too slow for Clerk).
public struct CitationScanner: Sendable {
    public let table: CitationTable

    public init(table: CitationTable = .shared) {
        self.table = table
    }

    /// The citations in `bytes` (or in `range` of them), in text order, not overlapping.
    public func scan(_ bytes: [UInt8], in range: Range<Int>? = nil) -> [ScannedCitation] {
        var reader = CitationReader(tokens: CitationTokens(bytes, in: range), table: table)
        return reader.read()
    }
}

/// One pass of the scanner over one text.
struct CitationReader {
    let tokens: CitationTokens
    let table: CitationTable
    var found: [ScannedCitation] = []
    /// The last word a citation took; look-backs (case names, codes) stop before it.
    var floor = -1

    init(tokens: CitationTokens, table: CitationTable) {
        self.tokens = tokens
        self.table = table
    }

    mutating func read() -> [ScannedCitation] {
        var index = 0
        while index < tokens.count {
            // Most words start no citation, as their first byte tells (see `readCitation`).
            guard Self.mayStartCitation(tokens.bytes[tokens.ranges[index].lowerBound]) else {
                index += 1
                continue
            }
            index = readCitation(at: index) ?? index + 1
        }
        return found
    }

    /// The first bytes `readCitation` reads on: digits, `§` (0xC2), `Id.`, `supra`, `R.`,
    /// `Federal`, `Const.`, and the brackets and quotes before `Id.` (0xE2: curly quotes).
    private static let startBytes = ASCIISet("0123456789Ii([\"sRFC")

    @inline(__always)
    private static func mayStartCitation(_ byte: UInt8) -> Bool {
        byte < 0x80 ? startBytes.contains(byte) : byte == 0xC2 || byte == 0xE2
    }

    /// Reads a citation that starts at word `index` (or, for codes, rules and constitutions, is
    /// anchored there); returns the word after it.
    private mutating func readCitation(at index: Int) -> Int? {
        // Dispatch on the first byte: most words start no citation.
        switch tokens.bytes[tokens.ranges[index].lowerBound] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return tokens.isVolume(index) ? readReporterCitation(volume: index) : nil
        case 0xC2:
            return tokens.startsWith(index, "§") ? readCodeCitation(sign: index) : nil
        case UInt8(ascii: "I"), UInt8(ascii: "i"), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "\""), 0xE2:
            // `Id.` and `Ibid.` hold `d.`; most words here (`in`, `(the`) do not.
            return tokens.holds(index, UInt8(ascii: "d"), UInt8(ascii: ".")) ? readId(at: index) : nil
        case UInt8(ascii: "s"):
            return tokens.equals(index, "supra") || tokens.equals(index, "supra", period: true) ? readSupra(at: index) : nil
        case UInt8(ascii: "R"):
            return tokens.equals(index, "R.") ? readRule(at: index) : nil
        case UInt8(ascii: "F"):
            return tokens.equals(index, "Federal") ? readSpelledRule(at: index) : nil
        case UInt8(ascii: "C"):
            return tokens.equals(index, "Const.") || tokens.equals(index, "CONST.") ? readConstitution(at: index) : nil
        default:
            return nil
        }
    }

    // MARK: Reporters: full and short case citations, journals, registers

    private struct ReporterMatch {
        var last: Int
        /// Where the printed reporter ends (its last word with or without what follows it).
        var end: Int
        var editions: [CitationTable.Edition]
    }

    /// Reporters that start at word `first`, longest first (`F. Supp. 2d` before `F.`).
    private func reporters(from first: Int) -> [ReporterMatch] {
        var matches: [ReporterMatch] = []
        // The trie node of the words read so far (see `CitationTable.pageNode`): a word no
        // reporter goes on with ends the look, most often the first after a number.
        var key: Int? = CitationTable.pageRoot
        var last = first
        while last < tokens.count && last < first + table.maximumWords, let node = key {
            let word = tokens.ranges[last]
            let core = tokens.core(last)
            // A reporter's last word may carry a comma (`582 U.S., at 5`); inner words may not.
            // Some reporters end in a bracket of their own (`Am. Law Reg. (N.S.)`).
            guard !(node == CitationTable.pageRoot && core.isEmpty),
                  let coreNode = table.pageNode(after: node, tokens.bytes[core]) else { break }
            var end = core.upperBound
            var editions = table.editions(atPageNode: coreNode)
            let punctuation = tokens.bytes[core.upperBound..<word.upperBound]
            let wordNode = table.pageNode(after: coreNode, punctuation)
            if editions.isEmpty && core != word {
                editions = wordNode.map { table.editions(atPageNode: $0) } ?? []
                end = word.upperBound
            }
            if !editions.isEmpty { matches.append(ReporterMatch(last: last, end: end, editions: editions)) }
            key = wordNode
            last += 1
        }
        return matches.reversed()
    }

    private mutating func readReporterCitation(volume: Int) -> Int? {
        for match in reporters(from: volume + 1) {
            var pageIndex = match.last + 1
            let nominative = nominativeEnd(at: pageIndex)
            if let nominative { pageIndex = nominative + 1 }
            // `1 Holmes, 299`: a comma may stand between the reporter and the page.
            let trailing = match.end < tokens.ranges[match.last].upperBound ? tokens.bytes[match.end] : 0
            if trailing == 0 || trailing == UInt8(ascii: ",") || nominative != nil, let page = tokens.pageNumber(pageIndex),
               tokens.ranges[pageIndex].lowerBound == page.lowerBound {
                return readFullGroup(volume: volume, reporter: match, page: pageIndex)
            }
            if tokens.equals(pageIndex, "at"), tokens.pageNumber(pageIndex + 1) != nil {
                return readShort(volume: volume, reporter: match, at: pageIndex)
            }
        }
        return nil
    }

    /// `(1 Wall.)` / `(Black)` after `U.S.`: the nominative reporter of early volumes.
    private func nominativeEnd(at index: Int) -> Int? {
        guard index < tokens.count, tokens.bytes[tokens.ranges[index].lowerBound] == UInt8(ascii: "(") else { return nil }
        for end in index..<min(index + 3, tokens.count) {
            let range = tokens.ranges[end]
            if tokens.bytes[range.upperBound - 1] == UInt8(ascii: ")") {
                return tokens.pageNumber(end + 1) != nil ? end : nil
            }
        }
        return nil
    }

    private func reporterParts(_ match: ReporterMatch, into citation: inout ScannedCitation, volume: Int) {
        citation.volume = tokens.string(volume)
        citation.reporter = match.editions[0].canonical
        citation.printedReporter = tokens.ranges[volume + 1].lowerBound..<match.end
    }

    /// A full citation and the parallel citations after it, sharing the case name before the
    /// first and the parenthetical after the last.
    private mutating func readFullGroup(volume: Int, reporter: ReporterMatch, page: Int) -> Int {
        let name = CaseNameReader(tokens: tokens, abbreviations: table.caseNameAbbreviations).name(before: volume, floor: floor, needsParties: true)
        var members: [(citation: ScannedCitation, last: Int)] = []
        var member = (volume: volume, reporter: reporter, page: page)
        while true {
            var citation = ScannedCitation(range: 0..<0, kind: member.reporter.editions[0].kind)
            reporterParts(member.reporter, into: &citation, volume: member.volume)
            citation.page = tokens.string(tokens.pageNumber(member.page)!)
            let (pinpoint, last) = pinpoints(after: member.page)
            citation.pinpoint = pinpoint
            citation.range = tokens.ranges[member.volume].lowerBound..<tokens.core(last, period: true).upperBound
            members.append((citation, last))
            // A parallel citation: `, 109 S. Ct. 1865`.
            guard tokens.trailing(last) == UInt8(ascii: ","), tokens.isVolume(last + 1),
                  let next = parallel(volume: last + 1) else { break }
            member = (last + 1, next.reporter, next.page)
        }
        var last = members[members.count - 1].last
        var end = members[members.count - 1].citation.range.upperBound
        var court: String?, year: String?
        if tokens.trailing(last, period: false) == 0, let parenthetical = parenthetical(at: last + 1) {
            (court, year) = (parenthetical.court, parenthetical.year)
            last = parenthetical.last
            end = parenthetical.end
        }
        for (index, var entry) in members.enumerated() {
            entry.citation.caseName = name?.name
            entry.citation.court = court
            entry.citation.year = year
            if index == 0, let name { entry.citation.range = name.start..<entry.citation.range.upperBound }
            if index == members.count - 1 { entry.citation.range = entry.citation.range.lowerBound..<end }
            found.append(entry.citation)
        }
        floor = last
        return last + 1
    }

    private func parallel(volume: Int) -> (reporter: ReporterMatch, page: Int)? {
        for match in reporters(from: volume + 1) where match.end == tokens.ranges[match.last].upperBound {
            if let page = tokens.pageNumber(match.last + 1), tokens.ranges[match.last + 1].lowerBound == page.lowerBound {
                return (match, match.last + 1)
            }
        }
        return nil
    }

    /// Pinpoints after a page: `, 862`, `, 396-97`, `, 884 n.7`, `, 862 & n.3`, `, at *3`;
    /// several are joined with `, `. Returns them and the last word they take.
    private func pinpoints(after page: Int) -> (String?, Int) {
        var pins: [String] = []
        var last = page
        if let note = noteEnd(after: last) {
            pins.append(tokens.string(tokens.ranges[last + 1].lowerBound..<tokens.core(note, period: true).upperBound))
            last = note
        }
        while tokens.trailing(last) == UInt8(ascii: ",") {
            var next = last + 1
            if tokens.equals(next, "at") { next += 1 }
            guard let pin = tokens.pageNumber(next), tokens.ranges[next].lowerBound == pin.lowerBound,
                  !(tokens.isVolume(next) && parallel(volume: next) != nil) else { break }
            last = next
            var end = pin.upperBound
            if let note = noteEnd(after: last) {
                end = tokens.core(note, period: true).upperBound
                last = note
            }
            pins.append(tokens.string(pin.lowerBound..<end))
        }
        return (pins.isEmpty ? nil : pins.joined(separator: ", "), last)
    }

    /// A footnote pinpoint right after a page: `n.7`, `n. 7`, `nn.7-8`, `& n.3`; its last word.
    private func noteEnd(after index: Int) -> Int? {
        guard tokens.trailing(index, period: true) == 0 else { return nil }
        var next = index + 1
        if tokens.equals(next, "&") || tokens.equals(next, "and") { next += 1 }
        guard next < tokens.count else { return nil }
        for prefix: StaticString in ["nn.", "n."] where tokens.startsWith(next, prefix) {
            let core = tokens.core(next, period: true)
            if core.count <= prefix.utf8CodeUnitCount {
                return tokens.pageNumber(next + 1) != nil ? next + 1 : nil
            }
            let rest = (core.lowerBound + prefix.utf8CodeUnitCount)..<core.upperBound
            return tokens.bytes[rest].allSatisfy { isDigit($0) || $0 == UInt8(ascii: "-") || $0 >= 0x80 } ? next : nil
        }
        return nil
    }

    /// `(7th Cir. 2010)`, `(7th Cir.2010)`, `(1989)`, `(N.D. Ill. Jan. 5, 2020)`: the court and
    /// year. A parenthetical without a year (`(quoting …)`) is not read.
    private func parenthetical(at index: Int) -> (court: String?, year: String, last: Int, end: Int)? {
        guard index < tokens.count, tokens.bytes[tokens.ranges[index].lowerBound] == UInt8(ascii: "(") else { return nil }
        for last in index..<min(index + 8, tokens.count) {
            let range = tokens.ranges[last]
            guard let close = tokens.bytes[range].firstIndex(of: UInt8(ascii: ")")) else { continue }
            let content = tokens.bytes[(tokens.ranges[index].lowerBound + 1)..<close]
            guard content.count >= 4, !content.contains(UInt8(ascii: "(")) else { return nil }
            let yearStart = content.endIndex - 4
            let yearBytes = content[yearStart...]
            guard yearBytes.allSatisfy(isDigit), content.count == 4 || !isDigit(content[yearStart - 1]) else { return nil }
            let year = yearBytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            guard (1600...2099).contains(year) else { return nil }
            // Cut at ASCII bytes, the court's bytes are whole UTF-8.
            let court = Self.withoutDate(content[..<yearStart])
            return (court.isEmpty ? nil : court, String(year), last, close + 1)
        }
        return nil
    }

    private static let months: Set<String> = [
        "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
        "January", "February", "March", "April", "Jun.", "Jul.", "August", "September", "October", "November", "December",
    ]
    /// `months` as bytes, compared in place.
    private static let monthBytes: [[UInt8]] = months.map { Array($0.utf8) }

    /// The court part of a parenthetical without the month and day before the year.
    private static func withoutDate(_ text: ArraySlice<UInt8>) -> String {
        // ASCII without carriage returns: the characters are the bytes, read in place.
        if let court = text.withUnsafeBufferPointer({ withoutDateASCII($0) }) { return court }
        return withoutDateReadingCharacters(String(decoding: text, as: UTF8.self))
    }

    /// `withoutDate` on ASCII bytes without a carriage return; nil for other text. The words
    /// (split at blanks) are joined by single spaces, without a last `5,` and a month before it.
    private static func withoutDateASCII(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard text.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        var end = text.count
        if let last = lastWord(text, before: end), text[last.upperBound - 1] == UInt8(ascii: ","),
           text[last.lowerBound..<(last.upperBound - 1)].allSatisfy(isDigit) {
            end = last.lowerBound
        }
        if let last = lastWord(text, before: end), last.count <= 9,
           monthBytes.contains(where: { $0.elementsEqual(text[last]) }) {
            end = last.lowerBound
        }
        var court: [UInt8] = []
        court.reserveCapacity(end)
        var index = 0
        while index < end {
            guard !isBlankByte(text[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < end && !isBlankByte(text[index]) { index += 1 }
            if !court.isEmpty { court.append(0x20) }
            court += text[start..<index]
        }
        while court.last == UInt8(ascii: ",") { court.removeLast() }
        return String(decoding: court, as: UTF8.self)
    }

    /// The last word (run of non-blank bytes) that ends at or before `end`.
    private static func lastWord(_ text: UnsafeBufferPointer<UInt8>, before end: Int) -> Range<Int>? {
        var wordEnd = end
        while wordEnd > 0 && isBlankByte(text[wordEnd - 1]) { wordEnd -= 1 }
        guard wordEnd > 0 else { return nil }
        var wordStart = wordEnd
        while wordStart > 0 && !isBlankByte(text[wordStart - 1]) { wordStart -= 1 }
        return wordStart..<wordEnd
    }

    private static func withoutDateReadingCharacters(_ text: String) -> String {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        if let last = words.last, last.hasSuffix(","), last.dropLast().allSatisfy(\.isNumber) { words.removeLast() }
        if let last = words.last, months.contains(last) { words.removeLast() }
        var court = words.joined(separator: " ")
        while court.hasSuffix(",") { court.removeLast() }  // `(W.D. Tenn., Jan. 20, 2011)`
        return court
    }

    private mutating func readShort(volume: Int, reporter: ReporterMatch, at: Int) -> Int {
        var citation = ScannedCitation(range: 0..<0, kind: reporter.editions[0].kind == .fullCase ? .shortCase : reporter.editions[0].kind)
        reporterParts(reporter, into: &citation, volume: volume)
        let (pinpoint, last) = pinpoints(after: at + 1)
        let first = tokens.string(tokens.pageNumber(at + 1)!)
        citation.pinpoint = pinpoint.map { "\(first), \($0)" } ?? first
        let name = CaseNameReader(tokens: tokens, abbreviations: table.caseNameAbbreviations).name(before: volume, floor: floor, needsParties: false)
        citation.caseName = name?.name
        citation.range = (name?.start ?? tokens.ranges[volume].lowerBound)..<tokens.core(last, period: true).upperBound
        found.append(citation)
        floor = last
        return last + 1
    }

    // MARK: Id. and supra

    private mutating func readId(at index: Int) -> Int? {
        let start = HeadingTitle.afterOpeningPunctuation(
            in: tokens.bytes, from: tokens.ranges[index].lowerBound, end: tokens.ranges[index].upperBound)
        let core = tokens.core(index)
        // A word of punctuation only (`"` is both opening and closing) has no core after its start.
        guard start < core.upperBound, Self.isId(tokens.bytes[start..<core.upperBound]) else { return nil }
        var citation = ScannedCitation(range: start..<core.upperBound, kind: .id)
        var last = index
        if tokens.trailing(index) == 0 || tokens.trailing(index) == UInt8(ascii: ",") {
            if tokens.equals(index + 1, "at"), let pin = tokens.pageNumber(index + 2),
               tokens.ranges[index + 2].lowerBound == pin.lowerBound {
                let (more, end) = pinpoints(after: index + 2)
                let first = tokens.string(pin)
                citation.pinpoint = more.map { "\(first), \($0)" } ?? first
                last = end
            } else if tokens.startsWith(index + 1, "§"), let section = sectionEnd(sign: index + 1) {
                citation.pinpoint = tokens.string(tokens.ranges[index + 1].lowerBound..<section.end)
                last = section.last
            }
        }
        citation.range = start..<max(core.upperBound, tokens.core(last, period: last != index).upperBound)
        found.append(citation)
        floor = last
        return last + 1
    }

    /// `Id.`, `id.`, `Ibid.` or `ibid.`, compared as bytes.
    private static func isId(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count == 3 || word.count == 5, let first = word.first, first == UInt8(ascii: "I") || first == UInt8(ascii: "i")
        else { return false }
        return word.count == 3 ? ByteLines.equals(word.dropFirst(), "d.") : ByteLines.equals(word.dropFirst(), "bid.")
    }

    /// `Cyrus, supra, at 862`; `Wright & Miller, supra note 5, § 1234`. A `supra` with no name
    /// before it (`see supra Part II`) points inside the opinion and is not read.
    private mutating func readSupra(at index: Int) -> Int? {
        guard let name = CaseNameReader(tokens: tokens, abbreviations: table.caseNameAbbreviations).name(before: index, floor: floor, needsParties: false) else {
            return nil
        }
        var citation = ScannedCitation(range: 0..<0, kind: .supra)
        citation.caseName = name.name
        var last = index
        if tokens.trailing(index) == 0, tokens.equals(index + 1, "note"), tokens.isNumber(index + 2, maximum: 4) {
            last = index + 2
        }
        if tokens.trailing(last) == UInt8(ascii: ",") || tokens.trailing(last) == 0 {
            if tokens.equals(last + 1, "at"), let pin = tokens.pageNumber(last + 2) {
                citation.pinpoint = tokens.string(pin)
                last += 2
            } else if tokens.startsWith(last + 1, "§"), let section = sectionEnd(sign: last + 1) {
                citation.pinpoint = tokens.string(tokens.ranges[last + 1].lowerBound..<section.end)
                last = section.last
            }
        }
        citation.range = name.start..<tokens.core(last, period: last != index).upperBound
        found.append(citation)
        floor = last
        return last + 1
    }
}
