import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Standard error, shared by log lines and, on a terminal, one status line that is redrawn in
/// place (`\r` and "erase to end of line"). Printing a log line clears the status line, writes the
/// line, and draws the status again below it, so the two never mix.
final class StatusLine: Sendable {
    static let standardError = StatusLine(descriptor: STDERR_FILENO)

    private let descriptor: Int32
    /// Whether the descriptor is a terminal: only then is a status line drawn.
    let isTerminal: Bool
    private let shown = Mutex<String?>(nil)

    init(descriptor: Int32) {
        self.descriptor = descriptor
        isTerminal = isatty(descriptor) == 1
    }

    /// Writes `line` and a line end, above the status line if one is shown.
    func print(_ line: String) {
        shown.withLock { status in
            var text = status == nil ? "" : "\r\u{1B}[K"
            text += line + "\n"
            if let status { text += status }
            write(text)
        }
    }

    /// Shows `status` in place of the current status line (terminals only; else ignored).
    /// Cut to `width` columns so that it never wraps, which would break the redraw.
    func show(_ status: String, width: Int = StatusLine.terminalWidth) {
        guard isTerminal else { return }
        let cut = String(status.unicodeScalars.prefix(max(width - 1, 10)))
        shown.withLock {
            $0 = cut
            write("\r\u{1B}[K" + cut)
        }
    }

    /// Removes the status line.
    func clear() {
        shown.withLock {
            guard $0 != nil else { return }
            $0 = nil
            write("\r\u{1B}[K")
        }
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + start, $0.count - start) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            start += written
        }
    }

    /// Columns of the terminal on standard error (80 when it cannot be told).
    static var terminalWidth: Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
