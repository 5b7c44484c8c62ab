/// Reads a printed date from caption tokens and writes it in ISO 8601: `December 7, 2020`,
/// `Dec. 7, 2020`, `Sept. 7 2020`, `7 December 2020`, `3/4/2021`, `3/4/21`, `2021-03-04`; a date inside
/// brackets (`[June 15, 2020]`) reads the same. Impossible dates (`February 30`) are not dates.
enum CaptionDate {
    /// The date starting at token `index`: its ISO form (nil when it is printed like a date but
    /// cannot be one) and the index after its last token.
    static func read(_ tokens: [TextToken], at index: Int) -> (iso: String?, end: Int)? {
        guard index < tokens.count else { return nil }
        let first = stripped(tokens[index].text)
        if let (year, month, day) = numeric(first) { return (iso(year, month, day), index + 1) }
        guard index + 2 < tokens.count, let year = year(stripped(tokens[index + 2].text)) else { return nil }
        let second = stripped(tokens[index + 1].text)
        if let month = month(first), let day = Int(second) { return (iso(year, month, day), index + 3) }
        if let day = Int(first), let month = month(second) { return (iso(year, month, day), index + 3) }
        return nil
    }

    /// A valid date as `YYYY-MM-DD`.
    static func iso(_ year: Int, _ month: Int, _ day: Int) -> String? {
        guard (1700...2199).contains(year), (1...12).contains(month), day >= 1, day <= days(in: month, of: year) else { return nil }
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    private static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `3/4/2021` or `3/4/21` (month first, as U.S. courts print it) or `2021-03-04`.
    private static func numeric(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let slashes = text.split(separator: "/", omittingEmptySubsequences: false)
        if slashes.count == 3, slashes[0].count <= 2, slashes[1].count <= 2, [2, 4].contains(slashes[2].count),
           let month = Int(slashes[0]), let day = Int(slashes[1]), let year = Int(slashes[2]) {
            // `7/1/19`: a filing banner's year in two digits, this century up to 69.
            return (slashes[2].count == 2 ? (year < 70 ? 2000 + year : 1900 + year) : year, month, day)
        }
        let dashes = text.split(separator: "-", omittingEmptySubsequences: false)
        if dashes.count == 3, dashes[0].count == 4, dashes[1].count == 2, dashes[2].count == 2,
           let year = Int(dashes[0]), let month = Int(dashes[1]), let day = Int(dashes[2]) {
            return (year, month, day)
        }
        return nil
    }

    private static func year(_ text: String) -> Int? {
        text.utf8.count == 4 ? Int(text) : nil
    }

    /// A month's number from its name or abbreviation, in any case, with or without a period.
    static func month(_ text: String) -> Int? {
        var name = text.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard name.count >= 3 else { return nil }
        if name == "sept" { return 9 }
        for (number, full) in months.enumerated() where full == name || (name.count == 3 && full.hasPrefix(name)) {
            return number + 1
        }
        return nil
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// The token without brackets and the punctuation that follows a date part (`[June`, `7,`, `2020]`).
    private static func stripped(_ text: String) -> String {
        var result = Substring(text)
        while let first = result.first, "[(".contains(first) { result = result.dropFirst() }
        while let last = result.last, "]),;:".contains(last) { result = result.dropLast() }
        if result.hasSuffix("."), result.dropLast().allSatisfy(\.isNumber) { result = result.dropLast() }
        return String(result)
    }
}
