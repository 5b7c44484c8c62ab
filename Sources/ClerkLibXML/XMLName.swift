/// An element or attribute name, checked once and kept as NUL-terminated UTF-8: the writer copies
/// its bytes, and the schema validator reads it as a C string for as long as the element is open.
/// Make the names a program writes over and over once (`static let p: XMLName = "p"`).
public final class XMLName: @unchecked Sendable, ExpressibleByStringLiteral, CustomStringConvertible {  // immutable
    /// The name as given.
    public let description: String
    /// Why it is not an XML name, or nil; a writer refuses to write it.
    let problem: String?
    /// The name's UTF-8 followed by a NUL (not counted).
    let utf8: UnsafeBufferPointer<UInt8>

    public init(_ name: String) {
        description = name
        problem = nameProblem(name)
        let count = name.utf8.count
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count + 1)
        _ = storage.initialize(from: name.utf8)
        storage[count] = 0
        utf8 = UnsafeBufferPointer(rebasing: storage[..<count])
    }

    public convenience init(stringLiteral value: String) {
        self.init(value)
    }

    deinit {
        UnsafeMutablePointer(mutating: utf8.baseAddress!).deallocate()
    }

    /// The name as a C string (NUL-terminated), valid while this object lives.
    var cString: UnsafePointer<UInt8> { utf8.baseAddress! }
}

// MARK: - Character checks

func codePoint(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

/// Describes a character XML 1.0 does not allow (`Char` production) at `index` of UTF-8 `bytes`,
/// or nil. The forbidden code points are single bytes below 0x20 (other than tab, LF, CR) and
/// U+FFFE/U+FFFF (EF BF BE / EF BF BF); surrogates cannot occur in valid UTF-8.
@inline(__always)
func forbiddenCharacter(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let byte = bytes[index]
    if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
        return "\(codePoint(UInt32(byte))) (a control character XML 1.0 does not allow)"
    }
    if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF,
       bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
        let value: UInt32 = bytes[index + 2] == 0xBE ? 0xFFFE : 0xFFFF
        return "\(codePoint(value)) (a noncharacter XML 1.0 does not allow)"
    }
    return nil
}

/// Describes the first character XML 1.0 does not allow in `string`, or nil.
func forbiddenCharacter(in string: String) -> String? {
    var string = string
    return string.withUTF8 { bytes -> String? in
        for index in bytes.indices {
            if let problem = forbiddenCharacter(at: index, in: bytes) { return problem }
        }
        return nil
    }
}

/// Why `name` is not an XML name, or nil. ASCII is checked exactly; non-ASCII letters are
/// accepted (XML 1.0 fifth edition allows almost all of them).
func nameProblem(_ name: String) -> String? {
    guard !name.isEmpty else { return "it is empty" }
    if let problem = forbiddenCharacter(in: name) { return problem }
    for (offset, scalar) in name.unicodeScalars.enumerated() {
        let value = scalar.value
        if value >= 0x80 { continue }
        let isStart = (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) || value == 0x5F || value == 0x3A
        let isOther = (value >= 0x30 && value <= 0x39) || value == 0x2D || value == 0x2E
        if isStart || (offset > 0 && isOther) { continue }
        return "\(codePoint(value)) is not allowed \(offset == 0 ? "at the start of" : "in") a name"
    }
    return nil
}
