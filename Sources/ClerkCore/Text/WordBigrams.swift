/// Word and word-pair counts of one text, for judging how naturally two words follow each
/// other in the document's own language. Words are lowercased ASCII letters and digits;
/// punctuation between words is ignored (a pair spans it).
struct WordBigrams {
    private var words: [String: Int] = [:]
    private var pairs: [String: Int] = [:]
    private var total = 0

    init(_ bytes: [UInt8]) {
        var previous: String?
        var index = 0
        while index < bytes.count {
            guard let (word, end) = Self.word(in: bytes, from: index) else { break }
            words[word, default: 0] += 1
            total += 1
            if let previous { pairs[previous + " " + word, default: 0] += 1 }
            previous = word
            index = end
        }
    }

    /// The share of the times `first` is followed by `second`.
    func probability(of second: String, after first: String) -> Double {
        guard let count = words[first], count > 0 else { return 0 }
        return Double(pairs[first + " " + second] ?? 0) / Double(count)
    }

    /// How much likelier `second` is after `first` than anywhere: P(second | first) / P(second).
    /// Frequent words (`the`, `to`) follow almost anything, so they earn little.
    func lift(of second: String, after first: String) -> Double {
        guard let count = words[second], count > 0, total > 0 else { return 0 }
        return probability(of: second, after: first) / (Double(count) / Double(total))
    }

    /// The next word at or after `index`, lowercased, and where it ends.
    static func word(in bytes: [UInt8], from index: Int) -> (String, Int)? {
        var start = index
        while start < bytes.count && !isLetterOrDigitASCII(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        var end = start
        var letters: [UInt8] = []
        while end < bytes.count && isLetterOrDigitASCII(bytes[end]) {
            letters.append(bytes[end] | (bytes[end] >= 0x41 && bytes[end] <= 0x5A ? 0x20 : 0))
            end += 1
        }
        return (String(decoding: letters, as: UTF8.self), end)
    }

    /// The last word that ends at or before `index`, lowercased.
    static func word(in bytes: [UInt8], before index: Int) -> String? {
        var end = index
        while end > 0 && !isLetterOrDigitASCII(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0 && isLetterOrDigitASCII(bytes[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    }
}
