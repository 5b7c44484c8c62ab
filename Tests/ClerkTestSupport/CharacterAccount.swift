/// Clerk's promise that nothing is lost, counted the way `scripts/checks/check-nothing-lost.py`
/// counts it: for every character that is not white space, its count in the raw input equals its
/// count in the output (block and footnote texts) minus what edits inserted plus what edits
/// removed. Text moved from the body into the notes is in the output already, so those edits are
/// not counted as removals. A C0 control character the decoder removed is logged as its control
/// picture (`␁` for U+0001), so the input's controls are counted as their pictures, and pictures
/// left over (those of white-space controls such as a form feed) are not counted as extra; the
/// noncharacters U+FFFE and U+FFFF, which XML cannot carry either, are logged as U+FFFD.
public struct CharacterAccount: Sendable, CustomStringConvertible {
    /// One edit of the log: what was there, what is there now, and why.
    public struct Edit: Sendable {
        public var before: String
        public var after: String
        public var reason: String

        public init(before: String, after: String, reason: String) {
            self.before = before
            self.after = after
            self.reason = reason
        }
    }

    /// Characters of the input that neither the output nor the log accounts for, with how many.
    public private(set) var missing: [Unicode.Scalar: Int] = [:]
    /// Characters in the output or the log that the input does not hold, with how many.
    public private(set) var extra: [Unicode.Scalar: Int] = [:]
    /// Characters counted in the input.
    public private(set) var inputCount = 0

    public var isBalanced: Bool { missing.isEmpty && extra.isEmpty }

    public init(raw: [UInt8], outputTexts: [String], edits: [Edit]) {
        let input = Self.characters(Self.decode(raw), standingIn: true)
        inputCount = input.values.reduce(0, +)
        var accounted: [Unicode.Scalar: Int] = [:]
        for text in outputTexts { Self.add(text, sign: 1, into: &accounted) }
        for edit in edits {
            Self.add(edit.before, sign: 1, into: &accounted)
            Self.add(edit.after, sign: -1, into: &accounted)
            // Moved text is both in the log and in the output: count it once.
            if edit.reason.hasSuffix("moved from the body to the notes") {
                Self.add(edit.before, sign: -1, into: &accounted)
            }
        }
        for (scalar, count) in input where count > accounted[scalar, default: 0] {
            missing[scalar] = count - accounted[scalar, default: 0]
        }
        for (scalar, count) in accounted where count > input[scalar, default: 0] && !Self.isControlPicture(scalar) {
            extra[scalar] = count - input[scalar, default: 0]
        }
    }

    public var description: String {
        guard !isBalanced else { return "nothing lost (\(inputCount) characters)" }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing from output and log: " + Self.listing(missing)) }
        if !extra.isEmpty { parts.append("in output or log but not in the input: " + Self.listing(extra)) }
        return parts.joined(separator: "; ")
    }

    /// The input as the Python checker reads it: UTF-8 (a leading byte order mark dropped), or
    /// else Windows-1252 with U+FFFD for its five undefined bytes.
    static func decode(_ raw: [UInt8]) -> String {
        let bytes = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(raw.dropFirst(3)) : raw
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var scalars = String.UnicodeScalarView()
        for byte in raw {
            scalars.append(Self.windows1252(byte))
        }
        return String(scalars)
    }

    private static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let table: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(table[Int(byte - 0x80)])!
    }

    /// White space as Python's `str.isspace` has it: Unicode's White_Space, and the information
    /// separators U+001C to U+001F (bidirectional class B or S).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    private static func isControlPicture(_ scalar: Unicode.Scalar) -> Bool {
        (0x2400...0x241F).contains(scalar.value)
    }

    private static func characters(_ text: String, standingIn: Bool) -> [Unicode.Scalar: Int] {
        var counts: [Unicode.Scalar: Int] = [:]
        for scalar in text.unicodeScalars where !isSpace(scalar) {
            if standingIn && scalar.value < 0x20 {
                counts[Unicode.Scalar(0x2400 + scalar.value)!, default: 0] += 1
            } else if standingIn && (scalar.value == 0xFFFE || scalar.value == 0xFFFF) {
                counts["\u{FFFD}", default: 0] += 1
            } else {
                counts[scalar, default: 0] += 1
            }
        }
        return counts
    }

    private static func add(_ text: String, sign: Int, into counts: inout [Unicode.Scalar: Int]) {
        for scalar in text.unicodeScalars where !isSpace(scalar) {
            counts[scalar, default: 0] += sign
        }
    }

    /// The 20 most frequent, as `"x" (U+0078) ×3`.
    private static func listing(_ counts: [Unicode.Scalar: Int]) -> String {
        counts.sorted { ($0.value, $1.key.value) > ($1.value, $0.key.value) }.prefix(20).map { scalar, count in
            "\"\(scalar.escaped(asASCII: false))\" (U+\(String(scalar.value, radix: 16, uppercase: true))) ×\(count)"
        }.joined(separator: ", ") + (counts.count > 20 ? ", …" : "")
    }
}
