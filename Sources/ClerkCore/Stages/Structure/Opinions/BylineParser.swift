/// Reads an opinion's byline from the words at a line or sentence start. The common forms:
/// - `NAME, Title.` / `NAME, Title, dissenting.` / `NAME, J., concurring in part and dissenting in part.`
///   (the name in capitals, a judicial title, a type phrase);
/// - `JUSTICE NAME delivered the opinion of the Court.`, `Justice Name, with whom Justice Other
///   joins, dissenting.`, `THE CHIEF JUSTICE delivered …`, `JUSTICE NAME announced the judgment
///   of the Court and delivered an opinion, in which … join.` (plurality);
/// - `PER CURIAM.`;
/// - `Opinion for the court filed by Circuit Judge Name.`, `Dissenting opinion filed by …`;
/// - `Opinion by Justice Name.`;
/// - at the very start of a fragment, the type phrase alone: `dissenting.` (no author).
///
/// A syllabus's summary of the opinions (`NAME, J., delivered the opinion of the Court, in
/// which … joined. NAME, J., filed a dissenting opinion.`) is not a byline: anything with
/// `joined` or `filed a` is refused.
enum BylineParser {
    struct Byline: Equatable {
        /// nil: the byline names no type (`NAME, Circuit Judge.`): the lead opinion, or unknown.
        var type: OpinionType?
        var author: String?
        /// How many words the byline takes.
        var wordCount: Int
    }

    /// Judicial titles after a name (`NAME, Circuit Judge.`), compared in lower case without
    /// the final punctuation.
    static let titles: Set<String> = [
        "j", "c.j", "c. j", "jj", "p.j", "p. j", "acting p.j", "acting p. j", "judge", "justice", "chief justice",
        "associate justice", "circuit judge", "chief judge", "senior circuit judge", "chief circuit judge",
        "district judge", "chief district judge", "senior district judge", "senior judge", "magistrate judge",
        "bankruptcy judge", "presiding judge", "presiding justice", "circuit justice", "judge pro tem",
        "special justice", "acting chief justice", "justice pro tem", "vice chief justice", "chief magistrate judge",
        // Agency boards and their judges.
        "board member", "immigration judge", "appellate immigration judge", "temporary appellate immigration judge",
        "administrative law judge", "veterans law judge", "administrative judge", "administrative appeals judge",
    ]

    /// The first words, in mixed case, of the forms below that do not open with a name or an
    /// office in capitals; the opinions stage looks for them before it calls the parser.
    static let openingWords: Set<String> = [
        "Justice", "Chief", "Mr", "Judge", "Per", "Opinion", "Dissenting", "Concurring", "Acting", "Presiding",
        "Syllabus",
    ]

    /// Words that open a byline naming the judge by office first (`JUSTICE NAME …`).
    private static let offices: [[String]] = [
        ["the", "chief", "justice"], ["mr.", "chief", "justice"], ["mr.", "justice"], ["chief", "justice"],
        ["acting", "chief", "justice"], ["presiding", "justice"], ["presiding", "judge"], ["justice"], ["chief", "judge"],
        ["judge"],
    ]

    /// Whether `parse` could find a byline in the words from `start`: a look at the bytes, so
    /// that most candidates are never read as tokens. Every form needs one of its own first
    /// words (`PER`, `Opinion`, an office), a comma in its first four words (`NAME, Title.`) or
    /// `filed` in its first 24 (`… opinion filed by …`); a fragment's start may be anything.
    /// Tokens never span white space, so the first n runs of other bytes hold the first n tokens;
    /// a look that would go far answers true.
    static func mayParse(_ bytes: [UInt8], at start: Int, atFragmentStart: Bool) -> Bool {
        if atFragmentStart { return true }
        if leadWords.contains(where: { startsWithLowercased(bytes, at: start, $0) }) { return true }
        var index = start
        var run = 0
        while run < 24 {
            while index < bytes.count && isBlankByte(bytes[index]) { index += 1 }
            guard index < bytes.count else { return false }
            while index < bytes.count && !isBlankByte(bytes[index]) {
                if index - start > 4096 { return true }
                if bytes[index] == UInt8(ascii: ","), run < 4 { return true }
                if bytes[index] | 0x20 == UInt8(ascii: "f"), startsWithLowercased(bytes, at: index, Self.filed) { return true }
                index += 1
            }
            run += 1
        }
        return false
    }

    /// The first words of `perCuriam`, `opinionBy` and `byOffice`, in lower case.
    private static let leadWords: [[UInt8]] = (["per", "opinion", "concurring", "dissenting"] + offices.map { $0[0] })
        .map { Array($0.utf8) }
    private static let filed = Array("filed".utf8)

    /// Whether `word` (lower case ASCII) is at `index`, in any ASCII case.
    private static func startsWithLowercased(_ bytes: [UInt8], at index: Int, _ word: [UInt8]) -> Bool {
        guard bytes.count - index >= word.count else { return false }
        for offset in word.indices {
            let byte = bytes[index + offset]
            if lowercasedASCII(byte) != word[offset] { return false }
        }
        return true
    }

    /// Parses a byline at the start of `words`. `atFragmentStart`: the words open the document,
    /// so a type phrase alone counts. `allowSummaryForm`: whether `NAME, J., delivered …`
    /// counts (not inside a syllabus, where it summarises).
    static func parse(_ words: [TextToken], atFragmentStart: Bool = false, allowSummaryForm: Bool = true) -> Byline? {
        guard !words.isEmpty else { return nil }
        if let perCuriam = perCuriam(words) { return perCuriam }
        if let filed = filedBy(words) { return filed }
        if let opinionBy = opinionBy(words) { return opinionBy }
        if let office = byOffice(words, allowSummaryForm: allowSummaryForm) { return office }
        if let titled = titledOpinion(words) { return titled }
        if let named = nameThenTitle(words, allowSummaryForm: allowSummaryForm) { return named }
        return atFragmentStart ? fragment(words) : nil
    }

    // MARK: - Forms

    /// `PER CURIAM.` / `PER CURIAM:` / `Per Curiam.` / `PER CURIAM:*` (a note mark after it)
    private static func perCuriam(_ words: [TextToken]) -> Byline? {
        guard words.count >= 2, words[0].text.lowercased() == "per" else { return nil }
        guard ["curiam.", "curiam:", "curiam"].contains(withoutNoteMark(words[1].text.lowercased())) else { return nil }
        return Byline(type: .perCuriam, author: nil, wordCount: 2)
    }

    /// `Opinion for the court filed by Circuit Judge NAME.`, `Dissenting opinion filed by
    /// Senior Circuit Judge NAME.`, `Opinion for the Court filed PER CURIAM.`
    private static func filedBy(_ words: [TextToken]) -> Byline? {
        // Most words open no such byline: look for `filed` before reading for a sentence end.
        guard words.prefix(24).contains(where: { $0.key == "filed" }), let end = sentenceEnd(words, limit: 24),
              let filed = words[0...end].firstIndex(where: { $0.text.lowercased() == "filed" }), filed >= 2 else { return nil }
        let prefix = words[0..<filed].map { $0.text.lowercased() }.joined(separator: " ")
        guard prefix.contains("opinion") else { return nil }
        let rest = words[(filed + 1)...end].map(\.text)
        if rest.first?.lowercased() == "per", rest.count == 2 { return Byline(type: .perCuriam, author: nil, wordCount: end + 1) }
        guard rest.first?.lowercased() == "by", rest.count >= 2 else { return nil }
        let type: OpinionType
        if prefix == "opinion for the court" || prefix == "opinion of the court" {
            type = .majority
        } else if let kind = typeFromPhrase(prefix.replacingOccurrences(of: " opinion", with: "").replacingOccurrences(of: "opinion ", with: "")) {
            type = kind
        } else {
            return nil
        }
        var name = Array(rest.dropFirst())
        name.removeFirst(titlePrefixLength(name))
        guard !name.isEmpty else { return nil }
        return Byline(type: type, author: trimmedName(name.joined(separator: " ")), wordCount: end + 1)
    }

    /// `Opinion by Justice NAME.`, `OPINION BY JUDGE NAME`, `Opinion of the Court by Judge NAME.`
    private static func opinionBy(_ words: [TextToken]) -> Byline? {
        guard words.first?.text.lowercased() == "opinion", let end = sentenceEnd(words, limit: 10) else { return nil }
        let lowered = words[0...end].map { $0.text.lowercased() }
        guard let by = lowered.firstIndex(of: "by"), by == 1 || lowered[1..<by] == ["of", "the", "court"] else { return nil }
        var name = words[(by + 1)...end].map(\.text)
        name.removeFirst(titlePrefixLength(name))
        // `… by Roe, J.`: the title after the name is not part of it.
        if let comma = name.firstIndex(where: { $0.hasSuffix(",") }), comma + 1 < name.count,
           titles.contains(withoutFinalPunctuation(name[(comma + 1)...].joined(separator: " ")).lowercased()) {
            name.removeLast(name.count - comma - 1)
        }
        guard !name.isEmpty, name.count <= 4 else { return nil }
        return Byline(type: .majority, author: trimmedName(name.joined(separator: " ")), wordCount: end + 1)
    }

    /// `JUSTICE NAME delivered the opinion of the Court.`, `Justice NAME, dissenting.`,
    /// `JUSTICE NAME, with whom JUSTICE OTHER joins, concurring in the judgment.`, `Presiding
    /// Judge Jane Q. Roe delivered the opinion of the Appeals Board, in which Judge … joined.`
    /// (outside a syllabus, where `joined` would make it a summary).
    private static func byOffice(_ words: [TextToken], allowSummaryForm: Bool) -> Byline? {
        let lowered = words.prefix(3).map { $0.text.lowercased() }
        guard let office = offices.first(where: { lowered.starts(with: $0) }), words.count > office.count else { return nil }
        guard let end = sentenceEnd(words, limit: 60) else { return nil }
        // A syllabus summarises an opinion in parts: `THE CHIEF JUSTICE delivered the opinion of
        // the Court with respect to Part II, concluding:` opens no opinion.
        if !allowSummaryForm && (words[end].text.hasSuffix(":") || words[...end].contains { $0.key == "concluding" }) { return nil }
        let isTheChiefJustice = office == ["the", "chief", "justice"]
        // The name: capitalised words up to a comma or a verb.
        var index = office.count
        var name: [String] = []
        if !isTheChiefJustice {
            while index <= end, name.count < 4 {
                let word = words[index].text
                guard startsUppercase(word) else { break }
                name.append(word)
                index += 1
                // An initial (`Q.`) goes on to the last name.
                if word.hasSuffix(",") || word.hasSuffix(".") && !isInitial(word) { break }
            }
            guard !name.isEmpty else { return nil }
            // A suffix after the name's comma: `Roe, III,`.
            if name.last!.hasSuffix(","), index < end, nameSuffixes.contains(withoutFinalPunctuation(words[index].text).lowercased()),
               words[index].text.hasSuffix(",") {
                index += 1
            }
        }
        // An office or a name that ends the sentence (`JUSTICE PRATT.`, `THE CHIEF JUSTICE.`)
        // leaves no phrase to type the opinion.
        guard index <= end else { return nil }
        let author = isTheChiefJustice ? "THE CHIEF JUSTICE" : trimmedName(name.joined(separator: " "))
        let phrase = words[index...end].map(\.text).joined(separator: " ")
        let lastName = isTheChiefJustice ? words[2].text : name.last!
        guard let type = typeAfterName(phrase, nameEndsWithComma: lastName.hasSuffix(","), allowJoined: allowSummaryForm) else {
            return nil
        }
        return Byline(type: type, author: author, wordCount: end + 1)
    }

    /// `CONCURRING OPINION: Jane Q. Roe, Appellate Immigration Judge`, alone on its line (as
    /// an agency board prints a separate opinion; inside a line the same words list the panel).
    private static func titledOpinion(_ words: [TextToken]) -> Byline? {
        guard words.count >= 4, words[0].startsLine, words[1].text.lowercased() == "opinion:",
              let type = typeFromPhrase(words[0].text) else { return nil }
        var index = 2
        while index < words.count, index < 8, !words[index].endsWithComma { index += 1 }
        guard index < words.count, index < 8, words[index].endsWithComma else { return nil }
        let name = words[2...index].map(\.text).joined(separator: " ")
        var end = index + 1
        while end < words.count, end < index + 6, !words[end].startsLine { end += 1 }
        guard end > index + 1, end == words.count || words[end].startsLine,
              titles.contains(withoutFinalPunctuation(words[(index + 1)..<end].map(\.text).joined(separator: " ")).lowercased())
        else { return nil }
        return Byline(type: type, author: trimmedName(name), wordCount: end)
    }

    /// `NAME, Circuit Judge.`, `NAME, Chief Judge, dissenting.`, `NAME, J., concurring.`
    private static func nameThenTitle(_ words: [TextToken], allowSummaryForm: Bool) -> Byline? {
        // The name ends with a comma within its four words: look for one before reading them.
        guard words.prefix(4).contains(where: \.endsWithComma) else { return nil }
        var index = 0
        var name: [String] = []
        while index < words.count, name.count < 4 {
            let word = words[index].text
            guard isCapitalsName(word) else { return nil }
            name.append(word)
            index += 1
            if word.hasSuffix(",") { break }
        }
        guard let last = name.last, last.hasSuffix(","), index < words.count else { return nil }
        // The title: words up to one that ends in a comma, a period or a colon.
        var title: [String] = []
        while index < words.count, title.count < 4 {
            let word = words[index].text
            title.append(word)
            index += 1
            if word.hasSuffix(",") || word.hasSuffix(".") || word.hasSuffix(":") { break }
        }
        // `C. J.`, `Acting P. J.`: the last two words have periods.
        if ["c.", "p."].contains(title.last!.lowercased()), index < words.count,
           ["j.", "j.,", "j.:"].contains(words[index].text.lowercased()) {
            title.append(words[index].text)
            index += 1
        }
        guard let titleEnd = title.last, titles.contains(withoutFinalPunctuation(title.joined(separator: " ")).lowercased()) else {
            return nil
        }
        let author = trimmedName(name.joined(separator: " "))
        if !titleEnd.hasSuffix(",") {
            // `NAME, Circuit Judge.` names no type.
            return Byline(type: nil, author: author, wordCount: index)
        }
        guard let end = sentenceEnd(words, from: index, limit: 40), end >= index else { return nil }
        let phrase = words[index...end].map(\.text).joined(separator: " ")
        if !allowSummaryForm && phrase.lowercased().hasPrefix("delivered") { return nil }
        guard let type = typeFromPhrase(phrase) else { return nil }
        return Byline(type: type, author: author, wordCount: end + 1)
    }

    /// A fragment that starts inside its byline: `dissenting.`, `J., concurring in part.`
    private static func fragment(_ words: [TextToken]) -> Byline? {
        guard let end = sentenceEnd(words, limit: 14) else { return nil }
        var phraseWords = words[0...end].map(\.text)
        // Leftovers of the cut-off name and title: `J.,`, `Circuit Judge,`, `, dissenting.`
        if let lastComma = phraseWords.lastIndex(where: { $0.hasSuffix(",") }), lastComma < phraseWords.count - 1 {
            let dropped = withoutFinalPunctuation(phraseWords[...lastComma].joined(separator: " ")).lowercased()
            guard dropped.isEmpty || titles.contains(dropped) else { return nil }
            phraseWords.removeFirst(lastComma + 1)
        }
        if phraseWords.first == "," { phraseWords.removeFirst() }
        let phrase = phraseWords.joined(separator: " ")
        guard !phrase.lowercased().hasPrefix("delivered"), let type = typeFromPhrase(phrase) else { return nil }
        return Byline(type: type, author: nil, wordCount: end + 1)
    }

    // MARK: - Type phrases

    /// What follows the name in `JUSTICE NAME …`: `delivered the opinion of the Court`, or
    /// (after a comma) a type phrase.
    private static func typeAfterName(_ phrase: String, nameEndsWithComma: Bool, allowJoined: Bool) -> OpinionType? {
        let lowered = withoutFinalPunctuation(phrase).lowercased()
        if !allowJoined && lowered.contains(" joined") || lowered.hasPrefix("filed") { return nil }
        if let type = deliveredType(lowered) { return type }
        guard !lowered.contains(" joined") else { return nil }
        guard nameEndsWithComma else { return nil }
        return typeFromPhrase(phrase)
    }

    /// `delivered the opinion of the Court` and its kin. A sentence about an opinion (`…
    /// delivered the opinion of the Court in that case`) is not a byline: only these
    /// continuations may follow the verb phrase.
    private static func deliveredType(_ lowered: String) -> OpinionType? {
        func opens(_ head: String, allowing tails: [String]) -> Bool {
            guard lowered.hasPrefix(head) else { return false }
            let tail = lowered.dropFirst(head.count)
            return tail.isEmpty || tails.contains { tail.hasPrefix($0) }
        }
        let joiners = [", in which", " in which", " with respect to", ", except as to", " except as to", ", with whom"]
        if opens("announced the judgment of the court", allowing: [" and delivered an opinion", " and delivered the opinion"] + joiners) {
            return .plurality
        }
        if opens("delivered the unanimous opinion of the court", allowing: joiners)
            || opens("delivered the opinion for a unanimous court", allowing: joiners) {
            return .unanimous
        }
        if opens("delivered the opinion of the court", allowing: joiners) || opens("delivered the following opinion", allowing: [])
            || opens("delivered the opinion of the board", allowing: joiners)
            || opens("delivered the opinion of the appeals board", allowing: joiners)
            || opens("delivered the opinion for the court", allowing: joiners) {
            return .majority
        }
        return nil
    }

    /// The type a phrase such as `dissenting` or `with whom JUSTICE X joins, concurring in the
    /// judgment` names; nil when it is not a type phrase.
    static func typeFromPhrase(_ phrase: String) -> OpinionType? {
        var lowered = withoutFinalPunctuation(phrase).lowercased()
        if lowered.contains(" joined") || lowered.hasPrefix("filed") { return nil }
        if lowered.hasPrefix("with whom") {
            // `with whom JUSTICE X and JUSTICE Y join, dissenting`
            guard let comma = lowered.lastIndex(of: ",") else { return nil }
            // `… joins`, `… join in part`, `… joins as to Part I`
            let joiners = lowered[..<comma].split(separator: " ")
            guard joiners.contains("join") || joiners.contains("joins") else { return nil }
            lowered = String(lowered[lowered.index(after: comma)...]).trimmingCharacters(in: .whitespaces)
        }
        switch lowered {
        case "dissenting", "dissents": return .dissent
        case "dissenting in part": return .dissentInPart
        case "concurring", "specially concurring", "concurring specially", "concurs": return .concurrence
        case "concurring in the judgment", "concurring in judgment", "concurring in the result", "concurring in result":
            return .concurrenceInJudgment
        case "concurring in part", "concurring in part and concurring in the judgment",
             "concurring in part and concurring in the result":
            return .concurrenceInPart
        case "concurring in part and dissenting in part", "concurring in part, dissenting in part",
             "dissenting in part and concurring in part", "dissenting in part, concurring in part",
             "concurring in part and dissenting in part:", "concurring and dissenting", "concurring in part and dissenting":
            return .concurrenceInPartDissentInPart
        case "for the court", "for the majority", "writing for the court", "writing for the majority":
            return .majority
        default: break
        }
        if let type = deliveredType(lowered) { return type }
        if lowered.hasPrefix("dissenting from") { return .dissent }
        if lowered.hasPrefix("concurring in the denial") || lowered.hasPrefix("concurring in the order") { return .concurrence }
        return nil
    }

    // MARK: - Words

    /// The index of the first word (from `start`) that ends a sentence (`.`, `:`, or `.` before a
    /// closing quote), within `limit` words; initials and abbreviations inside a name (`ST.`,
    /// `J.,`) do not end it because the next word is not a sentence start or they are short.
    private static func sentenceEnd(_ words: [TextToken], from start: Int = 0, limit: Int) -> Int? {
        var index = start
        while index < words.count && index < start + limit {
            // A note mark after the period (`III.*`, `CURIAM:†`) does not hide the sentence's end.
            let word = withoutNoteMark(words[index].text)
            if word.hasSuffix(":") { return index }
            if word.hasSuffix(".") && !isAbbreviation(String(word)) { return index }
            // A name's initial or `J.` at the end of the text.
            if word.hasSuffix(".") && index == words.count - 1 { return index }
            index += 1
        }
        return nil
    }

    /// `J.`, `C.`, `ST.`, `MR.`, `Mr.`, `JJ.`: short words with a period that do not end a byline.
    private static func isAbbreviation(_ word: String) -> Bool {
        let core = word.dropLast()
        guard !core.isEmpty, core.count <= 2 || core.lowercased() == "mrs" else { return false }
        return core.allSatisfy(\.isLetter) && core.first!.isUppercase
    }

    /// A name word in capitals: `HALE,` `ST.` `O’MARA` `McCOY` `LEE-PRATT,`. A word with a
    /// period is an initial or a short abbreviation (`ST.`), not a sentence (`AFFIRMED.`).
    private static func isCapitalsName(_ word: String) -> Bool {
        if word.hasSuffix(".") && word.filter(\.isLetter).count > 3 { return false }
        var core = Substring(withoutFinalPunctuation(word))
        if core.hasPrefix("Mc") { core = core.dropFirst(2) } else if core.hasPrefix("Mac") { core = core.dropFirst(3) }
        let letters = core.filter(\.isLetter)
        guard letters.count >= 1, word.filter(\.isLetter).count >= 2 || word.hasSuffix(".") else { return false }
        return core.allSatisfy { $0.isUppercase || $0 == "." || $0 == "'" || $0 == "\u{2019}" || $0 == "-" }
    }

    /// The word without the note marks printed after it (`III.*` → `III.`, `CURIAM:†` → `CURIAM:`).
    static func withoutNoteMark(_ word: String) -> Substring {
        var word = Substring(word)
        while word.count > 1, let last = word.last, "*†‡".contains(last) { word = word.dropLast() }
        return word
    }

    /// `Q.`: one capital and a period.
    private static func isInitial(_ word: String) -> Bool {
        word.count == 2 && word.first!.isUppercase && word.hasSuffix(".")
    }

    private static let nameSuffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv"]

    private static func startsUppercase(_ word: String) -> Bool {
        word.first?.isUppercase == true
    }

    /// How many leading words of `name` are a judicial title (`Circuit Judge`, `Senior Circuit
    /// Judge`, `Justice`), so that what is left is the name.
    private static func titlePrefixLength(_ name: [String]) -> Int {
        for length in stride(from: min(3, name.count - 1), through: 1, by: -1) {
            let candidate = name[0..<length].joined(separator: " ").lowercased()
            if titles.contains(candidate) { return length }
        }
        return 0
    }

    private static func withoutFinalPunctuation(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, [".", ",", ":", ";"].contains(last) { result = result.dropLast() }
        return String(result)
    }

    /// A name without the punctuation that joined it to the byline (`HALE,` → `HALE`),
    /// keeping an initial's period (`ST. CLAIR`, `JOHN Q.` stays `JOHN Q.`).
    private static func trimmedName(_ name: String) -> String {
        var result = Substring(name)
        while let last = result.last, [",", ":", ";"].contains(last) { result = result.dropLast() }
        if result.hasSuffix("."), let lastWord = result.split(separator: " ").last, lastWord.count > 2 {
            result = result.dropLast()
        }
        return String(result)
    }
}
