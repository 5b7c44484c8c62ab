/// Reads the name of a court (or agency) from caption tokens and writes it in one form.
///
/// A name is capitalized words joined by `of`, `for`, `the`, `in`, `and`, `at`:
/// `United States Court of Appeals For the Ninth Circuit`, `SUPREME COURT OF THE STATE OF
/// OHIO`, `Board of Immigration Appeals`. It ends at a rule, at another caption element, at a
/// word ending in a comma or a sentence period (the word is kept), after `Circuit`, `County`,
/// `Division` or `Department` not followed by a joining word, at a `the` that follows a name
/// word (`SUPREME COURT OF OHIO THE STATE`: the parties begin), or after four name words past the
/// last joining word. It continues on the next line only when the line ends in a joining word,
/// the next line starts with one (`For the Ninth Circuit`), or no `Court` word was read yet.
struct CourtNameReader {
    let tokens: [TextToken]
    /// Tokens where another caption element starts, which a name never runs into.
    let isStop: (Int) -> Bool

    /// The name starting at `start` (a leading `In the` or `the` is skipped) and the index after it.
    /// `requireCourt`: the name must contain the word `Court`; then the lines that name its part
    /// follow it, joined by commas (`SECOND APPELLATE DISTRICT`, `DIVISION EIGHT`, `STATE OF …`,
    /// `SOUTHERN DISTRICT OF NEW YORK`; `COURT OF APPEAL, FOURTH APPELLATE DISTRICT` on one line).
    func read(at start: Int, requireCourt: Bool) -> (name: String, end: Int)? {
        guard var (name, end) = readName(at: start, requireCourt: requireCourt) else { return nil }
        guard requireCourt else { return (name, end) }
        var parts = 0
        while parts < 3, let (part, partEnd) = self.part(at: end, afterComma: end > start && tokens[end - 1].endsWithComma) {
            name += ", " + part
            end = partEnd
            parts += 1
        }
        if parts == 0, name.lowercased().hasSuffix("court of appeals"), let circuit = circuitLine(after: end) {
            name += " for the " + circuit + " Circuit"
        }
        return (name, end)
    }

    /// A federal court of appeals printed without its circuit, which stands a few lines below
    /// on a line of its own (`Ninth Circuit`, `FOR THE NINTH CIRCUIT`) because a clerk's stamp
    /// column is interleaved with the caption: the circuit's name (`Ninth`, `D.C.`, `Federal`).
    private func circuitLine(after end: Int) -> String? {
        var lineStart = end
        var lines = 0
        while lineStart < tokens.count, lines < Self.circuitLineWindow {
            var lineEnd = lineStart + 1
            while lineEnd < tokens.count, !tokens[lineEnd].startsLine { lineEnd += 1 }
            var words = Array(tokens[lineStart..<lineEnd].map(\.key))
            if words.first == "for" { words.removeFirst() }
            if words.first == "the" { words.removeFirst() }
            if words.count == 2, words[1] == "circuit", Self.circuits.contains(words[0]) {
                if words[0] == "d.c" { return "D.C." }
                let word = tokens[lineEnd - 2].bare
                return word.prefix(1).uppercased() + word.dropFirst().lowercased()
            }
            lineStart = lineEnd
            lines += 1
        }
        return nil
    }

    private static let circuitLineWindow = 6
    private static let circuits: Set<String> = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "d.c", "federal",
    ]

    /// A court's part at `index`, to the end of its line: at most six capitalized words (or
    /// joining words) with `District`, `Division`, `Department` or `Circuit`, or `STATE OF …`.
    /// It starts a line, or follows the name's comma on the same line.
    private func part(at index: Int, afterComma: Bool) -> (String, Int)? {
        guard index < tokens.count, tokens[index].startsLine || afterComma, !isStop(index) else { return nil }
        var end = index + 1
        while end < tokens.count, !tokens[end].startsLine { end += 1 }
        let words = tokens[index..<end]
        guard words.count <= 6, !tokens[end - 1].endsWithComma,
              words.allSatisfy({ !$0.text.hasPrefix("(") && !$0.isRule && ($0.isCapitalized || Self.joiners.contains($0.key)) && !$0.bare.contains(where: \.isNumber) }),
              words.contains(where: { Self.partWords.contains($0.key) }) || (words.count >= 3 && words.first?.key == "state" && tokens[index + 1].key == "of")
        else { return nil }
        // Commas inside the part stay (`Appellate Division, Second Department`).
        return (Self.normalized(words.dropLast().map(\.text) + [words.last!.bare]), end)
    }

    private static let partWords: Set<String> = ["district", "division", "department", "circuit"]

    private func readName(at start: Int, requireCourt: Bool) -> (name: String, end: Int)? {
        var index = start
        // A clerk's stamp word printed over the name (`FILED United States Court of Appeals`).
        while index < tokens.count, Self.stampWords.contains(tokens[index].key) { index += 1 }
        if index + 1 < tokens.count, tokens[index].key == "in", tokens[index + 1].key == "the" { index += 2 }
        var words: [String] = []
        var end = index
        var sawCourt = false
        var afterJoiner = true
        var wordsSinceJoiner = 0
        while index < tokens.count, index < start + 30 {
            let token = tokens[index]
            if token.isRule || isStop(index) { break }
            if token.startsLine && index > start && !words.isEmpty {
                // `Court of Workers’` / `Compensation Claims`: a possessive does not end a name;
                // nor does a line before one that holds only a word closing it (`CLAIMS`).
                let closesOnNextLine = sawCourt && Self.closingWords.contains(token.key)
                    && (index + 1 == tokens.count || tokens[index + 1].startsLine)
                let possessive = words.last.map { $0.hasSuffix("’") || $0.hasSuffix("'") } ?? false
                let continues = afterJoiner || Self.joiners.contains(token.key) && token.key != "the" || (requireCourt && !sawCourt)
                    || closesOnNextLine || possessive
                if !continues { break }
                // An agency's heading names its department or bureau on a line of its own, then
                // the body that decides (`STATE BUREAU OF LABOR` / `LABOR APPEALS BOARD`).
                if requireCourt && !sawCourt && words.contains(where: { Self.unitWords.contains($0.lowercased()) }) {
                    words = []
                    afterJoiner = true
                    wordsSinceJoiner = 0
                }
            }
            if Self.joiners.contains(token.key) && token.bare == token.text {
                // `the` right after a name word starts something else.
                if token.key == "the" && !afterJoiner { break }
                if !afterJoiner || !words.isEmpty { words.append(token.text) }
                afterJoiner = true
                wordsSinceJoiner = 0
                index += 1
                continue
            }
            guard token.isCapitalized, token.text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { break }
            if sawCourt && wordsSinceJoiner >= 4 { break }
            let units = words.contains(where: { Self.unitWords.contains($0.lowercased()) })
            // `U.S. Department of Justice Executive Office for Immigration Review Board of
            // Immigration Appeals`: the department and office come first, the board decides.
            if requireCourt, !sawCourt, units, Self.bodyWords.contains(token.key), index + 1 < tokens.count, tokens[index + 1].key == "of" {
                words = []
                wordsSinceJoiner = 0
            }
            if !sawCourt && words.count >= (units ? 14 : 8) { return nil }
            let closes = token.endsWithComma || (token.endsWithPeriod && !Self.isAbbreviation(token))
            words.append(closes ? token.bare : token.text)
            if token.key.hasPrefix("court") || Self.bodyWords.contains(token.key) { sawCourt = true }
            afterJoiner = false
            wordsSinceJoiner += 1
            index += 1
            end = index
            if closes { break }
            if sawCourt, Self.lastWords.contains(token.key), !(index < tokens.count && Self.joiners.contains(tokens[index].key)) { break }
        }
        // Joining words after the last name word are not part of the name.
        while let last = words.last, Self.joiners.contains(last.lowercased()) { words.removeLast() }
        guard !words.isEmpty, !requireCourt || sawCourt else { return nil }
        return (Self.normalized(words), end)
    }

    /// `known` with the place that `other`, a second print of the same name, adds: a stamp's
    /// `State Court of Claims` and the caption's `Court of Claims at Springfield` make `State
    /// Court of Claims at Springfield`. Otherwise `known`.
    static func withPlace(of other: String, added known: String) -> String {
        func plain(_ text: Substring) -> String { text.lowercased().replacingOccurrences(of: "’", with: "'") }
        guard let at = other.range(of: " at ", options: .backwards), !known.contains(" at "),
              plain(Substring(known)).hasSuffix(plain(other[..<at.lowerBound])) else { return known }
        return known + other[at.lowerBound...]
    }

    static let joiners: Set<String> = ["of", "for", "the", "in", "and", "at", "&"]
    /// Agencies' deciding bodies, named as a court is (`Board of Immigration Appeals`, `… Appeals Board`).
    private static let bodyWords: Set<String> = ["board", "commission"]
    /// Parts of a government that head an agency's caption but do not decide.
    private static let unitWords: Set<String> = ["department", "bureau", "office"]
    /// Words that close a court's name, printed alone on the name's last line.
    private static let closingWords: Set<String> = ["claims", "appeals", "court", "board", "commission"]
    private static let stampWords: Set<String> = ["filed", "entered", "received", "lodged"]
    private static let lastWords: Set<String> = ["circuit", "county", "division", "department"]

    /// `U.S.`, `D.C.`, `Cir.`, `Dist.`: a period that does not end the name.
    private static func isAbbreviation(_ token: TextToken) -> Bool {
        token.text.dropLast().contains(".") || ["cir", "dist", "ct", "co", "st", "mt", "ft"].contains(token.key)
    }

    /// Words of a name in one form: a leading `the` dropped, an all-capitals name in title case
    /// (`SUPREME COURT OF THE UNITED STATES` → `Supreme Court of the United States`; words with a
    /// period, `U.S.`, stay), and the joining words lower-case inside the name.
    static func normalized(_ words: [String]) -> String {
        var words = words
        if words.count > 1, words[0].lowercased() == "the" { words.removeFirst() }
        let allCapitals = !words.joined().unicodeScalars.contains { $0.properties.isLowercase }
        var result: [String] = []
        for (position, word) in words.enumerated() {
            let lower = word.lowercased()
            if position > 0 && joiners.contains(lower) {
                result.append(lower)
            } else if allCapitals && !word.contains(".") {
                result.append(word.prefix(1) + word.dropFirst().lowercased())
            } else {
                result.append(word)
            }
        }
        return result.joined(separator: " ")
    }
}
