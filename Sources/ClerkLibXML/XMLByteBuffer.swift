/// A growable byte buffer for the writer: appends are a capacity check and a copy, without the
/// uniqueness checks of an `Array` (the writer appends tens of thousands of small pieces per
/// document). The owner frees it with `deallocate()`.
struct XMLByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() {
        base.deallocate()
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    mutating func removeAll() {
        count = 0
    }

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ start: UnsafePointer<UInt8>, count length: Int) {
        guard length > 0 else { return }
        reserve(length)
        (base + count).update(from: start, count: length)
        count += length
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let start = bytes.baseAddress { append(start, count: bytes.count) }
    }

    @inline(__always)
    mutating func append(_ string: StaticString) {
        append(string.utf8Start, count: string.utf8CodeUnitCount)
    }

    /// Appends `value` in decimal.
    mutating func append(decimal value: Int) {
        reserve(20)
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, filled from the end
        let written = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
            var index = scratch.count
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                index -= 1
                scratch[index] = UInt8(ascii: "-")
            }
            let length = scratch.count - index
            (base + count).update(from: scratch.baseAddress!.advanced(by: index).assumingMemoryBound(to: UInt8.self), count: length)
            return length
        }
        count += written
    }
}

// MARK: - Escaping

/// Appends UTF-8 `bytes` escaped for character data (`&amp; &lt; &gt; &quot;`, CR as `&#13;`) or,
/// with `attribute`, for a double-quoted attribute value (tab, LF and CR also as character
/// references, so that they survive attribute-value normalisation). Returns the index of the
/// first character XML 1.0 forbids, having appended what came before it, or nil.
///
/// Plain runs are found eight bytes at a time and copied whole.
func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, to out: inout XMLByteBuffer) -> Int? {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
    let count = bytes.count
    out.reserve(count)
    var runStart = 0
    var index = 0
    while index < count {
        let end = min(index + 8, count)
        var word: UInt64 = 0x4141_4141_4141_4141  // the tail, padded with "A"
        if end - index == 8 {
            word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        } else {
            withUnsafeMutableBytes(of: &word) { $0.baseAddress!.copyMemory(from: base + index, byteCount: end - index) }
        }
        if !mayNeedEscaping(word) {
            index = end
            continue
        }
        while index < end {
            let byte = base[index]
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case 0x0D: replacement = "&#13;"
            case 0x0A:
                guard attribute else { index += 1; continue }
                replacement = "&#10;"
            case 0x09:
                guard attribute else { index += 1; continue }
                replacement = "&#9;"
            case 0xEF, 0x00..<0x20:
                if forbiddenCharacter(at: index, in: bytes) != nil {
                    out.append(base + runStart, count: index - runStart)
                    return index
                }
                index += 1
                continue
            default:
                index += 1
                continue
            }
            out.append(base + runStart, count: index - runStart)
            out.append(replacement)
            index += 1
            runStart = index
        }
    }
    out.append(base + runStart, count: count - runStart)
    return nil
}

/// Whether any of the eight bytes in `word` is one `appendEscaped` looks at: `& < > "`, a byte
/// below 0x20, or 0xEF (the lead byte of U+FFFE/U+FFFF). May say yes for a byte above one that
/// is; never says no wrongly.
@inline(__always)
private func mayNeedEscaping(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    /// High bit set in the bytes of `value` that are zero (and maybe in bytes above one that is).
    @inline(__always) func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
    let below = (word &- ones &* 0x20) & ~word & highs
    // `<` and `>` differ only in bit 1, `"` and `&` only in bit 2: one test for each pair.
    let angle = zeroBytes((word | ones &* 0x02) ^ (ones &* 0x3E))
    let quoteOrAmpersand = zeroBytes((word | ones &* 0x04) ^ (ones &* 0x26))
    let leadOfNoncharacter = zeroBytes(word ^ (ones &* 0xEF))
    return below | angle | quoteOrAmpersand | leadOfNoncharacter != 0
}
