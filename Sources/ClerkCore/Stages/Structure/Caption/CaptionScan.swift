/// The caption elements found in one region of the body, the words between them that are not
/// caption material, and the edits that take the elements out.
struct CaptionScan {
    let bytes: [UInt8]
    let tokens: [TextToken]
    /// The token the reading started at.
    let startIndex: Int
    /// In reading order.
    private(set) var elements: [CaptionElement] = []
    /// Token ranges that are not caption material; they stay in the body.
    private(set) var skipped: [Range<Int>] = []
    private var skippedInARow = 0
    private static let maximumSkippedWords = 20

    /// Reads elements from token `start`. `resync`: after words that are not caption material,
    /// go on at the next line or rule (the region is known to end at the opinion), unless they
    /// read like prose; otherwise stop there.
    /// A reading from the first token puts a two-column block's right column after its left one
    /// (`CaptionColumns`); `tokens` are then in that order, no longer in the body's.
    init(bytes: [UInt8], tokens: [TextToken], from start: Int = 0, resync: Bool) {
        self.bytes = bytes
        let columns = start == 0 ? CaptionColumns.readingOrder(tokens, bytes: bytes) : nil
        self.tokens = columns ?? tokens
        let tokens = self.tokens
        startIndex = start
        let reader = CaptionReader(tokens: tokens)
        var index = start
        while index < tokens.count {
            if let element = reader.element(at: index, after: elements.last?.kind) {
                elements.append(element)
                index = element.tokens.upperBound
                continue
            }
            guard resync else { break }
            var next = index + 1
            while !CaptionColumns.isSeparator(tokens[index]) && next < tokens.count && !tokens[next].startsLine && !tokens[next].isRule {
                next += 1
                // A column separator inside the line (an OCR'd two-column caption whose columns
                // were not found: `ROE CORP., : No. 12-345`): the right column is read on its own.
                if CaptionColumns.isSeparator(tokens[next - 1]) { break }
            }
            // Prose (a syllabus, a preface) is not read through: a long run of words, or a
            // third line in a row that is not caption, ends the reading.
            let inARow = (skipped.last?.upperBound == index ? skippedInARow : 0) + 1
            guard next - index <= Self.maximumSkippedWords, inARow < 3 else { break }
            skippedInARow = inARow
            skipped.append(index..<next)
            index = next
        }
    }

    /// Whether everything from the first element to the last token was read as caption.
    var readsToEnd: Bool { skipped.isEmpty && elements.last?.tokens.upperBound == tokens.count }

    /// How many elements show, on their own, that this is a caption.
    var evidence: Int { elements.count { $0.kind.isCaptionEvidence } }

    /// Enough to take text for a caption where nothing else says so: a court line or parties,
    /// or two other elements.
    var showsCaption: Bool { evidence >= 2 || elements.contains { $0.kind == .court || $0.kind == .parties } }

    /// What the elements say, merged.
    var facts: CaseInfo {
        var facts = CaseInfo()
        var title: String?
        // Several cases under one caption, each under its own number: their names are joined.
        var docketSinceParties = false
        for element in elements {
            if element.kind == .docket { docketSinceParties = true }
            if element.kind == .parties, let known = facts.caseName, let name = element.facts.caseName, title == nil {
                if docketSinceParties, known != name { facts.caseName = known + "; " + name }
                docketSinceParties = false
            } else if element.kind == .parties {
                docketSinceParties = false
            }
            // A title before the parties names the case with them: `Estate of JANE ROE,
            // Deceased. JOHN ROE v. JIM DOE`; a bare `In re:` only leads them.
            if element.kind == .parties, let title, let parties = element.facts.caseName, facts.caseName == title {
                facts.caseName = Self.isBareLead(title) ? title + " " + parties : title + ". " + parties
            }
            if element.kind == .title, facts.caseName == nil { title = element.facts.caseName }
            if element.kind == .court, let known = facts.court, let name = element.facts.court {
                facts.court = CourtNameReader.withPlace(of: name, added: known)
            }
            facts.merge(element.facts)
        }
        return facts
    }

    /// The edits that remove the elements, one each, or one for each stretch of an element that
    /// lies together in the body (a two-column caption is read out of the body's order). An
    /// edit takes the white space after it up to the next removed stretch, or after the last
    /// token up to `end` (the opinion start) or the end of its line; the first's takes the
    /// indentation before it. So the log holds every byte removed.
    func removal(upTo end: Int?) -> [TextEdit] {
        // Token positions in the body's order.
        let order = tokens.indices.sorted { tokens[$0].range.lowerBound < tokens[$1].range.lowerBound }
        var rank = [Int](repeating: 0, count: tokens.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        // Stretches: tokens of one element next to each other in the body.
        var stretches: [(first: Int, last: Int, kind: CaptionElementKind)] = []
        for element in elements {
            let ranks = element.tokens.map { rank[$0] }.sorted()
            var first = ranks[0], last = ranks[0]
            for value in ranks.dropFirst() {
                if value == last + 1 { last = value; continue }
                stretches.append((first, last, element.kind))
                first = value
                last = value
            }
            stretches.append((first, last, element.kind))
        }
        stretches.sort { $0.first < $1.first }
        var edits: [TextEdit] = []
        for (position, stretch) in stretches.enumerated() {
            var range = tokens[order[stretch.first]].range.lowerBound..<tokens[order[stretch.last]].range.upperBound
            if position == 0 {
                var lineStart = range.lowerBound
                while lineStart > 0 && (bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09) { lineStart -= 1 }
                if lineStart == 0 || bytes[lineStart - 1] == 0x0A { range = lineStart..<range.upperBound }
            }
            if position + 1 < stretches.count, stretches[position + 1].first == stretch.last + 1 {
                range = range.lowerBound..<tokens[order[stretch.last + 1]].range.lowerBound
            } else if let end, stretch.last == tokens.count - 1 {
                range = range.lowerBound..<max(end, range.upperBound)
            } else {
                var after = range.upperBound
                while after < bytes.count && (bytes[after] == 0x20 || bytes[after] == 0x09) { after += 1 }
                if after < bytes.count && bytes[after] == 0x0A { after += 1 }
                range = range.lowerBound..<after
            }
            edits.append(TextEdit(range: range, reason: Self.reason(stretch.kind)))
        }
        return edits
    }

    /// The bytes from the first to the last of the tokens (in the body's order).
    private static func isBareLead(_ title: String) -> Bool {
        let words = title.split(separator: " ")
        return CaptionReader.titleLeadEnd(words.map { TextToken(range: 0..<0, text: String($0), startsLine: false) }, at: 0) == words.count
    }

    func byteRange(_ tokenRange: Range<Int>) -> Range<Int> {
        let words = tokens[tokenRange]
        return words.map(\.range.lowerBound).min()!..<words.map(\.range.upperBound).max()!
    }

    private static func reason(_ kind: CaptionElementKind) -> String {
        switch kind {
        case .rule: "caption rule removed"
        case .court: "caption, moved to the case metadata: court"
        case .docket: "caption, moved to the case metadata: docket number"
        case .parties: "caption, moved to the case metadata: parties and case name"
        case .lowerCourt: "caption, moved to the case metadata: lower court"
        case .lowerCourtDocket: "caption, moved to the case metadata: lower court's docket number and judge"
        case .dates: "caption, moved to the case metadata: dates"
        case .judges: "caption, moved to the case metadata: judges"
        case .headMatter: "caption, moved to the case metadata: status line"
        case .title: "caption, moved to the case metadata: case name"
        case .notice: HeadMatter.reason
        }
    }
}

extension CaseInfo {
    /// Adds what `other` says that is not known yet: single values only where unset, list items
    /// and metadata keys only once.
    mutating func merge(_ other: CaseInfo) {
        merge([other])
    }

    /// Adds what each of `others` says, in order, as `merge` one at a time would; what is known
    /// is kept in sets, so that the captions of thousands of opinions merge in linear time.
    mutating func merge(_ others: [CaseInfo]) {
        var known = (dockets: Set(dockets), parties: Set(parties), dates: Set(dates), judges: Set(judges),
                     keys: Set(metadata.map(\.key)))
        for other in others {
            court = Self.fuller(court, other.court)
            caseName = caseName ?? other.caseName
            lowerCourt = lowerCourt ?? other.lowerCourt
            for docket in other.dockets where known.dockets.insert(docket).inserted { dockets.append(docket) }
            for party in other.parties where known.parties.insert(party).inserted { parties.append(party) }
            for date in other.dates where known.dates.insert(date).inserted { dates.append(date) }
            for judge in other.judges where known.judges.insert(judge).inserted { judges.append(judge) }
            for entry in other.metadata where known.keys.insert(entry.key).inserted { metadata.append(entry) }
        }
    }

    /// The known court, unless the other names it with more words and every word of it
    /// (`…, Fourth Department` and `…, Fourth Judicial Department`): then the other.
    public static func fuller(_ known: String?, _ other: String?) -> String? {
        guard let known, let other else { return known ?? other }
        func words(_ name: String) -> [Substring] { name.lowercased().split { !$0.isLetter && !$0.isNumber } }
        let knownWords = words(known), otherWords = words(other)
        return otherWords.count > knownWords.count && Set(knownWords).isSubset(of: Set(otherWords)) ? other : known
    }

    /// Adds the authors of the opinions (and the judges a summary says joined them) to the
    /// judges, after the panel the caption named, without their titles: each once, a name
    /// already there (by its last word, whatever its case) not again.
    mutating func addJudges(_ authors: [String]) {
        func key(_ name: String) -> String {
            String(name.lowercased().split(whereSeparator: { !$0.isLetter }).last ?? "")
        }
        var known = Set(judges.map(key))
        for author in authors.compactMap(PanelReader.withoutTitles) where known.insert(key(author)).inserted {
            judges.append(author)
        }
    }
}
