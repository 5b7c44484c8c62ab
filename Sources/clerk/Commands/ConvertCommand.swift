import ArgumentParser
import ClerkCore
import ClerkEmit
import Foundation

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert dumps (files, or folders searched recursively) into XML and JSON.",
        discussion: """
            Every output is validated against the shipped schema before it is written, and written \
            atomically: an output is complete or absent, never partial. One bad input never stops \
            the batch. SIGINT or SIGTERM stops it: files in flight are abandoned (their temporary \
            files removed), finished outputs are kept, and a summary is printed; a second signal \
            quits at once. A full output disk stops it the same way. Exit status: 0 all converted \
            (or up to date), 1 some inputs failed (listed) or the disk was full, 2 usage or \
            configuration error (nothing written), 130/143 interrupted by SIGINT/SIGTERM.
            """
    )

    @Argument(help: ArgumentHelp("Input files or folders.", valueName: "INPUT"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Folder for the outputs (created if missing).", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Output formats, comma-separated.", valueName: "xml,json"))
    var format: FormatList = FormatList(formats: OutputFormat.allCases)

    @Option(name: .long, help: ArgumentHelp("Pipeline configuration to use instead of the built-in pipeline.json.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Files converted in parallel (default: the number of cores).", valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("File extensions taken from folders, comma-separated.", valueName: "LIST"))
    var extensions: String = "txt,html,htm"

    @Flag(name: .long, help: "Skip inputs whose outputs exist and record the same input SHA-256 and pipeline configuration.")
    var resume = false

    @Option(name: .long, help: ArgumentHelp("Inputs larger than this many megabytes (10⁶ bytes) are refused, not read.", valueName: "MB"))
    var maxInputSize: Int = 256

    @Flag(name: .long, help: "At the end, report the time spent in each stage and output step over the batch, on standard error.")
    var profile = false

    @Option(name: .long, help: ArgumentHelp("Also write the run's summary, with a line per input, as JSON (Schemas/report.schema.json).", valueName: "FILE"))
    var report: String?

    @Option(name: .long, help: ArgumentHelp("Seconds between progress lines when standard error is not a terminal (0: none). On a terminal one progress line is redrawn in place.", valueName: "SECONDS"))
    var progressInterval: Double = 10

    @OptionGroup(title: "Bulk tables") var bulkOptions: BulkOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxInputSize >= 1 else { throw ValidationError("--max-input-size must be at least 1 (megabytes)") }
        guard progressInterval >= 0, progressInterval.isFinite else { throw ValidationError("--progress-interval must be 0 or more seconds") }
    }

    func run() throws {
        logging.apply()
        let stop = StopRequest()
        SignalListener.install(stop: stop)
        let pipeline = try PipelineLoader.load(path: config)
        let collected = try BatchSetup.prepare(
            inputs: inputs, extensions: extensions,
            plan: OutputPlan(folder: out, extensions: format.formats.map(\.rawValue)), report: report, verb: "convert")
        if resume, let problem = OutputRecord.problemRecording(in: out) {
            Diagnostics.warning(
                "--resume cannot check the outputs in \(out): its file system keeps no extended attributes (\(problem)), "
                    + "so every input is converted again")
        }
        // The tables joined to the records are not records to convert, also when a folder given
        // as input holds them.
        let tables = Set(bulkOptions.tablePaths.compactMap(FileIdentity.init(path:)))
        let inputs = collected.files.filter { file in
            guard let identity = file.identity, tables.contains(identity) else { return true }
            Diagnostics.info("\(file.path): a table joined to the records (--clusters, --dockets or --courts), not converted")
            return false
        }
        // Bulk files (a table of records, JSON Lines, compressed files) give a document per record.
        let bulk = inputs.filter { BulkConverter.isBulk($0.path) }
        let single = inputs.filter { !BulkConverter.isBulk($0.path) }
        if bulkOptions.clusters != nil, bulk.isEmpty {
            Diagnostics.warning("--clusters is given but no input is a bulk file (a table, JSON Lines or a compressed file): nothing is joined")
        }
        let join = bulk.isEmpty ? nil : try bulkOptions.loadJoin()
        let profiler = profile ? BatchProfile() : nil
        let started = ContinuousClock.now
        let batch = BatchConverter(
            conversion: DocumentConversion(converter: Converter(configuration: pipeline), formats: format.formats),
            outputFolder: out, resume: resume,
            maximumInputBytes: BatchWork.bytes(megabytes: maxInputSize),
            profile: profiler, stop: stop)
        let showsProgress = Diagnostics.threshold <= .info && (StatusLine.standardError.isTerminal || progressInterval > 0)
        let progress = showsProgress ? ProgressReporter(
            inputs: inputs.count, bytes: inputs.reduce(0) { $0 + $1.bytes }, interval: progressInterval) : nil
        let outcome = batch.run(single, jobs: jobs, progress: progress)
        let tallies = BulkConverter(batch: batch).run(bulk, jobs: jobs, progress: progress, dialect: bulkOptions.dialect, join: join)
        progress?.stop()
        for note in join?.notes ?? [] { Diagnostics.warning(note) }
        let wall = ContinuousClock.now - started
        if let profiler { reportProfile(profiler, wall: wall) }
        let summary = RunSummary(
            items: zip(single, outcome.records).map { ($0.path, $1) }, bulk: tallies, problems: collected.problems, seconds: wall.seconds,
            pipeline: pipeline, stopped: stop.reason?.description)
        Diagnostics.info(summary.lines(resume: resume).joined(separator: "\n"))
        let failures = summary.failures
        if !failures.isEmpty {
            Diagnostics.error("failed inputs:\n  " + failures.joined(separator: "\n  "))
        }
        var reportFailed = false
        if let report {
            do {
                try ReportFile.write(summary.json, to: report)
            } catch {
                Diagnostics.error("cannot write the report \(report): \(error)")
                reportFailed = true
            }
        }
        if let reason = stop.reason {
            Diagnostics.error("""
                \(reason.description): \(summary.count(.abandoned)) abandoned in flight (no output written), \
                \(summary.count(.notStarted)) not started; finished outputs are complete (run again with --resume to go on)
                """)
            throw ExitCode(reason.exitStatus)
        }
        if !failures.isEmpty || reportFailed { throw ExitCode(ExitStatus.someFailed) }
    }

    /// Prints where the time went (`--profile`): the batch's throughput, then the step table.
    private func reportProfile(_ profiler: BatchProfile, wall: Duration) {
        let (times, inputs, bytes) = profiler.snapshot
        let rate = ProfileTable.rate(bytes: bytes, seconds: wall.seconds)
        var lines = [String(
            format: "profile: %d input(s) converted, %.1f MB in %.2f s with %d job(s): %@ MB/s, %.1f inputs/s; peak memory %d MB",
            inputs, Double(bytes) / 1e6, wall.seconds, jobs, rate, Double(inputs) / max(wall.seconds, 1e-9),
            BatchConverter.peakResidentMegabytes())]
        if jobs > 1 { lines.append("  (step seconds are summed over the \(jobs) jobs' threads)") }
        lines += ProfileTable(times: times, inputBytes: bytes).lines
        Diagnostics.info(lines.joined(separator: "\n"))
    }
}

/// `--format xml,json`.
struct FormatList: ExpressibleByArgument {
    var formats: [OutputFormat]

    init(formats: [OutputFormat]) { self.formats = formats }

    init?(argument: String) {
        var formats: [OutputFormat] = []
        for name in argument.split(separator: ",") {
            guard let format = OutputFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { return nil }
        self.formats = formats
    }

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
}
