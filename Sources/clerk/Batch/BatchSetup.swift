import ArgumentParser

/// What `convert` and `review` check before any work, in this order, each problem a usage
/// error (exit 2) that leaves nothing behind: every input named exists; there is something to
/// convert; no output would replace an input (`OutputPlan`); the output folder can be made and
/// written; the report can be written.
struct BatchSetup {
    let files: [InputFile]
    /// Inputs that fail without being read (a FIFO, a device, a folder that cannot be listed).
    let problems: [(path: String, message: String)]
    let outputFolder: OutputFolder

    /// `verb` says what the run does to its inputs ("convert", "review").
    static func prepare(
        inputs arguments: [String], extensions: String, plan: OutputPlan, report: String? = nil, verb: String
    ) throws(ExitCode) -> BatchSetup {
        let collector = InputCollector(extensions: extensions, outputFolder: plan.folder)
        let inputs = collector.collect(arguments)
        if !inputs.missing.isEmpty { try refuse(inputs.missing) }
        say(inputs.duplicates, as: Diagnostics.warning)
        let skipped = inputs.skipped.description(extensions: collector.extensions)
        if inputs.files.isEmpty && inputs.problems.isEmpty {
            try refuse(["no inputs to \(verb) in \(arguments.joined(separator: ", ")): \(skipped ?? "no files there")"])
        }
        if let skipped { Diagnostics.debug("passed over in the input folders: \(skipped)") }
        let conflicts = plan.conflicts(with: inputs, inputExtensions: collector.extensions, report: report)
        if !conflicts.isEmpty { try refuse(conflicts + ["nothing was written: no output may replace an input or another output"]) }
        let folder = try OutputFolder.prepare(plan.folder)
        if let report {
            do throws(ExitCode) {
                try ReportFile.checkWritable(report)
            } catch {
                folder.removeMade()
                throw error
            }
        }
        return BatchSetup(files: inputs.files, problems: inputs.problems, outputFolder: folder)
    }

    /// Prints each line as an error and ends the run.
    private static func refuse(_ lines: [String]) throws(ExitCode) -> Never {
        say(lines, as: Diagnostics.error)
        throw ExitCode(ExitStatus.usage)
    }

    /// Prints the first twenty lines, and how many more there were: a folder of a million
    /// files gives a screenful, not a million lines.
    private static func say(_ lines: [String], as log: (String) -> Void) {
        let shown = 20
        lines.prefix(shown).forEach(log)
        if lines.count > shown { log("… and \(lines.count - shown) more") }
    }
}
