/// Time spent in each named step of a conversion (a stage, writing an output…), summed over
/// the inputs that went through it, in the order the steps were first seen. `convert --profile`
/// and `clerk bench` add one input's times at a time and merge the threads' totals.
public struct StepTimes: Sendable, Equatable {
    public private(set) var steps: [String] = []
    private var totals: [String: Duration] = [:]
    private var counts: [String: Int] = [:]

    public init() {}

    public mutating func add(_ step: String, _ duration: Duration) {
        if totals[step] == nil { steps.append(step) }
        totals[step, default: .zero] += duration
        counts[step, default: 0] += 1
    }

    public mutating func merge(_ other: StepTimes) {
        for step in other.steps {
            if totals[step] == nil { steps.append(step) }
            totals[step, default: .zero] += other.totals[step]!
            counts[step, default: 0] += other.counts[step]!
        }
    }

    public func total(_ step: String) -> Duration { totals[step] ?? .zero }

    /// How many times the step ran (once per input that reached it).
    public func count(_ step: String) -> Int { counts[step] ?? 0 }

    /// The sum over all steps.
    public var sum: Duration { totals.values.reduce(.zero, +) }
}

extension Duration {
    /// The duration in seconds, as a `Double` (for rates and tables).
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
