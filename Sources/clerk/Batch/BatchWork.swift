import ClerkEmit
import Dispatch
import Foundation
import Synchronization

/// What the batch commands (`convert`, `review`) share: the loop that hands inputs to `jobs`
/// threads, reading an input within `--max-input-size`, and what a failed write means.
enum BatchWork {
    /// Runs `body` for each of `files` on `jobs` threads until all are done or a stop is
    /// requested. An input whose output stem an earlier input claimed fails without running
    /// `body` (`collision` words why, given the input and the earlier one's path). Failures are
    /// printed as they happen; `progress`, if given, hears of every input done.
    static func run(
        _ files: [InputFile], jobs: Int, stop: StopRequest, progress: ProgressReporter?,
        collision: @Sendable (InputFile, String) -> String, _ body: @Sendable (InputFile) -> BatchConverter.Record
    ) -> BatchConverter.Report {
        let claims = OutputClaims(files)
        let next = Atomic<Int>(0)
        let records = Mutex<[BatchConverter.Record]>(Array(repeating: .init(), count: files.count))
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(files.count, 1))) { _ in
            while !stop.isRequested {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let file = files[index]
                let record = claims.collision(for: index).map { .init(outcome: .failed(collision(file, $0))) } ?? body(file)
                var failed = false
                if case .failed(let message) = record.outcome {
                    Diagnostics.error(message)
                    failed = true
                }
                progress?.finished((file.path as NSString).lastPathComponent, bytes: record.bytes ?? file.bytes, failed: failed)
                records.withLock { $0[index] = record }
            }
        }
        return BatchConverter.Report(records: records.withLock { $0 })
    }

    /// The bytes of `file`; one larger than `maximumBytes` is refused before it is read.
    static func read(_ file: InputFile, maximumBytes: Int) throws(BatchFailure) -> [UInt8] {
        try read(path: file.path, maximumBytes: maximumBytes)
    }

    /// The bytes of the file at `path`, within `--max-input-size`.
    static func read(path: String, maximumBytes: Int) throws(BatchFailure) -> [UInt8] {
        switch FileBytes.read(path, maximumBytes: maximumBytes) {
        case .success(let bytes):
            return bytes
        case .failure(.tooLarge(let bytes, _)):
            throw tooLarge(path, bytes: bytes, maximumBytes: maximumBytes)
        case .failure(let failure):
            throw BatchFailure("\(path): cannot read the file: \(failure)")
        }
    }

    /// `name: N bytes, more than --max-input-size allows (M bytes)` (N left out when unknown).
    static func tooLarge(_ name: String, bytes: Int?, maximumBytes: Int) -> BatchFailure {
        BatchFailure("\(name): \(bytes.map { "\($0) bytes, " } ?? "")more than --max-input-size allows (\(maximumBytes) bytes)")
    }

    /// A conversion that did not finish: abandoned when the batch is stopping, else a failure
    /// naming the input.
    static func outcome(of failure: DocumentConversion.Failure, for label: String) throws(BatchFailure) -> BatchConverter.Outcome {
        switch failure {
        case .stopped: return .abandoned
        case .input(let error): throw BatchFailure("\(label): \(error.problem)")
        case .output(_, let error): throw BatchFailure("\(label): \(error)")
        }
    }

    /// A write that failed; a full disk also stops the batch (no later output could be written).
    static func writeFailure(_ error: AtomicWriter.Failure, of label: String, stop: StopRequest) -> BatchFailure {
        if error.reason.isOutOfSpace { stop.request(.outOfSpace("\(error)")) }
        return BatchFailure("\(label): \(error)")
    }

    /// `--max-input-size` megabytes in bytes: 10⁶ each, as every MB Clerk prints (no limit if
    /// that overflows).
    static func bytes(megabytes: Int) -> Int {
        let (bytes, overflow) = megabytes.multipliedReportingOverflow(by: 1_000_000)
        return overflow ? Int.max : bytes
    }
}
