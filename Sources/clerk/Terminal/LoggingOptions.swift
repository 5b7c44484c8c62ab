import ArgumentParser
import Logging

/// `--quiet` and `--verbose`, shared by the commands that run batches.
struct LoggingOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Print errors only: no progress, no summary (the exit status still tells).")
    var quiet = false

    @Flag(name: [.short, .long], help: "Also print a line per input (what became of it, its edits and warnings) and each warning of a document.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    var level: Logger.Level { quiet ? .error : verbose ? .debug : .info }

    /// Sets the threshold of every log line of this run.
    func apply() { Diagnostics.threshold = level }
}
