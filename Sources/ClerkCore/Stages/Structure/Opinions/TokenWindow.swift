/// `TextTokenizer.words(in:from:limit:)` for a rising series of starts (the byline candidates of
/// a whole body), reading the text once: each token is built once, not once for every start
/// whose window reaches it. The answer is the same as a fresh reading's; where it could differ
/// (a start inside a word, a window cut by the byte cap), the start is read afresh.
struct TokenWindow {
    private let bytes: [UInt8]
    private let limit: Int
    private var reader: TokenReader
    /// Tokens read that start at or after the last start asked for (from `head` on).
    private var buffer: [TextToken] = []
    private var head = 0
    /// Where the last token read starts (-1 before any).
    private var lastRead = -1
    private var blankLines: BlankLineFinder

    init(bytes: [UInt8], limit: Int) {
        self.bytes = bytes
        self.limit = limit
        reader = TokenReader(bytes: bytes, range: 0..<bytes.count)
        blankLines = BlankLineFinder(bytes: bytes)
    }

    /// The words from `start`; starts must rise from call to call.
    mutating func words(from start: Int) -> [TextToken] {
        let isSeparator = TextTokenizer.isSpaceOrLineEnd
        guard start < bytes.count, !isSeparator(bytes[start]), start == 0 || isSeparator(bytes[start - 1]) else {
            return TextTokenizer.words(in: bytes, from: start, limit: limit)
        }
        // A fresh reading stops at the end of the first blank line after the start.
        let stop = blankLines.end(after: start)
        while head < buffer.count && buffer[head].range.lowerBound < start { head += 1 }
        if head >= 4096 {
            buffer.removeFirst(head)
            head = 0
        }
        if head == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            head = 0
            if reader.position < start { reader.skip(to: start) }
        }
        while buffer.count - head < limit && lastRead < stop, let token = reader.next() {
            lastRead = token.range.lowerBound
            if token.range.lowerBound >= start { buffer.append(token) }
        }
        var words = Array(buffer[head...].prefix { $0.range.lowerBound < stop }.prefix(limit))
        guard agreesWithFreshReading(words, from: start, stop: stop) else {
            return TextTokenizer.words(in: bytes, from: start, limit: limit)
        }
        // A region that starts inside a line does not start a line.
        if !words.isEmpty { words[0].startsLine = start == 0 || bytes[start - 1] == 0x0A }
        return words
    }

    /// A fresh reading looks at `limit` × 64 bytes at most, backing off to white space: it
    /// reads the same words when the blank line comes first, or when its cut falls after the
    /// last word taken.
    private func agreesWithFreshReading(_ words: [TextToken], from start: Int, stop: Int) -> Bool {
        let cap = min(bytes.count, start + limit * 64)
        guard stop > cap, let end = words.last?.range.upperBound else { return true }
        return end <= cap && (end == bytes.count || TextTokenizer.isSpaceOrLineEnd(bytes[end]))
    }
}

/// For rising offsets, the line end that closes the first blank line (spaces, tabs and CRs
/// only) opening at or after the offset, or the end of the text; each byte is looked at once.
struct BlankLineFinder {
    let bytes: [UInt8]
    /// The last blank line found: its opening and closing line ends.
    private var found: (opening: Int, closing: Int)?
    /// Where the search goes on: nothing before it opens a blank line not yet found.
    private var searched = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func end(after start: Int) -> Int {
        if let found, found.opening >= start { return found.closing }
        // Each line end (found with `memchr`) opens a blank line when only spaces, tabs and CRs
        // follow it up to the next line end.
        var index = max(searched, start)
        let blank: (opening: Int, closing: Int)? = bytes.withUnsafeBufferPointer { buffer in
            while let opening = ByteLines.firstIndex(of: 0x0A, in: buffer, from: index, to: buffer.count) {
                var next = opening + 1
                while next < buffer.count && (buffer[next] == 0x20 || buffer[next] == 0x09 || buffer[next] == 0x0D) { next += 1 }
                if next < buffer.count && buffer[next] == 0x0A { return (opening, next) }
                index = next
            }
            return nil
        }
        if let blank {
            found = blank
            searched = blank.closing
            return blank.closing
        }
        found = (bytes.count, bytes.count)
        searched = bytes.count
        return bytes.count
    }
}
