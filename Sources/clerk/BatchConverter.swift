import ClerkCore
import ClerkEmit
import Dispatch
import Foundation
import Synchronization

/// Converts many files on `jobs` threads. Each file is read, converted, emitted, validated and
/// written on its own; a failure is recorded and the batch goes on.
struct BatchConverter: Sendable {
    let converter: Converter
    let emitter: DocumentEmitter
    let outputFolder: String
    var reportsStageTimes = false

    struct Report: Sendable {
        var converted = 0
        var failures: [String] = []
    }

    func run(_ files: [InputFile], jobs: Int) -> Report {
        let claims = OutputClaims(files)
        let next = Atomic<Int>(0)
        let results = Mutex<[Int: String]>([:])
        let converted = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(files.count, 1))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let file = files[index]
                if let owner = claims.collision(for: index) {
                    let message = "\(file.path): its outputs would overwrite those of \(owner)"
                    Diagnostics.error(message)
                    results.withLock { $0[index] = message }
                    continue
                }
                do {
                    try convert(file)
                    converted.add(1, ordering: .relaxed)
                } catch {
                    let message = "\(error)"
                    Diagnostics.error(message)
                    results.withLock { $0[index] = message }
                }
            }
        }
        let failures = results.withLock { $0.sorted { $0.key < $1.key }.map(\.value) }
        return Report(converted: converted.load(ordering: .relaxed), failures: failures)
    }

    private func convert(_ file: InputFile) throws(BatchFailure) {
        let name = (file.path as NSString).lastPathComponent
        var document: Document
        var times: [String] = []
        func record(_ step: String, _ duration: Duration) {
            let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            times.append("\(step) \(Int(milliseconds.rounded())) ms (peak \(Self.peakResidentMegabytes()) MB)")
        }
        let raw = try Self.read(file)
        do {
            // The document holds the only copy of the bytes read, and drops it after the stages.
            document = try converter.convert(consume raw, name: name, timed: reportsStageTimes ? record : nil)
        } catch {
            throw BatchFailure("\(file.path): \(error.problem)")
        }
        document.dropStageText()
        let outputs: [(format: OutputFormat, bytes: [UInt8])]
        let clock = ContinuousClock()
        let emitStart = clock.now
        do {
            outputs = try emitter.emit(document)
        } catch {
            throw BatchFailure("\(file.path): \(error)")
        }
        if reportsStageTimes {
            record("output", clock.now - emitStart)
            Diagnostics.info("\(file.path): " + times.joined(separator: ", "))
        }
        let stemPath = (outputFolder as NSString).appendingPathComponent(file.outputStem)
        do {
            try AtomicWriter.write(outputs.map { (stemPath + "." + $0.format.rawValue, $0.bytes) })
        } catch {
            throw BatchFailure("\(file.path): \(error)")
        }
    }
}

extension BatchConverter {
    private static func read(_ file: InputFile) throws(BatchFailure) -> [UInt8] {
        do {
            return try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path)))
        } catch {
            throw BatchFailure("\(file.path): cannot read: \(error.localizedDescription)")
        }
    }

    /// The process's peak resident memory so far, in MB (with `--jobs 1`, that of one input).
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

struct BatchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Which input owns each output stem: the first input to claim a stem keeps it.
private struct OutputClaims: Sendable {
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
