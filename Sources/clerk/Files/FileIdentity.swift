#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Which file a path leads to (device and inode, symbolic links followed): two paths name the
/// same file exactly when their identities are equal, whatever links or `..` they go through.
struct FileIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// The identity of the file or folder at `path`; nil when there is none (or it cannot be
    /// reached).
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// `path` with every symbolic link, `.` and `..` resolved; nil when it does not exist.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
