import ArgumentParser
import ClerkCore
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show what one stage did to one input, as a unified diff of the text before and after it.",
        discussion: """
            Runs the pipeline over INPUT up to and including the stage, and prints on standard \
            output a unified diff (`--- INPUT before STAGE` / `+++ INPUT after STAGE`) of the \
            document just before and just after the stage, rendered as text: the source family, \
            the caption fields and the disposition, one per line; before reflow the working text \
            line by line and the footnote texts (`⟨note 1⟩ …`); from reflow on one line per \
            opinion and per block. Marks are inline: `⟨p. 5⟩` page break, `⟨fn 1⟩` footnote \
            reference, `⟨heading 1 "I."⟩` and other block starts, `⟦472 U.S. 511⟧⟨fullCase⟩` \
            a citation. With --edits, the stage's edit-log entries (and warnings) follow the \
            diff on standard output as `#` lines, which patch ignores. When the stage changed \
            nothing, or does not run on the input's family, nothing is printed on standard \
            output and standard error says so. Exit status: 0 explained, 1 the input could not \
            be read or failed to convert up to that stage, 2 usage error (an unknown or disabled \
            stage: the pipeline's enabled stages are listed).
            """
    )

    @Argument(help: ArgumentHelp("The input file.", valueName: "INPUT"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("The stage to explain (an enabled stage's ID; see `clerk stages`).", valueName: "ID"))
    var stage: String

    @Option(name: .long, help: ArgumentHelp("Pipeline configuration to use instead of the built-in pipeline.json.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Unchanged lines shown around each change.", valueName: "N"))
    var context: Int = 3

    @Flag(name: .long, help: "After the diff, list the stage's edit-log entries (byte offset, before → after, reason), in the order of the input, and its warnings, as # lines.")
    var edits = false

    func validate() throws {
        guard context >= 0 else { throw ValidationError("--context must be 0 or more") }
    }

    func run() throws {
        let pipeline = try PipelineLoader.load(path: config)
        try checkStage(in: pipeline)
        let raw = try readInput()
        let states: StageStates
        do {
            states = try Converter(configuration: pipeline)
                .states(around: stage, of: raw, name: (input as NSString).lastPathComponent)
        } catch {
            // The input's path as given, not only its name.
            var failure = error
            failure.file = input
            Diagnostics.error(failure.description)
            throw ExitCode(ExitStatus.someFailed)
        }
        if let excluded = states.excluded {
            Diagnostics.info("""
                stage \(stage) does not run on this input: its family is \(excluded.family.rawValue), \
                and the stage's families are "\(excluded.families)"
                """)
            return
        }
        let diff = UnifiedDiff(context: context).format(
            old: DocumentText(states.before).text, new: DocumentText(states.after).text,
            oldName: "\(input) before \(stage)", newName: "\(input) after \(stage)")
        var output = diff
        if edits { output += Self.logLines(states) }
        FileHandle.standardOutput.write(Data(output.utf8))
        if diff.isEmpty {
            Diagnostics.info("stage \(stage) changed nothing (the input's family is \(states.before.source.family.rawValue))")
        }
    }

    /// An unknown stage, or one this pipeline disables, is a usage error that lists the stages
    /// that can be explained.
    private func checkStage(in pipeline: PipelineConfiguration) throws(ExitCode) {
        let enabled = pipeline.stages.filter(\.enabled).map(\.descriptor.id)
        guard !enabled.contains(stage) else { return }
        let problem = pipeline.stages.contains { $0.descriptor.id == stage }
            ? "stage \"\(stage)\" is disabled in \(pipeline.origin)"
            : "no stage \"\(stage)\" in \(pipeline.origin)"
        Diagnostics.error("\(problem); the enabled stages are: \(enabled.joined(separator: ", "))")
        throw ExitCode(ExitStatus.usage)
    }

    /// The input's bytes. A path that leads nowhere is a usage error (exit 2); a folder, a FIFO,
    /// a device or a file that cannot be read is refused (exit 1).
    private func readInput() throws(ExitCode) -> [UInt8] {
        let problem: String
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) {
            Diagnostics.error("\(input): no such file")
            throw ExitCode(ExitStatus.usage)
        } else if isDirectory.boolValue {
            problem = "is a folder, not a file"
        } else if (try? FileManager.default.attributesOfItem(atPath: (input as NSString).resolvingSymlinksInPath)[.type]
            as? FileAttributeType) != .typeRegular {
            // A FIFO or a device (`/dev/zero`) could block or never end.
            problem = "not a regular file"
        } else {
            switch FileBytes.read(input) {
            case .success(let bytes): return bytes
            case .failure(let failure): problem = "cannot read the file: \(failure)"
            }
        }
        Diagnostics.error("\(input): \(problem)")
        throw ExitCode(ExitStatus.someFailed)
    }

    /// The stage's edits, by byte offset, and its warnings, one `#` line each (after the last
    /// hunk, `patch` skips them).
    private static func logLines(_ states: StageStates) -> String {
        var text = "# \(states.stage): \(states.edits.count) edit(s), \(states.warnings.count) warning(s)\n"
        // In the order of the text, as the diff reads (a stage may log its kinds of edit in turn).
        let edits = states.edits.enumerated().sorted { ($0.element.sourceOffset, $0.offset) < ($1.element.sourceOffset, $1.offset) }
        for (_, edit) in edits {
            text += "# byte \(edit.sourceOffset): \(String(reflecting: edit.before)) → \(String(reflecting: edit.after)): \(oneLine(edit.reason))"
            if let alternative = edit.alternative { text += " (or \(String(reflecting: alternative)))" }
            if let confidence = edit.confidence { text += " (confidence \(confidence))" }
            text += "\n"
        }
        for warning in states.warnings {
            text += "# warning" + (warning.sourceOffset.map { " at byte \($0)" } ?? "") + ": " + oneLine(warning.message) + "\n"
        }
        return text
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }
}
