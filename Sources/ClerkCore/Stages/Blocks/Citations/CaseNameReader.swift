/// Reads the case name that ends just before a citation's volume (`Cyrus v. Town of
/// Mukwonago, 624 F.3d 856`; `See Abdullahi, 423 F.3d at 770`), walking back word by word: the
/// name is capitalised words and the small words names hold (`of`, `ex rel.`, `&`), it stops at
/// a signal (`See`, `cf.`, `quoting`), at punctuation that ends a clause, at an opening bracket
/// or quote, and at a lowercase word.
struct CaseNameReader {
    let tokens: CitationTokens
    let abbreviations: Set<String>

    /// Signals and words that come before a case name, never inside one.
    private static let stops = PackedWords(stopWords)
    private static let stopWords: [String] = [
        "See", "see", "Cf.", "cf.", "But", "but", "also", "Also", "accord", "Accord", "Compare", "compare",
        "with", "quoting", "Quoting", "citing", "Citing", "e.g.", "E.g.", "Contra", "contra", "following",
        "discussing", "under", "In", "in", "and", "or", "by", "from", "The", "the", "that", "as", "Id.", "id.",
    ]
    /// Lowercase words a name may hold between its capitalised words.
    private static let connectors = PackedWords(connectorWords)
    private static let connectorWords: [String] = [
        "of", "the", "for", "and", "&", "ex", "rel.", "re", "parte", "de", "del", "la", "von", "van", "der", "on",
        "in", "to", "v.", "vs.",
    ]

    /// The name ending with the word before `volume` (which must end with a comma), not reaching
    /// back to word `floor`: its first byte and its text. Full citations need two parties
    /// (`v.`) or a one-party form (`In re`, `Ex parte`, `Matter of`); short forms take a name alone.
    func name(before volume: Int, floor: Int, needsParties: Bool) -> (start: Int, name: String)? {
        let last = volume - 1
        guard last > floor, tokens.trailing(last) == UInt8(ascii: ",") else { return nil }
        var first = last + 1
        var index = last
        var sawVersus = false
        var words = 0
        while index > floor && words < 16 {
            if index != last && tokens.trailing(index) != 0 { break }  // `e.g.,` `2010);`
            // The word without opening brackets or quotes (`(quoting`, `“United`).
            let core = tokens.core(index)
            let start = HeadingTitle.afterOpeningPunctuation(in: tokens.bytes, from: core.lowerBound, end: core.upperBound)
            // Compared as bytes (see `PackedWords`); a string is made only for a sentence's end.
            let bare = tokens.bytes[start..<max(start, core.upperBound)]
            if ByteLines.equals(bare, "v.") || ByteLines.equals(bare, "vs.") {
                sawVersus = true
            } else if index != last && Self.stops.contains(bare) && !(ByteLines.equals(bare, "In") && tokens.equals(index + 1, "re")) {
                break
            } else if tokens.startsUppercase(index) {
                if index != last && bare.last == UInt8(ascii: ".") && endsSentence(String(decoding: bare, as: UTF8.self)) { break }
            } else if !Self.connectors.contains(bare) {
                break
            }
            first = index
            words += 1
            if tokens.opensWithPunctuation(index) { break }
            index -= 1
        }
        // The name starts with a capital: drop connectors it picked up at its start.
        while first <= last && !tokens.startsUppercase(first) { first += 1 }
        guard first <= last else { return nil }
        let start = HeadingTitle.afterOpeningPunctuation(
            in: tokens.bytes, from: tokens.ranges[first].lowerBound, end: tokens.ranges[first].upperBound)
        let end = tokens.core(last).upperBound
        guard start < end else { return nil }
        let name = tokens.string(start..<end)
        if needsParties {
            let onePartyForms = ["In re ", "Ex parte ", "Matter of ", "In the Matter of ", "Estate of "]
            guard sawVersus || onePartyForms.contains(where: { name.hasPrefix($0) }) else { return nil }
            guard !name.hasPrefix("v.") && !name.hasSuffix(" v.") else { return nil }
        }
        return (start, name)
    }

    /// A capitalised word whose period ends a sentence rather than an abbreviation
    /// (`Congress.`, `II.`, but not `Corp.`, `Bd.`, `U.S.`, `Wis.`, `J.`).
    private func endsSentence(_ word: String) -> Bool {
        guard word.hasSuffix("."), !ReflowLine.isAbbreviation(word), !abbreviations.contains(word) else { return false }
        let body = word.dropLast()
        if body.contains(".") { return false }  // `N.Y.`
        // Short capitalised abbreviations (`Wis.`, `Cal.`, `Mich.`) are common in names; Roman
        // numerals (`II.`) and longer words end sentences.
        return body.count > 4 || body.allSatisfy { "IVXL".contains($0) }
    }
}
