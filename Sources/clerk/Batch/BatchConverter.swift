import ClerkCore
import ClerkEmit
import Foundation
import Synchronization

/// Converts many files on `jobs` threads. Each file is read, converted, emitted, validated and
/// written on its own; a failure is recorded and the batch goes on. A stop request (a signal, a
/// full disk) is checked before every step: no new file starts, files in flight are abandoned
/// without output, finished outputs stay.
struct BatchConverter: Sendable {
    let conversion: DocumentConversion
    let outputFolder: String
    /// Skip inputs whose outputs already record their digest and this pipeline (`--resume`).
    var resume = false
    /// Larger inputs are refused before they are read, so that one stray huge file cannot
    /// exhaust the memory of a batch.
    var maximumInputBytes = Int.max
    /// Where the time per step goes, summed over the batch (`--profile`).
    var profile: BatchProfile?
    let stop: StopRequest

    /// What became of one input.
    enum Outcome: Sendable, Equatable {
        case notStarted, converted, skipped, abandoned
        case failed(String)
    }

    /// What became of one input, with its size and what its document held when converted.
    struct Record: Sendable {
        var outcome: Outcome = .notStarted
        /// Bytes of input read (nil when the file was not read).
        var bytes: Int?
        var counts: DocumentCounts?
    }

    struct Report: Sendable {
        var records: [Record]

        func count(_ outcome: Outcome) -> Int { records.count { $0.outcome == outcome } }
        var failures: [String] {
            records.compactMap { if case .failed(let message) = $0.outcome { message } else { nil } }
        }
    }

    /// Converts `files` on `jobs` threads; `progress`, if given, hears of each input done.
    func run(_ files: [InputFile], jobs: Int, progress: ProgressReporter? = nil) -> Report {
        BatchWork.run(
            files, jobs: jobs, stop: stop, progress: progress,
            collision: { "\($0.path): its outputs would overwrite those of \($1)" }
        ) { file in
            var record = Record()
            do throws(BatchFailure) {
                record.outcome = try convert(file, into: &record)
            } catch {
                record.outcome = .failed(error.description)
            }
            Self.logVerbose(record, of: file)
            return record
        }
    }

    /// With `--verbose`, a line per input (failures are printed in any case).
    private static func logVerbose(_ record: Record, of file: InputFile) {
        guard Diagnostics.threshold <= .debug else { return }
        switch record.outcome {
        case .converted:
            guard let counts = record.counts else { return }
            Diagnostics.debug("\(file.path): converted, \(counts.edits) edit(s), \(counts.warnings) warning(s)")
        case .skipped:
            Diagnostics.debug("\(file.path): skipped, outputs up to date")
        case .abandoned:
            Diagnostics.debug("\(file.path): abandoned (stopping)")
        case .notStarted, .failed:
            break
        }
    }

    /// Converts one input; fills in `record`'s size and, once converted, its counts.
    private func convert(_ file: InputFile, into record: inout Record) throws(BatchFailure) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let raw = try BatchWork.read(file, maximumBytes: maximumInputBytes)
        var times = StepTimes()
        times.add("read", clock.now - start)
        return try convert(
            raw, label: file.path, name: (file.path as NSString).lastPathComponent, outputStem: file.outputStem, times: times,
            into: &record)
    }

    /// Converts an input's bytes (a file's, or one record's of a bulk file) into the outputs at
    /// `outputStem`; `label` names it in failures, `name` in its document; `times` holds the time
    /// it took to get the bytes.
    func convert(
        _ raw: consuming [UInt8], label: String, name: String, outputStem: String, times: StepTimes, into record: inout Record
    ) throws(BatchFailure) -> Outcome {
        let clock = ContinuousClock()
        var times = times
        var start = clock.now
        func lap(_ step: String) {
            let now = clock.now
            times.add(step, now - start)
            start = now
        }
        let inputBytes = raw.count
        record.bytes = inputBytes
        let stemPath = (outputFolder as NSString).appendingPathComponent(outputStem)
        let paths = conversion.emitter.formats.map { (format: $0, path: stemPath + "." + $0.rawValue) }
        let inputSHA256 = Converter.sha256Hex(raw)
        if resume && paths.allSatisfy({
            OutputRecord.isUpToDate(path: $0.path, inputSHA256: inputSHA256, pipelineSHA256: conversion.converter.configuration.fingerprint)
        }) {
            return .skipped
        }
        // Each output is written into its temporary file as it is made: none is held whole. A
        // file is opened when its format is about to be written, so an input that fails to
        // convert makes none.
        let writer = AtomicWriter()
        func failure(_ error: AtomicWriter.Failure) -> BatchFailure { BatchWork.writeFailure(error, of: label, stop: stop) }
        var files: [OutputFormat: OutputFile] = [:]
        var openFailure: AtomicWriter.Failure?
        let timed: ((String, Duration) -> Void)? = profile == nil ? nil : { step, duration in
            // The time in write calls belongs to the "write" step, not to the format's.
            let writing = OutputFormat(rawValue: step).flatMap { files[$0] }?.writeTime ?? .zero
            times.add(step, duration - writing)
        }
        let document: Document
        do throws(DocumentConversion.Failure) {
            document = try conversion.run(
                consume raw, name: name,
                into: { format in
                    do throws(AtomicWriter.Failure) {
                        let output = try writer.open(stemPath + "." + format.rawValue, digest: true)
                        files[format] = output
                        return { output.write($0) }
                    } catch {
                        openFailure = openFailure ?? error
                        return { _ in }
                    }
                },
                shouldStop: { stop.isRequested }, timed: timed)
        } catch {
            return try BatchWork.outcome(of: error, for: label)
        }
        if let openFailure { throw failure(openFailure) }
        if Diagnostics.threshold <= .debug {
            for warning in document.log.warnings {
                Diagnostics.debug("\(label): warning: \(warning.stage): \(warning.message)" + (warning.sourceOffset.map { " (byte \($0))" } ?? ""))
            }
        }
        start = clock.now
        for file in files.values {
            if let digest = file.sha256 {
                file.record(OutputRecord(outputSHA256: digest, inputSHA256: inputSHA256, pipelineSHA256: conversion.converter.configuration.fingerprint))
            }
        }
        let written: Bool
        do {
            written = try writer.commit(shouldCommit: { !stop.isRequested })
        } catch {
            throw failure(error)
        }
        lap("write")
        times.add("write", files.values.reduce(.zero) { $0 + $1.writeTime })
        guard written else { return .abandoned }
        profile?.add(times, inputBytes: inputBytes)
        record.counts = DocumentCounts(document)
        return .converted
    }
}

extension BatchConverter {
    /// The process's peak resident memory so far, in MB.
    static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024  // kilobytes
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss / (1024 * 1024)  // bytes
        #endif
    }
}

/// The step times of the inputs a batch converted, summed over its threads (`--profile`).
final class BatchProfile: Sendable {
    private let state = Mutex<(times: StepTimes, inputs: Int, bytes: Int)>((StepTimes(), 0, 0))

    func add(_ times: StepTimes, inputBytes: Int) {
        state.withLock {
            $0.times.merge(times)
            $0.inputs += 1
            $0.bytes += inputBytes
        }
    }

    var snapshot: (times: StepTimes, inputs: Int, bytes: Int) { state.withLock { $0 } }
}

struct BatchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Which input owns each output stem: the first input to claim a stem keeps it.
struct OutputClaims: Sendable {
    private let owners: [Int: String]

    init(_ files: [InputFile]) {
        var firstByStem: [String: Int] = [:]
        var owners: [Int: String] = [:]
        for (index, file) in files.enumerated() {
            if let first = firstByStem[file.outputStem] {
                owners[index] = files[first].path
            } else {
                firstByStem[file.outputStem] = index
            }
        }
        self.owners = owners
    }

    func collision(for index: Int) -> String? { owners[index] }
}
