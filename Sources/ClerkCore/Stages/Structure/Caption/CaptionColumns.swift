/// Two-column captions, as PDF-to-text lays them out: the parties on the left, the docket number,
/// the lower court's number, a title (`OPINION`) or a clerk's stamp on the right, after a run of
/// three or more spaces on the same lines.
///
/// Read in line order, the right column's words break into the parties. So the words of such a
/// block are read left column first, then right column, each right fragment as a line of its
/// own. A block is only seen where at least two lines show both columns (or one, whose right
/// column is a docket number: `Plaintiffs - Appellees,      Docket No. 21-1234`), the right one starting
/// far enough in (a justified line of prose has narrower gaps, and only one of them); lines that
/// hold only right-column words (a stamp's lines, a wrapped lower-court number) within the block
/// go right too. Lines before and after the block keep their order.
enum CaptionColumns {
    /// Where a right column may start at the earliest (a left column's name takes room).
    static let minimumColumn = 24
    /// Spaces that separate the columns.
    static let minimumGap = 3
    /// A line of right-column words alone starts at least this far in.
    static let islandColumn = 40
    /// Lines that hold no right-column words, in a row, end a block.
    static let maximumLinesBetween = 4

    /// The tokens in reading order, or nil when they hold no two-column block.
    static func readingOrder(_ tokens: [TextToken], bytes: [UInt8]) -> [TextToken]? {
        guard tokens.count >= 4, zip(tokens, tokens.dropFirst()).allSatisfy({ $0.range.upperBound <= $1.range.lowerBound }) else {
            return nil
        }
        let layout = Layout(tokens, bytes: bytes)
        // The right column's start: the leftmost right-hand fragment of a line with two.
        let splits = layout.fragments.filter { $0.followsGap && $0.column >= minimumColumn || layout.isIsland($0) }
        let splitLines = Set(splits.map(\.line))
        // One split line is enough when its right-hand words are a docket number (`Docket No. …`
        // beside a party's role), which prose never sets off by a run of spaces.
        let docketLines = Set(splits.filter { $0.followsGap && DocketReader.keywordEnd(tokens, at: $0.tokens.lowerBound) != nil }.map(\.line))
        guard splitLines.count >= 2 || !docketLines.isEmpty, let column = splits.map(\.column).min() else { return nil }
        let isRight = { (fragment: Fragment) in fragment.column >= column - 2 }
        var order: [Int] = []
        var startsLine: Set<Int> = []
        var cursor = 0
        for block in blocks(layout, isRight: isRight, splitLines: splitLines, docketLines: docketLines) {
            let first = layout.lineStartToken[block.lowerBound], end = layout.lineEndToken(block.upperBound - 1)
            let inBlock = layout.fragments.filter { $0.tokens.lowerBound >= first && $0.tokens.upperBound <= end }
            // A column of `)` or `]` between the two is read last, as rules.
            let separators = inBlock.filter(\.isSeparator)
            let words = inBlock.filter { !$0.isSeparator }
            let left = words.filter { !isRight($0) }, right = words.filter(isRight)
            guard !left.isEmpty, !right.isEmpty else { continue }
            order += cursor..<first
            for fragment in left + right + separators {
                order += fragment.tokens
                startsLine.insert(fragment.tokens.lowerBound)
            }
            cursor = end
        }
        guard !order.isEmpty else { return nil }
        order += cursor..<tokens.count
        return order.map { index in
            var token = tokens[index]
            if startsLine.contains(index) { token.startsLine = true }
            return token
        }
    }

    /// Line ranges (by line number) of the two-column blocks: lines with right-column words no
    /// more than a few lines apart, two of them split (or one, beside a docket number). Right-column lines above the first split
    /// line belong to the block only when they run into it: a stamp printed above left-column
    /// lines is read first, where it stands.
    private static func blocks(_ layout: Layout, isRight: (Fragment) -> Bool, splitLines: Set<Int>, docketLines: Set<Int>) -> [Range<Int>] {
        let rightLines = Array(Set(layout.fragments.filter(isRight).map(\.line))).sorted()
        var blocks: [Range<Int>] = []
        var cluster: [Int] = []
        func close() {
            defer { cluster = [] }
            let splits = cluster.filter(splitLines.contains)
            guard let last = cluster.last, var first = cluster.firstIndex(where: splitLines.contains),
                  splits.count >= 2 || splits.count == 1 && docketLines.contains(splits[0]) else { return }
            while first > 0, cluster[first - 1] == cluster[first] - 1 { first -= 1 }
            blocks.append(cluster[first]..<layout.captionEnd(after: last) + 1)
        }
        for line in rightLines {
            if let last = cluster.last, layout.nonBlankLines(between: last, and: line) > maximumLinesBetween { close() }
            cluster.append(line)
        }
        close()
        return blocks
    }

    /// Words between runs of spaces on one line.
    struct Fragment {
        var tokens: Range<Int>
        var line: Int
        var column: Int
        var startsLine: Bool
        /// Whether a run of spaces (or a column separator) parts it from words before it on its line.
        var followsGap: Bool
        /// A lone `)`, `]`, `|` or `:` that parts two columns.
        var isSeparator: Bool
    }

    static func isSeparator(_ token: TextToken) -> Bool {
        [")", "]", "|", ":"].contains(token.text)
    }

    /// The lines and fragments of the tokens.
    struct Layout {
        var fragments: [Fragment] = []
        var fragmentStarting: [Int: Fragment] = [:]
        var lineOf: [Int] = []
        /// The first token of each line, by line number.
        var lineStartToken: [Int] = []
        /// The column of each line's first word.
        var lineColumn: [Int] = []
        let tokens: [TextToken]
        var count: Int { tokens.count }

        init(_ tokens: [TextToken], bytes: [UInt8]) {
            self.tokens = tokens
            var line = -1
            var lineStart = 0
            for (index, token) in tokens.enumerated() {
                let start = token.range.lowerBound
                var followsGap = false
                if index == 0 || token.startsLine {
                    line += 1
                    lineStartToken.append(index)
                    lineStart = start
                    var steps = 0
                    while lineStart > 0, bytes[lineStart - 1] != 0x0A, steps < 1_000 { lineStart -= 1; steps += 1 }
                    lineColumn.append(start - lineStart)
                } else {
                    let gap = bytes[tokens[index - 1].range.upperBound..<start]
                    followsGap = gap.count >= CaptionColumns.minimumGap && gap.allSatisfy { $0 == 0x20 || $0 == 0x09 }
                        || CaptionColumns.isSeparator(tokens[index - 1]) || CaptionColumns.isSeparator(token)
                }
                lineOf.append(line)
                if index == 0 || token.startsLine || followsGap {
                    if !fragments.isEmpty { fragments[fragments.count - 1].tokens = fragments[fragments.count - 1].tokens.lowerBound..<index }
                    fragments.append(Fragment(tokens: index..<index + 1, line: line, column: start - lineStart,
                                              startsLine: index == 0 || token.startsLine, followsGap: followsGap,
                                              isSeparator: CaptionColumns.isSeparator(token)))
                }
            }
            if !fragments.isEmpty { fragments[fragments.count - 1].tokens = fragments[fragments.count - 1].tokens.lowerBound..<tokens.count }
            for fragment in fragments { fragmentStarting[fragment.tokens.lowerBound] = fragment }
        }

        /// A line of right-column words alone (a docket number, a lower court's number), set far
        /// in from the lines around it, which start at the left margin.
        func isIsland(_ fragment: Fragment) -> Bool {
            guard fragment.startsLine, fragment.column >= CaptionColumns.islandColumn,
                  fragment.line > 0, fragment.line + 1 < lineStartToken.count else { return false }
            let before = lineColumn[fragment.line - 1], after = lineColumn[fragment.line + 1]
            return max(before, after) + CaptionColumns.minimumColumn <= fragment.column
        }

        /// The left column may go on below the right one (`v.`, the second party and its role):
        /// the line, within six short lines after `line` and before a rule, that ends a
        /// sentence; `line` itself when none does.
        func captionEnd(after line: Int) -> Int {
            var next = line + 1
            while next < lineStartToken.count, next <= line + 6 {
                let words = lineStartToken[next]..<lineEndToken(next)
                guard words.count <= 8, !tokens[words.lowerBound].isRule else { break }
                let last = tokens[words.upperBound - 1]
                if last.endsWithPeriod && !PartyReader.isVersus(last) { return next }
                next += 1
            }
            return line
        }

        /// The index after the last token of line `line`.
        func lineEndToken(_ line: Int) -> Int {
            line + 1 < lineStartToken.count ? lineStartToken[line + 1] : count
        }

        /// Lines with words strictly between two lines (blank lines hold no tokens, so are not counted).
        func nonBlankLines(between first: Int, and second: Int) -> Int {
            max(0, second - first - 1)
        }
    }
}
