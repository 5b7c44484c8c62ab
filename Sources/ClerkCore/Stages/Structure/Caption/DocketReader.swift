/// Docket numbers of a caption: `No. 20-1234`, `Nos. 19–101, 19–102 and 19–250`, `Docket No.
/// 2:19-cv-00123`, `Case Nos. …`, `Docket: …`, and standing alone, numbers that can only be
/// dockets (`S123456`, `2019-SC-000123`, `20-1234`).
enum DocketReader {
    /// The index after a docket keyword at `index` (`No.`, `Nos.`, `Docket No.`, `Case Number:`, `Docket:`).
    static func keywordEnd(_ tokens: [TextToken], at index: Int) -> Int? {
        guard index < tokens.count else { return nil }
        let key = tokens[index].key
        if numberWords.contains(key) { return index + 1 }
        guard leadWords.contains(key) else { return nil }
        if index + 1 < tokens.count, numberWords.contains(tokens[index + 1].key) { return index + 2 }
        // `Civil Action No.`, `Misc. Case No.`
        if index + 2 < tokens.count, leadWords.contains(tokens[index + 1].key), numberWords.contains(tokens[index + 2].key) { return index + 3 }
        // `Docket: 20-1234`
        return key == "docket" && tokens[index].text.hasSuffix(":") ? index + 1 : nil
    }

    private static let numberWords: Set<String> = ["no", "nos", "number", "numbers"]
    private static let leadWords: Set<String> = [
        "docket", "case", "appeal", "record", "civ", "civil", "action", "crim", "criminal", "misc", "mdl", "adv", "adversary",
    ]

    /// The numbers from `index` on (`1, 2 and 3`) and the index after them; nil when none.
    static func numbers(_ tokens: [TextToken], from index: Int) -> (numbers: [String], end: Int)? {
        var numbers: [String] = []
        var index = index
        while let (number, end) = Self.number(tokens, at: index) {
            numbers.append(number)
            index = end
            // `1, 2 and 3` / `1 & 2`
            if index + 1 < tokens.count, ["and", "&"].contains(tokens[index].key), Self.number(tokens, at: index + 1) != nil {
                index += 1
            } else if !tokens[index - 1].endsWithComma {
                break
            }
        }
        return numbers.isEmpty ? nil : (numbers, index)
    }

    /// One number after a keyword, as printed: a word that can be a docket number, perhaps
    /// after a court's letters (`C 05-0123`, `MDL 15-01234-PHX`) and then with the judge's
    /// initials (`C 05-0123 SI`), or with initials in parentheses (`3:19-cv-01234 (ABC)(DEF)`),
    /// on one line. The index after it.
    static func number(_ tokens: [TextToken], at index: Int) -> (number: String, end: Int)? {
        guard index < tokens.count else { return nil }
        var words: [String] = []
        var end = index
        let lettered = isLetters(tokens[index], 1...3) && index + 1 < tokens.count && !tokens[index + 1].startsLine
            && isDocketNumber(tokens[index + 1].bare)
        if lettered {
            words.append(tokens[index].text)
            end += 1
        }
        guard isDocketNumber(tokens[end].bare) else { return nil }
        words.append(tokens[end].bare)
        end += 1
        let closed = tokens[end - 1].bare != tokens[end - 1].text
        if !closed, end < tokens.count, !tokens[end].startsLine,
           lettered && isLetters(tokens[end], 2...3) || isInitialsInParentheses(tokens[end].bare) {
            words.append(tokens[end].bare)
            end += 1
        }
        return (words.joined(separator: " "), end)
    }

    /// `31 Civ. 4821 (XY)`, `09 Cr. 123`: a district court's year, kind and number.
    static func yearKindNumber(_ tokens: [TextToken], at index: Int) -> (number: String, end: Int)? {
        guard index + 2 < tokens.count, tokens[index].text.count == 2, tokens[index].text.allSatisfy(\.isNumber),
              ["civ.", "cv", "cr.", "crim.", "misc.", "mc"].contains(tokens[index + 1].text.lowercased()),
              !tokens[index + 1].startsLine, !tokens[index + 2].startsLine,
              !tokens[index + 2].bare.isEmpty, tokens[index + 2].bare.allSatisfy(\.isNumber) else { return nil }
        var words = tokens[index...(index + 2)].map(\.text)
        words[2] = tokens[index + 2].bare
        var end = index + 3
        if tokens[end - 1].bare == tokens[end - 1].text, end < tokens.count, !tokens[end].startsLine, isInitialsInParentheses(tokens[end].bare) {
            words.append(tokens[end].bare)
            end += 1
        }
        return (words.joined(separator: " "), end)
    }

    private static func isLetters(_ token: TextToken, _ count: ClosedRange<Int>) -> Bool {
        token.text == token.bare && count.contains(token.text.count) && token.text.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isUppercase }
    }

    /// `(ABC)`, `(ABC)(DEF)`: a judge's initials after a district court's number.
    private static func isInitialsInParentheses(_ text: String) -> Bool {
        guard text.hasPrefix("("), text.hasSuffix(")") else { return false }
        let groups = text.split(whereSeparator: { $0 == "(" || $0 == ")" })
        return !groups.isEmpty && text.count == groups.reduce(0) { $0 + $1.count + 2 }
            && groups.allSatisfy { (2...4).contains($0.count) && $0.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isUppercase } }
    }

    /// A word that can be a docket number after a keyword: letters, digits, `-`, `–`, `:`, `.`,
    /// `/` and parentheses, with a digit, starting with a letter or digit.
    static func isDocketNumber(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.count <= 30, isAlphanumeric(first),
              scalars.contains(where: { $0.properties.numericType != nil && $0.isASCII }) else { return false }
        return scalars.allSatisfy { isAlphanumeric($0) || "-–:./()".unicodeScalars.contains($0) }
    }

    /// A docket number that needs no keyword: capitals then digits (`S123456`), or groups joined
    /// by `-`, `–` or `:` that start with digits and hold at least four digits in two groups
    /// (`20-1234`, `2019-SC-000123`, `1:19-cv-00123`).
    static func isBareDocket(_ text: String) -> Bool {
        guard isDocketNumber(text), !isTimeOfDay(text) else { return false }
        let scalars = Array(text.unicodeScalars)
        let letters = scalars.prefix { $0.properties.isUppercase && $0.isASCII }
        if (1...3).contains(letters.count), scalars.count - letters.count >= 4, scalars.dropFirst(letters.count).allSatisfy(isDigit) {
            return true
        }
        let groups = text.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == ":" }).map { Array($0.unicodeScalars) }
        guard groups.count >= 2, groups.count == text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" || $0 == ":" }).count,
              let head = groups.first, head.allSatisfy(isDigit) else { return false }
        let digitGroups = groups.filter { $0.allSatisfy(isDigit) }
        return digitGroups.count >= 2 && groups.allSatisfy { $0.allSatisfy(isAlphanumeric) }
            && groups.reduce(0) { $0 + $1.filter(isDigit).count } >= 4
    }

    /// `03:47`, `9:05`: a clerk's stamp prints the time a document was filed.
    static func isTimeOfDay(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && (1...2).contains(parts[0].count) && parts[1].count == 2
            && parts.allSatisfy { $0.unicodeScalars.allSatisfy(isDigit) }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }
    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (isDigit(scalar) || scalar.properties.isAlphabetic)
    }
}
