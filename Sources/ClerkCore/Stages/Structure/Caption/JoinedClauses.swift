/// The judges a summary names as joining an opinion: `…, in which THOMAS, ALITO, and BARRETT,
/// JJ., joined.`, `…, in which Chief Justice Hale and Justices Park and Lee concurred.` A
/// syllabus and head matter say who sat this way; the opinions' own text is not read (it
/// describes other cases' opinions the same way).
enum JoinedClauses {
    /// The names of every `in which … joined` / `concurred` clause among `tokens`, in order.
    static func judges(in tokens: [TextToken]) -> [String] {
        var judges: [String] = []
        var index = 0
        while index + 1 < tokens.count {
            guard tokens[index].key == "in", tokens[index + 1].key == "which" else {
                index += 1
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
