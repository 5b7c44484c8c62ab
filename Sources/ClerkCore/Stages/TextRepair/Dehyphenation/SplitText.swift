/// The text of one split's parts, read from the stream's bytes, and the words of its decision.
struct SplitText {
    enum Piece { case left, hyphen, right }

    let bytes: [UInt8]
    let split: HyphenSplit

    var rightIsCapitalised: Bool { UTF8Scalars.isUppercase(in: bytes, at: split.right.lowerBound) }

    var rightHasMoreThanOneScalar: Bool { bytes[split.right].lazy.filter { $0 & 0xC0 != 0x80 }.count > 1 }

    func string(_ pieces: [Piece]) -> String {
        var text = TextBytes()
        append(pieces, to: &text)
        return text.string
    }

    private func append(_ pieces: [Piece], to text: inout TextBytes) {
        for piece in pieces {
            switch piece {
            case .left: text.append(text: bytes[split.left])
            case .hyphen: text.append("-")
            case .right: text.append(text: bytes[split.right])
            }
        }
    }

    private func quoted(_ pieces: [Piece], to text: inout TextBytes) {
        text.append("“")
        append(pieces, to: &text)
        text.append("”")
    }

    /// The edit's reason: the verdict and why.
    func reason(_ verdict: DehyphenationStage.Verdict) -> String {
        var text = TextBytes()
        text.append(verdict.join ? "hyphen joined: " : "hyphen kept: ")
        switch verdict.why {
        case .number:
            text.append("a number or code, not a split word")
        case .hyphenatedElsewhere(let count):
            text.append("the document writes ")
            quoted([.left, .hyphen, .right], to: &text)
            text.append(" ")
            text.append(count)
            text.append(" time(s) elsewhere")
        case .joinedElsewhere(let count):
            text.append("the document writes ")
            quoted([.left, .right], to: &text)
            text.append(" ")
            text.append(count)
            text.append(" time(s) elsewhere")
        case .capitalised:
            text.append("the second part is capitalised (a name or title)")
        case .joinedIsWord:
            quoted([.left, .right], to: &text)
            text.append(" is a word")
        case .hyphenatedIsWord:
            quoted([.left, .hyphen, .right], to: &text)
            text.append(" is a word")
        case .twoWords:
            quoted([.left], to: &text)
            text.append(" and ")
            quoted([.right], to: &text)
            text.append(" are words and ")
            quoted([.left, .right], to: &text)
            text.append(" is not")
        case .noWord:
            quoted([.left], to: &text)
            text.append(" or ")
            quoted([.right], to: &text)
            text.append(" is no word on its own (a split inside a word)")
        }
        return text.string
    }
}

/// UTF-8 text assembled from literals, numbers and slices of the stream, made a `String` once.
struct TextBytes {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(96) }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text from the stream: as `String(decoding:as:)` reads it (the same bytes when valid UTF-8).
    mutating func append(text slice: ArraySlice<UInt8>) {
        if slice.allSatisfy({ $0 < 0x80 }) {
            bytes.append(contentsOf: slice)
        } else {
            bytes.append(contentsOf: String(decoding: slice, as: UTF8.self).utf8)
        }
    }

    mutating func append(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
