import Dispatch
import Foundation
import Synchronization

/// Progress of a batch: inputs done of the total, MB/s, the time left, failures so far. On a
/// terminal, one status line redrawn a few times a second; otherwise (a log file, a pipe) a
/// plain log line every `interval` seconds. Rates and the time left count bytes of input, so
/// one large file does not make the estimate jump.
final class ProgressReporter: Sendable {
    struct Snapshot: Sendable, Equatable {
        var done = 0
        var total = 0
        var doneBytes = 0
        var totalBytes = 0
        var failed = 0
        var seconds = 0.0
        /// The input finished last, for the terminal line.
        var last: String?

        var megabytesPerSecond: Double? { seconds > 0 && doneBytes > 0 ? Double(doneBytes) / 1e6 / seconds : nil }

        /// Seconds left at the rate so far; nil before anything is done.
        var secondsLeft: Double? {
            guard doneBytes > 0, seconds > 0 else { return nil }
            return Double(max(totalBytes - doneBytes, 0)) / (Double(doneBytes) / seconds)
        }

        var percent: Double {
            totalBytes > 0 ? 100 * Double(doneBytes) / Double(totalBytes) : total > 0 ? 100 * Double(done) / Double(total) : 100
        }

        /// `[ 412/1673]  24.6 %  10.3 MB/s  ETA 0:07  0 failed  bench-000412.txt`
        var terminalLine: String {
            let width = String(total).count
            var line = "[" + String(repeating: " ", count: max(width - String(done).count, 0)) + "\(done)/\(total)]"
            line += String(format: " %5.1f %%", percent)
            line += megabytesPerSecond.map { String(format: "  %.1f MB/s", $0) } ?? "  -- MB/s"
            line += "  ETA " + (secondsLeft.map(Self.clock) ?? "--")
            line += "  \(failed) failed"
            if let last { line += "  " + last }
            return line
        }

        /// `progress: 412 of 1673 inputs (24.6 %), 24.6 of 100.0 MB, 10.3 MB/s, ETA 0:07, 0 failed`
        var logLine: String {
            var line = "progress: \(done) of \(total) inputs" + String(format: " (%.1f %%)", percent)
            line += String(format: ", %.1f of %.1f MB", Double(doneBytes) / 1e6, Double(totalBytes) / 1e6)
            line += megabytesPerSecond.map { String(format: ", %.1f MB/s", $0) } ?? ""
            line += ", ETA " + (secondsLeft.map(Self.clock) ?? "unknown")
            return line + ", \(failed) failed"
        }

        /// `0:07`, `12:30`, `3:05:00`.
        static func clock(_ seconds: Double) -> String {
            let whole = Int(seconds.rounded(.up))
            let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
            return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
        }
    }

    private let state: Mutex<Snapshot>
    private let started = ContinuousClock.now
    private let output: StatusLine
    /// `stop` signals `wake`; the reporting thread signals `ended` when it has stopped drawing.
    private let wake = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    /// Starts reporting at once, on a thread of its own. `interval`: seconds between log lines
    /// when `output` is no terminal.
    init(inputs: Int, bytes: Int, output: StatusLine = .standardError, interval: Double) {
        state = Mutex(Snapshot(total: inputs, totalBytes: bytes))
        self.output = output
        let period = output.isTerminal ? 0.25 : interval
        let thread = Thread { [self] in
            while wake.wait(timeout: .now() + period) == .timedOut { report() }
            ended.signal()
        }
        thread.name = "clerk-progress"
        thread.start()
    }

    /// One input is done (converted, skipped, failed or abandoned), `bytes` of input.
    func finished(_ name: String, bytes: Int, failed: Bool) {
        state.withLock {
            $0.done += 1
            $0.doneBytes += bytes
            if failed { $0.failed += 1 }
            $0.last = name
        }
    }

    /// A bulk file's progress: `inputs` more inputs found in it (records, or failures; less one
    /// for the file itself once read), `bytes` more of it read (compressed, when it is).
    func advance(inputs: Int, bytes: Int) {
        state.withLock {
            $0.total += inputs
            $0.doneBytes += bytes
        }
    }

    var snapshot: Snapshot {
        var snapshot = state.withLock { $0 }
        snapshot.seconds = (ContinuousClock.now - started).seconds
        return snapshot
    }

    private func report() {
        let now = snapshot
        if output.isTerminal { output.show(now.terminalLine) } else { Diagnostics.info(now.logLine) }
    }

    /// Stops reporting and removes the status line; the summary follows.
    func stop() {
        wake.signal()
        ended.wait()
        output.clear()
    }
}
