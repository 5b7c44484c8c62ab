import ClerkTestSupport
import Foundation
import Testing

/// `clerk explain INPUT --stage ID`: the diff of the text around one stage, on the samples.
@Suite struct ExplainCommandTests {
    private static let layout = "Samples/002_b9cf1909a371d268.txt"
    private static let flat = "Samples/001_adfd90a293bb973c.txt"

    private func changedLines(_ diff: String, _ sign: Character) -> [Substring] {
        diff.split(separator: "\n").filter { $0.first == sign && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }
    }

    /// The furniture stage's diff removes the running headers (`2   No. 20-1754`), each a `-` line,
    /// and its `--edits` list names them; the diff is a patch that stays valid with the list.
    @Test func furnitureRemovesRunningHeaders() throws {
        let result = try ClerkProcess.run(["explain", Self.layout, "--stage", "furniture", "--edits"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("--- \(Self.layout) before furniture\n+++ \(Self.layout) after furniture\n@@ -"))
        let removed = changedLines(result.stdout, "-")
        // A running header: the docket and a page number, nothing else.
        let headers = removed.filter { line in
            let words = line.dropFirst().split(separator: " ")
            return words.count == 3 && line.contains("No. 20-1754") && words.contains { Int($0) != nil }
        }
        #expect(headers.count >= 10, "\(removed.prefix(20))")
        #expect(changedLines(result.stdout, "+").allSatisfy { !$0.contains("No. 20-1754") || $0.contains("⟨p. ") })
        let edits = result.stdout.split(separator: "\n").filter { $0.hasPrefix("# byte ") }
        #expect(edits.count >= headers.count)
        #expect(edits.contains { $0.contains("No. 20-1754") && $0.contains(" → \"\"") })
    }

    /// The texts a diff compares, rebuilt from it: with a context longer than the text, its one
    /// hunk holds every line (` ` both, `-` before, `+` after).
    private func texts(from diff: String) -> (before: String, after: String) {
        var before = "", after = ""
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2) {
            guard let sign = line.first else { continue }
            let text = line.dropFirst() + "\n"
            switch sign {
            case " ": before += text; after += text
            case "-": before += text
            case "+": after += text
            default: #expect(line.hasPrefix("@@ -1,"), "\(line)")
            }
        }
        return (before, after)
    }

    /// Each diff is a patch of the before text (GNU patch turns it into the after text, with no
    /// fuzz and no offset), and one stage's after text is the next stage's before text.
    @Test func theDiffIsAPatchAndStagesChain() throws {
        let scratch = try Scratch()
        var previousAfter: String?
        for stage in ["footnotes", "dehyphenate"] {
            let whole = try ClerkProcess.run(["explain", Self.layout, "--stage", stage, "--context", "1000000"])
            let short = try ClerkProcess.run(["explain", Self.layout, "--stage", stage, "--edits"])
            #expect(whole.status == 0 && short.status == 0)
            #expect(whole.stdout.components(separatedBy: "\n@@ ").count == 2, "one hunk")
            let (before, after) = texts(from: whole.stdout)
            #expect(before != after && before.hasPrefix("⟨family⟩ layout\n"))
            if let previousAfter { #expect(previousAfter == before, "\(stage)") }
            #expect(result(of: before, patchedWith: short.stdout, in: scratch) == after, "\(stage)")
            previousAfter = after
        }
    }

    /// `patch` applies `diff` to `old` with no fuzz; nil (and an issue) if it cannot.
    private func result(of old: String, patchedWith diff: String, in scratch: Scratch) -> String? {
        do {
            let name = UUID().uuidString
            let original = try scratch.write(name, old)
            let patchFile = try scratch.write(name + ".patch", diff)
            let outcome = try ExternalTool.run("patch", ["--fuzz=0", "-o", scratch.path(name + ".out"), original, patchFile])
            #expect(outcome.status == 0, "\(outcome.output)")
            #expect(!outcome.output.contains("offset"), "\(outcome.output)")
            return try String(contentsOfFile: scratch.path(name + ".out"), encoding: .utf8)
        } catch {
            Issue.record("\(error)")
            return nil
        }
    }

    /// The citations stage changes no text: its `+` lines carry citation markers, its `-` lines none.
    @Test func citationsAddMarkersToBlocks() throws {
        let result = try ClerkProcess.run(["explain", Self.layout, "--stage", "citations", "--context", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let added = changedLines(result.stdout, "+"), removed = changedLines(result.stdout, "-")
        #expect(!added.isEmpty && added.count == removed.count)
        #expect(added.allSatisfy { $0.contains("⟦") && $0.contains("⟧⟨") })
        #expect(added.contains { $0.contains("U.S.") && $0.contains("⟧⟨fullCase⟩") })
        #expect(removed.allSatisfy { !$0.contains("⟦") })
    }

    @Test func aStageThatDoesNotRunOnTheFamilySaysSo() throws {
        let result = try ClerkProcess.run(["explain", Self.flat, "--stage", "ocr"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("stage ocr does not run on this input: its family is flat"), "\(result.stderr)")
        #expect(result.stderr.contains("\"scan\""))
    }

    @Test func aStageThatChangesNothingSaysSo() throws {
        let result = try ClerkProcess.run(["explain", Self.layout, "--stage", "starPages"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("stage starPages changed nothing"), "\(result.stderr)")
    }

    @Test func anUnknownOrDisabledStageIsAUsageErrorListingTheStages() throws {
        let unknown = try ClerkProcess.run(["explain", Self.layout, "--stage", "furnture"])
        #expect(unknown.status == 2)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("no stage \"furnture\""), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("detect, normalize, chrome, furniture"), "\(unknown.stderr)")

        let scratch = try Scratch()
        let config = try scratch.write("p.json", #"{"stages": [{"stage": "detect"}, {"stage": "normalize", "enabled": false}, {"stage": "reflow"}]}"#)
        let disabled = try ClerkProcess.run(["explain", Self.layout, "--stage", "normalize", "--config", config])
        #expect(disabled.status == 2)
        #expect(disabled.stderr.contains("stage \"normalize\" is disabled in \(config)"), "\(disabled.stderr)")
        #expect(disabled.stderr.contains("the enabled stages are: detect, reflow"), "\(disabled.stderr)")

        let negative = try ClerkProcess.run(["explain", Self.layout, "--stage", "detect", "--context", "-1"])
        #expect(negative.status == 2)
    }

    @Test func unreadableInputsAndFailedConversionsExitOne() throws {
        let scratch = try Scratch()
        let missing = scratch.path("missing.txt")
        let result = try ClerkProcess.run(["explain", missing, "--stage", "furniture"])
        #expect(result.status == 2, "a path that leads nowhere is a usage error")
        #expect(result.stderr.contains("\(missing): no such file"), "\(result.stderr)")

        let folder = try ClerkProcess.run(["explain", scratch.url.path, "--stage", "furniture"])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("is a folder"), "\(folder.stderr)")

        // A binary file fails in reading (its decode step); explaining a later stage names the file and that step.
        let binary = try scratch.write("binary.txt", [0x41, 0x00, 0x42, 0x0A])
        let failed = try ClerkProcess.run(["explain", binary, "--stage", "citations"])
        #expect(failed.status == 1)
        #expect(failed.stdout.isEmpty)
        #expect(failed.stderr.contains("\(binary): stage decode: "), "\(failed.stderr)")
    }

    @Test func helpSaysWhatItPrints() throws {
        let help = try ClerkProcess.run(["explain", "--help"])
        #expect(help.status == 0)
        for phrase in ["unified diff", "--stage", "--context", "--edits", "⟨p. 5⟩", "⟨fn 1⟩", "changed nothing"] {
            #expect(help.stdout.contains(phrase), "\(phrase)")
        }
        let top = try ClerkProcess.run(["--help"])
        #expect(top.stdout.contains("explain"))
    }
}
