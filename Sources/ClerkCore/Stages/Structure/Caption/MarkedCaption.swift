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
        let printed = ByteLines.collapsingWhitespace(text)
        guard !printed.isEmpty else { return CaseInfo() }
        let bytes = Array(printed.utf8)
        let tokens = TextTokenizer.tokens(in: bytes, range: 0..<bytes.count)
        var facts = CaseInfo()
        switch element {
        case .parties:
            let scanned = CaptionScan(bytes: bytes, tokens: tokens, resync: true).facts
            facts.caseName = scanned.caseName
            facts.parties = scanned.parties
        case .docket:
            // As printed, with its kind (`Bankruptcy No. 79-1234`, `Adv. No. 79-0123B`, `7 Div. 123`):
            // the kind tells the numbers of one case apart.
            facts.dockets = printed.split(separator: ";").map { withoutClosingPeriod(ByteLines.collapsingWhitespace(String($0))) }
                .filter { !$0.isEmpty }
        case .court:
            let read = CaptionScan(bytes: bytes, tokens: tokens, resync: true).facts.court
            facts.court = districtsSpelledOut(read ?? withoutClosingPeriod(printed))
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

    /// A reporter's abbreviated district (`N. D. Georgia`, `S.D. Ohio`) as the court calls itself
    /// (`Northern District of Georgia`).
    static func districtsSpelledOut(_ court: String) -> String {
        let directions = ["N": "Northern", "S": "Southern", "E": "Eastern", "W": "Western", "M": "Middle", "C": "Central"]
        var words = court.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var index = 0
        while index < words.count {
            var letters = words[index]
            var length = 1
            if letters.count == 2, letters.hasSuffix("."), index + 1 < words.count, ["D.", "D.,"].contains(words[index + 1]) {
                letters += words[index + 1]
                length = 2
            }
            let trailing = letters.hasSuffix(",") ? "," : ""
            let bare = trailing.isEmpty ? letters : String(letters.dropLast())
            if bare.count == 4, bare.hasSuffix(".D."), let direction = directions[String(bare.prefix(1))], index + length < words.count {
                words.replaceSubrange(index..<(index + length), with: [direction, "District", "of"])
                index += 3
            } else {
                index += 1
            }
        }
        return words.joined(separator: " ")
    }

    static func withoutClosingPeriod(_ text: String) -> String {
        var text = text
        while let last = text.last, last == "." || last == "," || last == ";" || last == ":" { text.removeLast() }
        return text
    }
}
