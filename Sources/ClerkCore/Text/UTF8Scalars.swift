/// Reading Unicode scalars straight from UTF-8 bytes, for stages that scan `[UInt8]` and only
/// now and then need to know whether a non-ASCII byte sequence is a letter. Input is valid
/// UTF-8 (decoding, in every reader that reads text, guarantees it).
enum UTF8Scalars {
    /// The scalar that starts at `index` and its length in bytes.
    static func scalar(in bytes: [UInt8], at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The start of the scalar that ends just before `index`.
    static func start(before index: Int, in bytes: [UInt8]) -> Int {
        var start = index - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A) : scalar.properties.isAlphabetic
    }

    /// Whether the scalar at `index` is a capital letter, ASCII or not (`Ø` in `ØVERBY`).
    static func isUppercase(in bytes: [UInt8], at index: Int) -> Bool {
        bytes[index] < 0x80 ? isUppercaseASCII(bytes[index]) : scalar(in: bytes, at: index).scalar.properties.isUppercase
    }

    /// How many scalars `bytes` hold: the bytes that are not continuation bytes (`10xxxxxx`),
    /// counted eight at a time.
    static func count(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0, index = 0
        if bytes.count >= 8 {
            let raw = UnsafeRawPointer(bytes.baseAddress!)
            while index + 8 <= bytes.count {
                let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let continuations = chunk & ~(chunk << 1) & 0x8080_8080_8080_8080
                count += 8 - continuations.nonzeroBitCount
                index += 8
            }
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// Appends the UTF-8 bytes of `value`, a Unicode scalar value (not a surrogate).
    @inline(__always)
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case ..<0x80:
            bytes.append(UInt8(truncatingIfNeeded: value))
        case ..<0x800:
            bytes.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        }
    }

    /// An apostrophe that may sit inside a word (`court's`, `court’s`).
    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }
}
