/// The line by which a printed reporter opens a case: in brackets, alone on its line (or wrapped
/// onto the next), the docket number, the court's part and the date of decision —
/// `[No. 8123-4-II. Division Two. March 9, 1982.]`, `[Civ. No. 12345. Second Dist., Div. Three.
/// June 9, 1967.]`, `[L. A. No. 12345. In Bank. June 9, 1957.]`.
struct ReporterCaseLine {
    var dockets: [String]
    /// The date of decision in ISO form; nil when printed like a date but impossible.
    var decided: String?
    /// The words between the number and the date (`Division Two`, `In Bank`), if any.
    var courtPart: String?
    /// The token index after the line.
    var end: Int

    /// How far the closing bracket may be from the opening one.
    private static let maximumTokens = 24

    /// The line starting at token `index`, if it is one.
    static func read(_ tokens: [TextToken], at index: Int) -> ReporterCaseLine? {
        guard index < tokens.count, tokens[index].startsLine, tokens[index].text.hasPrefix("[") else { return nil }
        var close = index
        var lines = 0
        while close < tokens.count, close < index + maximumTokens, !tokens[close].text.hasSuffix("]") && !tokens[close].text.hasSuffix("].") {
            close += 1
            if close < tokens.count && tokens[close].startsLine {
                lines += 1
                if lines > 1 { return nil }
            }
        }
        guard close < tokens.count, close < index + maximumTokens, close + 1 == tokens.count || tokens[close + 1].startsLine else { return nil }
        // The words inside the brackets, read as caption tokens.
        var inside = Array(tokens[index...close])
        inside[0] = TextToken(range: inside[0].range, text: String(inside[0].text.dropFirst()), startsLine: true)
        let last = inside.count - 1
        var closing = inside[last].text
        while closing.hasSuffix("]") || closing.hasSuffix(".") && closing.dropLast().hasSuffix("]") { closing.removeLast() }
        inside[last] = TextToken(range: inside[last].range, text: closing, startsLine: inside[last].startsLine)
        inside.removeAll { $0.text.isEmpty }

        guard let keywordEnd = (0..<min(4, inside.count)).lazy.compactMap({ DocketReader.keywordEnd(inside, at: $0) }).first,
              let (dockets, docketEnd) = DocketReader.numbers(inside, from: keywordEnd) else { return nil }
        for start in docketEnd..<inside.count {
            guard let (iso, dateEnd) = CaptionDate.read(inside, at: start), dateEnd == inside.count else { continue }
            let part = inside[docketEnd..<start].map(\.bare).joined(separator: " ")
            return ReporterCaseLine(dockets: dockets, decided: iso, courtPart: part.isEmpty ? nil : part, end: close + 1)
        }
        return nil
    }
}
