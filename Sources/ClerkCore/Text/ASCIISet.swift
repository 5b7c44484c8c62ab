/// A set of ASCII bytes as two 64-bit masks: a membership test is a shift and an `and`, where a
/// `Set<UInt8>` would hash the byte. Bytes of 0x80 and above are never members.
struct ASCIISet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        for byte in bytes where byte < 0x80 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    init(_ string: String) { self.init(string.utf8) }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? (low >> UInt64(byte)) & 1 != 0 : byte < 128 && (high >> UInt64(byte & 63)) & 1 != 0
    }
}
