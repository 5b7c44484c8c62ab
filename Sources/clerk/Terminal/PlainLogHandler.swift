import Logging

/// Log lines for people at a terminal: `clerk: error: message` on standard error, no
/// timestamps. Lines go through `StatusLine`, so that a progress line on a terminal is cleared
/// before a log line and drawn again after it.
struct PlainLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]

    /// The run's threshold (`Diagnostics.threshold`); setting it on one logger sets it for all.
    var logLevel: Logger.Level {
        get { Diagnostics.threshold }
        set { Diagnostics.threshold = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix = event.level >= .warning ? "clerk: \(event.level): " : "clerk: "
        StatusLine.standardError.print(prefix + event.message.description)
    }
}
