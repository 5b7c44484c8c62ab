/// A unified diff of two texts by lines, in the format of `diff -u` (and accepted by `patch`):
/// `--- old` / `+++ new` headers, `@@ -l,n +l,n @@` hunks with `context` unchanged lines around
/// each change, hunks merged when their contexts touch or overlap, and
/// `\ No newline at end of file` after a last line that has no line end.
///
/// The line matching is the standard library's `CollectionDifference` (`difference(from:)`, a
/// Myers diff: O((N + M) · D) for D changed lines, so a long text with a few changes is quick).
/// Only the hunk layout is written here: no maintained Swift package formats unified diffs.
public struct UnifiedDiff: Sendable {
    /// One line of a text: its characters without the line end, and whether a line end follows
    /// (only a text's last line can lack one). Lines are equal when their bytes are: a line
    /// with and one without a line end differ (as for `diff`), and so do two spellings of one
    /// character (`String`'s own equality would call NFC and NFD forms equal).
    struct Line: Hashable, Sendable {
        var text: Substring
        var isTerminated: Bool

        static func == (left: Line, right: Line) -> Bool {
            left.isTerminated == right.isTerminated && left.text.utf8.elementsEqual(right.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(isTerminated)
            let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            if hashed == nil {
                // The same bytes hash the same whether or not they were contiguous.
                Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
            }
        }
    }

    /// What happens to a line: kept (in both texts), removed (old only) or inserted (new only).
    enum Operation: Equatable {
        case keep(old: Int, new: Int)
        case remove(old: Int)
        case insert(new: Int)

        var isChange: Bool {
            if case .keep = self { return false }
            return true
        }
    }

    /// Unchanged lines shown before and after each change.
    public var context: Int

    public init(context: Int = 3) {
        self.context = max(0, context)
    }

    /// The diff of `old` into `new`, headed `--- oldName` / `+++ newName`; empty when the texts
    /// are equal.
    public func format(old: String, new: String, oldName: String, newName: String) -> String {
        let oldLines = Self.lines(old), newLines = Self.lines(new)
        let operations = Self.operations(from: oldLines, to: newLines)
        let hunks = hunks(of: operations)
        guard !hunks.isEmpty else { return "" }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        // Lines of each text before the current hunk, counted once over all hunks.
        var counted = 0, oldBefore = 0, newBefore = 0
        for hunk in hunks {
            for operation in operations[counted..<hunk.lowerBound] {
                switch operation {
                case .keep: oldBefore += 1; newBefore += 1
                case .remove: oldBefore += 1
                case .insert: newBefore += 1
                }
            }
            counted = hunk.lowerBound
            write(hunk, operations: operations, old: oldLines, new: newLines, before: (oldBefore, newBefore), into: &output)
        }
        return output
    }

    /// The lines of `text`, split at `\n` (bytes, so `\r\n` keeps its `\r`); a text that ends
    /// with `\n` has no empty line after it.
    static func lines(_ text: String) -> [Line] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { Line(text: Substring($0), isTerminated: true) }
        // The piece after the last `\n` is empty for a text that ends with one, and is an
        // unterminated last line otherwise.
        if let last = lines.popLast(), !last.text.isEmpty {
            lines.append(Line(text: last.text, isTerminated: false))
        }
        return lines
    }

    /// The edit script: every line of both texts once, in order, removals of a change before its
    /// insertions (as `diff -u` writes them).
    ///
    /// Before the Myers diff, the lines that cannot match are set aside, as GNU diff does: the
    /// common first and last lines, and lines that occur in only one of the texts (the lines a
    /// stage rewrote). This leaves the longest common subsequence as it was, so the diff is as
    /// short, and keeps the Myers search (whose memory grows with the square of the differences
    /// it sees) small when a stage changes many lines of a long text.
    static func operations(from old: [Line], to new: [Line]) -> [Operation] {
        var prefix = 0
        while prefix < old.count && prefix < new.count && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix && suffix < new.count - prefix
            && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = prefix ..< old.count - suffix, newMiddle = prefix ..< new.count - suffix

        // Lines as numbers, equal lines one number; then the lines found in both texts.
        var numbers: [Line: Int] = [:]
        let oldNumbers = oldMiddle.map { index -> Int in
            if let number = numbers[old[index]] { return number }
            numbers[old[index]] = numbers.count
            return numbers.count - 1
        }
        var inOld = [Bool](repeating: false, count: numbers.count)
        for number in oldNumbers { inOld[number] = true }
        let newNumbers = newMiddle.map { index -> Int in
            if let number = numbers[new[index]] { return number }
            return -1  // in the new text only
        }
        var inNew = [Bool](repeating: false, count: numbers.count)
        for number in newNumbers where number >= 0 { inNew[number] = true }
        let oldShared = oldNumbers.indices.filter { inNew[oldNumbers[$0]] }
        let newShared = newNumbers.indices.filter { newNumbers[$0] >= 0 && inOld[newNumbers[$0]] }

        var removed = [Bool](repeating: true, count: old.count)
        var inserted = [Bool](repeating: true, count: new.count)
        for index in 0..<prefix { removed[index] = false; inserted[index] = false }
        for index in 0..<suffix { removed[old.count - 1 - index] = false; inserted[new.count - 1 - index] = false }
        for index in oldShared { removed[oldMiddle.lowerBound + index] = false }
        for index in newShared { inserted[newMiddle.lowerBound + index] = false }
        let sharedDifference = newShared.map { newNumbers[$0] }.difference(from: oldShared.map { oldNumbers[$0] })
        for change in sharedDifference {
            switch change {
            case .remove(let offset, _, _): removed[oldMiddle.lowerBound + oldShared[offset]] = true
            case .insert(let offset, _, _): inserted[newMiddle.lowerBound + newShared[offset]] = true
            }
        }

        var operations: [Operation] = []
        operations.reserveCapacity(max(old.count, new.count))
        var oldIndex = 0, newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            if oldIndex < old.count && removed[oldIndex] {
                operations.append(.remove(old: oldIndex))
                oldIndex += 1
            } else if newIndex < new.count && inserted[newIndex] {
                operations.append(.insert(new: newIndex))
                newIndex += 1
            } else {
                // Neither removed nor inserted: the difference keeps these two lines as a pair.
                operations.append(.keep(old: oldIndex, new: newIndex))
                oldIndex += 1
                newIndex += 1
            }
        }
        return operations
    }

    /// The ranges of `operations` that make up the hunks: each change with `context` operations
    /// around it, two changes in one hunk when at most `2 × context` kept lines lie between them.
    func hunks(of operations: [Operation]) -> [Range<Int>] {
        var hunks: [Range<Int>] = []
        var index = 0
        while let first = operations[index...].firstIndex(where: \.isChange) {
            var last = first
            var scan = first + 1
            while let next = operations[scan...].firstIndex(where: \.isChange), next - last - 1 <= 2 * context {
                last = next
                scan = next + 1
            }
            hunks.append(max(0, first - context) ..< min(operations.count, last + 1 + context))
            index = last + 1
        }
        return hunks
    }

    /// Writes one hunk; `before` counts the lines of each text before it (where a hunk that
    /// holds no line of a text, all insertions or all removals, sits in that text).
    private func write(
        _ hunk: Range<Int>, operations: [Operation], old: [Line], new: [Line], before: (old: Int, new: Int),
        into output: inout String
    ) {
        var oldStart: Int?, newStart: Int?
        var oldCount = 0, newCount = 0
        var body = ""
        for operation in operations[hunk] {
            let line: Line
            switch operation {
            case .keep(let oldIndex, let newIndex):
                oldStart = oldStart ?? oldIndex
                newStart = newStart ?? newIndex
                oldCount += 1
                newCount += 1
                line = old[oldIndex]
                body += " "
            case .remove(let oldIndex):
                oldStart = oldStart ?? oldIndex
                oldCount += 1
                line = old[oldIndex]
                body += "-"
            case .insert(let newIndex):
                newStart = newStart ?? newIndex
                newCount += 1
                line = new[newIndex]
                body += "+"
            }
            body += line.text
            body += "\n"
            if !line.isTerminated { body += "\\ No newline at end of file\n" }
        }
        output += "@@ -\(Self.range(start: oldStart ?? before.old, count: oldCount))"
        output += " +\(Self.range(start: newStart ?? before.new, count: newCount)) @@\n"
        output += body
    }

    /// `l,n` as `diff -u` writes it: 1-based first line, `,n` left out when n is 1, and for an
    /// empty range the line before it (0 at the start of the text).
    private static func range(start: Int, count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }
}
