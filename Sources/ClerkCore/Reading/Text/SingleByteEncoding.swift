/// The single-byte encodings decoding falls back to for lines that are not UTF-8.
public enum SingleByteEncoding: String, Sendable, CaseIterable {
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"

    /// Windows-1252's 0x80–0x9F; the five bytes it leaves undefined map to the C1 code points,
    /// as the WHATWG Encoding Standard does.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The value of `byte` in this encoding.
    @inline(__always)
    func scalarValue(_ byte: UInt8) -> UInt32 {
        self == .windows1252 && byte >= 0x80 && byte <= 0x9F ? Self.windows1252High[Int(byte &- 0x80)] : UInt32(byte)
    }

    /// Appends `bytes` decoded, as UTF-8 (no `String` in between).
    func appendUTF8(decoding bytes: [UInt8], to out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count * 2)
        for byte in bytes {
            if byte < 0x80 { out.append(byte) } else { UTF8Scalars.append(scalarValue(byte), to: &out) }
        }
    }

    public func decode(_ bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = (self == .windows1252 && (0x80...0x9F).contains(byte))
                ? Self.windows1252High[Int(byte - 0x80)] : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }
}
