import ClerkTestSupport
import Foundation
import Testing

/// The edges of a batch run: an output never replaces an input, what a run writes is never
/// read back as input, an input set with nothing in it or a path to nothing is a usage error
/// that says why, and a refused run leaves nothing behind.
@Suite struct InputSafetyTests {
    /// Every file under `folder` with its bytes.
    private func contents(of scratch: Scratch, under folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in scratch.files(under: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: scratch.path(folder + "/" + name)))
        }
        return files
    }

    private func inputFolder(_ scratch: Scratch) throws -> [String: Data] {
        try scratch.write("in/a.txt", "The first opinion of the court, in plain text.\n")
        try scratch.write("in/x.html", "<html><body><p>An opinion published as a web page.</p></body></html>\n")
        try scratch.write("in/data.json", #"{"not": "an output of clerk"}"# + "\n")
        return try contents(of: scratch, under: "in")
    }

    @Test func reviewIntoItsInputFolderIsRefusedAndEveryInputStaysByteIdentical() throws {
        let scratch = try Scratch()
        let before = try inputFolder(scratch)
        let input = scratch.path("in")
        let result = try ClerkProcess.run(["review", input, "--out", input])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("the review page \(input)/x.html of \(input)/x.html would replace the input \(input)/x.html"),
                "\(result.stderr)")
        #expect(result.stderr.contains("the output folder \(input) is an input folder"), "\(result.stderr)")
        #expect(!result.stderr.contains("wrote "), "refused before any work")
        #expect(try contents(of: scratch, under: "in") == before)
    }

    @Test func convertWithAnOutputExtensionAsInputIntoItsInputFolderIsRefused() throws {
        let scratch = try Scratch()
        let before = try inputFolder(scratch)
        let input = scratch.path("in")
        let result = try ClerkProcess.run(["convert", input, "--out", input, "--extensions", "txt,json"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("the output \(input)/data.json of \(input)/data.json would replace the input \(input)/data.json"),
                "\(result.stderr)")
        #expect(result.stderr.contains("nothing was written"), "\(result.stderr)")
        #expect(try contents(of: scratch, under: "in") == before)

        // A file named on its own is protected the same way.
        let single = try ClerkProcess.run(["convert", input + "/data.json", "--out", input, "--format", "json"])
        #expect(single.status == 2, "\(single.stderr)")
        #expect(try contents(of: scratch, under: "in") == before)

        // Outputs beside their inputs stay possible when no extension is shared.
        let beside = try ClerkProcess.run(["convert", input + "/a.txt", "--out", input])
        #expect(beside.status == 0, "\(beside.stderr)")
        #expect(scratch.files(under: "in") == ["a.json", "a.txt", "a.xml", "data.json", "x.html"])
    }

    @Test func anOutputFolderInsideAnInputFolderIsNeverReadAsInput() throws {
        let scratch = try Scratch()
        _ = try inputFolder(scratch)
        let input = scratch.path("in")
        for _ in 0..<2 {
            let review = try ClerkProcess.run(["review", input, "--out", input + "/pages"])
            #expect(review.status == 0, "\(review.stderr)")
            #expect(review.stderr.contains("wrote 2 review page(s) for 2 input(s), 0 failed"), "\(review.stderr)")
        }
        #expect(scratch.files(under: "in/pages") == ["a.html", "x.html"])
        for _ in 0..<2 {
            let convert = try ClerkProcess.run(["convert", input, "--out", input + "/out", "--extensions", "txt,json"])
            #expect(convert.status == 0, "\(convert.stderr)")
            #expect(convert.stderr.contains("converted 2 of 2 input(s)"), "\(convert.stderr)")
        }
        #expect(scratch.files(under: "in/out") == ["a.json", "a.xml", "data.json", "data.xml"])
    }

    @Test func aReportNeverReplacesAnInputOrAnOutput() throws {
        let scratch = try Scratch()
        let before = try inputFolder(scratch)
        let input = scratch.path("in/a.txt"), out = scratch.path("out")
        let overInput = try ClerkProcess.run(["convert", input, "--out", out, "--report", input])
        #expect(overInput.status == 2)
        #expect(overInput.stderr.contains("the report \(input) would replace the input \(input)"), "\(overInput.stderr)")
        let overOutput = try ClerkProcess.run(["convert", input, "--out", out, "--report", out + "/a.json"])
        #expect(overOutput.status == 2)
        #expect(overOutput.stderr.contains("the report \(out)/a.json would replace the output \(out)/a.json of \(input)"),
                "\(overOutput.stderr)")
        #expect(try contents(of: scratch, under: "in") == before)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func noInputsIsAUsageErrorThatSaysWhatWasSkipped() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("empty"), withIntermediateDirectories: true)
        let empty = try ClerkProcess.run(["convert", scratch.path("empty"), "--out", scratch.path("out")])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("clerk: error: no inputs to convert in \(scratch.path("empty")): no files there"), "\(empty.stderr)")

        try scratch.write("other/notes.md", "notes")
        try scratch.write("other/brief.pdf", "%PDF")
        try scratch.write("other/.hidden.txt", "hidden")
        try FileManager.default.createSymbolicLink(atPath: scratch.path("other/gone.txt"), withDestinationPath: scratch.path("nowhere.txt"))
        let other = try ClerkProcess.run(["convert", scratch.path("other"), "--out", scratch.path("out")])
        #expect(other.status == 2)
        #expect(other.stderr.contains("2 file(s) skipped: extension not in txt,html,htm"), "\(other.stderr)")
        #expect(other.stderr.contains("1 dangling link(s)"), "\(other.stderr)")
        #expect(other.stderr.contains("1 hidden entry skipped"), "\(other.stderr)")
        let review = try ClerkProcess.run(["review", scratch.path("other"), "--out", scratch.path("out"), "--extensions", "md"])
        #expect(review.status == 0, "the extension list decides: \(review.stderr)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("out/notes.html")))

        let none = try ClerkProcess.run(["review", scratch.path("empty"), "--out", scratch.path("pages")])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no inputs to review"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("pages")))
    }

    @Test func aPathToNothingIsAUsageErrorAndNothingIsWritten() throws {
        let scratch = try Scratch()
        let good = try scratch.write("a.txt", "Text of an opinion.\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.path("link.txt"), withDestinationPath: scratch.path("gone.txt"))
        let result = try ClerkProcess.run(["convert", good, scratch.path("mistyped.txt"), scratch.path("link.txt"), "--out", scratch.path("out")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("clerk: error: \(scratch.path("mistyped.txt")): no such file or folder"), "\(result.stderr)")
        #expect(result.stderr.contains("\(scratch.path("link.txt")): a symbolic link to \(scratch.path("gone.txt")), which does not exist"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
    }

    @Test func theSameFileTwiceIsNamedAsADuplicateAndConvertedOnce() throws {
        let scratch = try Scratch()
        let input = try scratch.write("in/a.txt", "Text of an opinion.\n")
        let result = try ClerkProcess.run(["convert", input, scratch.path("in"), "--out", scratch.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("clerk: warning: \(scratch.path("in"))/a.txt: the same file as \(input), given twice; taken once"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("overwrite"))
        #expect(result.stderr.contains("converted 1 of 1 input(s)"), "\(result.stderr)")

        // A folder named twice is one warning, not one per file in it.
        try scratch.write("in/b.txt", "Text of another opinion.\n")
        let twice = try ClerkProcess.run(["convert", scratch.path("in"), scratch.path("in") + "/", "--out", scratch.path("out2")])
        #expect(twice.status == 0, "\(twice.stderr)")
        let warnings = twice.stderr.split(separator: "\n").filter { $0.hasPrefix("clerk: warning:") }
        #expect(warnings == ["clerk: warning: \(scratch.path("in"))/: the same file or folder as \(scratch.path("in")), given twice; taken once"],
                "\(twice.stderr)")
        #expect(twice.stderr.contains("converted 2 of 2 input(s)"), "\(twice.stderr)")
    }

    @Test func aRefusedRunLeavesNoOutputFolderBehind() throws {
        let scratch = try Scratch()
        let input = try scratch.write("a.txt", "Text of an opinion.\n")
        let out = scratch.path("new/out")
        let result = try ClerkProcess.run(["convert", input, "--out", out, "--report", scratch.path("missing-folder/report.json")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write the report \(scratch.path("missing-folder/report.json")): No such file or directory"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("new")), "the folders made for the outputs are taken away")
    }

    @Test func anOutputFolderThatCannotBeMadeSaysWhy() throws {
        let scratch = try Scratch()
        let input = try scratch.write("a.txt", "Text of an opinion.\n")
        let file = try scratch.write("file", "x")
        let result = try ClerkProcess.run(["convert", input, "--out", file + "/sub/out"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("clerk: error: cannot create the output folder \(file)/sub/out: \(file): Not a directory"),
                "\(result.stderr)")
    }

    @Test func usageErrorsOfTheCommandLineHaveTheOneErrorFormat() throws {
        let result = try ClerkProcess.run(["convert", "a.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("clerk: error: Missing expected argument '--out <DIR>'"), "\(result.stderr)")
    }
}
