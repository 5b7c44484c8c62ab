/// The title a court's decision carries when no byline opens it: `ORDER`, `MEMORANDUM OPINION
/// AND ORDER`, `ORDER AND JUDGMENT`, `DECISION AND ORDER`, `ORDER GRANTING MOTION TO DISMISS`.
/// A line of its own in capitals, a few words, one of them a decision word, near the top.
enum DecisionTitle {
    /// How far from the top a title is looked for, in lines.
    static let maximumLines = 150
    private static let decisionWords: Set<String> = ["ORDER", "OPINION", "MEMORANDUM", "DECISION", "JUDGMENT"]

    /// The first title line in the text's first `maximumLines` lines: its text and byte range.
    static func find(in bytes: [UInt8]) -> (text: String, range: Range<Int>)? {
        var lines = 0
        for range in ByteLines.ranges(bytes) {
            lines += 1
            if lines > maximumLines { break }
            let content = trimmed(range, in: bytes)
            guard !content.isEmpty, content.count <= 80 else { continue }
            let text = String(decoding: bytes[content], as: UTF8.self)
            if isTitle(text) { return (text, content) }
        }
        return nil
    }

    /// A few words in capitals, none with a digit, with a decision word among them.
    static func isTitle(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard (1...8).contains(words.count), line.contains(where: \.isLetter),
              !line.contains(where: { $0.isNumber || $0.isLowercase || $0 == ":" }) else { return false }
        return words.contains { decisionWords.contains(String($0.filter(\.isLetter))) }
    }
}
