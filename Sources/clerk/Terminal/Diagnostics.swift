import Logging
import Synchronization

/// The one logger of the command line. Its threshold is set once per run from `--quiet` and
/// `--verbose` (`LoggingOptions`); `PlainLogHandler` reads it.
enum Diagnostics {
    static let logger = Logger(label: "clerk")

    /// The least severe level printed: `.info` by default, `.error` with `--quiet`, `.debug`
    /// with `--verbose`. An index into `Logger.Level.allCases`, atomic because workers log.
    private static let thresholdIndex = Atomic<Int>(Logger.Level.allCases.firstIndex(of: .info)!)

    static var threshold: Logger.Level {
        get { Logger.Level.allCases[thresholdIndex.load(ordering: .relaxed)] }
        set { thresholdIndex.store(Logger.Level.allCases.firstIndex(of: newValue)!, ordering: .relaxed) }
    }

    static func error(_ message: String) { logger.error("\(message)") }
    static func warning(_ message: String) { logger.warning("\(message)") }
    static func info(_ message: String) { logger.info("\(message)") }
    static func debug(_ message: String) { logger.debug("\(message)") }
}
