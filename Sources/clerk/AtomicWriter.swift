import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a group of files so that each is either complete or absent: every file goes to a
/// temporary name in its destination folder first, and only when all were written are they
/// renamed into place (rename is atomic within one file system). No fsync: the promise is about
/// interrupted or failing runs, not power loss, and a sync per file would dominate batch time.
enum AtomicWriter {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    static func write(_ files: [(path: String, bytes: [UInt8])]) throws(Failure) {
        var temporaries: [(temporary: String, final: String)] = []
        defer { for entry in temporaries { unlink(entry.temporary) } }
        for file in files {
            let folder = (file.path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw Failure(path: file.path, reason: "cannot create folder \(folder)")
                }
            }
            let name = (file.path as NSString).lastPathComponent
            let temporary = (folder as NSString).appendingPathComponent(
                ".\(name).clerk-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            temporaries.append((temporary, file.path))
            try writeFully(file.bytes, to: temporary, reportedAs: file.path)
        }
        for entry in temporaries where rename(entry.temporary, entry.final) != 0 {
            throw Failure(path: entry.final, reason: String(cString: strerror(errno)))
        }
        temporaries.removeAll()
    }

    private static func writeFully(_ bytes: [UInt8], to path: String, reportedAs finalPath: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: finalPath, reason: String(cString: strerror(errno))) }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var written = 0
            while written < buffer.count {
                let result = Glibc.write(descriptor, base + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                written += result
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if let failure { throw Failure(path: finalPath, reason: failure) }
    }
}
