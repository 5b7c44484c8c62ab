import ArgumentParser
import ClerkCore
import ClerkEmit
import ClerkReview
import Foundation

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Write one self-contained HTML review page per input: the clean opinion beside every edit made to it.",
        discussion: """
            Each input (files, or folders searched recursively, as for convert) is converted with the \
            pipeline and written as DIR/NAME.html, atomically. The page needs no network and loads \
            nothing: its style and script are inline. It holds a header with the case (case name, \
            court, dockets, parties with roles, lower court, dates, judges, disposition) and the \
            source (file name, bytes, SHA-256, family) and pipeline fingerprint; the clean opinion \
            text (each opinion titled by type and author, with its byline, headings, paragraphs, \
            block quotes and section breaks), page numbers in the margin (inline on narrow screens), \
            footnotes linked to every reference and back, and citations highlighted with their parts; \
            and beside it (below it on a phone) every edit of the log in order, with its stage, byte \
            offset in the raw input, before and after (white space made visible), reason, \
            alternative, confidence and a link to its place in the text, filterable by stage, \
            followed by the warnings. One bad input \
            never stops the batch. Exit status: 0 every page written, 1 some inputs failed (listed), \
            2 usage or configuration error (nothing written), 130/143 interrupted by SIGINT/SIGTERM.
            """
    )

    @Argument(help: ArgumentHelp("Input files or folders.", valueName: "INPUT"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Folder for the pages (created if missing).", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Pipeline configuration to use instead of the built-in pipeline.json.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("File extensions taken from folders, comma-separated.", valueName: "LIST"))
    var extensions: String = "txt,html,htm"

    @Option(name: .long, help: ArgumentHelp("Files converted in parallel (default: the number of cores).", valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Inputs larger than this many megabytes (10⁶ bytes) are refused, not read.", valueName: "MB"))
    var maxInputSize: Int = 256

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxInputSize >= 1 else { throw ValidationError("--max-input-size must be at least 1 (megabytes)") }
    }

    func run() throws {
        logging.apply()
        let stop = StopRequest()
        SignalListener.install(stop: stop)
        let pipeline = try PipelineLoader.load(path: config)
        let collected = try BatchSetup.prepare(
            inputs: inputs, extensions: extensions,
            plan: OutputPlan(folder: out, extensions: ["html"], noun: "review page"), verb: "review")
        let batch = ReviewBatch(
            conversion: DocumentConversion(converter: Converter(configuration: pipeline), formats: []), outputFolder: out,
            maximumInputBytes: BatchWork.bytes(megabytes: maxInputSize),
            stop: stop)
        let report = batch.run(collected.files, jobs: jobs)
        let failures = collected.problems.map { "\($0.path): \($0.message)" } + report.failures
        let total = collected.files.count + collected.problems.count
        Diagnostics.info("wrote \(report.count(.converted)) review page(s) for \(total) input(s), \(failures.count) failed")
        if !failures.isEmpty {
            Diagnostics.error("failed inputs:\n  " + failures.joined(separator: "\n  "))
        }
        if let reason = stop.reason {
            Diagnostics.error("""
                \(reason.description): \(report.count(.abandoned)) abandoned in flight (no page written), \
                \(report.count(.notStarted)) not started; finished pages are complete
                """)
            throw ExitCode(reason.exitStatus)
        }
        if !failures.isEmpty { throw ExitCode(ExitStatus.someFailed) }
    }
}

/// Converts each input and writes its review page, on `jobs` threads; a failure is recorded
/// and the batch goes on. Pages are written as they are made into a temporary file next to
/// where they go, and renamed into place when complete (`AtomicWriter`).
struct ReviewBatch: Sendable {
    /// No outputs but the page: the conversion checks the model's invariants, as convert's does.
    let conversion: DocumentConversion
    let outputFolder: String
    let maximumInputBytes: Int
    let stop: StopRequest

    func run(_ files: [InputFile], jobs: Int) -> BatchConverter.Report {
        BatchWork.run(
            files, jobs: jobs, stop: stop, progress: nil,
            collision: { "\($0.path): its page would overwrite that of \($1)" }
        ) { file in
            let outcome: BatchConverter.Outcome
            do throws(BatchFailure) {
                outcome = try review(file)
            } catch {
                outcome = .failed(error.description)
            }
            if outcome == .converted { Diagnostics.debug("\(file.path): review page written") }
            return BatchConverter.Record(outcome: outcome)
        }
    }

    private func review(_ file: InputFile) throws(BatchFailure) -> BatchConverter.Outcome {
        let raw = try BatchWork.read(file, maximumBytes: maximumInputBytes)
        let document: Document
        do throws(DocumentConversion.Failure) {
            // A model whose marks fall outside their text is a bug to report, not a page to show.
            document = try conversion.run(raw, name: (file.path as NSString).lastPathComponent, shouldStop: { stop.isRequested })
        } catch {
            return try BatchWork.outcome(of: error, for: file.path)
        }
        guard !stop.isRequested else { return .abandoned }
        let path = (outputFolder as NSString).appendingPathComponent(file.outputStem + ".html")
        let writer = AtomicWriter()
        let page: OutputFile
        do {
            page = try writer.open(path)
        } catch {
            throw BatchWork.writeFailure(error, of: file.path, stop: stop)
        }
        ReviewPage.write(document) { page.write($0) }
        do {
            return try writer.commit(shouldCommit: { !stop.isRequested }) ? .converted : .abandoned
        } catch {
            throw BatchWork.writeFailure(error, of: file.path, stop: stop)
        }
    }
}
