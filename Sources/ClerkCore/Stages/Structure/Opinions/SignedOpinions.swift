/// The signature blocks that close the opinions of a text, read back from each opinion's end
/// (the next byline, or the end of the text): which block closes which opinion, and which of
/// the bylines found are in truth signatures (`ROE, J.` under `We concur:`).
struct SignedOpinions {
    /// The block closing each opinion, by the index of the byline that opens it; -1 for the
    /// text before the first byline.
    private(set) var closing: [Int: SignatureBlock] = [:]
    /// For each byline, whether it is a line of a signature block.
    private(set) var isSignature: [Bool]
    /// Every block, in reading order.
    var blocks: [SignatureBlock] { closing.keys.sorted().map { closing[$0]! } }
    /// Text after the last opinion's signature block that belongs to no opinion (a list of
    /// counsel, a publisher's notice), when the block is found by its `We concur:` line.
    private(set) var trailing: Range<Int>?

    init(bytes: [UInt8], textStart: Int, bylines: [Range<Int>]) {
        isSignature = Array(repeating: false, count: bylines.count)
        var end = bytes.count
        if SignatureBlock.closing(bytes, before: end, floor: textStart) == nil,
           let blockEnd = Self.endOfLastConcurList(bytes, floor: textStart), bylines.allSatisfy({ $0.lowerBound < blockEnd }),
           !Self.opensAppendix(bytes, blockEnd..<bytes.count), SignatureBlock.closing(bytes, before: blockEnd, floor: textStart) != nil {
            end = blockEnd
            trailing = blockEnd..<bytes.count
        }
        // The byline whose opinion ends at `end`, and the one that starts there.
        var owner = bylines.count - 1
        var ending = bylines.count
        while true {
            if var block = SignatureBlock.closing(bytes, before: end, floor: textStart) {
                while owner >= 0, bylines[owner].lowerBound >= block.range.lowerBound {
                    isSignature[owner] = true
                    owner -= 1
                }
                // Signatures right after the block that were read as bylines (each opened an
                // opinion whose end was looked at first) belong to it.
                var next = ending
                while next < bylines.count, !isSignature[next], closing[next] == nil,
                      Self.isBlank(bytes, block.range.upperBound..<bylines[next].lowerBound),
                      let line = Self.signatureLine(bytes, at: bylines[next]) {
                    isSignature[next] = true
                    if case .signature(let name) = line.kind { block.concurring.append(name) }
                    block.range = block.range.lowerBound..<line.range.upperBound
                    next += 1
                }
                closing[owner] = block
            }
            guard owner >= 0 else { break }
            end = bylines[owner].lowerBound
            ending = owner
            owner -= 1
        }
    }

    /// Where the signatures under the last `We concur:` line, or the last `…, JJ., concur.`
    /// sentence, end (within the text's last 16 KB, after `floor`), when text that is no
    /// signature follows them (no byline may start there).
    private static func endOfLastConcurList(_ bytes: [UInt8], floor: Int) -> Int? {
        let lines = ByteLines.ranges(Array(bytes[max(floor, bytes.count - 16_384)...]))
        let base = max(floor, bytes.count - 16_384)
        func text(_ line: Range<Int>) -> String {
            String(decoding: bytes[trimmed((line.lowerBound + base)..<(line.upperBound + base), in: bytes)], as: UTF8.self)
        }
        guard let concur = lines.lastIndex(where: { SignatureLine.classify(text($0)) == .concurList || SignatureLine.endsConcurrence(text($0)) })
        else { return nil }
        // `ROE, J.P., DOE and POE, JJ., concur.` ends the block itself.
        if SignatureLine.endsConcurrence(text(lines[concur])) {
            let end = lines[concur].upperBound + base
            return end < bytes.count ? end : nil
        }
        var end: Int?
        for line in lines[(concur + 1)...] {
            switch SignatureLine.classify(text(line)) {
            case .signature: end = line.upperBound + base
            case .blank, .furniture: continue
            default: return end.map { $0 < bytes.count ? $0 : nil } ?? nil
            }
        }
        return nil
    }

    /// Whether the text in `range` opens with an appendix, which stays with the opinion.
    private static func opensAppendix(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard let first = bytes[range].firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }) else { return true }
        var end = first
        while end < range.upperBound && bytes[end] != 0x0A { end += 1 }
        return String(decoding: bytes[first..<end], as: UTF8.self).lowercased().contains("appendix")
    }

    /// The line holding `byline`, when it is a signature alone on its line.
    private static func signatureLine(_ bytes: [UInt8], at byline: Range<Int>) -> (range: Range<Int>, kind: SignatureLine)? {
        var start = byline.lowerBound
        while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
        var end = byline.upperBound
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        let kind = SignatureLine.classify(String(decoding: bytes[trimmed(start..<end, in: bytes)], as: UTF8.self))
        guard case .signature = kind else { return nil }
        return (start..<end, kind)
    }

    private static func isBlank(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        range.isEmpty || bytes[range].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }
    }
}
