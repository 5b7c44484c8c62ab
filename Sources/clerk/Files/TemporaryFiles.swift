import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The temporary files that outputs are written to before they are renamed into place, so that
/// an immediate exit (a second Ctrl-C) can remove them first. Creating a file and exiting both
/// hold the same lock, so no file can be created after the last cleanup.
enum TemporaryFiles {
    private static let open = Mutex<Set<String>>([])

    /// Creates `path` (it must not exist) for writing and records it. Returns the descriptor, or
    /// the `errno` of the failure.
    static func create(_ path: String) -> Result<Int32, Errno> {
        open.withLock { paths in
            let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return .failure(Errno(errno)) }
            paths.insert(path)
            return .success(descriptor)
        }
    }

    /// Forgets `path`: it was renamed into place or removed.
    static func forget(_ path: String) {
        _ = open.withLock { $0.remove(path) }
    }

    /// Removes every recorded file and ends the process with `status`, without running anything
    /// else (no buffered output, no atexit handlers): for a forced stop.
    static func removeAllAndExit(status: Int32) -> Never {
        open.withLock { paths -> Never in
            for path in paths { unlink(path) }
            _exit(status)
        }
    }
}

/// An `errno` value with its message.
struct Errno: Error, CustomStringConvertible {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { String(cString: strerror(code)) }
    /// The file system has no room left (or the user's quota is spent): later files will fail too.
    var isOutOfSpace: Bool { code == ENOSPC || code == EDQUOT }
}
