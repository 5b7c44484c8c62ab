/// Codes, rules and constitutions: the citations read back from a section sign, a rule's
/// name, or a constitution's.
extension CitationReader {
    /// `42 U.S.C. § 1983`, `28 U.S.C. §§ 1291, 1292`, `Wis. Stat. § 939.48`: the code is read
    /// back from the section sign.
    mutating func readCodeCitation(sign: Int) -> Int? {
        guard let section = sectionEnd(sign: sign) else { return nil }
        var key: [UInt8] = []
        var best: (first: Int, editions: [CitationTable.Edition])?
        var first = sign - 1
        while first > floor && first >= sign - table.maximumWords {
            let word = first == sign - 1 ? tokens.bytes[tokens.core(first)] : tokens.bytes[tokens.ranges[first]]
            key = Array(word) + key
            let editions = table.editions(of: key, form: .section)
            if !editions.isEmpty { best = (first, editions) }
            first -= 1
        }
        guard let best else { return nil }
        var citation = ScannedCitation(range: 0..<0, kind: best.editions[0].kind)
        citation.reporter = best.editions[0].canonical
        citation.printedReporter = tokens.ranges[best.first].lowerBound..<tokens.core(sign - 1).upperBound
        var start = tokens.ranges[best.first].lowerBound
        if best.first - 1 > floor, tokens.isVolume(best.first - 1) {
            citation.volume = tokens.string(best.first - 1)
            start = tokens.ranges[best.first - 1].lowerBound
        }
        citation.section = section.text
        citation.range = start..<section.end
        found.append(citation)
        floor = section.last
        return section.last + 1
    }

    /// The section after a section sign (`§ 1983`, `§1983(a)(3)`, `§§ 1291, 1292`): its text,
    /// its last word and where it ends.
    func sectionEnd(sign: Int) -> (text: String, last: Int, end: Int)? {
        var range = tokens.ranges[sign]
        let double = tokens.startsWith(sign, "§§")
        var position = range.lowerBound + (double ? 4 : 2)
        var last = sign
        if position >= tokens.core(sign, period: true).upperBound {
            guard sign + 1 < tokens.count else { return nil }
            last = sign + 1
            range = tokens.ranges[last]
            position = range.lowerBound
        }
        guard let first = sectionText(word: last, from: position) else { return nil }
        var end = first.upperBound
        let start = first.lowerBound
        // `§§ 1291, 1292`: more sections after commas.
        while double, tokens.trailing(last) == UInt8(ascii: ","),
              let more = sectionText(word: last + 1, from: tokens.ranges[last + 1 < tokens.count ? last + 1 : last].lowerBound) {
            last += 1
            end = more.upperBound
        }
        return (tokens.string(start..<end), last, end)
    }

    /// A section number from `position` in word `index`: it starts with a digit and runs over
    /// digits, letters, `.`, `-`, `:` and balanced brackets (`1983`, `2254(d)(1)`, `939.48`, `4A-101`).
    private func sectionText(word index: Int, from position: Int) -> Range<Int>? {
        guard index < tokens.count else { return nil }
        let core = tokens.core(index, period: true)
        guard position < core.upperBound, isDigit(tokens.bytes[position]) else { return nil }
        var end = position
        var depth = 0
        while end < tokens.ranges[index].upperBound {
            let byte = tokens.bytes[end]
            if byte == UInt8(ascii: "(") { depth += 1 } else if byte == UInt8(ascii: ")") {
                guard depth > 0 else { break }
                depth -= 1
            } else if !(isLetterOrDigitASCII(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: ":")) {
                break
            }
            end += 1
        }
        while end > position, tokens.bytes[end - 1] == UInt8(ascii: ".") || tokens.bytes[end - 1] == UInt8(ascii: ":") { end -= 1 }
        return depth == 0 && end > position ? position..<end : nil
    }

    /// `Fed. R. Civ. P. 56(a)`, `Fed. R. Evid. 404(b)`, `Sup. Ct. R. 10`: capitalised
    /// abbreviations around `R.`, then the rule's number.
    mutating func readRule(at index: Int) -> Int? {
        var first = index
        while first - 1 > floor, first > index - 2, isAbbreviationWord(first - 1) { first -= 1 }
        guard first < index else { return nil }
        var last = index
        while last < index + 3, isAbbreviationWord(last + 1) { last += 1 }
        guard last + 1 < tokens.count, let number = sectionText(word: last + 1, from: tokens.ranges[last + 1].lowerBound) else {
            return nil
        }
        return addRule(words: first...last, number: number, numberWord: last + 1)
    }

    /// `Federal Rule of Civil Procedure 56(a)`, `Federal Rules of Evidence 702`.
    mutating func readSpelledRule(at index: Int) -> Int? {
        guard tokens.equals(index + 1, "Rule") || tokens.equals(index + 1, "Rules"), tokens.equals(index + 2, "of") else {
            return nil
        }
        var last = index + 2
        while last < index + 6, tokens.startsUppercase(last + 1), tokens.trailing(last + 1) == 0,
              !isDigit(tokens.bytes[tokens.ranges[last + 1].lowerBound]) {
            last += 1
        }
        guard last > index + 2, last + 1 < tokens.count,
              let number = sectionText(word: last + 1, from: tokens.ranges[last + 1].lowerBound) else { return nil }
        return addRule(words: index...last, number: number, numberWord: last + 1)
    }

    private mutating func addRule(words: ClosedRange<Int>, number: Range<Int>, numberWord: Int) -> Int {
        var citation = ScannedCitation(range: tokens.ranges[words.lowerBound].lowerBound..<number.upperBound, kind: .rule)
        citation.reporter = words.map { tokens.string($0) }.joined(separator: " ")
        citation.printedReporter = tokens.ranges[words.lowerBound].lowerBound..<tokens.ranges[words.upperBound].upperBound
        citation.section = tokens.string(number)
        found.append(citation)
        floor = numberWord
        return numberWord + 1
    }

    /// A capitalised abbreviation: `Fed.` `Civ.` `P.` `Sup.` `Ct.`.
    private func isAbbreviationWord(_ index: Int) -> Bool {
        guard index >= 0, index < tokens.count, tokens.trailing(index) == 0 else { return false }
        let range = tokens.ranges[index]
        return range.count >= 2 && range.count <= 7 && isUppercaseASCII(tokens.bytes[range.lowerBound])
            && tokens.bytes[range.upperBound - 1] == UInt8(ascii: ".")
            && tokens.bytes[range.dropLast()].allSatisfy(isLetterASCII)
    }

    /// `U.S. Const. amend. IV`, `U.S. CONST. art. III, § 2, cl. 1`, `Wis. Const. art. I, § 11`.
    mutating func readConstitution(at index: Int) -> Int? {
        var first = index
        while first - 1 > floor, first > index - 2, tokens.startsUppercase(first - 1), tokens.trailing(first - 1) == 0,
              tokens.bytes[tokens.ranges[first - 1].upperBound - 1] == UInt8(ascii: ".") {
            first -= 1
        }
        let part = index + 1
        guard ([
            "amend.", "Amend.", "art.", "Art.", "pmbl.", "AMEND.", "ART.",
        ] as [StaticString]).contains(where: { tokens.equals(part, $0) }),
              part + 1 < tokens.count else { return nil }
        let number = tokens.core(part + 1, period: true)
        guard !number.isEmpty, tokens.bytes[number].allSatisfy(isLetterOrDigitASCII) else { return nil }
        var last = part + 1
        var end = number.upperBound
        // `, § 2` and `, cl. 1` after the article.
        while tokens.trailing(last) == UInt8(ascii: ",") {
            if tokens.startsWith(last + 1, "§"), let section = sectionEnd(sign: last + 1) {
                (last, end) = (section.last, section.end)
            } else if tokens.equals(last + 1, "cl."), let clause = tokens.pageNumber(last + 2) {
                (last, end) = (last + 2, clause.upperBound)
            } else {
                break
            }
        }
        var citation = ScannedCitation(range: tokens.ranges[first].lowerBound..<end, kind: .constitution)
        citation.reporter = (first...index).map { tokens.string($0) }.joined(separator: " ")
        citation.printedReporter = tokens.ranges[first].lowerBound..<tokens.ranges[index].upperBound
        citation.section = tokens.string(tokens.ranges[part].lowerBound..<end)
        found.append(citation)
        floor = last
        return last + 1
    }
}
