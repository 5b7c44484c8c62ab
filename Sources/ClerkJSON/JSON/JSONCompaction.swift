/// JSON without the whitespace between tokens: the one-line form JSON Lines needs, made from
/// the pretty bytes the emitters write (checked against the schema as they were written), so
/// that a stream's document is byte for byte the same value as `convert`'s file.
public enum JSONCompaction {
    /// `json` must be valid JSON; whitespace inside strings is kept (a string holds no raw line
    /// end or tab: JSON escapes them), whitespace between tokens is dropped.
    public static func compact(_ json: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count)
        var inString = false
        var escaped = false
        for byte in json {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            default:
                out.append(byte)
            }
        }
        return out
    }
}
