/// What kind of bulk input a file is, told from its name and its first (decompressed) bytes.
public enum BulkFormat: String, Sendable, CaseIterable {
    /// Rows of a CSV file with a header (CourtListener's bulk files).
    case csv
    /// One JSON value per line (Caselaw Access Project volumes).
    case jsonLines
    /// One JSON array of records.
    case jsonArray
    /// One JSON object: a single record.
    case jsonObject

    /// The format of the file at `path` whose decompressed stream starts with `firstBytes`
    /// (a few kilobytes are plenty). The extensions that name one format decide (`.csv`, `.jsonl`,
    /// `.ndjson`, after `.bz2`, `.gz` or `.xz` is taken off); otherwise the content does: `[`
    /// first is an array; `{` first is JSON Lines when the first line holds a whole value and
    /// another line follows, else one object (pretty-printed, or alone). Nil when neither tells
    /// (a `.json` or unnamed file that does not start with `[` or `{`).
    public static func detect(path: String, firstBytes: some Collection<UInt8>) -> BulkFormat? {
        let named = byExtension(path)
        if named == .csv || named == .jsonLines { return named }
        return byContent(firstBytes, linesIfUnsure: false)
    }

    /// The format an extension names: `.csv`, `.jsonl` and `.ndjson` name one; `.json` names
    /// `jsonObject` (the content tells an array or lines from it). Compression extensions are
    /// looked through; the case of letters does not matter.
    public static func byExtension(_ path: String) -> BulkFormat? {
        let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        var parts = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst()
        if let last = parts.last, ["bz2", "gz", "xz"].contains(last) { parts = parts.dropLast() }
        switch parts.last {
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonLines
        case "json": return .jsonObject
        default: return nil
        }
    }

    /// The format the first bytes show (a byte order mark and whitespace skipped): nil when they
    /// do not start with `[` or `{`. When the first line does not end within `bytes`,
    /// `linesIfUnsure` decides between JSON Lines and one object.
    public static func byContent(_ bytes: some Collection<UInt8>, linesIfUnsure: Bool = false) -> BulkFormat? {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        rest = rest.drop(while: isWhitespace)
        switch rest.first {
        case UInt8(ascii: "["): return .jsonArray
        case UInt8(ascii: "{"): break
        default: return nil
        }
        switch firstLine(rest) {
        case .wholeValueThenMore: return .jsonLines
        case .wholeValueAlone: return .jsonObject
        case .openValue: return .jsonObject
        case .unknown: return linesIfUnsure ? .jsonLines : .jsonObject
        }
    }

    private enum FirstLine {
        /// The first line closes the value it opens, and another line with content follows.
        case wholeValueThenMore
        /// The value closes on the first line and nothing else follows.
        case wholeValueAlone
        /// The first line ends with the value still open (pretty-printed JSON).
        case openValue
        /// The bytes end before the first line does.
        case unknown
    }

    /// Follows the value that starts `bytes` (at `{`) through strings and brackets to the first
    /// line end.
    private static func firstLine<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> FirstLine {
        var depth = 0, inString = false, escaped = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                case 0x0A:
                    guard depth == 0 else { return .openValue }
                    let after = bytes[bytes.index(after: index)...]
                    return after.contains(where: { !isWhitespace($0) }) ? .wholeValueThenMore : .wholeValueAlone
                default: break
                }
            }
            index = bytes.index(after: index)
        }
        return depth == 0 && !inString ? .wholeValueAlone : .unknown
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
