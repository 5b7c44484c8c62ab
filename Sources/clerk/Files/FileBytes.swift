#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole file with the operating system's calls, so that a failure carries its own
/// cause (`No such file or directory`, `Permission denied`, `Is a directory`) and pipes, FIFOs
/// named on purpose and process substitutions (`--config /dev/stdin`, `<(…)`) read like files.
enum FileBytes {
    enum Failure: Error, CustomStringConvertible {
        case system(Errno)
        /// Larger than the limit: its size, when known before reading.
        case tooLarge(bytes: Int?, limit: Int)

        var description: String {
            switch self {
            case .system(let error): "\(error)"
            case .tooLarge(let bytes?, let limit): "\(bytes) bytes, more than the limit of \(limit) bytes"
            case .tooLarge(nil, let limit): "more than the limit of \(limit) bytes"
            }
        }
    }

    /// The bytes of `path`; a regular file larger than `maximumBytes` is refused before it is
    /// read, anything else as soon as it has given more.
    static func read(_ path: String, maximumBytes: Int = .max) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.system(Errno(errno))) }
        defer { close(descriptor) }
        var status = stat()
        var capacity = 64 * 1024
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            let size = Int(status.st_size)
            if size > maximumBytes { return .failure(.tooLarge(bytes: size, limit: maximumBytes)) }
            capacity = size + 1  // one more, to see the end without a second allocation
        }
        var bytes = [UInt8](repeating: 0, count: max(capacity, 1))
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let result = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if result < 0 {
                if errno == EINTR { continue }
                return .failure(.system(Errno(errno)))
            }
            if result == 0 { break }
            count += result
            if count > maximumBytes { return .failure(.tooLarge(bytes: nil, limit: maximumBytes)) }
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }
}
