import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures how the time of some work grows with its input: the work runs on an input of size
/// n and on one of size 10 n, timed by the running thread's CPU clock, so that other tests and
/// other processes sharing the machine do not count. Linear work takes about 10 times as long
/// on the larger input, quadratic work about 100 times.
public enum LinearTime {
    /// The largest ratio a test accepts for 10 times the input: well above linear (10) and
    /// n log n (about 12), well below quadratic (100).
    public static let acceptedRatio = 30.0

    /// Wall time a run on the small input may take: it should take tens of milliseconds.
    public static let smallBudget = 5.0
    /// Wall time the run on the large input may take at most: a few hundred milliseconds when
    /// linear, so that a test of quadratic work fails in seconds rather than in an hour.
    public static let largeBudget = 30.0

    /// The times of `work` on the small and the large input. The small one is the best of
    /// `repeats` runs, after one untimed run so that what is built once (tables, lexicons) is
    /// not counted. Each run has a thread of its own and a budget of wall time: the large run
    /// gets a few times what a linear one needs, since quadratic work would take minutes. Past
    /// its budget a measurement gives up (the thread is left to finish in the background) and
    /// reports no time.
    public static func measure<Input: Sendable>(
        small: Input, large: Input, repeats: Int = 3, _ work: @escaping @Sendable (Input) throws -> Void
    ) throws -> Measurement {
        var smallTime = Double.infinity
        for run in 0...repeats {
            guard let time = try timed(budget: smallBudget, { try work(small) }) else {
                return Measurement(small: smallBudget, large: nil, budget: smallBudget, smallFinished: false)
            }
            if run > 0 { smallTime = min(smallTime, time) }
        }
        let budget = min(largeBudget, max(2.0, 4 * acceptedRatio * smallTime))
        var largeTime = try timed(budget: budget) { try work(large) }
        // A second run only when the first looks too slow: a disturbance, not the rule.
        if let time = largeTime, time > smallTime * acceptedRatio {
            largeTime = try timed(budget: budget) { try work(large) }.map { min($0, time) }
        }
        return Measurement(small: smallTime, large: largeTime, budget: budget, smallFinished: true)
    }

    /// Prints a measurement when the environment sets `LINEAR_TIME_REPORT` (to see the
    /// margins: `LINEAR_TIME_REPORT=1 swift test --filter LinearTime`).
    public static func report(_ name: String, _ measurement: Measurement) {
        if ProcessInfo.processInfo.environment["LINEAR_TIME_REPORT"] != nil { print("\(name): \(measurement)") }
    }

    /// The CPU time, in seconds, that the calling thread spends in `work`.
    public static func threadCPUSeconds(_ work: () throws -> Void) rethrows -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        try work()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    /// The thread CPU time of `work` run on a thread of its own (with a large stack), or nil
    /// when it has not finished after `budget` seconds of wall time.
    private static func timed(budget: Double, _ work: @escaping @Sendable () throws -> Void) throws -> Double? {
        let outcome = Outcome()
        let thread = Thread {
            do {
                outcome.seconds = try threadCPUSeconds(work)
            } catch {
                outcome.error = error
            }
            outcome.done.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        guard outcome.done.wait(timeout: .now() + budget) == .success else { return nil }
        if let error = outcome.error { throw error }
        return outcome.seconds
    }

    /// What the measuring thread hands back; read only after `done` is signalled.
    private final class Outcome: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var seconds: Double?
        var error: (any Error)?
    }

    public struct Measurement: Sendable, CustomStringConvertible {
        public var small: Double
        /// Nil when the large run did not finish within `budget` seconds.
        public var large: Double?
        public var budget: Double
        /// False when even the small input took more than `smallBudget`.
        public var smallFinished: Bool

        public var ratio: Double { (large ?? .infinity) / max(small, 1e-9) }
        public var isLinear: Bool { ratio <= LinearTime.acceptedRatio }

        public var description: String {
            func milliseconds(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded())) ms" }
            guard smallFinished else { return "n: not done after \(milliseconds(budget))" }
            guard let large else {
                return "n: \(milliseconds(small)), 10 n: not done after \(milliseconds(budget)) (quadratic or worse)"
            }
            return "n: \(milliseconds(small)), 10 n: \(milliseconds(large)), ratio \(Int(ratio.rounded())) (at most \(Int(LinearTime.acceptedRatio)))"
        }
    }
}
