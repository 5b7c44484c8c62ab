/// One way OCR misreads print: the text has `misread` where the page had `intended` (`e` for
/// `c`, `rn` for `m`, `S` for `3`).
struct OCRConfusion: Sendable, Equatable {
    let misread: [UInt8]
    let intended: [UInt8]

    init(_ misread: String, _ intended: String) {
        self.misread = Array(misread.utf8)
        self.intended = Array(intended.utf8)
    }

    /// How the edit log names it: `e/c` (read `e`, printed `c`).
    var name: String {
        String(decoding: misread, as: UTF8.self) + "/" + String(decoding: intended, as: UTF8.self)
    }

    /// Shapes that OCR confuses in lowercase words, both ways where both happen: round letters
    /// (`e`/`c`), letters that touch (`rn`/`m`, `li`/`h`, `cl`/`d`, `vv`/`w`, `ii`/`u`), and digits
    /// read for the letters they look like (`1aw`, `0f`, `5uit`).
    static let words: [OCRConfusion] = [
        OCRConfusion("e", "c"), OCRConfusion("c", "e"),
        OCRConfusion("rn", "m"), OCRConfusion("m", "rn"),
        OCRConfusion("li", "h"), OCRConfusion("h", "li"),
        OCRConfusion("cl", "d"), OCRConfusion("d", "cl"),
        OCRConfusion("vv", "w"), OCRConfusion("ii", "u"),
        OCRConfusion("1", "l"), OCRConfusion("1", "i"), OCRConfusion("0", "o"), OCRConfusion("5", "s"),
    ]

    /// The digits that `words` reads as letters; a word with any other digit is a code, not a misread.
    static let letterLikeDigits: Set<UInt8> = Set(words.flatMap(\.misread).filter(isDigit))

    /// Misreads in reporter abbreviations, whose series numbers and capitals OCR confuses with
    /// letters and digits of similar shape (`F.Sd` for `F.3d`, `P.Zd` for `P.2d`, `4tli` for `4th`).
    static let reporters: [OCRConfusion] = [
        OCRConfusion("S", "3"), OCRConfusion("s", "3"), OCRConfusion("8", "3"), OCRConfusion("Z", "2"),
        OCRConfusion("z", "2"), OCRConfusion("l", "1"), OCRConfusion("I", "1"), OCRConfusion("O", "0"),
        OCRConfusion("o", "0"), OCRConfusion("cl", "d"), OCRConfusion("li", "h"), OCRConfusion("5", "S"),
        OCRConfusion("0", "O"), OCRConfusion("1", "I"),
    ]
}

/// A spelling reached from a printed word by one or two confusions.
struct ConfusionCandidate: Sendable, Equatable {
    var bytes: [UInt8]
    /// The confusions undone, in order of position.
    var confusions: [OCRConfusion]
    /// Where in the printed word each undone confusion sat (byte offsets into the word).
    var positions: [Int]

    var string: String { String(decoding: bytes, as: UTF8.self) }
    /// `e/c`, or `e/c and rn/m`.
    var confusionNames: String { confusions.map(\.name).joined(separator: " and ") }
}

/// The spellings that undoing confusions in a printed word gives.
enum ConfusionCandidates {
    /// Every spelling one confusion away from `word`, without duplicates (the first way found
    /// wins) and without `word` itself.
    static func single(_ word: [UInt8], _ confusions: [OCRConfusion]) -> [ConfusionCandidate] {
        var result: [ConfusionCandidate] = []
        var seen: Set<[UInt8]> = [word]
        for confusion in confusions {
            let width = confusion.misread.count
            guard width <= word.count else { continue }
            for start in 0...(word.count - width) where word[start..<(start + width)].elementsEqual(confusion.misread) {
                let bytes = Array(word[..<start]) + confusion.intended + Array(word[(start + width)...])
                if seen.insert(bytes).inserted {
                    result.append(ConfusionCandidate(bytes: bytes, confusions: [confusion], positions: [start]))
                }
            }
        }
        return result
    }

    /// Every spelling exactly two confusions away (at two places that do not overlap), none of
    /// them one confusion away or `word` itself.
    static func double(_ word: [UInt8], _ confusions: [OCRConfusion]) -> [ConfusionCandidate] {
        let first = single(word, confusions)
        var seen = Set(first.map(\.bytes))
        seen.insert(word)
        var result: [ConfusionCandidate] = []
        for one in first {
            let oneStart = one.positions[0]
            let oneEnd = oneStart + one.confusions[0].intended.count
            for two in single(one.bytes, confusions) {
                // The second place must lie wholly before or after the first replacement.
                let twoStart = two.positions[0], twoEnd = twoStart + two.confusions[0].misread.count
                guard twoEnd <= oneStart || twoStart >= oneEnd, seen.insert(two.bytes).inserted else { continue }
                // Where the second place was in the printed word.
                let shift = one.confusions[0].misread.count - one.confusions[0].intended.count
                let printed = twoStart >= oneEnd ? twoStart + shift : twoStart
                let pairs = [(one.confusions[0], oneStart), (two.confusions[0], printed)].sorted { $0.1 < $1.1 }
                result.append(ConfusionCandidate(bytes: two.bytes, confusions: pairs.map(\.0), positions: pairs.map(\.1)))
            }
        }
        return result
    }
}
