/// Bytes to the text stream. Works on code units, never on `Character`s: the raw input is split
/// at LF, CRLF, CR and form feed (which also leaves a page boundary mark); C0 control characters
/// that XML 1.0 forbids are dropped and logged; each line is decoded on its own, so one stray
/// byte in an otherwise UTF-8 file costs only its own line a fallback decode. Every line of the
/// stream ends with `\n`.
public struct DecodeStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let parameters = [
            StageParameter(
                "fallbackEncoding", .string(allowed: SingleByteEncoding.allCases.map(\.rawValue)),
                default: .string(SingleByteEncoding.windows1252.rawValue),
                "Encoding for lines that are not valid UTF-8 (each such line is decoded with it, and a warning says so)."),
        ]
        public var fallback: SingleByteEncoding

        public init(_ values: StageParameterValues) {
            fallback = SingleByteEncoding(rawValue: values.string("fallbackEncoding")) ?? .windows1252
        }
    }

    public static let id = "decode"
    public static let summary =
        "Bytes to text: UTF-8 (a single-byte fallback per bad line, with a warning) or UTF-16 with BOM; CRLF/CR to LF; form feeds become page boundaries; forbidden control characters removed and logged; binary files refused."
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
            try state.split(units: raw, from: 3, unitSize: 1, decodeLine: DecodeState.decodeUTF8Line)
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
            if let nul = raw.firstIndex(of: 0) {
                throw StageFailure(
                    "binary file: NUL byte (UTF-16 or UTF-32 without a byte order mark is not supported)", sourceOffset: nul)
            }
            try state.split(units: raw, from: 0, unitSize: 1, decodeLine: DecodeState.decodeUTF8Line)
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

/// The decode stage's running state over one input.
private struct DecodeState {
    let stage: String
    let fallback: SingleByteEncoding
    var stream = TextStream()
    var log = EditLog()
    private var crlfCount = 0
    private var crCount = 0
    private var firstCROffset: Int?
    private var fallbackLines = 0
    private var firstFallbackOffset = 0
    private var replacedSurrogates = 0

    init(stage: String, fallback: SingleByteEncoding) {
        self.stage = stage
        self.fallback = fallback
    }

    /// Splits code units into lines, dropping control characters. `unitSize` converts unit
    /// indexes into byte offsets of the raw input.
    mutating func split<Unit: FixedWidthInteger>(
        units: [Unit], from start: Int, unitSize: Int,
        decodeLine: (inout DecodeState, [Unit], Int) -> String
    ) throws(StageFailure) {
        var content = [Unit]()
        // Where content resumes after a dropped character: (index in content, unit index).
        var resumes: [(content: Int, unit: Int)] = []
        var lineStart = start
        var index = start
        func byteOffset(_ unitIndex: Int) -> Int { unitIndex * unitSize }
        while index < units.count {
            let unit = units[index]
            guard unit < 0x20 else {
                content.append(unit)
                index += 1
                continue
            }
            switch unit {
            case 0x0A, 0x0D, 0x0C:
                let text = decodeLine(&self, content, byteOffset(lineStart))
                appendLine(text, content: content, resumes: resumes, lineStart: lineStart, unitSize: unitSize)
                stream.append([0x0A], source: byteOffset(index))
                content.removeAll(keepingCapacity: true)
                resumes.removeAll(keepingCapacity: true)
                if unit == 0x0D {
                    if firstCROffset == nil { firstCROffset = byteOffset(index) }
                    if index + 1 < units.count && units[index + 1] == 0x0A {
                        crlfCount += 1
                        index += 1
                    } else {
                        crCount += 1
                    }
                } else if unit == 0x0C {
                    stream.appendMark(.pageBreak(label: nil))
                    log.edit(
                        stage: stage, sourceOffset: byteOffset(index), before: controlPicture(0x0C), after: "\n",
                        reason: "form feed (U+000C, shown as ␌) replaced by a line break and a page boundary")
                }
                index += 1
                lineStart = index
            case 0x09:
                content.append(unit)
                index += 1
            case 0x00:
                throw StageFailure("binary file: NUL character", sourceOffset: byteOffset(index))
            default:
                log.edit(
                    stage: stage, sourceOffset: byteOffset(index),
                    before: controlPicture(Int(unit)), after: "",
                    reason: "control character U+\(hex4(Int(unit))) removed (XML 1.0 forbids it; shown by its control picture)")
                index += 1
                resumes.append((content.count, index))
            }
        }
        // The last line has no terminator, or the input ended with one and there is nothing left.
        if lineStart < units.count || !content.isEmpty {
            let text = decodeLine(&self, content, byteOffset(lineStart))
            appendLine(text, content: content, resumes: resumes, lineStart: lineStart, unitSize: unitSize)
            stream.append([0x0A], source: byteOffset(units.count))
        }
    }

    /// Appends a decoded line. When its bytes are the raw bytes (UTF-8 input), each run between
    /// dropped characters keeps its exact raw offset; otherwise the line maps from its start.
    private mutating func appendLine<Unit: FixedWidthInteger>(
        _ text: String, content: [Unit], resumes: [(content: Int, unit: Int)], lineStart: Int, unitSize: Int
    ) {
        let bytes = Array(text.utf8)
        guard unitSize == 1, !resumes.isEmpty, bytes.count == content.count else {
            stream.append(bytes, source: lineStart * unitSize)
            return
        }
        var from = 0, fromUnit = lineStart
        for resume in resumes {
            stream.append(bytes[from..<resume.content], source: fromUnit)
            from = resume.content
            fromUnit = resume.unit
        }
        stream.append(bytes[from...], source: fromUnit)
    }

    static func decodeUTF8Line(_ state: inout DecodeState, _ bytes: [UInt8], _ offset: Int) -> String {
        if let text = String(validating: bytes, as: UTF8.self) {
            return state.removingNoncharacters(text, at: offset)
        }
        if state.fallbackLines == 0 { state.firstFallbackOffset = offset }
        state.fallbackLines += 1
        return state.fallback.decode(bytes)
    }

    static func decodeUTF16Line(_ state: inout DecodeState, _ units: [UInt16], _ offset: Int) -> String {
        var scalars = String.UnicodeScalarView()
        _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF32.self, stoppingOnError: false) { value in
            if value == 0xFFFD && !units.contains(0xFFFD) { state.replacedSurrogates += 1 }
            scalars.append(Unicode.Scalar(value)!)
        }
        return state.removingNoncharacters(String(scalars), at: offset)
    }

    /// U+FFFE and U+FFFF are valid UTF-8 but not XML characters. The log cannot hold them either
    /// (the XML output carries the log), so it shows each as U+FFFD, the replacement character.
    mutating func removingNoncharacters(_ text: String, at offset: Int) -> String {
        guard text.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) else { return text }
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                log.edit(
                    stage: stage, sourceOffset: offset, before: "\u{FFFD}", after: "",
                    reason: "noncharacter U+\(hex4(Int(scalar.value))) removed (XML 1.0 forbids it; shown as U+FFFD)")
            } else {
                kept.append(scalar)
            }
        }
        return String(kept)
    }

    /// Records what is only worth one entry each: line-end normalization and fallback decoding.
    mutating func finish() {
        if let firstCROffset {
            var parts: [String] = []
            if crlfCount > 0 { parts.append("\(crlfCount) CRLF") }
            if crCount > 0 { parts.append("\(crCount) CR") }
            log.edit(
                stage: stage, sourceOffset: firstCROffset, before: crlfCount > 0 ? "\r\n" : "\r", after: "\n",
                reason: "line ends normalized to LF (\(parts.joined(separator: ", ")))")
        }
        if fallbackLines > 0 {
            log.warn(
                stage: stage, sourceOffset: firstFallbackOffset,
                "\(fallbackLines) line(s) were not valid UTF-8 and were decoded as \(fallback.rawValue)")
        }
        if replacedSurrogates > 0 {
            log.warn(stage: stage, "\(replacedSurrogates) unpaired UTF-16 surrogate(s) replaced by U+FFFD")
        }
    }
}

/// The visible stand-in for a C0 control character (U+2400 + code, `␌` for a form feed): the
/// edit log shows what was removed, and XML cannot carry the character itself.
private func controlPicture(_ code: Int) -> String {
    String(Unicode.Scalar(UInt32(0x2400 + code))!)
}

private func hex4(_ value: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
