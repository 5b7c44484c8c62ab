/// Bytes to text, for every reader that reads text. Works on code units, never on
/// `Character`s: the raw input is split at LF, CRLF, CR and form feed (which also leaves a page
/// boundary mark); C0 control characters that XML 1.0 forbids are dropped and logged; each line
/// is decoded on its own, so one stray byte in an otherwise UTF-8 file costs only its own line a
/// fallback decode. Every line of the stream ends with `\n`. UTF-16 with a byte order mark is
/// read too; an empty file, and a NUL byte anywhere else, are refused.
public enum TextDecoding {
    /// The name of this step in the edit log and in errors.
    public static let step = "decode"

    public static func decode(_ raw: [UInt8], fallback: SingleByteEncoding) throws(ReadingFailure) -> DecodedText {
        do {
            return try decodeOrFail(raw, fallback: fallback)
        } catch {
            throw ReadingFailure(step: step, error.message, sourceOffset: error.sourceOffset)
        }
    }

    private static func decodeOrFail(_ raw: [UInt8], fallback: SingleByteEncoding) throws(StageFailure) -> DecodedText {
        guard !raw.isEmpty else { throw StageFailure("the file is empty (0 bytes)") }
        var state = DecodeState(stage: step, fallback: fallback)
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            state.log.edit(stage: step, sourceOffset: 0, before: "\u{FEFF}", after: "", reason: "UTF-8 byte order mark removed")
            try state.splitUTF8(raw, from: 3)
        } else if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            let littleEndian = raw[0] == 0xFF
            let units = Self.utf16Units(raw, littleEndian: littleEndian)
            state.log.edit(
                stage: step, sourceOffset: 0, before: "\u{FEFF}", after: "",
                reason: "UTF-16\(littleEndian ? "LE" : "BE") byte order mark removed; text decoded from UTF-16")
            if raw.count % 2 == 1 {
                state.log.warn(stage: step, sourceOffset: raw.count - 1, "UTF-16 input has an odd number of bytes; the last byte was ignored")
            }
            try state.split(units: units, from: 1, unitSize: 2, decodeLine: DecodeState.decodeUTF16Line)
        } else {
            if case let nul = raw.withUnsafeBufferPointer({ ByteSearch.next(0, in: $0, from: 0) }), nul < raw.count {
                throw StageFailure(
                    "binary file: NUL byte (UTF-16 or UTF-32 without a byte order mark is not supported)", sourceOffset: nul)
            }
            try state.splitUTF8(raw, from: 0)
        }
        state.finish()
        return DecodedText(stream: state.stream, log: state.log)
    }

    private static func utf16Units(_ raw: [UInt8], littleEndian: Bool) -> [UInt16] {
        var units = [UInt16]()
        units.reserveCapacity(raw.count / 2)
        var index = 0
        while index + 1 < raw.count {
            let first = UInt16(raw[index]), second = UInt16(raw[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return units
    }
}

/// An input's text as decoded, and what decoding changed.
public struct DecodedText: Sendable {
    public var stream: TextStream
    public var log: EditLog

    /// Makes the decoded text the document's working text and adds decoding's log to its log.
    public func start(_ document: inout Document) {
        document.body = stream
        for edit in log.edits {
            document.log.edit(stage: edit.stage, sourceOffset: edit.sourceOffset, before: edit.before, after: edit.after, reason: edit.reason)
        }
        for warning in log.warnings {
            document.log.warn(stage: warning.stage, sourceOffset: warning.sourceOffset, warning.message)
        }
    }
}
