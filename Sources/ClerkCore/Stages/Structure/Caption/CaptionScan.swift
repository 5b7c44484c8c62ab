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
    init(bytes: [UInt8], tokens: [TextToken], from start: Int = 0, resync: Bool) {
        self.bytes = bytes
        self.tokens = tokens
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
            while next < tokens.count && !tokens[next].startsLine && !tokens[next].isRule { next += 1 }
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
        for element in elements { facts.merge(element.facts) }
        return facts
    }

    /// The edits that remove the elements, one each. An element's edit takes the white space
    /// after it up to the next element it touches, or after the last one up to `end` (the
    /// opinion start) or the end of its line; the first's takes the indentation before it. So
    /// the log holds every byte removed.
    func removal(upTo end: Int?) -> [TextEdit] {
        var edits: [TextEdit] = []
        for (position, element) in elements.enumerated() {
            var range = byteRange(element.tokens)
            if position == 0 {
                var lineStart = range.lowerBound
                while lineStart > 0 && (bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09) { lineStart -= 1 }
                if lineStart == 0 || bytes[lineStart - 1] == 0x0A { range = lineStart..<range.upperBound }
            }
            if position + 1 < elements.count, elements[position + 1].tokens.lowerBound == element.tokens.upperBound {
                range = range.lowerBound..<byteRange(elements[position + 1].tokens).lowerBound
            } else if let end, element.tokens.upperBound == tokens.count {
                range = range.lowerBound..<max(end, range.upperBound)
            } else {
                var after = range.upperBound
                while after < bytes.count && (bytes[after] == 0x20 || bytes[after] == 0x09) { after += 1 }
                if after < bytes.count && bytes[after] == 0x0A { after += 1 }
                range = range.lowerBound..<after
            }
            edits.append(TextEdit(range: range, reason: Self.reason(element.kind)))
        }
        return edits
    }

    func byteRange(_ tokenRange: Range<Int>) -> Range<Int> {
        tokens[tokenRange.lowerBound].range.lowerBound..<tokens[tokenRange.upperBound - 1].range.upperBound
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
            court = court ?? other.court
            caseName = caseName ?? other.caseName
            lowerCourt = lowerCourt ?? other.lowerCourt
            for docket in other.dockets where known.dockets.insert(docket).inserted { dockets.append(docket) }
            for party in other.parties where known.parties.insert(party).inserted { parties.append(party) }
            for date in other.dates where known.dates.insert(date).inserted { dates.append(date) }
            for judge in other.judges where known.judges.insert(judge).inserted { judges.append(judge) }
            for entry in other.metadata where known.keys.insert(entry.key).inserted { metadata.append(entry) }
        }
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
