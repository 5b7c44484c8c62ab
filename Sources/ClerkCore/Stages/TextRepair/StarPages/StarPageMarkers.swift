/// A reporter page marker in star pagination: `*531` (the text from here on is on page 531 of
/// the reporter), `**1865` (page 1865 of a second, parallel reporter), optionally in brackets
/// (`[*531]`, as some services print them).
struct StarPageMarker: Sendable, Equatable {
    /// The marker's bytes, stars, digits and brackets included.
    var range: Range<Int>
    /// 1 for `*`, 2 for `**`, 3 for `***`: which of the parallel reporters the page belongs to.
    var stars: Int
    var page: Int
    /// The page number as written.
    var label: String
}

/// Finds star page markers in UTF-8 text and keeps those that form rising page sequences.
/// Both the detect stage (as evidence) and the star pagination stage use it.
enum StarPageScanner {
    static let minimumDigits = 2
    static let maximumDigits = 5
    static let maximumStars = 3

    /// Every `*`-run of 1–3 stars followed by 2–5 digits (one in brackets: `[*2]`; and no further digit), not preceded by
    /// a digit (`2*100` is a product) nor by another star, and not a pinpoint citation to a star
    /// page (`at *10`, `*10–11`). Letters may follow the digits and
    /// precede the stars: OCR'd reporter text puts markers inside words (`offi*533cers`).
    static func candidates(in bytes: [UInt8]) -> [StarPageMarker] {
        var found: [StarPageMarker] = []
        var index = 0
        let count = bytes.count
        while index < count {
            index = bytes.withUnsafeBufferPointer { ByteSearch.next(UInt8(ascii: "*"), in: $0, from: index) }
            guard index < count else { break }
            let start = index
            var starsEnd = index
            while starsEnd < count && bytes[starsEnd] == UInt8(ascii: "*") { starsEnd += 1 }
            var digitsEnd = starsEnd
            // One digit more than allowed is enough to reject the run.
            while digitsEnd < count && isDigit(bytes[digitsEnd]) && digitsEnd - starsEnd <= maximumDigits { digitsEnd += 1 }
            index = digitsEnd
            let stars = starsEnd - start, digitCount = digitsEnd - starsEnd
            let bracketed = start > 0 && bytes[start - 1] == UInt8(ascii: "[") && digitsEnd < count && bytes[digitsEnd] == UInt8(ascii: "]")
            // In brackets a one-digit page is a marker too (`[*2]`): no footnote mark is printed so.
            guard stars <= maximumStars, start == 0 || !isDigit(bytes[start - 1]),
                  (minimumDigits...maximumDigits).contains(digitCount) || bracketed && digitCount == 1,
                  digitsEnd == count || !isDigit(bytes[digitsEnd]),
                  !isPinpoint(bytes, stars: start..<starsEnd, digitsEnd: digitsEnd) else { continue }
            var page = 0
            for byte in bytes[starsEnd..<digitsEnd] { page = page * 10 + Int(byte - UInt8(ascii: "0")) }
            var range = start..<digitsEnd
            if bracketed {
                range = (start - 1)..<(digitsEnd + 1)
                index = range.upperBound
            }
            found.append(StarPageMarker(
                range: range, stars: stars, page: page,
                label: String(decoding: bytes[starsEnd..<digitsEnd], as: UTF8.self)))
        }
        return found
    }

    /// Splits candidates into those that belong to a rising sequence of at least `minimumLength`
    /// markers of the same star count (each page 1…`maximumGap` above the one before) and the rest.
    /// Each candidate extends the sequence whose last page is nearest below it, else starts one;
    /// a lookup by last page keeps this linear.
    static func sequences(
        _ candidates: [StarPageMarker], maximumGap: Int, minimumLength: Int
    ) -> (accepted: [StarPageMarker], rejected: [StarPageMarker]) {
        var chains: [[Int]] = []
        // (star count, last page) → the chain ending there.
        var chainEndingAt: [PageKey: Int] = [:]
        for (index, candidate) in candidates.enumerated() {
            var extended = false
            var previous = candidate.page - 1
            while previous >= candidate.page - maximumGap && previous >= 0 {
                let key = PageKey(stars: candidate.stars, page: previous)
                if let chain = chainEndingAt[key] {
                    chains[chain].append(index)
                    chainEndingAt[key] = nil
                    chainEndingAt[PageKey(stars: candidate.stars, page: candidate.page)] = chain
                    extended = true
                    break
                }
                previous -= 1
            }
            if !extended {
                let key = PageKey(stars: candidate.stars, page: candidate.page)
                // Keep the longer chain reachable when two end on the same page.
                if let existing = chainEndingAt[key], chains[existing].count > 1 {
                    chains.append([index])
                } else {
                    chains.append([index])
                    chainEndingAt[key] = chains.count - 1
                }
            }
        }
        var isAccepted = [Bool](repeating: false, count: candidates.count)
        for chain in chains where chain.count >= minimumLength {
            for index in chain { isAccepted[index] = true }
        }
        var accepted: [StarPageMarker] = [], rejected: [StarPageMarker] = []
        for (index, candidate) in candidates.enumerated() {
            if isAccepted[index] { accepted.append(candidate) } else { rejected.append(candidate) }
        }
        return (accepted, rejected)
    }

    /// A citation to a star page rather than a page boundary: `at *10`, `at **12`, or a range
    /// `*10–11` / `*10-11`.
    private static func isPinpoint(_ bytes: [UInt8], stars: Range<Int>, digitsEnd: Int) -> Bool {
        var before = stars.lowerBound
        while before > 0 && bytes[before - 1] == 0x20 { before -= 1 }
        if before >= 2 && bytes[before - 2] == UInt8(ascii: "a") && bytes[before - 1] == UInt8(ascii: "t")
            && (before == 2 || !isLetterASCII(bytes[before - 3])) {
            return true
        }
        var after = digitsEnd
        if after < bytes.count && bytes[after] == UInt8(ascii: "-") {
            after += 1
        } else if after + 2 < bytes.count && bytes[after] == 0xE2 && bytes[after + 1] == 0x80
                    && (bytes[after + 2] == 0x93 || bytes[after + 2] == 0x94) {
            after += 3  // – or —
        } else {
            return false
        }
        return after < bytes.count && isDigit(bytes[after])
    }

    private struct PageKey: Hashable {
        var stars: Int
        var page: Int
    }

}
