import ArgumentParser
import ClerkCore
import ClerkCorpus
import ClerkEmit
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput over a corpus: the floor, every step, end to end with each job count, eyecite.",
        discussion: """
            Without --corpus, a corpus of --size megabytes is made from the dumps in --samples: whole \
            dumps, pieces of them and generated opinion dumps, in the variants batches meet (CRLF, \
            form feeds, byte order marks, UTF-16, Latin-1 bytes, HTML). In one run it measures reading \
            the files (the floor), each step of the pipeline on one core, `clerk convert` end to end \
            as a child process for each --jobs value (wall time, CPU time in clerk and in the kernel, \
            peak memory; each run's outputs, about 5 × the corpus, stay on disk until the end), \
            writing the outputs of the last run again by themselves (the floor of writing), the steps over a tenth of the \
            corpus against all of it (linear cost), and, where Python has eyecite, its get_citations over \
            the first --eyecite-mb megabytes. Figures are printed as MB/s and as ratios. Build with \
            -c release: a debug build is many times slower.
            """
    )

    @Option(name: .long, help: ArgumentHelp("An existing corpus folder (.txt, .html, .htm files, searched recursively).", valueName: "DIR"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("Size of the corpus to make when --corpus is not given.", valueName: "MB"))
    var size: Double = 100

    @Option(name: .long, help: ArgumentHelp("Folder of raw dumps the corpus is made from.", valueName: "DIR"))
    var samples: String = "Samples"

    @Option(name: .long, help: ArgumentHelp("Keep the corpus made in this folder (default: a temporary folder, removed).", valueName: "DIR"))
    var keepCorpus: String?

    @Option(name: .long, help: ArgumentHelp("Job counts for the end-to-end runs, comma-separated (default: 1 and the number of cores).", valueName: "LIST"))
    var jobs: String?

    @Option(name: .long, help: ArgumentHelp("Megabytes of the corpus given to eyecite (0: skip it).", valueName: "MB"))
    var eyeciteMb: Double = 1

    @Option(name: .long, help: ArgumentHelp("Pipeline configuration (default: the built-in pipeline.json).", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Also write the figures as JSON to this file.", valueName: "FILE"))
    var json: String?

    @Flag(name: .long, help: "Also convert the corpus's UTF-8 documents as one CourtListener-format bulk CSV, bzip2-compressed (a row each), and as the files they are, with the most --jobs: throughput and peak memory of both.")
    var bulk = false

    func validate() throws {
        guard size > 0 else { throw ValidationError("--size must be more than 0 (megabytes)") }
        guard eyeciteMb >= 0 else { throw ValidationError("--eyecite-mb must not be negative") }
        guard jobCounts.count >= 1, jobCounts.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--jobs takes job counts of at least 1, comma-separated (e.g. 1,2)")
        }
    }

    private var jobCounts: [Int] {
        guard let jobs else {
            let cores = ProcessInfo.processInfo.activeProcessorCount
            return cores > 1 ? [1, cores] : [1]
        }
        return jobs.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 }
    }

    func run() throws {
        let pipeline = try PipelineLoader.load(path: config)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let (folder, files) = try corpusFiles(scratch: scratch)
        let bytes = files.reduce(0) { $0 + Self.size(of: $1) }
        guard bytes > 0 else { throw BenchFailure("the corpus in \(folder) holds no input") }
        var report = BenchReport(corpus: folder, files: files.count, bytes: bytes)
        #if DEBUG
        report.notes.append("this is a debug build: build with `swift build -c release` for real figures")
        #endif
        let benchmark = Benchmark(files: files, conversion: DocumentConversion(converter: Converter(configuration: pipeline), formats: OutputFormat.allCases))

        report.floorSeconds = try benchmark.floorSeconds()
        (report.steps, report.refused) = try benchmark.steps()
        let executable = Self.executablePath
        let configArguments = config.map { ["--config", $0] } ?? []
        // Each run writes into a folder of its own, all removed together at the end: a run that
        // creates thousands of files just after thousands were deleted is slowed by the file
        // system (ext4 passes over recently freed inodes), which would favour the first run.
        var outs: [String] = []
        defer { outs.forEach { try? FileManager.default.removeItem(atPath: $0) } }
        for count in jobCounts {
            let out = (scratch as NSString).appendingPathComponent("out-jobs\(count)")
            outs.append(out)
            let run = try Benchmark.endToEnd(executable: executable, inputs: [folder] + configArguments, jobs: count, out: out, scratch: scratch)
            report.endToEnd.append(.init(
                jobs: count, seconds: run.seconds, userSeconds: run.userSeconds, systemSeconds: run.systemSeconds,
                peakMegabytes: run.peakMegabytes))
        }
        if bulk {
            report.bulk = try bulkRuns(files: files, executable: executable, configArguments: configArguments, scratch: scratch)
        }
        // The outputs of the last run, written again: what writing them costs by itself.
        if let last = outs.last {
            let written = try Benchmark.writeFloor(outputs: last, scratch: scratch)
            report.writeFloor = .init(bytes: written.bytes, seconds: written.seconds)
        }
        // Linear cost, in process (a child process's start would flatter the small run): the
        // first tenth of the corpus (by bytes) against all of it.
        var tenth: [String] = []
        var tenthBytes = 0
        for file in files where tenthBytes < bytes / 10 {
            tenth.append(file)
            tenthBytes += Self.size(of: file)
        }
        let small = try benchmark.steps(over: tenth).times.sum.seconds
        report.linearity = .init(smallBytes: tenthBytes, smallSeconds: small, seconds: report.steps.sum.seconds)
        if eyeciteMb > 0 {
            if let eyecite = benchmark.eyecite(bytes: Int(eyeciteMb * 1e6)) {
                report.eyecite = .init(bytes: eyecite.bytes, seconds: eyecite.seconds, citations: eyecite.citations)
            } else {
                report.notes.append("eyecite: not measured (needs python3 with eyecite: pip install eyecite)")
            }
        }
        print(report.lines.joined(separator: "\n"))
        if let json {
            try Data(JSONSerialization.data(withJSONObject: report.json, options: [.prettyPrinted, .sortedKeys]))
                .write(to: URL(fileURLWithPath: json))
        }
    }

    /// The corpus folder and its files, in a stable order: `--corpus`, or one made from `--samples`.
    private func corpusFiles(scratch: String) throws -> (folder: String, files: [String]) {
        if let corpus {
            let collected = InputCollector(extensions: "txt,html,htm", outputFolder: nil).collect([corpus])
            if let missing = collected.missing.first { throw BenchFailure(missing) }
            if let problem = collected.problems.first { throw BenchFailure("\(problem.path): \(problem.message)") }
            return (corpus, collected.files.map(\.path).sorted())
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samples)) ?? []
        let sampleBytes = names.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".html") }.sorted()
            .compactMap { FileManager.default.contents(atPath: (samples as NSString).appendingPathComponent($0)).map { [UInt8]($0) } }
            .filter { !$0.isEmpty }
        guard !sampleBytes.isEmpty else {
            throw BenchFailure("\(samples): no .txt or .html dumps to make a corpus from (give --samples DIR or --corpus DIR)")
        }
        let folder = keepCorpus ?? (scratch as NSString).appendingPathComponent("corpus")
        let files = try BenchCorpus(samples: sampleBytes).write(bytes: Int(size * 1e6), into: folder)
        return (folder, files)
    }

    /// The same documents converted as files and as one bzip2-compressed CourtListener table.
    private func bulkRuns(files: [String], executable: String, configArguments: [String], scratch: String) throws -> BenchReport.Bulk {
        let csv = (scratch as NSString).appendingPathComponent("opinions.csv")
        var table = try CourtListenerTable(path: csv)
        var documents: [String] = []
        var bytes = 0
        for file in files {
            // The table holds text: a document that is not UTF-8 (a Latin-1 or UTF-16 variant) stays out.
            guard let data = FileManager.default.contents(atPath: file), let text = String(validating: [UInt8](data), as: UTF8.self) else {
                continue
            }
            try table.add(text: text, isHTML: file.hasSuffix(".html") || file.hasSuffix(".htm"))
            documents.append(file)
            bytes += data.count
        }
        try table.close()
        let compress = try ChildRun.run("/usr/bin/env", ["bzip2", "-f", csv], errorFile: (scratch as NSString).appendingPathComponent("bzip2.log"))
        guard compress.status == 0 else { throw BenchFailure("bzip2 \(csv) exited with \(compress.status) (install bzip2: scripts/setup)") }
        let jobs = jobCounts.max() ?? 1
        let asFiles = try Benchmark.endToEnd(
            executable: executable, inputs: documents + configArguments, jobs: jobs, out: (scratch as NSString).appendingPathComponent("out-files"),
            scratch: scratch)
        try? FileManager.default.removeItem(atPath: (scratch as NSString).appendingPathComponent("out-files"))
        let asTable = try Benchmark.endToEnd(
            executable: executable, inputs: [csv + ".bz2"] + configArguments, jobs: jobs, out: (scratch as NSString).appendingPathComponent("out-bulk"),
            scratch: scratch)
        try? FileManager.default.removeItem(atPath: (scratch as NSString).appendingPathComponent("out-bulk"))
        func run(_ child: ChildRun) -> BenchReport.EndToEnd {
            .init(jobs: jobs, seconds: child.seconds, userSeconds: child.userSeconds, systemSeconds: child.systemSeconds, peakMegabytes: child.peakMegabytes)
        }
        return .init(documents: documents.count, bytes: bytes, compressedBytes: Self.size(of: csv + ".bz2"), asFiles: run(asFiles), asTable: run(asTable))
    }

    private static func size(of path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// This program, run again as `clerk convert` for the end-to-end figures.
    private static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
