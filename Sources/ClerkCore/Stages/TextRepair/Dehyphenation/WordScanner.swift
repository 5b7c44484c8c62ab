/// Word boundaries over UTF-8 bytes: letters and digits, with apostrophes only between letters.
/// ASCII is classified by byte; other scalars are decoded.
struct WordScanner {
    let bytes: [UInt8]

    /// Whether a letter starts at `index`.
    func isLetter(at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        return byte < 0x80 ? isLetterASCII(byte) : UTF8Scalars.isLetter(UTF8Scalars.scalar(in: bytes, at: index).scalar)
    }

    func isLetterOrDigit(at index: Int) -> Bool {
        index < bytes.count && (isDigit(bytes[index]) || isLetter(at: index))
    }

    /// Whether the scalar ending just before `index` is a letter or digit.
    func isLetterOrDigit(before index: Int) -> Bool {
        index > 0 && isLetterOrDigit(at: UTF8Scalars.start(before: index, in: bytes))
    }

    /// The end of the word that starts at `index` (letters, digits, inner apostrophes).
    func wordEnd(from index: Int) -> Int {
        var end = index
        let count = bytes.count
        while end < count {
            let byte = bytes[end]
            if byte < 0x80 {
                if isLetterOrDigitASCII(byte) {
                    end += 1
                    continue
                }
                guard byte == 0x27, isLetter(at: end + 1) else { break }
                end += 1
                continue
            }
            let (scalar, length) = UTF8Scalars.scalar(in: bytes, at: end)
            if UTF8Scalars.isLetter(scalar) {
                end += length
                continue
            }
            guard UTF8Scalars.isApostrophe(scalar), isLetter(at: end + length) else { break }
            end += length
        }
        return end
    }

    /// The start of the word that ends at `index`.
    func wordStart(before index: Int) -> Int {
        var start = index
        while start > 0 {
            let previous = UTF8Scalars.start(before: start, in: bytes)
            if isLetterOrDigit(at: previous) {
                start = previous
                continue
            }
            let scalar = UTF8Scalars.scalar(in: bytes, at: previous).scalar
            guard UTF8Scalars.isApostrophe(scalar), previous > 0, isLetterOrDigit(before: previous) else { break }
            start = previous
        }
        return start
    }
}
