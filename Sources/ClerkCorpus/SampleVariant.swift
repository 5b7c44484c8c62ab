import Foundation

/// The ways batches dress the same text: line ends, page breaks, byte order marks, encodings,
/// an HTML wrapper. The stress test and `clerk bench` apply them to pieces of real dumps.
public enum SampleVariant: Int, CaseIterable, Sendable {
    case plain, crlf, formFeeds, utf8BOM, utf16LE, latin1Bytes, html

    /// The file extension an input of this variant gets.
    public var fileExtension: String { self == .html ? "html" : "txt" }

    /// `bytes` (UTF-8 text) in this variant; `random` picks where form feeds and Latin-1 bytes go.
    public func apply(to bytes: [UInt8], random: inout SplitMix64) -> [UInt8] {
        switch self {
        case .plain:
            return bytes
        case .crlf:
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 32)
            for byte in bytes {
                if byte == 0x0A { out.append(0x0D) }
                out.append(byte)
            }
            return out
        case .formFeeds:
            return bytes.map { $0 == 0x0A && random.next() % 40 == 0 ? 0x0C : $0 }
        case .utf8BOM:
            return [0xEF, 0xBB, 0xBF] + bytes
        case .utf16LE:
            return [0xFF, 0xFE] + String(decoding: bytes, as: UTF8.self).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .latin1Bytes:
            return bytes.map { $0 == 0x65 && random.next() % 50 == 0 ? 0xE9 : $0 }  // a Latin-1 é now and then
        case .html:
            let text = String(decoding: bytes, as: UTF8.self)
                .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            return Array("<html><body><p>\(text.replacingOccurrences(of: "\n\n", with: "</p><p>"))</p></body></html>".utf8)
        }
    }
}
