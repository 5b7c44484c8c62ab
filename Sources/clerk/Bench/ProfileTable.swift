import ClerkCore
import Foundation

/// The table `convert --profile` and `bench` print: for each step, its seconds summed over the
/// inputs, its share of all steps, and the input megabytes per second it would run at alone.
struct ProfileTable {
    var times: StepTimes
    var inputBytes: Int

    var lines: [String] {
        let total = times.sum.seconds
        var lines = ["  " + Self.row("step", "seconds", "share", "MB/s")]
        for step in times.steps + ["all steps"] {
            let seconds = step == "all steps" ? total : times.total(step).seconds
            lines.append("  " + Self.row(
                step, String(format: "%.3f", seconds),
                String(format: "%.1f%%", total > 0 ? 100 * seconds / total : 0),
                Self.rate(bytes: inputBytes, seconds: seconds)))
        }
        return lines
    }

    /// Megabytes (10⁶ bytes) per second, or "-" for a step too short to time: one that the
    /// seconds column shows as 0.000 would give a rate that means nothing.
    static func rate(bytes: Int, seconds: Double) -> String {
        seconds >= 0.0005 ? String(format: "%.2f", Double(bytes) / 1e6 / seconds) : "-"
    }

    private static func row(_ step: String, _ seconds: String, _ share: String, _ rate: String) -> String {
        step.padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(repeating: " ", count: max(0, 10 - seconds.count)) + seconds
            + String(repeating: " ", count: max(0, 8 - share.count)) + share
            + String(repeating: " ", count: max(0, 11 - rate.count)) + rate
    }
}
