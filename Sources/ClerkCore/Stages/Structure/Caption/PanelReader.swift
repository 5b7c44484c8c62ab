/// The panel line of a caption: `Before SMITH, Chief Judge, and JONES and ST. CLAIR, Circuit
/// Judges.`, `Before: ROE, Circuit Judge; DOE, District Judge.`, `Present: …`. Names are kept as
/// printed; titles (Chief Judge, Circuit Judges, Senior Circuit Judge, District Judge,
/// Justice(s), J., JJ., C.J., P.J., Hon.) are dropped.
enum PanelReader {
    /// The judges from the keyword at `start` and the index after the line; nil when `start` is
    /// not a panel keyword or no name follows.
    static func read(_ tokens: [TextToken], at start: Int, isStop: (Int) -> Bool) -> (judges: [String], end: Int)? {
        guard start < tokens.count else { return nil }
        let keyword = tokens[start]
        guard keyword.key == "before" || (["present", "panel", "coram"].contains(keyword.key) && keyword.text.hasSuffix(":")) else {
            return nil
        }
        var index = start + 1
        var ended = false
        while index < tokens.count, index < start + 40 {
            let token = tokens[index]
            // `Before: Board Panel: …`: the second keyword is part of the first.
            let continuesKeyword = index <= start + 3 && token.key == "panel"
            if index > start + 1 && (token.isRule || isStop(index) && !continuesKeyword) { ended = true; break }
            index += 1
            if token.endsWithPeriod && endsPanel(token) && !isMiddleInitial(tokens, at: index - 1) { ended = true; break }
        }
        guard ended || index == tokens.count else { return nil }
        guard var judges = names(tokens[(start + 1)..<index]), !judges.isEmpty else { return nil }
        // `… Board Members. Concurring Opinion: POE, Board Member.`: the judges of the separate
        // opinions sat too.
        while index + 2 < tokens.count, ["concurring", "dissenting"].contains(tokens[index].key),
              tokens[index + 1].key == "opinion", tokens[index + 1].text.hasSuffix(":") {
            var end = index + 2
            while end < tokens.count, end < index + 20 {
                end += 1
                if tokens[end - 1].endsWithPeriod && endsPanel(tokens[end - 1]) { break }
            }
            guard tokens[end - 1].endsWithPeriod, let more = names(tokens[(index + 2)..<end]), !more.isEmpty else { break }
            judges += more
            index = end
        }
        return (judges, index)
    }

    /// `J.` in `Steven J. Roe`: an initial inside a name (no comma before it, a capitalized word
    /// after it on the line), not the title `J.` that follows a name and its comma.
    private static func isMiddleInitial(_ tokens: [TextToken], at index: Int) -> Bool {
        guard tokens[index].bare.count == 1, index > 0, index + 1 < tokens.count, !tokens[index - 1].endsWithComma else { return false }
        let next = tokens[index + 1]
        return !next.startsLine && next.isCapitalized && !titles.contains(next.key)
    }

    /// A title with its period, or a name of three or more letters with a period (`LEE.`), ends
    /// the panel; initials and `ST.` do not.
    private static func endsPanel(_ token: TextToken) -> Bool {
        titles.contains(token.key) || (token.bare.count >= 3 && !token.bare.contains(".") && !["st", "jr", "sr", "mt"].contains(token.key))
    }

    /// Names separated by commas, semicolons and `and`, without their titles; nil when a name has
    /// a lower-case word other than a particle (`van`, `de`): prose that starts with `Before`.
    static func names(_ words: ArraySlice<TextToken>) -> [String]? {
        var chunks: [[TextToken]] = [[]]
        for word in words {
            if word.key == "and" || word.key == "&" {
                chunks.append([])
                continue
            }
            chunks[chunks.count - 1].append(word)
            if word.text.hasSuffix(",") || word.text.hasSuffix(";") || word.text.hasSuffix(":") { chunks.append([]) }
        }
        var result: [String] = []
        for chunk in chunks {
            let name = chunk.drop { titles.contains($0.key) }.reversed().drop { titles.contains($0.key) }.reversed()
            guard !name.isEmpty else { continue }
            guard name.allSatisfy({ $0.isCapitalized || particles.contains($0.key) }) else { return nil }
            // `BEFORE JUDGMENT TO THE … COURT OF APPEALS`: no name is that long.
            guard name.count <= 6 else { return nil }
            let text = PartyReader.name(ArraySlice(name))
            // `SMITH, JR.`: a suffix belongs to the name before it.
            if ["jr", "sr", "ii", "iii", "iv"].contains(text.lowercased().filter { $0 != "." }), let last = result.popLast() {
                result.append(last + ", " + text)
            } else {
                result.append(text)
            }
        }
        return result
    }

    /// `name` without the titles around it (`Liu, J.` → `Liu`, `THE CHIEF JUSTICE` → nil), as
    /// an opinion's byline gives its author.
    static func withoutTitles(_ name: String) -> String? {
        func key(_ word: Substring) -> String {
            String(word.lowercased().drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed())
        }
        let words = name.split(separator: " ")
        let kept = words.drop { titles.contains(key($0)) }.reversed().drop { titles.contains(key($0)) }.reversed()
        guard !kept.isEmpty else { return nil }
        var text = kept.joined(separator: " ")
        while let last = text.last, last == "," || last == ";" || last == ":" { text.removeLast() }
        return text.isEmpty ? nil : text
    }

    private static let particles: Set<String> = ["de", "del", "della", "der", "van", "von", "la", "le", "da", "di", "du", "st"]

    private static let titles: Set<String> = [
        "chief", "circuit", "senior", "district", "judge", "judges", "justice", "justices", "associate", "magistrate",
        "bankruptcy", "presiding", "acting", "j", "jj", "c.j", "p.j", "a.j", "j.p", "hon", "honorable", "the", "sitting", "by",
        "designation", "retired", "c", "p", "a", "board", "member", "members", "panel", "appellate", "immigration", "administrative",
        "law", "mr", "mrs", "ms",
    ]
}
