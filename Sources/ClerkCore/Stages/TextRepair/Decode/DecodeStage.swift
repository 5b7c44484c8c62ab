/// Bytes to the text stream. Works on code units, never on `Character`s: the raw input is split
/// at LF, CRLF, CR and form feed (which also leaves a page boundary mark); C0 control characters
/// that XML 1.0 forbids are dropped and logged; each line is decoded on its own, so one stray
/// byte in an otherwise UTF-8 file costs only its own line a fallback decode. Every line of the
/// stream ends with `\n`.
public struct DecodeStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let fallbackEncoding = Parameter.string(
            "fallbackEncoding", allowed: SingleByteEncoding.allCases.map(\.rawValue), default: SingleByteEncoding.windows1252.rawValue,
            "Encoding for lines that are not valid UTF-8 (each such line is decoded with it, and a warning says so).")
        public var fallback: SingleByteEncoding

        public init(_ values: StageParameterValues) {
            fallback = SingleByteEncoding(rawValue: values[Self.fallbackEncoding]) ?? .windows1252
        }
    }

    public static let id = "decode"
    public static let summary =
        "Bytes to text: UTF-8 (a single-byte fallback per bad line, with a warning) or UTF-16 with BOM; CRLF/CR to LF; form feeds become page boundaries; forbidden control characters removed and logged; binary files refused."
    public static let phase = StagePhase.text
    public static let isMandatory = true

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        let raw = document.raw
        guard !raw.isEmpty else { throw StageFailure("the file is empty (0 bytes)") }
        var state = DecodeState(stage: Self.id, fallback: configuration.fallback)
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            state.log.edit(stage: Self.id, sourceOffset: 0, before: "\u{FEFF}", after: "", reason: "UTF-8 byte order mark removed")
            try state.splitUTF8(raw, from: 3)
        } else if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            let littleEndian = raw[0] == 0xFF
            let units = Self.utf16Units(raw, littleEndian: littleEndian)
            state.log.edit(
                stage: Self.id, sourceOffset: 0, before: "\u{FEFF}", after: "",
                reason: "UTF-16\(littleEndian ? "LE" : "BE") byte order mark removed; text decoded from UTF-16")
            if raw.count % 2 == 1 {
                state.log.warn(stage: Self.id, sourceOffset: raw.count - 1, "UTF-16 input has an odd number of bytes; the last byte was ignored")
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
        document.body = state.stream
        for edit in state.log.edits {
            document.log.edit(stage: edit.stage, sourceOffset: edit.sourceOffset, before: edit.before, after: edit.after, reason: edit.reason)
        }
        for warning in state.log.warnings {
            document.log.warn(stage: warning.stage, sourceOffset: warning.sourceOffset, warning.message)
        }
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
