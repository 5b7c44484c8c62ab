import Foundation

/// Characters, not layout. First pass: no-break spaces (U+00A0, U+2007, U+202F) and the other
/// fixed-width spaces (en, em, thin, hair: U+2000–U+200A, U+205F) become plain spaces; zero-width characters (U+200B, U+2060, U+FEFF) and soft hyphens (U+00AD) are removed.
/// A soft hyphen at a line end (spaces may follow it) marks a word split there: the line break
/// and the next line's indentation go too, joining the word. Second pass: Unicode NFC, computed
/// only for the non-ASCII stretches of the text and logged with the smallest changed span.
/// Typographic quotes and dashes stay; tabs are left to the layout stages.
///
/// NFC runs after the first pass so that removing a zero-width character between a letter and
/// a combining mark still ends in composed text (running the stage twice changes nothing more).
public struct NormalizeStage: Stage {
    public typealias Configuration = NoParameters

    public static let id = "normalize"
    public static let summary = "Unicode NFC; no-break and typographic (en, em, thin) spaces become spaces; zero-width characters and soft hyphens removed (a line-end soft hyphen joins the split word)."
    public static let phase = StagePhase.text

    public init(configuration: Configuration) {}

    public func run(_ document: inout Document) throws(StageFailure) {
        document.body.apply(Self.characterEdits(document.body.bytes), stage: Self.id, log: &document.log)
        document.body.apply(Self.compositionEdits(document.body.bytes), stage: Self.id, log: &document.log)
    }

    /// Pass one: the special characters. A run of one kind becomes one edit.
    static func characterEdits(_ bytes: [UInt8]) -> [TextEdit] {
        var edits: [TextEdit] = []
        var index = 0
        let count = bytes.count
        while index < count {
            index = asciiRunEnd(bytes, from: index)
            guard index < count else { break }
            guard bytes[index] >= 0xC2, let kind = SpecialCharacter(bytes, at: index) else {
                index += 1
                continue
            }
            let start = index
            index += kind.byteCount
            if kind == .softHyphen, let joinEnd = Self.wordJoinEnd(afterSoftHyphenEndingAt: index, in: bytes) {
                edits.append(TextEdit(
                    range: start..<joinEnd,
                    reason: "soft hyphen at a line end removed; the word split there is joined across the line break"))
                index = joinEnd
                continue
            }
            var run = 1
            while index < count, SpecialCharacter(bytes, at: index) == kind,
                  kind != .softHyphen || Self.wordJoinEnd(afterSoftHyphenEndingAt: index + kind.byteCount, in: bytes) == nil {
                index += kind.byteCount
                run += 1
            }
            edits.append(TextEdit(
                range: start..<index, replacement: String(repeating: kind.replacement, count: run), reason: kind.reason))
        }
        return edits
    }

    /// Where the joined word resumes when the soft hyphen ending at `end` closes its line (only
    /// spaces or tabs after it) and a non-blank line follows; nil otherwise.
    private static func wordJoinEnd(afterSoftHyphenEndingAt end: Int, in bytes: [UInt8]) -> Int? {
        var index = end
        while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        guard index < bytes.count, bytes[index] == 0x0A else { return nil }
        index += 1
        while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        guard index < bytes.count, bytes[index] != 0x0A else { return nil }
        return index
    }

    /// Pass two: canonical composition. The text is cut before every ASCII byte (an ASCII
    /// character never composes with what precedes it and is never reordered), so each
    /// non-ASCII run together with the character before it normalizes on its own.
    static func compositionEdits(_ bytes: [UInt8]) -> [TextEdit] {
        var edits: [TextEdit] = []
        var index = 0
        let count = bytes.count
        while index < count {
            index = asciiRunEnd(bytes, from: index)
            guard index < count else { break }
            guard bytes[index] >= 0x80 else {
                index += 1
                continue
            }
            let start = index > 0 && bytes[index - 1] != 0x0A ? index - 1 : index
            var end = index
            var needsNormalization = false
            while end < count && bytes[end] >= 0x80 {
                let length = Self.scalarLength(lead: bytes[end])
                if !needsNormalization && !Self.isComposedAndInert(bytes, at: end, length: length) { needsNormalization = true }
                end = min(count, end + length)
            }
            index = end
            guard needsNormalization else { continue }
            let original = Array(bytes[start..<end])
            let composed = Array(String(decoding: original, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
            guard composed != original, let edit = Self.smallestEdit(from: original, to: composed, at: start) else { continue }
            edits.append(edit)
        }
        return edits
    }

    /// The edit that turns `original` (at byte `offset`) into `changed`, without their common
    /// prefix and suffix, cut at scalar boundaries.
    private static func smallestEdit(from original: [UInt8], to changed: [UInt8], at offset: Int) -> TextEdit? {
        var prefix = 0
        while prefix < original.count && prefix < changed.count && original[prefix] == changed[prefix] { prefix += 1 }
        while prefix > 0 && prefix < original.count && Self.isContinuation(original[prefix]) { prefix -= 1 }
        var suffix = 0
        let limit = min(original.count, changed.count) - prefix
        while suffix < limit && original[original.count - 1 - suffix] == changed[changed.count - 1 - suffix] { suffix += 1 }
        while suffix > 0 && Self.isContinuation(original[original.count - suffix]) { suffix -= 1 }
        let removed = prefix..<(original.count - suffix)
        let inserted = changed[prefix..<(changed.count - suffix)]
        guard !removed.isEmpty || !inserted.isEmpty else { return nil }
        return TextEdit(
            range: (offset + removed.lowerBound)..<(offset + removed.upperBound),
            replacement: String(decoding: inserted, as: UTF8.self),
            reason: "Unicode canonical composition (NFC)")
    }

    /// Scalars that NFC leaves as they are and that never compose with a neighbour: Latin-1
    /// (U+00A0–U+00FF) and general punctuation (U+2010–U+2027, U+2030–U+205E), i.e. the
    /// typographic quotes, dashes, §, ¶ and accented letters of ordinary opinions.
    private static func isComposedAndInert(_ bytes: [UInt8], at index: Int, length: Int) -> Bool {
        guard index + length <= bytes.count else { return false }
        switch length {
        case 2:
            return bytes[index] == 0xC2 || bytes[index] == 0xC3
        case 3:
            guard bytes[index] == 0xE2 else { return false }
            let value = (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F) | 0x2000
            return (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value)
        default:
            return false
        }
    }

    private static func scalarLength(lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The first byte at or after `start` that may not be ASCII, eight bytes at a time: neither
    /// pass changes ASCII, and most text is ASCII.
    @inline(__always)
    private static func asciiRunEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var index = start
            while index + 8 <= raw.count && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            return index
        }
    }
}

/// The characters of the first pass, recognised by their UTF-8 bytes.
enum SpecialCharacter: Equatable {
    case noBreakSpace, figureSpace, narrowNoBreakSpace
    /// En, em, thin, hair and the other fixed-width spaces (U+2000–U+200A but U+2007, U+205F).
    case typographicSpace(UInt32)
    case zeroWidthSpace, wordJoiner, zeroWidthNoBreakSpace
    case softHyphen

    init?(_ bytes: [UInt8], at index: Int) {
        let count = bytes.count
        switch bytes[index] {
        case 0xC2 where index + 1 < count:
            switch bytes[index + 1] {
            case 0xA0: self = .noBreakSpace
            case 0xAD: self = .softHyphen
            default: return nil
            }
        case 0xE2 where index + 2 < count:
            switch (bytes[index + 1], bytes[index + 2]) {
            case (0x80, 0x87): self = .figureSpace
            case (0x80, 0x80...0x8A): self = .typographicSpace(0x2000 + UInt32(bytes[index + 2] - 0x80))
            case (0x81, 0x9F): self = .typographicSpace(0x205F)
            case (0x80, 0xAF): self = .narrowNoBreakSpace
            case (0x80, 0x8B): self = .zeroWidthSpace
            case (0x81, 0xA0): self = .wordJoiner
            default: return nil
            }
        case 0xEF where index + 2 < count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF:
            self = .zeroWidthNoBreakSpace
        default:
            return nil
        }
    }

    var byteCount: Int {
        switch self {
        case .noBreakSpace, .softHyphen: 2
        default: 3
        }
    }

    var replacement: String {
        switch self {
        case .noBreakSpace, .figureSpace, .narrowNoBreakSpace, .typographicSpace: " "
        default: ""
        }
    }

    var reason: String {
        switch self {
        case .noBreakSpace: "no-break space (U+00A0) replaced by a space"
        case .figureSpace: "figure space (U+2007) replaced by a space"
        case .narrowNoBreakSpace: "narrow no-break space (U+202F) replaced by a space"
        case .typographicSpace(let value):
            "typographic space (U+\(String(value, radix: 16, uppercase: true))) replaced by a space"
        case .zeroWidthSpace: "zero-width space (U+200B) removed"
        case .wordJoiner: "word joiner (U+2060) removed"
        case .zeroWidthNoBreakSpace: "zero-width no-break space (U+FEFF) inside the text removed"
        case .softHyphen: "soft hyphen (U+00AD) removed"
        }
    }
}
