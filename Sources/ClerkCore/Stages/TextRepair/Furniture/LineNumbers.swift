/// The numbers pleading paper prints down the left margin of every page (1 to 28, one per
/// printed line, in a column of their own), which text extraction puts at the start of the
/// lines, alone or before the text: `10   IN RE: ROE LITIGATION`. They are no part of the text.
///
/// Found by their run, not their value: lines that open with a bare number (no period, at most
/// two digits), in one column, counting up by one from 1 or 2, at least `minimumRun` of them
/// with few unnumbered lines between (a wrapped line carries no number). Each number becomes
/// spaces of its width, so the text keeps its columns and its indentation.
enum LineNumbers {
    static let reason = "pleading paper's line number"
    private static let minimumRun = 10
    /// Lines with text but no number that may come between two numbered lines of a run.
    private static let maximumGap = 3

    private struct Numbered {
        var digits: Range<Int>
        var value: Int
        var column: Int
        var line: Int
    }

    static func edits(in bytes: [UInt8]) -> [TextEdit] {
        var edits: [TextEdit] = []
        var run: [Numbered] = []
        var unnumbered = 0
        func close() {
            if run.count >= minimumRun {
                edits += run.map { TextEdit(range: $0.digits, replacement: String(repeating: " ", count: $0.digits.count), reason: reason) }
            }
            run = []
        }
        for (line, range) in ByteLines.ranges(bytes).enumerated() {
            guard let numbered = number(in: bytes, range, line: line) else {
                if !trimmed(range, in: bytes).isEmpty {
                    unnumbered += 1
                    if unnumbered > maximumGap { close() }
                }
                continue
            }
            if let last = run.last, numbered.value == last.value + 1, abs(numbered.column - last.column) <= 2 {
                run.append(numbered)
            } else if numbered.value <= 2 {
                close()
                run = [numbered]
            } else if run.isEmpty || numbered.value != run.last!.value {
                // A number out of the run (a page number, a list item) neither ends it nor joins it.
                unnumbered += 1
                continue
            }
            unnumbered = 0
        }
        close()
        return edits
    }

    /// A line that opens with one or two digits followed by a space or the line's end.
    private static func number(in bytes: [UInt8], _ range: Range<Int>, line: Int) -> Numbered? {
        var start = range.lowerBound
        while start < range.upperBound && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        var end = start
        while end < range.upperBound && end - start < 3 && bytes[end] >= 0x30 && bytes[end] <= 0x39 { end += 1 }
        guard end > start, end - start <= 2, end == range.upperBound || bytes[end] == 0x20 || bytes[end] == 0x09 else { return nil }
        var value = 0
        for byte in bytes[start..<end] { value = value * 10 + Int(byte - 0x30) }
        return Numbered(digits: start..<end, value: value, column: start - range.lowerBound, line: line)
    }
}
