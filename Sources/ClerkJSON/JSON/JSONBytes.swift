/// The byte forms shared by the JSON writers: quoted strings and integers, appended straight to
/// a `[UInt8]`.
enum JSONBytes {
    /// Appends `bytes` (valid UTF-8) as a JSON string: `"`, `\`, control characters and U+2028/U+2029
    /// escaped (`\n \r \t \b \f`, others `\u00xx`), everything else copied as it is.
    static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        guard let base = bytes.baseAddress else {
            out.append(UInt8(ascii: "\""))
            return
        }
        var runStart = 0
        var escaped: (UInt64, UInt64) = (0, 0)
        while let (position, width) = nextEscape(in: base, count: bytes.count, from: runStart) {
            out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: position - runStart))
            withUnsafeMutableBytes(of: &escaped) { scratch in
                let target = scratch.baseAddress!.assumingMemoryBound(to: UInt8.self)
                let length = writeEscape(of: base + position, width: width, to: target)
                out.append(contentsOf: UnsafeBufferPointer(start: target, count: length))
            }
            runStart = position + width
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: bytes.count - runStart))
        out.append(UInt8(ascii: "\""))
    }

    /// The first sequence at or after `start` that needs an escape: its position and width (3 for
    /// U+2028/U+2029, else 1), or nil. Runs of plain bytes are skipped eight at a time.
    @inline(__always)
    static func nextEscape(in base: UnsafePointer<UInt8>, count: Int, from start: Int) -> (position: Int, width: Int)? {
        var index = start
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            guard needsLook(word) else {
                index += 8
                continue
            }
            let end = index + 8
            while index < end {
                if let width = escapeWidth(base, count, index) { return (index, width) }
                index += 1
            }
        }
        while index < count {
            if let width = escapeWidth(base, count, index) { return (index, width) }
            index += 1
        }
        return nil
    }

    @inline(__always)
    private static func escapeWidth(_ base: UnsafePointer<UInt8>, _ count: Int, _ index: Int) -> Int? {
        let byte = base[index]
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return 1 }
        // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR break JavaScript string literals.
        if byte == 0xE2, index + 2 < count, base[index + 1] == 0x80, base[index + 2] == 0xA8 || base[index + 2] == 0xA9 { return 3 }
        return nil
    }

    /// Writes the escape of the `width` bytes at `source` to `out` and returns its length (6 at most).
    static func writeEscape(of source: UnsafePointer<UInt8>, width: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let byte = source[0]
        out[0] = UInt8(ascii: "\\")
        let short: UInt8
        switch byte {
        case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        default: short = 0
        }
        if short != 0 {
            out[1] = short
            return 2
        }
        out[1] = UInt8(ascii: "u")
        if width == 3 {
            (out[2], out[3], out[4], out[5]) = (UInt8(ascii: "2"), UInt8(ascii: "0"), UInt8(ascii: "2"), source[2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
        } else {
            (out[2], out[3], out[4], out[5]) = (UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigit(byte >> 4), hexDigit(byte & 0x0F))
        }
        return 6
    }

    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted($0, to: &out) }
    }

    /// Whether any byte of `word` is below 0x20 or is `"`, `\` or 0xE2 (exact: no false negatives,
    /// and a false positive only costs a look at the bytes one by one).
    @inline(__always)
    private static func needsLook(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        return (control | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C)) | hasZero(word ^ (ones &* 0xE2))) != 0
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the decimal digits of `value`.
    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value >= 0 && value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Work with the magnitude so Int.min does not overflow; 20 digits at most.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var magnitude = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = 24
            while magnitude > 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            if value < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position..<24]))
        }
    }
}
