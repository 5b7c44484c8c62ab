/// The stamp a court's electronic filing system prints across the top of every page of a filed
/// document (`Case: 14-1234  Document: 00112233  Page: 3  Date Filed: 06/09/2015`,
/// `Case 2:15-cv-01234-ABC Document 19 Filed 06/09/15 Page 3 of 20`, `Case: 41-7302,
/// 03/02/2041, DktEntry: 17.2, Page 1 of 2`), and a lone `Page 3 of 20` line. Found by the
/// shape of the line, not by repetition: a document of one or two pages carries too few of them
/// for the repetition rules. Its `Filed` date is the document's filing date. Written by hand: it
/// reads one line's words, which no package does.
enum FilingBanner {
    /// The labels of a stamp's fields, by kind (case, document, filed, page); a stamp names its
    /// page and at least two other kinds.
    private static let kinds: [String: Int] = [
        "case": 0, "document": 1, "doc": 1, "dktentry": 1, "entry": 1, "filed": 2, "page": 3, "pages": 3,
    ]
    /// Words a stamp may hold besides labels and values.
    private static let connectors: Set<String> = ["appellate", "date", "of", "id", "pageid", "#"]

    /// A quick look at a line's bytes before its words are read: every stamp names its page
    /// (`Page`, `PAGE`, `Pages`) and holds a digit.
    static func mayBe(_ line: ArraySlice<UInt8>) -> Bool {
        var sawPage = false, sawDigit = false
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if byte >= 0x30 && byte <= 0x39 { sawDigit = true }
            if byte | 0x20 == UInt8(ascii: "p"), index + 3 < line.endIndex, line[index + 1] | 0x20 == UInt8(ascii: "a"),
               line[index + 2] | 0x20 == UInt8(ascii: "g"), line[index + 3] | 0x20 == UInt8(ascii: "e") {
                sawPage = true
            }
            index += 1
        }
        return sawPage && sawDigit
    }

    /// Whether the words of a line (white space separated) make a filing stamp or a lone
    /// `Page N of M`.
    static func isBanner(_ words: [Substring]) -> Bool {
        guard (2...16).contains(words.count) else { return false }
        let keys = words.map { $0.lowercased().trimmingCharacters(in: ":,.#") }
        if keys.count == 4, keys[0] == "page", keys[2] == "of", isNumber(keys[1]), isNumber(keys[3]) { return true }
        var named = Set<Int>()
        for (word, key) in zip(words, keys) {
            if let kind = kinds[key] {
                named.insert(kind)
            } else if !connectors.contains(key) && !word.contains(where: \.isNumber) {
                return false
            }
        }
        return named.count >= 3 && named.contains(3)
    }

    private static func isNumber(_ key: String) -> Bool { !key.isEmpty && key.allSatisfy(\.isNumber) }

    /// The date a stamp gives after `Filed` (`Filed 06/09/15`, `Date Filed: 06/09/2015`), in ISO
    /// form: the date the document was filed.
    static func filedDate(in bytes: [UInt8], line: Range<Int>) -> String? {
        let tokens = TextTokenizer.tokens(in: bytes, range: line)
        if let filed = tokens.firstIndex(where: { $0.key == "filed" }) { return CaptionDate.read(tokens, at: filed + 1)?.iso }
        // `Case: 31-4455, 02/03/2031, DktEntry: 12.1, …`: the one date a stamp prints is its filing's.
        return tokens.indices.lazy.compactMap { CaptionDate.read(tokens, at: $0)?.iso }.first
    }

    /// The filed date of the first stamp among the lines `edits` remove.
    static func filedDate(removedBy edits: [TextEdit], in bytes: [UInt8]) -> String? {
        for edit in edits {
            for line in ByteLines.ranges(Array(bytes[edit.range])) {
                let range = (line.lowerBound + edit.range.lowerBound)..<(line.upperBound + edit.range.lowerBound)
                let content = trimmed(range, in: bytes)
                guard !content.isEmpty, mayBe(bytes[content]) else { continue }
                let words = String(decoding: bytes[content], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
                if isBanner(words), let date = filedDate(in: bytes, line: content) { return date }
            }
        }
        return nil
    }
}

extension String {
    /// Without the given characters at either end.
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
