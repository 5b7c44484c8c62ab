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

    func log(event: LogEvent) {
        let prefix = event.level >= .warning ? "clerk: \(event.level): " : "clerk: "
        FileHandle.standardError.write(Data((prefix + event.message.description + "\n").utf8))
    }
}
