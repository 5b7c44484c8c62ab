/// The running state of decoding one input's bytes (`TextDecoding`).
struct DecodeState {
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
    /// The current line decoded, as UTF-8 (reused from line to line).
    private var decoded: [UInt8] = []

    init(stage: String, fallback: SingleByteEncoding) {
        self.stage = stage
        self.fallback = fallback
    }

    /// Splits code units into lines, dropping control characters. `unitSize` converts unit
    /// indexes into byte offsets of the raw input.
    mutating func split<Unit: FixedWidthInteger>(
        units: [Unit], from start: Int, unitSize: Int,
        decodeLine: (inout DecodeState, [Unit], Int, inout [UInt8]) -> Void
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
                decodeInto { decodeLine(&$0, content, byteOffset(lineStart), &$1) }
                appendLine(content: content, resumes: resumes, lineStart: lineStart, unitSize: unitSize)
                content.removeAll(keepingCapacity: true)
                resumes.removeAll(keepingCapacity: true)
                let takesLF = lineEnd(UInt8(unit), at: byteOffset(index), beforeLF: index + 1 < units.count && units[index + 1] == 0x0A)
                index += takesLF ? 2 : 1
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
            decodeInto { decodeLine(&$0, content, byteOffset(lineStart), &$1) }
            appendLine(content: content, resumes: resumes, lineStart: lineStart, unitSize: unitSize)
            stream.append([0x0A], source: byteOffset(units.count))
        }
    }

    /// `split` for UTF-8 input. Whole lines of clean text (well-formed UTF-8 without
    /// noncharacters, no control character but tabs, LF line ends) are copied as they are, many
    /// lines at a time; any other line is taken a line at a time, the lines with characters to
    /// change or drop the way `split` takes them, with the same result.
    mutating func splitUTF8(_ raw: [UInt8], from start: Int) throws(StageFailure) {
        var lineStart = start
        while true {
            let run = raw.withUnsafeBufferPointer { Self.cleanRun($0, from: lineStart) }
            if run.lastLineEnd >= lineStart {
                stream.append(raw[lineStart...run.lastLineEnd], source: lineStart)
                lineStart = run.lastLineEnd + 1
            }
            // Up to a control character (or the end), the line is known to be clean.
            let cleanUpTo = run.stop == raw.count || raw[run.stop] < 0x20 ? run.stop : nil
            guard let next = try splitUTF8Line(raw, from: lineStart, cleanUpTo: cleanUpTo) else { return }
            lineStart = next
        }
    }

    /// One line of `splitUTF8` from `lineStart`: its text, then its line end. `cleanUpTo`, when
    /// known, is where the line's clean text stops (its end, or a control character). Returns
    /// where the next line starts, nil at the end of the input.
    private mutating func splitUTF8Line(_ raw: [UInt8], from lineStart: Int, cleanUpTo: Int?) throws(StageFailure) -> Int? {
        let (stop, isASCII) = cleanUpTo.map { ($0, true) } ?? raw.withUnsafeBufferPointer { Self.lineStop($0, from: lineStart) }
        if stop < raw.count && raw[stop] != 0x0A && raw[stop] != 0x0D && raw[stop] != 0x0C {
            // A control character to drop (or a NUL): the general way, for this line.
            var end = stop
            while end < raw.count && raw[end] != 0x0A && raw[end] != 0x0D && raw[end] != 0x0C { end += 1 }
            try splitLines(raw, lineStart..<end)
        } else if stop > lineStart || stop < raw.count {
            let status = isASCII ? .unchanged : Self.utf8Status(raw, lineStart..<stop)
            if status == .unchanged {
                stream.append(raw[lineStart..<stop], source: lineStart)
            } else {
                let content = Array(raw[lineStart..<stop])
                decodeInto { Self.decodeUTF8Line(&$0, content, lineStart, status: status, into: &$1) }
                appendLine(content: content, resumes: [], lineStart: lineStart, unitSize: 1)
            }
        }
        // What `split` does at the end of the line that ends (or the text) at `stop`.
        var end = stop
        while end < raw.count && raw[end] != 0x0A && raw[end] != 0x0D && raw[end] != 0x0C { end += 1 }
        guard end < raw.count else {
            if lineStart < raw.count { stream.append([0x0A], source: raw.count) }
            return nil
        }
        let takesLF = lineEnd(raw[end], at: end, beforeLF: end + 1 < raw.count && raw[end + 1] == 0x0A)
        return end + (takesLF ? 2 : 1)
    }

    /// Ends the line at a line end (`unit`: LF, CR or form feed) found at byte `offset`: a line
    /// break in the text, CRs counted for the one edit `finish()` logs, a page boundary for a
    /// form feed. Returns whether a CR takes the LF after it (`beforeLF`) as the same line end.
    private mutating func lineEnd(_ unit: UInt8, at offset: Int, beforeLF: Bool) -> Bool {
        stream.append([0x0A], source: offset)
        switch unit {
        case 0x0D:
            if firstCROffset == nil { firstCROffset = offset }
            if beforeLF {
                crlfCount += 1
                return true
            }
            crCount += 1
        case 0x0C:
            stream.appendMark(.pageBreak(label: nil))
            log.edit(
                stage: stage, sourceOffset: offset, before: controlPicture(0x0C), after: "\n",
                reason: "form feed (U+000C, shown as ␌) replaced by a line break and a page boundary")
        default:
            break
        }
        return false
    }

    /// From `start`, the first byte where clean text stops (a control character other than a
    /// tab or LF, a byte of ill-formed UTF-8 or of a noncharacter; the end when none), and the
    /// last LF before it (`start - 1` when none). ASCII is read eight bytes at a time; each
    /// byte mask is exact (no borrow between bytes), since later bytes than the first matter.
    static func cleanRun(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> (stop: Int, lastLineEnd: Int) {
        let count = buffer.count
        var index = start
        var lastLineEnd = start - 1
        guard let base = buffer.baseAddress else { return (count, lastLineEnd) }
        let raw = UnsafeRawPointer(base)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ chunk: UInt64) -> UInt64 { ~(((chunk & low7) &+ low7) | chunk) & high }
        while index < count {
            if index + 8 <= count {
                let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let controls = ~(((chunk & low7) &+ 0x6060_6060_6060_6060) | chunk) & high
                let lineEnds = zeroBytes(chunk ^ 0x0A0A_0A0A_0A0A_0A0A)
                let stops = (controls & ~lineEnds & ~zeroBytes(chunk ^ 0x0909_0909_0909_0909)) | (chunk & high)
                if stops == 0 {
                    if lineEnds != 0 { lastLineEnd = index + (63 - lineEnds.leadingZeroBitCount) / 8 }
                    index += 8
                    continue
                }
                let first = UInt64(littleEndian: stops).trailingZeroBitCount
                let before = lineEnds & ((1 << UInt64(first)) &- 1)
                if before != 0 { lastLineEnd = index + (63 - before.leadingZeroBitCount) / 8 }
                index += first / 8
            }
            let byte = buffer[index]
            if byte == 0x0A {
                lastLineEnd = index
                index += 1
            } else if byte >= 0x20 && byte < 0x80 || byte == 0x09 {
                index += 1
            } else if byte >= 0x80, case let length = cleanScalarLength(buffer, at: index), length > 0 {
                index += length
            } else {
                return (index, lastLineEnd)
            }
        }
        return (count, lastLineEnd)
    }

    /// The length of the well-formed UTF-8 scalar at `index` (lead byte 0x80 or above), 0 when
    /// it is ill-formed or a noncharacter (the rules of `utf8Status`).
    @inline(__always)
    private static func cleanScalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let end = bytes.count
        let lead = bytes[index]
        @inline(__always) func isContinuation(_ offset: Int) -> Bool { bytes[index + offset] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            guard index + 1 < end, isContinuation(1) else { return 0 }
            return 2
        case 0xE0...0xEF:
            guard index + 2 < end, isContinuation(1), isContinuation(2) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xE0 && second < 0xA0 { return 0 }
            if lead == 0xED && second > 0x9F { return 0 }
            if lead == 0xEF && second == 0xBF && bytes[index + 2] >= 0xBE { return 0 }
            return 3
        case 0xF0...0xF4:
            guard index + 3 < end, isContinuation(1), isContinuation(2), isContinuation(3) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xF0 && second < 0x90 { return 0 }
            if lead == 0xF4 && second > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }

    /// `split` over the part of one line (no line end in it) that holds characters to drop.
    private mutating func splitLines(_ raw: [UInt8], _ line: Range<Int>) throws(StageFailure) {
        var content = [UInt8]()
        var resumes: [(content: Int, unit: Int)] = []
        for index in line {
            let unit = raw[index]
            if unit >= 0x20 || unit == 0x09 {
                content.append(unit)
            } else if unit == 0x00 {
                throw StageFailure("binary file: NUL character", sourceOffset: index)
            } else {
                log.edit(
                    stage: stage, sourceOffset: index, before: controlPicture(Int(unit)), after: "",
                    reason: "control character U+\(hex4(Int(unit))) removed (XML 1.0 forbids it; shown by its control picture)")
                resumes.append((content.count, index + 1))
            }
        }
        decodeInto { Self.decodeUTF8Line(&$0, content, line.lowerBound, &$1) }
        appendLine(content: content, resumes: resumes, lineStart: line.lowerBound, unitSize: 1)
    }

    /// The first byte at or after `start` that is a control character other than a tab (or the
    /// end), eight bytes at a time, and whether the bytes before it are all ASCII.
    private static func lineStop(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Bool) {
        var index = start
        var isASCII = true
        let count = buffer.count
        let raw = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
        while index + 8 <= count {
            let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // High bit per byte below 0x20 (bytes of 0x80 and above excluded).
            let controls = (chunk &- 0x2020_2020_2020_2020) & ~chunk & 0x8080_8080_8080_8080
            if controls == 0 {
                if chunk & 0x8080_8080_8080_8080 != 0 { isASCII = false }
                index += 8
                continue
            }
            let found = index + UInt64(littleEndian: controls).trailingZeroBitCount / 8
            while index < found {
                if buffer[index] >= 0x80 { isASCII = false }
                index += 1
            }
            if buffer[index] != 0x09 { return (index, isASCII) }
            index += 1
        }
        while index < count {
            let byte = buffer[index]
            if byte < 0x20 && byte != 0x09 { return (index, isASCII) }
            if byte >= 0x80 { isASCII = false }
            index += 1
        }
        return (count, isASCII)
    }

    /// What decoding a line as UTF-8 does to its bytes.
    enum UTF8Status {
        /// Well-formed without noncharacters: the bytes stay as they are.
        case unchanged
        /// Well-formed, with U+FFFE or U+FFFF to remove.
        case noncharacters
        /// Not well-formed: the fallback encoding decodes the line.
        case invalid
    }

    /// How `range` reads as UTF-8: well-formed per Unicode's table 3-7 (as `String(validating:)`
    /// reads it), and whether it holds U+FFFE or U+FFFF (EF BF BE, EF BF BF). ASCII is skipped
    /// eight bytes at a time.
    static func utf8Status(_ raw: [UInt8], _ range: Range<Int>) -> UTF8Status {
        raw.withUnsafeBufferPointer { bytes in
            var index = range.lowerBound
            let end = range.upperBound
            let base = UnsafeRawPointer(bytes.baseAddress!)
            var status = UTF8Status.unchanged
            @inline(__always) func isContinuation(_ offset: Int) -> Bool { bytes[index + offset] & 0xC0 == 0x80 }
            while index < end {
                if index + 8 <= end && base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                switch lead {
                case 0xC2...0xDF:
                    guard index + 1 < end, isContinuation(1) else { return .invalid }
                    index += 2
                case 0xE0...0xEF:
                    guard index + 2 < end, isContinuation(1), isContinuation(2) else { return .invalid }
                    let second = bytes[index + 1]
                    if lead == 0xE0 && second < 0xA0 { return .invalid }
                    if lead == 0xED && second > 0x9F { return .invalid }
                    if lead == 0xEF && second == 0xBF && bytes[index + 2] >= 0xBE { status = .noncharacters }
                    index += 3
                case 0xF0...0xF4:
                    guard index + 3 < end, isContinuation(1), isContinuation(2), isContinuation(3) else { return .invalid }
                    let second = bytes[index + 1]
                    if lead == 0xF0 && second < 0x90 { return .invalid }
                    if lead == 0xF4 && second > 0x8F { return .invalid }
                    index += 4
                default:
                    return .invalid
                }
            }
            return status
        }
    }

    /// Runs `decode` on the state and the `decoded` buffer (lent out meanwhile, so that both
    /// can be changed).
    private mutating func decodeInto(_ decode: (inout DecodeState, inout [UInt8]) -> Void) {
        var out: [UInt8] = []
        swap(&out, &decoded)
        decode(&self, &out)
        decoded = out
    }

    /// Appends the decoded line in `decoded`. When its bytes are the raw bytes (UTF-8 input),
    /// each run between dropped characters keeps its exact raw offset; otherwise the line maps
    /// from its start.
    private mutating func appendLine<Unit: FixedWidthInteger>(
        content: [Unit], resumes: [(content: Int, unit: Int)], lineStart: Int, unitSize: Int
    ) {
        guard unitSize == 1, !resumes.isEmpty, decoded.count == content.count else {
            stream.append(decoded, source: lineStart * unitSize)
            return
        }
        var from = 0, fromUnit = lineStart
        for resume in resumes {
            stream.append(decoded[from..<resume.content], source: fromUnit)
            from = resume.content
            fromUnit = resume.unit
        }
        stream.append(decoded[from...], source: fromUnit)
    }

    /// Decodes one line of UTF-8 input into `out`: as it is when well-formed (noncharacters
    /// removed), else with the fallback encoding.
    static func decodeUTF8Line(_ state: inout DecodeState, _ bytes: [UInt8], _ offset: Int, _ out: inout [UInt8]) {
        decodeUTF8Line(&state, bytes, offset, status: utf8Status(bytes, 0..<bytes.count), into: &out)
    }

    static func decodeUTF8Line(
        _ state: inout DecodeState, _ bytes: [UInt8], _ offset: Int, status: UTF8Status, into out: inout [UInt8]
    ) {
        out.removeAll(keepingCapacity: true)
        switch status {
        case .unchanged:
            out.append(contentsOf: bytes)
        case .noncharacters:
            out.append(contentsOf: state.removingNoncharacters(String(decoding: bytes, as: UTF8.self), at: offset).utf8)
        case .invalid:
            if state.fallbackLines == 0 { state.firstFallbackOffset = offset }
            state.fallbackLines += 1
            state.fallback.appendUTF8(decoding: bytes, to: &out)
        }
    }

    /// Decodes one line of UTF-16 units into `out`, as the standard library's transcoding does:
    /// each unpaired surrogate becomes U+FFFD (counted, unless the line holds a U+FFFD of its
    /// own); U+FFFE and U+FFFF are removed and logged.
    static func decodeUTF16Line(_ state: inout DecodeState, _ units: [UInt16], _ offset: Int, _ out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(units.count * 3)
        var holdsReplacement: Bool?
        var index = 0
        let count = units.count
        while index < count {
            let unit = units[index]
            var scalar = UInt32(unit)
            index += 1
            if unit & 0xF800 == 0xD800 {
                if unit <= 0xDBFF, index < count, units[index] & 0xFC00 == 0xDC00 {
                    scalar = 0x10000 + (UInt32(unit & 0x3FF) << 10 | UInt32(units[index] & 0x3FF))
                    index += 1
                } else {
                    scalar = 0xFFFD
                    if holdsReplacement == nil { holdsReplacement = units.contains(0xFFFD) }
                    if holdsReplacement == false { state.replacedSurrogates += 1 }
                }
            } else if scalar >= 0xFFFE {
                state.logNoncharacter(scalar, at: offset)
                continue
            }
            UTF8Scalars.append(scalar, to: &out)
        }
    }

    /// U+FFFE and U+FFFF are valid UTF-8 but not XML characters. The log cannot hold them either
    /// (the XML output carries the log), so it shows each as U+FFFD, the replacement character.
    mutating func removingNoncharacters(_ text: String, at offset: Int) -> String {
        guard text.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) else { return text }
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                logNoncharacter(scalar.value, at: offset)
            } else {
                kept.append(scalar)
            }
        }
        return String(kept)
    }

    private mutating func logNoncharacter(_ value: UInt32, at offset: Int) {
        log.edit(
            stage: stage, sourceOffset: offset, before: "\u{FFFD}", after: "",
            reason: "noncharacter U+\(hex4(Int(value))) removed (XML 1.0 forbids it; shown as U+FFFD)")
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
