internal import OrderedCollections

/// The recursive-descent parser behind `JSONReader`. Works on raw UTF-8 bytes.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var pos = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw error("byte order mark is not allowed", at: 0)
        }
        let value = try parseValue()
        skipWhitespace()
        if pos < bytes.count {
            throw error("unexpected \(describe(at: pos)) after the JSON value", at: pos)
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard pos < bytes.count else {
            throw error("unexpected end of input, expected a value", at: pos)
        }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw unexpectedValueStart()
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        pos += 1  // [
        var items: [JSONValue] = []
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return .array(items)
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            guard pos < bytes.count else {
                throw error("unexpected end of input, expected ',' or ']'", at: pos)
            }
            switch bytes[pos] {
            case UInt8(ascii: ","):
                pos += 1
                skipWhitespace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                    throw error("trailing comma is not allowed", at: pos)
                }
            case UInt8(ascii: "]"):
                pos += 1
                depth -= 1
                return .array(items)
            default:
                throw error("expected ',' or ']' but found \(describe(at: pos))", at: pos)
            }
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        pos += 1  // {
        var members = OrderedDictionary<String, JSONValue>()
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return .object(JSONObject(storage: members))
        }
        while true {
            skipWhitespace()
            guard pos < bytes.count else {
                throw error("unexpected end of input, expected a string key", at: pos)
            }
            guard bytes[pos] == UInt8(ascii: "\"") else {
                throw error("expected a string key but found \(describe(at: pos))", at: pos)
            }
            let keyStart = pos
            let key = try parseString()
            skipWhitespace()
            guard pos < bytes.count else {
                throw error("unexpected end of input, expected ':'", at: pos)
            }
            guard bytes[pos] == UInt8(ascii: ":") else {
                throw error("expected ':' but found \(describe(at: pos))", at: pos)
            }
            pos += 1
            let value = try parseValue()
            if members.updateValue(value, forKey: key) != nil {
                throw error("duplicate key \(quoted(key))", at: keyStart)
            }
            skipWhitespace()
            guard pos < bytes.count else {
                throw error("unexpected end of input, expected ',' or '}'", at: pos)
            }
            switch bytes[pos] {
            case UInt8(ascii: ","):
                pos += 1
                skipWhitespace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                    throw error("trailing comma is not allowed", at: pos)
                }
            case UInt8(ascii: "}"):
                pos += 1
                depth -= 1
                return .object(JSONObject(storage: members))
            default:
                throw error("expected ',' or '}' but found \(describe(at: pos))", at: pos)
            }
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > JSONReader.maxDepth {
            throw error("nesting is deeper than \(JSONReader.maxDepth) levels", at: pos)
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = pos
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in expected {
            guard pos < bytes.count, bytes[pos] == byte else {
                throw error("invalid literal, expected '\(word)'", at: start)
            }
            pos += 1
        }
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = pos
        var isInteger = true
        if bytes[pos] == UInt8(ascii: "-") {
            pos += 1
        }
        guard pos < bytes.count, isDigit(bytes[pos]) else {
            throw error("expected a digit after '-'", at: pos)
        }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, isDigit(bytes[pos]) {
                throw error("leading zeros are not allowed", at: start)
            }
        } else {
            skipDigits()
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                throw error("expected a digit after the decimal point", at: pos)
            }
            skipDigits()
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") {
                pos += 1
            }
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                throw error("expected a digit in the exponent", at: pos)
            }
            skipDigits()
        }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<pos])
        if isInteger, let value = Self.integer(digits) {
            return .int(value)
        }
        let text = String(decoding: digits, as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("number \(text) is out of range", at: start)
        }
        return .double(value)
    }

    /// The integer, or nil if it does not fit in `Int`. Accumulates negatively so `Int.min` fits.
    private static func integer(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let negative = digits[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var value = 0
        while index < digits.count {
            let digit = Int(digits[index] &- UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == Int.min ? nil : -value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
    }

    // MARK: - Strings

    private mutating func parseString() throws(JSONParseError) -> String {
        pos += 1  // opening quote
        let start = pos
        // Fast path: no escapes, so the string is a slice of the input.
        try advanceOverCharacters()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
            pos += 1
            return text
        }
        var buffer = Array(bytes[start..<pos])
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try parseEscape(into: &buffer)
            } else {
                // The run up to the next quote or escape, appended at once.
                let runStart = pos
                try advanceOverCharacters()
                buffer.append(contentsOf: bytes[runStart..<pos])
            }
        }
        throw error("unterminated string", at: start - 1)
    }

    /// Moves past the characters up to the next quote, backslash or the end, checking each.
    private mutating func advanceOverCharacters() throws(JSONParseError) {
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return }
            // Printable ASCII, the bulk of a text, in a tight loop; anything else is checked.
            if byte >= 0x20 && byte < 0x80 {
                pos += 1
            } else {
                try advanceOverCharacter(byte)
            }
        }
    }

    /// Moves past one unescaped character of a string, checking it is allowed and valid UTF-8.
    private mutating func advanceOverCharacter(_ byte: UInt8) throws(JSONParseError) {
        if byte < 0x20 {
            throw error("control character \(hexScalar(UInt32(byte))) must be escaped in a string", at: pos)
        }
        if byte < 0x80 {
            pos += 1
            return
        }
        // Well-formed UTF-8 per Unicode table 3-7: no overlongs, surrogates or values above U+10FFFF.
        let length: Int
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch byte {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondHigh = 0x9F
        case 0xF0: length = 4; secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondHigh = 0x8F
        default: throw error("invalid UTF-8 byte 0x\(hex(byte))", at: pos)
        }
        for offset in 1..<length {
            let index = pos + offset
            guard index < bytes.count else {
                throw error("truncated UTF-8 sequence", at: pos)
            }
            let low = offset == 1 ? secondLow : 0x80
            let high = offset == 1 ? secondHigh : 0xBF
            guard bytes[index] >= low, bytes[index] <= high else {
                throw error("invalid UTF-8 sequence", at: pos)
            }
        }
        pos += length
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = pos
        pos += 1  // backslash
        guard pos < bytes.count else {
            throw error("unterminated string", at: escapeStart)
        }
        let byte = bytes[pos]
        pos += 1
        switch byte {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4(escapeStart: escapeStart)
            if (0xDC00...0xDFFF).contains(scalar) {
                throw error("lone low surrogate \\u\(hex4(scalar))", at: escapeStart)
            }
            if (0xD800...0xDBFF).contains(scalar) {
                guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                    throw error("lone high surrogate \\u\(hex4(scalar))", at: escapeStart)
                }
                let lowStart = pos
                pos += 2
                let low = try parseHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("lone high surrogate \\u\(hex4(scalar))", at: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            // Not a surrogate by now, so always a valid scalar.
            buffer.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            throw error("invalid escape sequence \(describe(at: escapeStart))", at: escapeStart)
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < bytes.count else {
                throw error("incomplete \\u escape", at: escapeStart)
            }
            let byte = bytes[pos]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape, expected 4 hex digits", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            pos += 1
        }
        return value
    }

    // MARK: - Whitespace and errors

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    private func unexpectedValueStart() -> JSONParseError {
        let byte = bytes[pos]
        switch byte {
        case UInt8(ascii: "/"):
            return error("comments are not allowed", at: pos)
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            return error("NaN and Infinity are not allowed", at: pos)
        case UInt8(ascii: "+"):
            return error("a leading '+' is not allowed", at: pos)
        case UInt8(ascii: "."):
            return error("a number must start with a digit", at: pos)
        case UInt8(ascii: "'"):
            return error("strings must use double quotes", at: pos)
        case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","):
            return error("expected a value but found \(describe(at: pos))", at: pos)
        default:
            return error("unexpected \(describe(at: pos))", at: pos)
        }
    }

    /// A short human description of the byte at `offset`.
    private func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] >= 0x20, bytes[offset + 1] < 0x7F {
            return "'\\\(Character(Unicode.Scalar(bytes[offset + 1])))'"
        }
        if byte >= 0x20 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x\(hex(byte))"
    }

    private func error(_ message: String, at offset: Int) -> JSONParseError {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        for index in 0..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        var column = 1
        for index in lineStart..<end where bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        return JSONParseError(line: line, column: column, message: message)
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}

private func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

private func hexScalar(_ value: UInt32) -> String {
    "U+" + hex4(value)
}
