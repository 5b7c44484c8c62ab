import Foundation

/// The signature block that closes an opinion: the author's signature (`ROE, P. J.`, `Jane Q.
/// Roe, Judge`, `/s/ Jane Roe`, `JANE ROE` over `UNITED STATES DISTRICT JUDGE`), the judges who
/// concur (`We concur:` over their signatures, or `DOE, P.J., and POE, J., concur.`), and the
/// lines printed among them: a date (`Dated: June 9, 2019`), a place, page numbers and rules.
///
/// A signature alone on its line looks like a byline (`ROE, J.`); what tells them apart is
/// where it stands: a byline opens text, a signature block closes it, read back from the end
/// of the opinion (the next byline or the end of the text).
struct SignatureBlock: Equatable {
    /// From the block's first line to the end of its last.
    var range: Range<Int>
    /// The judge who signed the opinion, as printed without the title.
    var signer: String?
    /// The judges who signed that they concur.
    var concurring: [String]
    /// The date printed above the signature (`Dated:`, `ENTERED:`), in ISO form.
    var dated: String?

    /// The bytes of a line's end that are read at most.
    private static let longestLine = 4096

    /// Lines read back at most: a block is short.
    private static let maximumLines = 40

    /// The block that ends the text before `end` (not reaching before `floor`), if the last
    /// lines there are one: at least one signature, and nothing but the lines a block holds.
    static func closing(_ bytes: [UInt8], before end: Int, floor: Int) -> SignatureBlock? {
        func line(endingAt lineEnd: Int) -> (range: Range<Int>, text: String) {
            // Only a line's end can close an opinion: a longer line (running text that never
            // breaks) is read from its last `longestLine` bytes, so that the reading stays linear.
            var lineStart = lineEnd
            let earliest = max(floor, lineEnd - Self.longestLine)
            while lineStart > earliest && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            while lineStart < lineEnd && bytes[lineStart] & 0xC0 == 0x80 { lineStart += 1 }
            return (lineStart..<lineEnd, String(decoding: bytes[trimmed(lineStart..<lineEnd, in: bytes)], as: UTF8.self))
        }
        var lines: [(range: Range<Int>, kind: SignatureLine)] = []
        var lineEnd = end
        while lineEnd > floor, lines.count < maximumLines {
            var current = line(endingAt: lineEnd)
            var kind = SignatureLine.classify(current.text)
            if case .other = kind, SignatureLine.endsConcurrence(current.text) {
                // `DOE, P.J., and` over `POE, J., concur.`: the sentence from its first line.
                var text = current.text
                var start = current.range.lowerBound
                while start > floor, text.count < 240 {
                    let above = line(endingAt: start - 1)
                    guard above.text.hasSuffix(",") || above.text.lowercased().hasSuffix(" and") else { break }
                    text = above.text + " " + text
                    start = above.range.lowerBound
                }
                if let names = SignatureLine.concurrence(text) {
                    current.range = start..<current.range.upperBound
                    kind = .concurrence(names)
                }
            }
            if case .other = kind {
                // `… in the interest of justice. Concur—ROE, J.P., DOE, POE, JJ.`: a panel's
                // concurrence closing the last paragraph (web text runs it on); the text before stays.
                if lines.allSatisfy({ !$0.kind.names }), let (offset, names) = SignatureLine.trailingConcurrence(current.text) {
                    let lineStart = current.range.lowerBound + (bytes[current.range].firstIndex { $0 != 0x20 && $0 != 0x09 }.map { $0 - current.range.lowerBound } ?? 0)
                    lines.append(((lineStart + offset)..<current.range.upperBound, .concurrence(names)))
                }
                break
            }
            lines.append((current.range, kind))
            lineEnd = max(floor, current.range.lowerBound - 1)
        }
        lines.reverse()
        return read(lines)
    }

    /// The block from its lines in reading order: the lines before the first signature that
    /// are not a date (a place, a scrawl) are not part of it.
    private static func read(_ lines: [(range: Range<Int>, kind: SignatureLine)]) -> SignatureBlock? {
        // A name line over a title line is one signature.
        var merged: [(range: Range<Int>, kind: SignatureLine)] = []
        for line in lines {
            if case .title = line.kind, let last = merged.last, case .short(let name) = last.kind, SignatureLine.isName(name) {
                merged[merged.count - 1] = (last.range.lowerBound..<line.range.upperBound, .signature(name))
            } else {
                merged.append(line)
            }
        }
        guard let firstSigned = merged.firstIndex(where: { $0.kind.names }) else { return nil }
        // Above the first signature, only a date and the lines between it and the signature.
        var first = firstSigned
        if let dated = merged[..<firstSigned].lastIndex(where: { if case .dated = $0.kind { true } else { false } }) {
            first = dated
        }
        while first < firstSigned, case .blank = merged[first].kind { first += 1 }
        var block = SignatureBlock(range: merged[first].range.lowerBound..<merged.last!.range.upperBound, signer: nil, concurring: [])
        var afterConcurLine = false
        for line in merged[first...] {
            switch line.kind {
            case .signature(let name):
                if afterConcurLine || block.signer != nil { block.concurring.append(name) } else { block.signer = name }
            case .concurList: afterConcurLine = true
            case .concurrence(let names): block.concurring += names
            case .dated(let iso): block.dated = block.dated ?? iso
            case .title, .short, .blank, .furniture, .other: break
            }
        }
        // A title line left alone (no name above it) is not a signature block.
        if merged[first...].contains(where: { if case .title = $0.kind { true } else { false } }) && block.signer == nil {
            return nil
        }
        return block
    }
}

/// What one line of a signature block is.
enum SignatureLine: Equatable {
    /// `ROE, P. J.`, `Jane Q. Roe, Judge`, `/s/ Jane Roe`: the name without its title.
    case signature(String)
    /// `We concur:`
    case concurList
    /// `DOE, P.J., and POE, J., concur.` (perhaps over lines): the names.
    case concurrence([String])
    /// `Dated: June 9, 2019`: the date, if it is one.
    case dated(String?)
    /// `UNITED STATES DISTRICT JUDGE` alone: the title under a name.
    case title
    /// A few words without a sentence's end: a place (`Springfield, Illinois`), a name over its
    /// title, a scrawl read from the signature.
    case short(String)
    case blank
    /// A page number or a rule.
    case furniture
    case other

    /// Whether the line names a judge.
    var names: Bool {
        switch self {
        case .signature, .concurrence: true
        default: false
        }
    }

    static func classify(_ text: String) -> SignatureLine {
        if text.isEmpty { return .blank }
        // A page number (`12`, `- 12 -`) or a rule.
        if text.count <= 6 && text.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " }) || isRule(text) { return .furniture }
        let lowered = text.lowercased()
        // `I concur.` alone is an opinion's whole text; with a colon it heads a list.
        if ["we concur", "we concur:", "we concur.", "i concur:", "concur:", "concurring:", "we concur in the judgment:"]
            .contains(lowered) {
            return .concurList
        }
        if let date = datedLine(text) { return .dated(date) }
        guard text.count <= 80 else { return .other }
        if let name = signature(text) { return .signature(name) }
        if isTitle(lowered) { return .title }
        let words = text.split(separator: " ")
        if words.count <= 4, let last = text.last, !".:;?!".contains(last), text.first?.isLetter == true || text.first == "/" {
            return .short(text)
        }
        return .other
    }

    /// `Jane Q. Roe, Judge`, `ROE, Acting P. J.`, `/s/ Jane Roe`, `s/ JANE ROE, U.S.D.J.`, `Hon. Jane Roe, District Judge`.
    static func signature(_ text: String) -> String? {
        var line = Substring(text)
        var marked = false
        for mark in ["/s/", "s/"] where line.hasPrefix(mark) {
            line = line.dropFirst(mark.count).drop(while: { $0 == " " })
            marked = true
            break
        }
        if line.hasPrefix("Hon. ") { line = line.dropFirst(5) }
        // The title follows the comma after the name; a suffix may come between (`Roe, III, Judge`).
        var searchFrom = line.startIndex
        while let comma = line[searchFrom...].firstIndex(of: ",") {
            let name = String(line[..<comma])
            let title = line[line.index(after: comma)...].drop(while: { $0 == " " })
            if isTitle(title.lowercased()), isName(name) { return name }
            searchFrom = line.index(after: comma)
        }
        // `/s/ Jane Roe` signs; `/s/ Jane Roe, Clerk` (no judge's title) does not.
        let whole = String(line)
        return marked && !whole.contains(",") && isName(whole) ? whole : nil
    }

    /// `Concur—ROE, J.P., DOE, POE, JJ.` at the end of a line, after a sentence (or alone): the
    /// UTF-8 offset of `Concur` in the line and the names.
    static func trailingConcurrence(_ text: String) -> (offset: Int, names: [String])? {
        for lead in ["Concur—", "Concur —", "Concur:", "CONCUR—", "CONCUR:"] {
            guard let range = text.range(of: lead, options: .backwards) else { continue }
            let before = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            guard before.isEmpty || ".:;?!”\"".contains(before.last!) else { continue }
            var tail = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            guard tail.hasSuffix(".") else { continue }
            tail.removeLast()
            guard let names = judges(tail) else { continue }
            return (text.utf8.distance(from: text.startIndex, to: range.lowerBound), names)
        }
        return nil
    }

    /// Whether a concurrence sentence ends on this line.
    static func endsConcurrence(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasSuffix(" concur.") || lowered.hasSuffix(" concurs.") || lowered == "concur." || lowered == "concurs."
    }

    /// `DOE, P.J., and POE, J., concur.`: the names, when every other part is a title or `and`.
    static func concurrence(_ text: String) -> [String]? {
        guard endsConcurrence(text) else { return nil }
        return judges(String(text.dropLast(text.lowercased().hasSuffix("concurs.") ? 8 : 7)))
    }

    /// `Jane Roe, P.J., John Doe, J., and Ann Poe, J.`: names each with a title, and nothing
    /// else (a panel printed without `Before`).
    static func judges(_ text: String) -> [String]? {
        var names: [String] = []
        var titled = 0
        // `ROE, J.P., DOE, POE and LEE, JJ.`: names joined by commas or `and`.
        let parts = text.split(separator: ",").flatMap { $0.split(separator: " and ", omittingEmptySubsequences: false) }
        for part in parts {
            var piece = String(part.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
            if piece.lowercased().hasPrefix("and ") { piece = String(piece.dropFirst(4)) }
            if piece.isEmpty { continue }
            if isTitle(piece.lowercased()) {
                titled += 1
                continue
            }
            guard isName(piece) else { return nil }
            names.append(piece)
        }
        return names.isEmpty || titled == 0 ? nil : names
    }

    /// A person's name: two to six words (one, in capitals, as bylines print surnames), each
    /// opening with a capital or an initial, a particle or suffix allowed; no digits.
    static func isName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...6).contains(words.count), !text.contains(where: \.isNumber) else { return false }
        if words.count == 1 {
            return words[0].filter(\.isLetter).count >= 2 && words[0].first?.isUppercase == true
                && words[0].allSatisfy { $0.isLetter || "'’-.".contains($0) }
        }
        return words.allSatisfy { word in
            word.first?.isUppercase == true || particles.contains(word.lowercased())
        } && words.contains { $0.filter(\.isLetter).count >= 2 }
    }

    private static let particles: Set<String> = ["de", "del", "della", "van", "von", "der", "la", "le", "da", "di"]

    static func isTitle(_ lowered: String) -> Bool {
        var title = Substring(lowered)
        while let last = title.last, ".,:;".contains(last) { title = title.dropLast() }
        let normalized = title.split(separator: " ").joined(separator: " ")
        return BylineParser.titles.contains(normalized) || signatureTitles.contains(normalized)
    }

    /// Titles that sign an opinion but do not open one.
    private static let signatureTitles: Set<String> = [
        "u.s.d.j", "u.s.m.j", "u.s.b.j", "united states district judge", "united states magistrate judge",
        "united states bankruptcy judge", "united states circuit judge", "united states district court judge",
        "u. s. district judge", "u.s. district judge", "u.s. magistrate judge", "u.s. bankruptcy judge", "j.p", "jj",
    ]

    /// `Dated: June 9, 2019`, `ENTERED: 6/9/2019`: the date, or nil inside when the line says
    /// it otherwise (`DATED this 9th day of June, 2019`).
    private static func datedLine(_ text: String) -> String?? {
        let lowered = text.lowercased()
        guard let lead = ["dated:", "dated", "entered:", "date:", "signed:"].first(where: { lowered.hasPrefix($0 + " ") }) else {
            return nil
        }
        let tokens = TextTokenizer.tokens(in: Array(text.utf8), range: 0..<text.utf8.count)
        let start = lead.split(separator: " ").count
        guard let (iso, _) = CaptionDate.read(tokens, at: start) else { return .some(nil) }
        return .some(iso)
    }

    private static func isRule(_ text: String) -> Bool {
        text.count >= 3 && text.allSatisfy { "_-—–*=".contains($0) || $0 == " " }
    }
}
