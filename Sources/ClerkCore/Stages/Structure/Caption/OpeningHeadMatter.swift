/// Where the head matter ends when the lead opinion opens at the top of the text with no byline
/// of its own (it is signed at its end, as many state courts print their opinions): the
/// caption, then the lines that introduce the appeal and its counsel, then the opinion.
///
/// Read paragraph by paragraph (blank lines between). A paragraph of the caption (a court, a
/// docket, parties, a panel, a lower court, a `v.` alone, two columns), an `Appeal from …` paragraph, a counsel paragraph
/// (`… for Defendant and Appellant.`), a party's role alone, a list of judges with their titles
/// (the panel), the formula of an order (`At a Stated Term of the … Court …`), a court's name
/// continued on lines of its own (`FOR THE` / `NINTH CIRCUIT`), a rule and a decision's title are
/// head matter; prose before the caption (a notice under a banner) is too. The opinion begins
/// after the last such paragraph before the first prose that follows the caption. Without a
/// caption, or without prose after it in the window, nothing is decided.
enum OpeningHeadMatter {
    /// Words from which a paragraph that is no head matter is prose.
    private static let proseWords = 12
    private static let captionKinds: Set<CaptionElementKind> = [.court, .parties, .docket, .judges, .lowerCourt]

    /// The offset in `region` (read from the top) where the opinion's own text begins.
    static func end(in bytes: [UInt8], region: Range<Int>) -> Int? {
        var sawCaption = false
        var headEnd: Int?
        var afterHead: Int?
        for paragraph in paragraphs(bytes, region) {
            let tokens = TextTokenizer.tokens(in: bytes, range: paragraph)
            if isCaption(tokens, bytes) {
                sawCaption = true
                headEnd = paragraph.upperBound
                afterHead = nil
            } else if isIntroduction(tokens) {
                if sawCaption {
                    headEnd = paragraph.upperBound
                    afterHead = nil
                }
            } else {
                if headEnd != nil && afterHead == nil { afterHead = paragraph.lowerBound }
                if sawCaption && tokens.count >= proseWords { return afterHead }
            }
        }
        return nil
    }

    /// A caption element, a `v.` alone on its line, or two columns (a run of spaces inside a
    /// line, which running text never has).
    private static func isCaption(_ tokens: [TextToken], _ bytes: [UInt8]) -> Bool {
        // A court's name continued under its first line (`FOR THE` / `NINTH CIRCUIT`), set
        // further in when centred.
        if let first = tokens.first, ["for", "of", "in"].contains(first.key), first.isUppercaseWord {
            let line = tokens.dropFirst().prefix { !$0.startsLine }
            if line.allSatisfy({ $0.isUppercaseWord }) { return true }
        }
        for (index, token) in tokens.enumerated() where index > 0 && !token.startsLine {
            if bytes[tokens[index - 1].range.upperBound..<token.range.lowerBound].count >= 3 { return true }
        }
        if tokens.indices.contains(where: { PartyReader.isVersus(tokens[$0]) && tokens[$0].startsLine
            && ($0 + 1 == tokens.count || tokens[$0 + 1].startsLine) }) {
            return true
        }
        return CaptionScan(bytes: bytes, tokens: tokens, resync: true).elements.contains { captionKinds.contains($0.kind) }
    }

    /// The lines between a caption and the opinion: `Appeal from …`, counsel, a role alone, a
    /// rule, a title.
    private static func isIntroduction(_ paragraph: [TextToken]) -> Bool {
        guard !paragraph.isEmpty else { return false }
        // Rules drawn under a caption's lines belong to them.
        let tokens = paragraph.filter { !$0.isRule }
        if tokens.isEmpty { return true }
        // The formula an order opens with: `At a Stated Term of the … Court …, held at …`.
        if tokens.count >= 4, tokens[0].key == "at", ["a", "an"].contains(tokens[1].key),
           tokens.prefix(6).contains(where: { ["term", "session", "part"].contains($0.key) }) {
            return true
        }
        if CaptionReader.lowerCourtLeadEnd(tokens, at: 0) != nil { return true }
        if PartyRoles.phraseEnd(tokens, at: 0, limit: tokens.count) == tokens.count { return true }
        let text = tokens.map(\.text).joined(separator: " ")
        if tokens.count <= 8, DecisionTitle.isTitle(text) { return true }
        // The panel, printed without `Before`: `Jane Roe, P.J., and John Doe, J.`
        if tokens.count <= 30, SignatureLine.judges(text.hasSuffix(".") ? String(text.dropLast()) : text) != nil { return true }
        // Counsel: `Jane Roe and John Doe for Defendant and Appellant.` (then perhaps the party's name).
        for index in tokens.indices.suffix(12) where tokens[index].key == "for" {
            if index + 1 < tokens.count, PartyRoles.isRole(tokens[index + 1].key) { return true }
        }
        return false
    }

    /// The paragraphs of `region`: runs of lines that hold text, between blank lines; a line
    /// indented further than the one before opens a paragraph too (layout text runs head
    /// matter and the first paragraphs together without blank lines).
    private static func paragraphs(_ bytes: [UInt8], _ region: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        var previousIndent = 0
        var lineStart = region.lowerBound
        while lineStart < region.upperBound {
            var lineEnd = lineStart
            while lineEnd < region.upperBound && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var indent = 0
            while lineStart + indent < lineEnd && (bytes[lineStart + indent] == 0x20 || bytes[lineStart + indent] == 0x0C) { indent += 1 }
            let blank = bytes[lineStart..<lineEnd].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0C || $0 == 0x0D }
            if blank || (start != nil && indent >= previousIndent + 3) {
                if let open = start { result.append(open..<lineStart) }
                start = nil
            }
            if !blank && start == nil { start = lineStart }
            if !blank { previousIndent = indent }
            lineStart = lineEnd + 1
        }
        if let open = start { result.append(open..<region.upperBound) }
        return result
    }
}
