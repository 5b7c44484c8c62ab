/// The judges a summary names as joining an opinion: `…, in which THOMAS, ALITO, and BARRETT,
/// JJ., joined.`, `…, in which Chief Justice Hale and Justices Park and Lee concurred.`, and a
/// byline's `(with whom concurred ROE and DOE, JJ.)` or `with whom DOE, J., joins`. A
/// syllabus and head matter say who sat this way; the opinions' own text is not read (it
/// describes other cases' opinions the same way).
enum JoinedClauses {
    /// The names of every `in which … joined` / `concurred` clause among `tokens`, in order.
    static func judges(in tokens: [TextToken]) -> [String] {
        var judges: [String] = []
        var index = 0
        while index + 1 < tokens.count {
            let opensClause = (tokens[index].key == "in" && tokens[index + 1].key == "which")
                || (tokens[index].key.hasSuffix("with") && tokens[index + 1].key == "whom")
            guard opensClause else {
                index += 1
                continue
            }
            // `with whom concurred ROE and DOE, JJ.)`: the verb first, the names to the clause's end.
            if index + 2 < tokens.count, isVerb(tokens[index + 2]) {
                let start = index + 3
                var end = start
                while end < tokens.count, end < start + 30 {
                    end += 1
                    if tokens[end - 1].text.contains(")") || tokens[end - 1].text.hasSuffix(".,") { break }
                }
                let clause = tokens[start..<end].map { token in
                    TextToken(range: token.range, text: String(token.text.filter { $0 != ")" }), startsLine: token.startsLine)
                }
                if let names = PanelReader.names(clause[...]) { judges += names }
                index = end
                continue
            }
            let start = index + 2
            var end = start
            while end < tokens.count, end < start + 30, !isVerb(tokens[end]) { end += 1 }
            if end < tokens.count, isVerb(tokens[end]), end > start, let names = PanelReader.names(tokens[start..<end]) {
                judges += names
            }
            index = max(end, index + 2)
        }
        return judges
    }

    private static func isVerb(_ token: TextToken) -> Bool {
        ["joined", "join", "joins", "concurred", "concur", "concurs"].contains(token.key)
    }
}
