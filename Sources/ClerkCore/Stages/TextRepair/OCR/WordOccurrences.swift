/// How often some words occur in a document's texts, as whole runs of ASCII letters and digits
/// whatever their case (so `officer’s` and `officer-side` count as uses of `officer`): one pass
/// over the bytes for the few words an OCR repair weighs, without building the whole vocabulary.
struct WordOccurrences: Sendable {
    private var words = ByteWordTable()
    private var counts: [Int] = []

    /// Counts `words` (lowercase ASCII) in `texts`.
    init(of words: Set<[UInt8]>, in texts: [[UInt8]]) {
        guard !words.isEmpty else { return }
        // Cheap tests before hashing a run: its length and its first byte.
        var lengths = [Bool](repeating: false, count: 1)
        var firsts = [Bool](repeating: false, count: 256)
        for word in words where !word.isEmpty {
            self.words.insert(word)
            if word.count >= lengths.count { lengths += repeatElement(false, count: word.count + 1 - lengths.count) }
            lengths[word.count] = true
            firsts[Int(word[0])] = true
        }
        counts = [Int](repeating: 0, count: self.words.count)
        for text in texts {
            text.withUnsafeBufferPointer { text in
                var index = 0
                while index < text.count {
                    guard isLetterOrDigitASCII(text[index]) else {
                        index += 1
                        continue
                    }
                    let start = index
                    while index < text.count, isLetterOrDigitASCII(text[index]) { index += 1 }
                    let length = index - start
                    guard length < lengths.count, lengths[length], firsts[Int(lowercasedASCII(text[start]))] else { continue }
                    if let id = self.words.index(ofLowercased: UnsafeBufferPointer(rebasing: text[start..<index])) { counts[id] += 1 }
                }
            }
        }
    }

    func count(of word: [UInt8]) -> Int { words.index(of: word).map { counts[$0] } ?? 0 }
}
