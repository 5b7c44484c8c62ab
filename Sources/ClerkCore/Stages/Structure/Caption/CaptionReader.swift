/// What a caption element is; the edit log names it.
enum CaptionElementKind: String, Sendable {
    case rule, court, docket, parties, title, lowerCourt, lowerCourtDocket, dates, judges, headMatter, notice

    /// Whether the element alone shows that the text is a caption (a rule or a notice does not).
    var isCaptionEvidence: Bool { self != .rule && self != .notice }
}

/// One element of a caption: its tokens and what it says, as a piece of case information.
struct CaptionElement: Sendable {
    var kind: CaptionElementKind
    var tokens: Range<Int>
    var facts: CaseInfo
}

/// Reads caption elements from tokens, one at a time. The same grammar serves layout captions
/// (an element on a line or a few) and flattened ones (all elements on one line, between rules
/// or just spaces): an element ends where its own words end, and line ends matter only where an
/// element could go on (a court name, a lower court).
struct CaptionReader {
    let tokens: [TextToken]

    /// The element that starts at token `index`. `previous` is the kind of the element just
    /// before it: a docket right after the lower court is the lower court's.
    func element(at index: Int, after previous: CaptionElementKind?) -> CaptionElement? {
        guard index < tokens.count else { return nil }
        if tokens[index].isRule || isColumnSeparator(at: index) {
            return CaptionElement(kind: .rule, tokens: index..<index + 1, facts: CaseInfo())
        }
        if let element = reporterCaseLine(at: index) ?? bracketedDate(at: index) ?? dates(at: index) ?? dateLine(at: index) {
            return element
        }
        // Not one printed beside the lower court (a two-column caption's right column, read after
        // the left one): that is the case's own.
        let followsInText = index > 0 && tokens[index].range.lowerBound > tokens[index - 1].range.lowerBound
        if let element = previous == .lowerCourt && followsInText ? lowerCourtDocket(at: index) : nil { return element }
        // A court before parties: `IN THE SUPREME COURT OF … THE PEOPLE, Plaintiff, v. …` is not one party's name.
        return headMatter(at: index) ?? notice(at: index) ?? docket(at: index) ?? parenthesizedDocket(at: index) ?? panel(at: index, after: previous) ?? justiceList(at: index)
            ?? lowerCourt(at: index) ?? title(at: index) ?? court(at: index) ?? parties(at: index)
    }

    /// A lone `)`, `]`, `|` or `:` on its line: the column of them that parts a two-column
    /// caption (`CaptionColumns` reads them last, one a line).
    private func isColumnSeparator(at index: Int) -> Bool {
        tokens[index].startsLine && CaptionColumns.isSeparator(tokens[index]) && (index + 1 == tokens.count || tokens[index + 1].startsLine)
    }

    /// Whether an element other than a party or a court starts at `index`, by its first words:
    /// names never run into one.
    func startsElement(at index: Int) -> Bool {
        guard index < tokens.count else { return false }
        let token = tokens[index]
        if token.isRule || token.text.hasPrefix("[") && CaptionDate.read(tokens, at: index) != nil { return true }
        if let keywordEnd = DocketReader.keywordEnd(tokens, at: index), DocketReader.numbers(tokens, from: keywordEnd) != nil {
            return true
        }
        if token.key == "before" || token.text.hasSuffix(":") && ["present", "panel"].contains(token.key) { return true }
        // A status line (`NOT FOR PUBLICATION`) between a banner and the court name.
        if headMatter(at: index) != nil { return true }
        return Self.lowerCourtLeadEnd(tokens, at: index) != nil || eventsEnd(at: index) != nil
    }

    // MARK: Elements

    /// Status lines printed with a caption, kept as metadata: `(Slip Opinion)`, `OCTOBER TERM,
    /// 2023` (with the page number printed after it), a stamp's time of filing (`03:47 PM`),
    /// and, alone on their line, `En Banc`, `FOR PUBLICATION`, `UNPUBLISHED`, `NOT PRECEDENTIAL`
    /// and the like.
    private func headMatter(at index: Int) -> CaptionElement? {
        func keys(_ count: Int) -> [String] { tokens[index..<min(tokens.count, index + count)].map(\.key) }
        func element(_ end: Int, _ key: String, _ value: String) -> CaptionElement {
            var facts = CaseInfo()
            facts.metadata = [MetadataEntry(key: key, value: value)]
            return CaptionElement(kind: .headMatter, tokens: index..<end, facts: facts)
        }
        if keys(2) == ["(slip", "opinion)"] { return element(index + 2, "status", "Slip Opinion") }
        // `OCTOBER TERM, 2023`, then perhaps the page number on the same line.
        if index + 2 < tokens.count, tokens[index + 1].key == "term", CaptionDate.month(tokens[index].key) != nil,
           tokens[index + 2].bare.count == 4, tokens[index + 2].bare.allSatisfy(\.isNumber) {
            var end = index + 3
            if end < tokens.count, !tokens[end].startsLine, tokens[end].text.count <= 3, tokens[end].text.allSatisfy(\.isNumber),
               end + 1 == tokens.count || tokens[end + 1].startsLine {
                end += 1
            }
            let value = tokens[index..<index + 3].map(\.text).joined(separator: " ")
            return element(end, "term", value)
        }
        // A clerk's stamp: the time of filing, `03:47 PM(CT)`.
        if index + 1 < tokens.count, DocketReader.isTimeOfDay(tokens[index].bare),
           ["am", "pm", "a.m", "p.m"].contains(where: { tokens[index + 1].key.hasPrefix($0) }) {
            return element(index + 2, "filedTime", tokens[index..<index + 2].map(\.text).joined(separator: " "))
        }
        // The rest only alone on a line: `Published` may open a sentence.
        guard tokens[index].startsLine else { return nil }
        let lines: [([String], String)] = [
            (["en", "banc"], "panel"), (["for", "publication"], "publication"), (["not", "for", "publication"], "publication"),
            (["published"], "publication"), (["unpublished"], "publication"), (["precedential"], "publication"),
            (["nonprecedential"], "publication"), (["non-precedential"], "publication"), (["not", "precedential"], "publication"),
            (["unpublished", "opinion"], "publication"), (["published", "opinion"], "publication"),
            (["not", "to", "be", "published"], "publication"), (["not", "to", "be", "published", "in", "the", "official", "reports"], "publication"),
            (["not", "to", "be", "published", "in", "official", "reports"], "publication"),
            (["certified", "for", "publication"], "publication"), (["certified", "for", "partial", "publication"], "publication"),
        ]
        for (words, key) in lines.sorted(by: { $0.0.count > $1.0.count }) where keys(words.count) == words {
            let end = index + words.count
            guard end == tokens.count || tokens[end].startsLine else { continue }
            return element(end, key, tokens[index..<end].map(\.bare).joined(separator: " "))
        }
        return nil
    }

    /// A notice on citing unpublished opinions (`… prohibits courts and parties from citing or
    /// relying on opinions not certified for publication …`): from a line start to the first
    /// sentence that ends a line, when its first 30 words say `not certified for publication`.
    /// It is head matter: the edit log keeps it.
    private func notice(at index: Int) -> CaptionElement? {
        guard tokens[index].startsLine, tokens[index].isCapitalized else { return nil }
        let keys = tokens[index..<min(tokens.count, index + 30)].map(\.key)
        guard keys.count >= 10, keys.indices.dropLast(3).contains(where: {
            keys[$0] == "not" && keys[$0 + 1] == "certified" && keys[$0 + 2] == "for" && keys[$0 + 3] == "publication"
        }) else { return nil }
        var end = index + 1
        while end < tokens.count, end < index + 120 {
            end += 1
            if tokens[end - 1].endsWithPeriod, end == tokens.count || tokens[end].startsLine { break }
        }
        return CaptionElement(kind: .notice, tokens: index..<end, facts: CaseInfo())
    }

    /// `(Kent County Super. Ct. No. 19PR01234)`: the lower court's number, in
    /// parentheses on its own (a two-column caption prints it beside the parties); a related
    /// case's number (`(Related Case No. …)`) is the case's own.
    private func parenthesizedDocket(at index: Int) -> CaptionElement? {
        guard tokens[index].startsLine, tokens[index].text.hasPrefix("(") else { return nil }
        var keyword = index
        while keyword < tokens.count, keyword < index + 8, DocketReader.keywordEnd(tokens, at: keyword) == nil {
            if keyword > index, tokens[keyword - 1].text.hasSuffix(")") { return nil }
            keyword += 1
        }
        guard let numbersStart = DocketReader.keywordEnd(tokens, at: keyword), numbersStart < tokens.count else { return nil }
        // The number runs to the closing parenthesis, perhaps wrapped at a hyphen.
        var end = numbersStart
        while end < tokens.count, end < numbersStart + 3, !tokens[end - 1].text.hasSuffix(")") || end == numbersStart { end += 1 }
        guard tokens[end - 1].text.hasSuffix(")") else { return nil }
        var number = ""
        for token in tokens[numbersStart..<end] {
            number += (number.isEmpty || number.hasSuffix("-") ? "" : " ") + token.text
        }
        number.removeLast()
        guard DocketReader.isDocketNumber(number.replacingOccurrences(of: " ", with: "")) else { return nil }
        var facts = CaseInfo()
        // `(Related Case No. C 05-0124 SI)`: a case decided with this one, in the same court.
        if tokens[index].text.dropFirst().lowercased() == "related" {
            facts.dockets = [number]
            return CaptionElement(kind: .docket, tokens: index..<end, facts: facts)
        }
        facts.metadata = [MetadataEntry(key: "lowerCourtDocket", value: number)]
        return CaptionElement(kind: .lowerCourtDocket, tokens: index..<end, facts: facts)
    }

    /// A case's title other than its parties, at a line start: `In re JANE ROE on Discipline.`,
    /// `In re JOHN R., a Minor.`, `Estate of JANE ROE, Deceased.`, `Conservatorship of the
    /// Person and Estate of JANE R.`, `Matter of JOHN DOE, Respondent`, `In re: ROE CORP.,
    /// Debtor.` It runs to the end of a line that ends a sentence, or of one the parties follow,
    /// four lines at most.
    private func title(at index: Int) -> CaptionElement? {
        guard tokens[index].startsLine, let leadEnd = Self.titleLeadEnd(tokens, at: index) else { return nil }
        var end = leadEnd
        var lines = 1
        while end < tokens.count {
            if tokens[end].isRule || (end > leadEnd && isStop(end)) { break }
            if tokens[end].startsLine && end > leadEnd {
                if tokens[end - 1].endsWithPeriod || lines == 4 || !tokens[end].isCapitalized { break }
                if parties(at: end) != nil { break }
                lines += 1
            }
            end += 1
        }
        guard end - index <= 40 else { return nil }
        var facts = CaseInfo()
        facts.caseName = PartyReader.name(tokens[index..<end])
        return CaptionElement(kind: .title, tokens: index..<end, facts: facts)
    }

    private func isStop(_ index: Int) -> Bool { startsElement(at: index) }

    /// The index after the words that open a title (`In re`, `In the Matter of`, `Estate of`).
    static func titleLeadEnd(_ tokens: [TextToken], at index: Int) -> Int? {
        titleLeads.lazy.compactMap { lead -> Int? in
            guard index + lead.count <= tokens.count else { return nil }
            for (offset, word) in lead.enumerated() where tokens[index + offset].key != word { return nil }
            return index + lead.count
        }.first
    }

    private static let titleLeads: [[String]] = [
        "in re", "in the matter of", "matter of", "in the estate of", "estate of", "conservatorship of",
        "guardianship of", "adoption of", "petition of", "in the interest of",
    ].map { $0.split(separator: " ").map(String.init) }

    /// `[June 15, 2020]` alone: a slip opinion's decision date.
    /// A reporter's case line: `[No. 8123-4-II. Division Two. March 9, 1982.]` gives the docket
    /// and the date of decision.
    private func reporterCaseLine(at index: Int) -> CaptionElement? {
        guard let line = ReporterCaseLine.read(tokens, at: index) else { return nil }
        var facts = CaseInfo()
        facts.dockets = line.dockets
        if let iso = line.decided { facts.dates = [CaseDate(event: "decided", date: iso)] }
        return CaptionElement(kind: .docket, tokens: index..<line.end, facts: facts)
    }

    private func bracketedDate(at index: Int) -> CaptionElement? {
        guard tokens[index].text.hasPrefix("["), let (iso, end) = CaptionDate.read(tokens, at: index),
              tokens[end - 1].text.hasSuffix("]") else { return nil }
        var facts = CaseInfo()
        if let iso { facts.dates = [CaseDate(event: "decided", date: iso)] }
        return CaptionElement(kind: .dates, tokens: index..<end, facts: facts)
    }

    /// `July 3, 2031` alone on its line, with no event: the date the opinion was filed, as a
    /// state court's caption prints it under the docket.
    private func dateLine(at index: Int) -> CaptionElement? {
        guard tokens[index].startsLine, let (iso, end) = CaptionDate.read(tokens, at: index),
              end == tokens.count || tokens[end].startsLine else { return nil }
        var facts = CaseInfo()
        if let iso { facts.dates = [CaseDate(event: "filed", date: iso)] }
        return CaptionElement(kind: .dates, tokens: index..<end, facts: facts)
    }

    /// `ARGUED DECEMBER 7, 2020 — DECIDED AUGUST 18, 2021`, `Argued and Submitted March 3,
    /// 2020`, `Filed: 3/4/2021`: events and dates, joined by dashes, semicolons or `and`. A date
    /// that cannot be (`February 30`) is read as caption but not recorded.
    private func dates(at index: Int) -> CaptionElement? {
        var facts = CaseInfo()
        var cursor = index
        var end = index
        while let (events, dateStart) = events(at: cursor), let (iso, dateEnd) = CaptionDate.read(tokens, at: dateStart) {
            if let iso { facts.dates += events.map { CaseDate(event: $0, date: iso) } }
            end = dateEnd
            cursor = dateEnd
            if cursor < tokens.count, tokens[cursor].isDash || ["and", ";", "|"].contains(tokens[cursor].key) { cursor += 1 }
        }
        return end > index ? CaptionElement(kind: .dates, tokens: index..<end, facts: facts) : nil
    }

    /// Event words at `index` (`Argued`, `Argued and Submitted`, `Opinion Filed:`) and where the date starts.
    private func events(at index: Int) -> (events: [String], dateStart: Int)? {
        var cursor = index
        if cursor < tokens.count, ["opinion", "date"].contains(tokens[cursor].key) { cursor += 1 }
        var events: [String] = []
        while cursor < tokens.count, let event = Self.events[tokens[cursor].key] {
            events.append(event)
            cursor += 1
            if cursor + 1 < tokens.count, tokens[cursor].key == "and", Self.events[tokens[cursor + 1].key] != nil { cursor += 1 }
        }
        // `Decided on June 9, 2019`
        if !events.isEmpty, cursor + 1 < tokens.count, tokens[cursor].text == "on", CaptionDate.read(tokens, at: cursor + 1) != nil {
            cursor += 1
        }
        return events.isEmpty ? nil : (events, cursor)
    }

    private func eventsEnd(at index: Int) -> Int? {
        guard let (_, dateStart) = events(at: index), CaptionDate.read(tokens, at: dateStart) != nil else { return nil }
        return dateStart
    }

    private static let events: [String: String] = [
        "argued": "argued", "reargued": "reargued", "submitted": "submitted", "decided": "decided", "filed": "filed",
        "heard": "heard", "released": "released", "delivered": "delivered", "entered": "entered", "amended": "amended",
    ]

    /// `No. 20-1234`, `Nos. 19–101, 19–102 and 19–250`, or a number that can only be a docket.
    private func docket(at index: Int) -> CaptionElement? {
        let numbers: (numbers: [String], end: Int)
        if let keywordEnd = DocketReader.keywordEnd(tokens, at: index), let found = DocketReader.numbers(tokens, from: keywordEnd) {
            numbers = found
        } else if let found = DocketReader.yearKindNumber(tokens, at: index) {
            numbers = ([found.number], found.end)
        } else if DocketReader.isBareDocket(tokens[index].bare) {
            numbers = ([tokens[index].bare], index + 1)
        } else {
            return nil
        }
        var facts = CaseInfo()
        facts.dockets = numbers.numbers
        return CaptionElement(kind: .docket, tokens: index..<numbers.end, facts: facts)
    }

    /// The lower court's number after `Appeal from …`, with its judge: `No. 1:19-cv-00123 —
    /// Jane Roe, Judge.`
    private func lowerCourtDocket(at index: Int) -> CaptionElement? {
        guard let element = docket(at: index) else { return nil }
        // `No. 22–1234. Argued …`: the case's own number, as a syllabus prints it.
        if eventsEnd(at: element.tokens.upperBound) != nil { return nil }
        var facts = CaseInfo()
        facts.metadata = [MetadataEntry(key: "lowerCourtDocket", value: element.facts.dockets.joined(separator: ", "))]
        var end = element.tokens.upperBound
        if end < tokens.count, tokens[end].isDash, let (judge, judgeEnd) = lowerCourtJudge(from: end + 1) {
            facts.metadata.append(MetadataEntry(key: "lowerCourtJudge", value: judge))
            end = judgeEnd
        }
        return CaptionElement(kind: .lowerCourtDocket, tokens: index..<end, facts: facts)
    }

    /// `Jane Roe, Chief District Judge.`: a name of at most six words, then titles ending in `Judge`.
    private func lowerCourtJudge(from start: Int) -> (String, Int)? {
        var index = start
        while index < tokens.count, index < start + 6, !tokens[index].endsWithComma { index += 1 }
        guard index < tokens.count, index < start + 6, tokens[index].endsWithComma else { return nil }
        let name = PartyReader.name(tokens[start...index])
        var end = index + 1
        while end < tokens.count, end < index + 5, ["chief", "senior", "district", "magistrate", "bankruptcy", "u.s"].contains(tokens[end].key) {
            end += 1
        }
        guard end < tokens.count, tokens[end].key == "judge" else { return nil }
        return (name, end + 1)
    }

    private func panel(at index: Int, after previous: CaptionElementKind?) -> CaptionElement? {
        guard let (judges, end) = PanelReader.read(tokens, at: index, isStop: startsElement) ?? trialJudge(at: index, after: previous)
        else { return nil }
        var facts = CaseInfo()
        facts.judges = judges
        return CaptionElement(kind: .judges, tokens: index..<end, facts: facts)
    }

    /// `Judge Jane Roe` alone on its line (a trial court's caption names its judge so), not
    /// under the lower court (that is the lower court's judge).
    private func trialJudge(at index: Int, after previous: CaptionElementKind?) -> (judges: [String], end: Int)? {
        guard previous != .lowerCourt, previous != .lowerCourtDocket, tokens[index].startsLine, tokens[index].text == "Judge" else {
            return nil
        }
        var end = index + 1
        while end < tokens.count, !tokens[end].startsLine, end <= index + 4 { end += 1 }
        let name = tokens[(index + 1)..<end]
        guard (2...4).contains(name.count), end == tokens.count || tokens[end].startsLine,
              name.allSatisfy({ $0.isCapitalized && ($0.bare == $0.text || $0.bare.count == 1) }) else { return nil }
        return ([PartyReader.name(name)], end)
    }

    /// The justices who sat, listed without a keyword up to `JJ.` at a line's end, one a line
    /// or run together: `Jane Roe, J.P.` / `John Doe` / `Joan Poe, JJ.`, `ROE, J.P., DOE, POE, JJ.`
    private func justiceList(at index: Int) -> CaptionElement? {
        guard tokens[index].startsLine, tokens[index].isCapitalized else { return nil }
        var end = index
        while end < tokens.count, end < index + 40, !tokens[end].isRule {
            end += 1
            if tokens[end - 1].key == "jj" { break }
        }
        guard end > index, tokens[end - 1].key == "jj", tokens[end - 1].endsWithPeriod, end == tokens.count || tokens[end].startsLine else {
            return nil
        }
        // Each line on its own: names one a line have no commas between them.
        var judges: [String] = []
        var lineStart = index
        for cut in (index + 1)...end where cut == end || tokens[cut].startsLine {
            guard let names = PanelReader.names(tokens[lineStart..<cut]) else { return nil }
            judges += names
            lineStart = cut
        }
        guard judges.count >= 2 else { return nil }
        var facts = CaseInfo()
        facts.judges = judges
        return CaptionElement(kind: .judges, tokens: index..<end, facts: facts)
    }

    /// `Appeal from the United States District Court for the District of Columbia.`, `ON WRIT
    /// OF CERTIORARI TO THE …`, `Petition for Review of an Order of the …`.
    private func lowerCourt(at index: Int) -> CaptionElement? {
        guard let nameStart = Self.lowerCourtLeadEnd(tokens, at: index),
              let (name, end) = CourtNameReader(tokens: tokens, isStop: startsElement).read(at: nameStart, requireCourt: false)
        else { return nil }
        var facts = CaseInfo()
        facts.lowerCourt = name
        return CaptionElement(kind: .lowerCourt, tokens: index..<end, facts: facts)
    }

    /// The index after the words that introduce the lower court, if they start at `index`.
    static func lowerCourtLeadEnd(_ tokens: [TextToken], at index: Int) -> Int? {
        lowerCourtLeads.lazy.compactMap { lead -> Int? in
            guard index + lead.count <= tokens.count else { return nil }
            for (offset, word) in lead.enumerated() where tokens[index + offset].key != word { return nil }
            return index + lead.count
        }.first
    }

    private static let lowerCourtLeads: [[String]] = [
        "appeal from", "appeals from", "on appeal from", "on appeals from", "on writ of certiorari to",
        "on certiorari to", "on petition for review of an order of", "petition for review of an order of",
        "on petitions for review of orders of", "petitions for review of orders of",
        "on petition for review of a decision of", "petition for review of a decision of",
        "on petition for review from", "petition for review from", "certified question from",
        "on certified question from", "certiorari to", "on writ of certiorari before judgment to",
    ].map { $0.split(separator: " ").map(String.init) }

    /// `JANE ROE, Plaintiff-Appellee, v. ACME CORP., Defendant-Appellant.`
    private func parties(at index: Int) -> CaptionElement? {
        guard let reading = PartyReader(tokens: tokens, isStop: startsElement).read(at: index) else { return nil }
        var facts = CaseInfo()
        facts.parties = reading.first + reading.second
        facts.dockets = reading.dockets
        if let first = reading.first.first, let second = reading.second.first {
            facts.caseName = first.name + " v. " + second.name
        }
        return CaptionElement(kind: .parties, tokens: index..<reading.end, facts: facts)
    }

    /// `Appellate Division, Third Department` alone on its line, as New York's slip opinions name
    /// the court: the Appellate Division of the Supreme Court of the State of New York, whose
    /// full name the line leaves out.
    private func appellateDivision(at index: Int) -> (String, Int)? {
        guard tokens[index].startsLine, index + 3 < tokens.count, tokens[index].key == "appellate",
              tokens[index + 1].key == "division", tokens[index + 1].endsWithComma,
              ["first", "second", "third", "fourth"].contains(tokens[index + 2].key) else { return nil }
        var end = index + 3
        if tokens[end].key == "judicial" { end += 1 }
        guard end < tokens.count, tokens[end].key == "department", end + 1 == tokens.count || tokens[end + 1].startsLine else { return nil }
        let words = tokens[(index + 2)...end].map { $0.bare.prefix(1).uppercased() + $0.bare.dropFirst().lowercased() }
        return ("Supreme Court of the State of New York, Appellate Division, " + words.joined(separator: " "), end + 1)
    }

    /// `In the United States Court of Appeals For the Ninth Circuit`, `SUPREME COURT OF THE
    /// UNITED STATES`. Prose that starts with a court (`The Court of Appeals held …`) is not a
    /// court line: the name must end a line or be followed by another element.
    private func court(at index: Int) -> CaptionElement? {
        if let (name, end) = appellateDivision(at: index) {
            var facts = CaseInfo()
            facts.court = name
            return CaptionElement(kind: .court, tokens: index..<end, facts: facts)
        }
        guard let (name, end) = CourtNameReader(tokens: tokens, isStop: startsElement).read(at: index, requireCourt: true),
              end == tokens.count || tokens[end].startsLine || element(at: end, after: .court) != nil else { return nil }
        var facts = CaseInfo()
        facts.court = name
        return CaptionElement(kind: .court, tokens: index..<end, facts: facts)
    }
}
