/// The text before the first opinion that is not caption material: a clerk's stamp, a notice
/// ("NOTICE: This preliminary print is subject to formal revision …"), a banner ("NOT FOR
/// PUBLICATION"), a title, a summary of who wrote what. It belongs to no opinion, so it leaves
/// the body for the edit log, each piece with its reason.
///
/// Taken only where it is clearly head matter: the first opinion start opens the lead opinion
/// or a syllabus, everything before it lies within the caption window, and the start is a
/// decision's title, or a byline that delivers the opinion, or the opinions after it hold
/// more words than the text before it (head matter is shorter than what it heads).
struct HeadMatter {
    static let reason = "head matter before the first opinion (not caption material), kept in the edit log"

    /// Opinion types that open a document's opinions; head matter comes before them.
    static let leadingTypes: Set<OpinionType> = [.majority, .plurality, .perCuriam, .unanimous, .combined, .syllabus]

    /// Whether the text before `start` (all of it within the caption window) is head matter.
    /// A decision's title (`ORDER`) opens the decision for certain, however short it is; so
    /// does a byline that says it delivers the opinion (a first page printed alone holds little
    /// of it).
    static func precedes(start: Int, header: OpinionHeader, bytes: [UInt8], windowEnd: Int) -> Bool {
        guard leadingTypes.contains(header.type), windowEnd == start else { return false }
        if header.author == nil, let byline = header.byline, DecisionTitle.isTitle(byline) { return true }
        // `Judge Roe delivered the opinion of the Board.` says it opens the decision.
        if let byline = header.byline?.lowercased(), byline.contains("delivered the opinion") { return true }
        let before = ByteLines.wordCount(bytes, in: 0..<start)
        return ByteLines.wordCount(bytes, in: start..<bytes.count, stoppingAfter: before) > before
    }

    /// The caption read from head matter: the reading from the top (`top`), and one more from each
    /// paragraph (after a blank line) that the readings before did not reach, since head matter
    /// may put a notice between status lines and the caption; and from each line that opens with
    /// an element's keyword (`BEFORE:`, `Decided …`), since a headnote printed without blank lines
    /// may stand before them.
    static func captionScans(from top: CaptionScan) -> [CaptionScan] {
        let bytes = top.bytes, tokens = top.tokens
        let reader = CaptionReader(tokens: tokens)
        var scans: [CaptionScan] = []
        var index = 0
        while index < tokens.count {
            let scan = index == 0 ? top : CaptionScan(bytes: bytes, tokens: tokens, from: index, resync: true)
            if !scan.elements.isEmpty { scans.append(scan) }
            var next = max(index + 1, scan.elements.last?.tokens.upperBound ?? 0, scan.skipped.last?.upperBound ?? 0)
            while next < tokens.count && !startsParagraph(tokens, next, bytes)
                && !(tokens[next].startsLine && reader.startsElement(at: next)) { next += 1 }
            index = next
        }
        return scans
    }

    /// Whether a blank line comes before token `index`.
    private static func startsParagraph(_ tokens: [TextToken], _ index: Int, _ bytes: [UInt8]) -> Bool {
        guard index > 0, tokens[index].startsLine else { return false }
        // Tokens read column by column (`CaptionColumns`) may step back in the body: no blank line there.
        let gap = tokens[index - 1].range.upperBound..<max(tokens[index - 1].range.upperBound, tokens[index].range.lowerBound)
        return bytes[gap].count { $0 == 0x0A } >= 2
    }

    /// Edits that remove what `captionEdits` leave of the text before `start`: each run of text
    /// between them that is more than white space, with the white space around it up to the
    /// neighbouring edits, so that nothing before the opinion is left over.
    static func removal(before start: Int, besides captionEdits: [TextEdit], bytes: [UInt8]) -> [TextEdit] {
        var taken = captionEdits.map(\.range).filter { $0.lowerBound < start }.sorted { $0.lowerBound < $1.lowerBound }
        taken.append(start..<start)
        var edits: [TextEdit] = []
        var cursor = 0
        for range in taken {
            if range.lowerBound > cursor, bytes[cursor..<range.lowerBound].contains(where: { !isSpace($0) }) {
                edits.append(TextEdit(range: cursor..<range.lowerBound, reason: reason))
            }
            cursor = max(cursor, range.upperBound)
        }
        return edits
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
