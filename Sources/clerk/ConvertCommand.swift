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
            atomically. One bad input never stops the batch. Exit status: 0 all converted, \
            1 some inputs failed (listed), 2 usage or configuration error (nothing written).
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

    @Flag(name: .long, help: "Report how long each stage and the output took, per input, on standard error.")
    var stageTimes = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let pipeline = try PipelineLoader.load(path: config)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            Diagnostics.error("cannot create the output folder \(out): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.usage)
        }
        let wanted = Set(extensions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        let collected = InputCollector(extensions: wanted).collect(inputs)
        let batch = BatchConverter(
            converter: Converter(configuration: pipeline),
            emitter: DocumentEmitter(formats: format.formats),
            outputFolder: out,
            reportsStageTimes: stageTimes)
        let report = batch.run(collected.files, jobs: jobs)
        let failures = collected.problems.map { "\($0.path): \($0.message)" } + report.failures
        let total = collected.files.count + collected.problems.count
        Diagnostics.info("converted \(report.converted) of \(total) input(s); \(failures.count) failed")
        if !failures.isEmpty {
            Diagnostics.error("failed inputs:\n  " + failures.joined(separator: "\n  "))
            throw ExitCode(ExitStatus.someFailed)
        }
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
