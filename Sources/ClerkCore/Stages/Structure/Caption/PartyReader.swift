/// Reads the parties of a caption: `NAME, Role, v. NAME, Role.` with each side one or more
/// names, each followed by its role (`JANE ROE, Plaintiff-Appellee, and JOHN ROE, Intervenor,
/// v. …`). The first side must state a role; the second may not (`… PETITIONER v. ACME CORP.`),
/// and then runs to the next caption element. A docket number may stand before `v.`
/// (`18–107 v.`, as slip opinions print consolidated cases).
struct PartyReader {
    let tokens: [TextToken]
    let isStop: (Int) -> Bool
    /// The last token the reader may use (the region's end).
    var limit: Int { tokens.count }

    struct Reading {
        var first: [Party]
        var second: [Party]
        var dockets: [String]
        var end: Int
    }

    /// Role given to a party whose caption states none.
    static let unstatedRole = "unstated"

    func read(at start: Int) -> Reading? {
        guard start < limit, tokens[start].isCapitalized,
              let first = side(at: start, roleRequired: true) ?? unstatedFirstSide(at: start) else { return nil }
        var index = first.end
        var dockets: [String] = []
        if index + 1 < limit, DocketReader.isDocketNumber(tokens[index].bare), Self.isVersus(tokens[index + 1]) {
            dockets.append(tokens[index].bare)
            index += 1
        }
        guard index < limit, Self.isVersus(tokens[index]) else { return nil }
        guard let second = side(at: index + 1, roleRequired: false) else { return nil }
        return Reading(first: first.parties, second: second.parties, dockets: dockets, end: second.end)
    }

    static func isVersus(_ token: TextToken) -> Bool {
        ["v.", "v", "vs.", "vs", "V.", "VS.", "versus", "VERSUS"].contains(token.text)
    }

    /// One side: names each followed by a role, joined by `and`.
    private func side(at start: Int, roleRequired: Bool) -> (parties: [Party], end: Int)? {
        var parties: [Party] = []
        var index = start
        while index < limit {
            guard let party = named(at: index) else { break }
            parties.append(party.party)
            index = party.end
            // `, and NAME, Role`: another party on this side.
            guard index + 1 < limit, tokens[index].key == "and", tokens[index - 1].endsWithComma,
                  named(at: index + 1) != nil else { break }
            index += 1
        }
        if !parties.isEmpty { return (parties, index) }
        guard !roleRequired else { return nil }
        // A name without a role: up to the next element, within a name's length, or to the end
        // of a line that a period closes (`… v. UNITED STATES.` over a syllabus's first words).
        var end = start
        while end < limit, end < start + 30, !isStop(end), !tokens[end].isRule, !Self.isVersus(tokens[end]) {
            if end > start, tokens[end].startsLine, tokens[end - 1].endsWithPeriod, !PartyRoles.keepsPeriod(tokens[end - 1]) { break }
            end += 1
        }
        guard end > start, end == limit || end < start + 30, Self.hasName(tokens[start..<end]) else { return nil }
        return ([Party(name: Self.name(tokens[start..<end]), role: Self.unstatedRole)], end)
    }

    /// A first side printed without a role, where the layout shows it is one: from a line start
    /// to a `v.` alone on its line (`JANE ROE` / `v.` / `ACME, LLC`), or, all in capitals, to a
    /// `v.` that ends its line (`ROE CORP. v.` / `DOE`) or a line all in capitals (`ROE v.
    /// DOE`), as captions of a syllabus print them.
    private func unstatedFirstSide(at start: Int) -> (parties: [Party], end: Int)? {
        guard tokens[start].startsLine else { return nil }
        var versus = start
        while versus < limit, versus < start + 20, !Self.isVersus(tokens[versus]) {
            if tokens[versus].isRule || (versus > start && isStop(versus)) { return nil }
            versus += 1
        }
        guard versus > start, versus + 1 < limit, Self.isVersus(tokens[versus]) else { return nil }
        func inCapitals(_ words: ArraySlice<TextToken>) -> Bool {
            words.allSatisfy { $0.isUppercaseWord || !$0.text.contains(where: \.isLetter) || ["et", "al"].contains($0.key) }
        }
        let endsLine = tokens[versus + 1].startsLine
        let alone = tokens[versus].startsLine && endsLine
        // `ROE v. DOE` alone on its line, all in capitals, reads the same.
        var lineEnd = versus + 1
        while lineEnd < limit, !tokens[lineEnd].startsLine { lineEnd += 1 }
        let capitals = inCapitals(tokens[start..<versus]) && (endsLine || inCapitals(tokens[(versus + 1)..<lineEnd]))
        guard alone || capitals, Self.hasName(tokens[start..<versus]) else { return nil }
        return ([Party(name: Self.name(tokens[start..<versus]), role: Self.unstatedRole)], versus)
    }

    /// `NAME, Role`: the name runs to the first comma that a role follows.
    private func named(at start: Int) -> (party: Party, end: Int)? {
        var index = start
        while index < limit, index < start + 30 {
            if tokens[index].isRule || Self.isVersus(tokens[index]) || (index > start && isStop(index)) { return nil }
            // `et al.` ends a name as a comma does.
            if tokens[index].endsWithComma || tokens[index].text == "al." || tokens[index].text == "AL.",
               let roleEnd = PartyRoles.phraseEnd(tokens, at: index + 1, limit: limit) {
                // The name begins after the last sentence that ends before it (a notice printed
                // over the caption, a star page); a comma alone is no name.
                let nameStart = (start..<index).last { Self.endsSentence(tokens[$0]) }.map { $0 + 1 } ?? start
                guard Self.hasName(tokens[nameStart...index]) else { return nil }
                let role = tokens[(index + 1)..<(roleEnd - 1)].map(\.text) + [tokens[roleEnd - 1].bare]
                return (Party(name: Self.name(tokens[nameStart...index]), role: role.joined(separator: " ")), roleEnd)
            }
            index += 1
        }
        return nil
    }

    /// A word no name holds: one that ends a sentence (a number or a lower-case word with a
    /// period: `§ 431.`, `as corrected.`), or a star page (`[*1]`). Names keep their initials,
    /// abbreviations and capitalized words with periods (`JOHN Q. ROE`, `ACME CORP.`, `St.`).
    static func endsSentence(_ token: TextToken) -> Bool {
        if token.text.hasPrefix("[*") && token.text.hasSuffix("]") { return true }
        guard token.text.hasSuffix("."), !token.text.dropLast().contains(".") else { return false }
        let word = token.text.dropLast()
        if !word.isEmpty && word.allSatisfy(\.isNumber) { return true }
        return word.count >= 3 && word.allSatisfy { $0.isLowercase } && !companyAbbreviations.contains(String(word))
    }

    /// Abbreviations a company's name may end with, written in lower case (`Roe Holdings ltd.`).
    private static let companyAbbreviations: Set<String> = ["inc", "ltd", "llc", "llp", "corp", "bros", "assn", "mfg", "intl", "natl"]

    /// Whether the words hold a letter or a digit: punctuation alone (`,`) names no one.
    static func hasName(_ words: ArraySlice<TextToken>) -> Bool {
        words.contains { $0.text.contains { $0.isLetter || $0.isNumber } }
    }

    /// The words of a name as printed, without the punctuation that ends its part of the caption.
    static func name(_ words: ArraySlice<TextToken>) -> String {
        var text = words.map(\.text).joined(separator: " ")
        while let last = text.last, ",;:".contains(last) { text.removeLast() }
        // A final period belongs to an abbreviation (`JR.`, `INC.`, `et al.`) but not to a word.
        if text.hasSuffix("."), let last = words.last, !PartyRoles.keepsPeriod(last) { text.removeLast() }
        return text
    }
}

/// The roles of parties as captions print them: `Plaintiff-Appellee`, `Defendants-Appellants`,
/// `Plaintiff and Respondent`, `PETITIONER`, `Cross-Appellant`, `Intervenor`.
enum PartyRoles {
    /// The index after a role phrase starting at `start`, if one starts there.
    static func phraseEnd(_ tokens: [TextToken], at start: Int, limit: Int) -> Int? {
        guard start < limit, isRole(tokens[start].key) else { return nil }
        var end = start + 1
        while end < limit, !tokens[end - 1].endsWithPeriod {
            // `Plaintiff and Respondent`, `Appellee / Cross-Appellant`, `Plaintiff - Appellee`
            if !tokens[end - 1].endsWithComma, end + 1 < limit, ["and", "&", "/", "-", "–", "—"].contains(tokens[end].text),
               isRole(tokens[end + 1].key) {
                end += 2
            } else if isRole(tokens[end].key) {
                // `Plaintiff-Appellee, Cross-Appellant`
                end += 1
            } else {
                break
            }
        }
        return end
    }

    /// A word made of role parts (`cross-appellant`), with at least one that is a role itself.
    static func isRole(_ word: String) -> Bool {
        let parts = word.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "/" }).map(String.init)
        return !parts.isEmpty && parts.allSatisfy { roles.contains($0) || prefixes.contains($0) } && parts.contains { roles.contains($0) }
    }

    private static let roles: Set<String> = [
        "plaintiff", "plaintiffs", "defendant", "defendants", "appellant", "appellants", "appellee", "appellees",
        "petitioner", "petitioners", "respondent", "respondents", "intervenor", "intervenors", "intervener",
        "claimant", "claimants", "movant", "movants", "relator", "relators", "garnishee", "complainant", "complainants",
        "objector", "objectors", "contestant", "contestants", "debtor", "debtors", "employee", "employer", "carrier",
    ]
    private static let prefixes: Set<String> = ["cross", "counter", "third", "party"]

    /// Name endings whose period is part of the word.
    static func keepsPeriod(_ token: TextToken) -> Bool {
        token.text.dropLast().contains(".") || abbreviations.contains(token.key) || token.bare.count == 1
    }

    private static let abbreviations: Set<String> = [
        "al", "jr", "sr", "inc", "co", "corp", "ltd", "llc", "llp", "bros", "dept", "ass'n", "assn", "natl", "intl", "univ", "cnty",
    ]
}
