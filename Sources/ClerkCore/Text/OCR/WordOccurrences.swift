/// How often some words occur in a document's texts, as whole runs of ASCII letters and digits
/// whatever their case (so `officer’s` and `officer-side` count as uses of `officer`): one pass
/// over the bytes for the few words an OCR repair weighs, without building the whole vocabulary.
struct WordOccurrences: Sendable {
    private var counts: [[UInt8]: Int] = [:]

    /// Counts `words` (lowercase ASCII) in `texts`.
    init(of words: Set<[UInt8]>, in texts: [[UInt8]]) {
        guard !words.isEmpty else { return }
        // Cheap tests before hashing a word: its length and its first byte.
        var lengths = Set<Int>()
        var firsts = [Bool](repeating: false, count: 256)
        for word in words where !word.isEmpty {
            lengths.insert(word.count)
            firsts[Int(word[0])] = true
        }
        var buffer: [UInt8] = []
        for text in texts {
            var index = 0
            while index < text.count {
                guard isLetterOrDigitASCII(text[index]) else {
                    index += 1
                    continue
                }
                let start = index
                while index < text.count, isLetterOrDigitASCII(text[index]) { index += 1 }
                guard lengths.contains(index - start), firsts[Int(Self.lowercased(text[start]))] else { continue }
                buffer.removeAll(keepingCapacity: true)
                for byte in text[start..<index] { buffer.append(Self.lowercased(byte)) }
                if words.contains(buffer) { counts[buffer, default: 0] += 1 }
            }
        }
    }

    func count(of word: [UInt8]) -> Int { counts[word] ?? 0 }

    private static func lowercased(_ byte: UInt8) -> UInt8 { isUppercaseASCII(byte) ? byte + 32 : byte }
}
