#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures how the time of some work grows with its input: the work runs on an input of size
/// n and on one of size 10 n, timed by the calling thread's CPU clock, so that other tests and
/// other processes sharing the machine do not count. Linear work takes about 10 times as long
/// on the larger input, quadratic work about 100 times.
public enum LinearTime {
    /// The largest ratio a test accepts for 10 times the input: well above linear (10) and
    /// n log n (about 12), well below quadratic (100).
    public static let acceptedRatio = 30.0

    /// The times of `work` on the small and the large input (the small one the best of
    /// `repeats` runs, the large one the best of two), after one untimed run on the small
    /// input so that what is built once (tables, lexicons) is not counted.
    public static func measure<Input>(
        small: Input, large: Input, repeats: Int = 3, _ work: (Input) throws -> Void
    ) rethrows -> Measurement {
        try work(small)
        var smallTime = Double.infinity
        for _ in 0..<repeats { smallTime = min(smallTime, try threadCPUSeconds { try work(small) }) }
        var largeTime = try threadCPUSeconds { try work(large) }
        // A second run only when the first looks too slow: a disturbance, not the rule.
        if largeTime > smallTime * acceptedRatio { largeTime = min(largeTime, try threadCPUSeconds { try work(large) }) }
        return Measurement(small: smallTime, large: largeTime)
    }

    /// The CPU time, in seconds, that the calling thread spends in `work`.
    public static func threadCPUSeconds(_ work: () throws -> Void) rethrows -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        try work()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    public struct Measurement: Sendable, CustomStringConvertible {
        public var small: Double
        public var large: Double

        public var ratio: Double { large / max(small, 1e-9) }
        public var isLinear: Bool { ratio <= LinearTime.acceptedRatio }

        public var description: String {
            func milliseconds(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded())) ms" }
            return "n: \(milliseconds(small)), 10 n: \(milliseconds(large)), ratio \(Int(ratio.rounded())) (at most \(Int(LinearTime.acceptedRatio)))"
        }
    }
}
