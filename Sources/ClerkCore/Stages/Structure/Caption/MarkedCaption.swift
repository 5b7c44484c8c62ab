/// Caption elements a publisher marked one by one (a record's `<docketnumber>`, `<court>`,
/// `<judges>`, …): each element's text is read with the caption's own readers as what its mark
/// says it is, and an element they cannot read gives its text as printed.
enum MarkedCaption {
    enum Element {
        case parties, docket, court, judges
        /// Dates; a date printed without an event word is on the `bare` event (`decided` for a
        /// decision date, `other` where the mark does not say).
        case dates(bare: String)
    }

    static func facts(_ text: String, as element: Element) -> CaseInfo {
        let printed = RecordOpinionHeader.collapsingWhitespace(text)
        guard !printed.isEmpty else { return CaseInfo() }
        let bytes = Array(printed.utf8)
        let tokens = TextTokenizer.tokens(in: bytes, range: 0..<bytes.count)
        var facts = CaseInfo()
        switch element {
        case .parties:
            facts = CaptionScan(bytes: bytes, tokens: tokens, resync: true).facts
            facts = CaseInfo(
                court: nil, dockets: [], caseName: facts.caseName, parties: facts.parties, lowerCourt: nil, dates: [], judges: [],
                metadata: [])
        case .docket:
            if let keywordEnd = tokens.indices.lazy.compactMap({ DocketReader.keywordEnd(tokens, at: $0) }).first,
               let found = DocketReader.numbers(tokens, from: keywordEnd) {
                facts.dockets = found.numbers
            } else {
                facts.dockets = [withoutClosingPeriod(printed)]
            }
        case .court:
            let read = CaptionScan(bytes: bytes, tokens: tokens, resync: true).facts.court
            facts.court = read ?? withoutClosingPeriod(printed)
        case .judges:
            let panel = tokens.first.map { _ in PanelReader.read(tokens, at: 0, isStop: { _ in false }) } ?? nil
            if let panel {
                facts.judges = panel.judges
            } else {
                let before = Array(("Before " + printed).utf8)
                let beforeTokens = TextTokenizer.tokens(in: before, range: 0..<before.count)
                facts.judges = PanelReader.read(beforeTokens, at: 0, isStop: { _ in false })?.judges ?? []
            }
        case .dates(let bare):
            facts.dates = dates(tokens, bare: bare)
        }
        return facts
    }

    /// Every date in the element, each on the event the words before it name.
    private static func dates(_ tokens: [TextToken], bare: String) -> [CaseDate] {
        var dates: [CaseDate] = []
        var index = 0
        var eventStart = 0
        while index < tokens.count {
            guard let (iso, end) = CaptionDate.read(tokens, at: index) else {
                index += 1
                continue
            }
            if let iso {
                let words = tokens[eventStart..<index].map(\.key).filter { !$0.isEmpty && $0.first!.isLetter }
                dates.append(CaseDate(event: event(words) ?? bare, date: iso))
            }
            index = end
            eventStart = end
        }
        return dates
    }

    /// The event the words before a date name (`Submitted`, `Rehearing Denied`, `decided`).
    private static func event(_ words: [String]) -> String? {
        let known = ["argued", "reargued", "submitted", "decided", "filed", "heard", "released", "delivered", "entered", "amended"]
        if words.contains("rehearing") { return words.contains("granted") ? "rehearing granted" : "rehearing denied" }
        return words.last { known.contains($0) }
    }

    private static func withoutClosingPeriod(_ text: String) -> String {
        var text = text
        while let last = text.last, last == "." || last == "," || last == ";" || last == ":" { text.removeLast() }
        return text
    }
}
