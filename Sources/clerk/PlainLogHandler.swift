import Foundation
import Logging

/// Log lines for people at a terminal: `clerk: error: message` on standard error, no timestamps.
struct PlainLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    // swiftlint:disable:next function_parameter_count
    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?,
        source: String, file: String, function: String, line: UInt
    ) {
        let prefix = level >= .warning ? "clerk: \(level): " : "clerk: "
        FileHandle.standardError.write(Data((prefix + message.description + "\n").utf8))
    }
}
