import Logging

/// The one logger of the command line.
enum Diagnostics {
    static let logger = Logger(label: "clerk")

    static func error(_ message: String) { logger.error("\(message)") }
    static func warning(_ message: String) { logger.warning("\(message)") }
    static func info(_ message: String) { logger.info("\(message)") }
}
