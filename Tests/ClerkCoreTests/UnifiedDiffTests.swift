import ClerkCore
import ClerkTestSupport
import Foundation
import Testing

/// The unified diff formatter, checked against fixed expectations, against GNU `diff -u`, and
/// by GNU `patch` (which must turn the old text into the new one with no offset and no fuzz).
@Suite struct UnifiedDiffTests {
    private func diff(_ old: String, _ new: String, context: Int = 3) -> String {
        UnifiedDiff(context: context).format(old: old, new: new, oldName: "a", newName: "b")
    }

    /// Numbered lines `first...last`, each ended by `\n`.
    private func numbered(_ lines: ClosedRange<Int>) -> String {
        lines.map { "line \($0)\n" }.joined()
    }

    /// `diff -u` of the two texts without its two header lines (they hold dates).
    private func gnuHunks(_ old: String, _ new: String, context: Int = 3) throws -> String {
        let scratch = try Scratch()
        let a = try scratch.write("a", old), b = try scratch.write("b", new)
        let result = try ExternalTool.run("diff", ["-U", String(context), a, b])
        #expect(result.status == (old == new ? 0 : 1), "diff: \(result.output)")
        return result.output.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
    }

    private func hunks(_ diff: String) -> String {
        diff.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
    }

    /// Applies `patchText` to `old` with GNU patch, refusing fuzz, and returns the result; records
    /// an issue when patch fails or has to move a hunk (a wrong line number).
    private func patched(_ old: String, with patchText: String) throws -> String {
        let scratch = try Scratch()
        let original = try scratch.write("old.txt", old)
        let patchFile = try scratch.write("change.patch", patchText)
        let result = try ExternalTool.run(
            "patch", ["--fuzz=0", "--no-backup-if-mismatch", "-o", scratch.path("new.txt"), original, patchFile])
        #expect(result.status == 0, "patch failed: \(result.output)\n\(patchText)")
        #expect(!result.output.contains("offset") && !result.output.contains("fuzz"), "patch had to adjust: \(result.output)")
        return try String(contentsOfFile: scratch.path("new.txt"), encoding: .utf8)
    }

    @Test func equalTextsGiveNoDiff() {
        #expect(diff("", "") == "")
        #expect(diff("a\nb\n", "a\nb\n") == "")
        #expect(diff("a\nb", "a\nb") == "")
    }

    @Test func allNewAndAllRemoved() throws {
        #expect(diff("", "x\ny\n") == "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n")
        #expect(diff("x\ny\n", "") == "--- a\n+++ b\n@@ -1,2 +0,0 @@\n-x\n-y\n")
        #expect(diff("x\n", "") == "--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n")
        #expect(hunks(diff("", "x\ny\n")) == (try gnuHunks("", "x\ny\n")))
        #expect(hunks(diff("x\ny\n", "")) == (try gnuHunks("x\ny\n", "")))
    }

    @Test func changesAtStartAndEnd() throws {
        let old = numbered(1...10)
        let start = old.replacingOccurrences(of: "line 1\n", with: "first\n")
        #expect(diff(old, start) == "--- a\n+++ b\n@@ -1,4 +1,4 @@\n-line 1\n+first\n line 2\n line 3\n line 4\n")
        let end = numbered(1...9) + "last\n"
        #expect(diff(old, end) == "--- a\n+++ b\n@@ -7,4 +7,4 @@\n line 7\n line 8\n line 9\n-line 10\n+last\n")
        let inserted = "new\n" + old
        #expect(diff(old, inserted) == "--- a\n+++ b\n@@ -1,3 +1,4 @@\n+new\n line 1\n line 2\n line 3\n")
        let appended = old + "more\n"
        #expect(diff(old, appended) == "--- a\n+++ b\n@@ -8,3 +8,4 @@\n line 8\n line 9\n line 10\n+more\n")
        for new in [start, end, inserted, appended] {
            #expect(hunks(diff(old, new)) == (try gnuHunks(old, new)))
        }
    }

    @Test func hunksMergeWhenTheirContextsMeet() throws {
        let old = numbered(1...20)
        // Six unchanged lines between the changes: the contexts (3 + 3) meet, one hunk.
        let close = old.replacingOccurrences(of: "line 5\n", with: "five\n").replacingOccurrences(of: "line 12\n", with: "twelve\n")
        let merged = diff(old, close)
        #expect(merged.components(separatedBy: "@@ -").count - 1 == 1)
        #expect(merged.contains("@@ -2,14 +2,14 @@\n"))
        // Seven unchanged lines between: two hunks.
        let apart = old.replacingOccurrences(of: "line 5\n", with: "five\n").replacingOccurrences(of: "line 13\n", with: "thirteen\n")
        let split = diff(old, apart)
        #expect(split.components(separatedBy: "@@ -").count - 1 == 2)
        #expect(split.contains("@@ -2,7 +2,7 @@\n") && split.contains("@@ -10,7 +10,7 @@\n"))
        for new in [close, apart] {
            #expect(hunks(diff(old, new)) == (try gnuHunks(old, new)))
            #expect(try patched(old, with: diff(old, new)) == new)
        }
        // Context 0 and 1 change where hunks split.
        #expect(hunks(diff(old, close, context: 0)) == (try gnuHunks(old, close, context: 0)))
        #expect(hunks(diff(old, close, context: 1)) == (try gnuHunks(old, close, context: 1)))
    }

    @Test func lastLineWithoutLineEnd() throws {
        let cases: [(String, String)] = [
            ("a\nb", "a\nc"), ("a\nb", "a\nb\n"), ("a\nb\n", "a\nb"), ("a", "b"), ("", "a"), ("a", ""),
            (numbered(1...9) + "ten", numbered(1...9) + "ten\nmore"),
        ]
        #expect(diff("a\nb", "a\nc") == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")
        #expect(diff("a\nb", "a\nb\n") == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
        for (old, new) in cases {
            #expect(hunks(diff(old, new)) == (try gnuHunks(old, new)), "\(old.debugDescription) → \(new.debugDescription)")
            #expect(try patched(old, with: diff(old, new)) == new)
        }
    }

    /// Lines compare as bytes: NFC and NFD spellings of one word differ, and `\r\n` keeps its `\r`.
    @Test func linesCompareByBytes() {
        #expect(diff("caf\u{E9}\n", "cafe\u{301}\n") != "")
        #expect(diff("a\r\nb\r\n", "a\r\nc\r\n") == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n")
    }

    /// Random texts and random line edits: `diff -u` agrees where the alignment is unique
    /// (distinct lines), and `patch` turns the old text into the new one in every case.
    @Test func randomEditsPatchBack() throws {
        var random = SplitMix64(seed: 0x5EED_D1FF)
        var patches = ""
        var pairs: [(old: String, new: String)] = []
        for round in 0..<60 {
            // Half the rounds draw lines from a small vocabulary (repeats, ambiguous alignments).
            let distinct = round % 2 == 0
            var fresh = 0
            func line() -> String {
                fresh += 1
                return distinct ? "line \(round)-\(fresh)" : ["", "a", "b", "c", "the court", "AFFIRMED."][Int(random.next() % 6)]
            }
            var old: [String] = (0..<Int(random.next() % 40)).map { _ in line() }
            var new = old
            for _ in 0..<Int(random.next() % 6) {
                let at = new.isEmpty ? 0 : Int(random.next() % UInt64(new.count + 1))
                switch random.next() % 3 {
                case 0: new.insert(contentsOf: (0...Int(random.next() % 3)).map { _ in line() }, at: at)
                case 1: if at < new.count { new.removeSubrange(at..<min(new.count, at + 1 + Int(random.next() % 3))) }
                default: if at < new.count { new[at] = line() }
                }
            }
            if random.next() % 4 == 0 { old.append("") }  // an empty last line
            var oldText = old.map { $0 + "\n" }.joined(), newText = new.map { $0 + "\n" }.joined()
            if random.next() % 5 == 0, !oldText.isEmpty { oldText.removeLast() }
            if random.next() % 5 == 0, !newText.isEmpty { newText.removeLast() }
            let context = Int(random.next() % 4)
            let output = UnifiedDiff(context: context).format(old: oldText, new: newText, oldName: "a", newName: "b")
            #expect(output.isEmpty == (oldText == newText))
            if distinct {
                #expect(hunks(output) == (try gnuHunks(oldText, newText, context: context)), "round \(round)")
            }
            if !output.isEmpty {
                #expect(try patched(oldText, with: output) == newText, "round \(round)")
                patches += output
                pairs.append((oldText, newText))
            }
        }
        #expect(pairs.count > 40)
    }

    /// Texts of `count` lines and an edited copy: a few changes (`few`), a changed line every
    /// 10 lines (`spread`: a hunk each), or every 5 (`dense`: one long hunk), plus a moved block.
    private static func pair(_ count: Int, _ pattern: String) -> (old: String, new: String) {
        let old = (0..<count).map { "paragraph text of line \($0), with some words in it\n" }
        var new = old
        switch pattern {
        case "few":
            for index in [10, count / 4, count / 2, count * 4 / 5, count - 1] { new[index] = "changed \(index)\n" }
            new.insert("inserted\n", at: count * 3 / 5)
            new.remove(at: 100)
        default:
            for index in stride(from: 0, to: count, by: pattern == "spread" ? 10 : 5) { new[index] = "mended \(index)\n" }
            // A moved block: lines found in both texts, out of order.
            let moved = new[count / 3 ..< count / 3 + 20]
            new.removeSubrange(count / 3 ..< count / 3 + 20)
            new.insert(contentsOf: moved, at: count * 2 / 3)
        }
        return (old.joined(), new.joined())
    }

    /// The diff's time grows linearly with the text for a given share of changed lines, and a
    /// 50,000-line text diffs into a patch that GNU patch applies exactly.
    @Test(arguments: ["few", "spread", "dense"])
    func diffTimeIsLinear(pattern: String) throws {
        let measurement = try LinearTime.measure(small: Self.pair(5_000, pattern), large: Self.pair(50_000, pattern)) { pair in
            _ = UnifiedDiff().format(old: pair.old, new: pair.new, oldName: "a", newName: "b")
        }
        LinearTime.report("diff \(pattern)", measurement)
        #expect(measurement.isLinear, "\(pattern): \(measurement)")
        let (old, new) = Self.pair(50_000, pattern)
        #expect(try patched(old, with: UnifiedDiff().format(old: old, new: new, oldName: "a", newName: "b")) == new)
    }
}
