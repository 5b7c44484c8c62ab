import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Writes a group of files so that each is either complete or absent: every file goes to a
/// temporary name in its destination folder first, and only when all were written are they
/// renamed into place (rename is atomic within one file system, so an existing output is
/// replaced whole or not at all). No fsync: the promise is about interrupted or failing runs,
/// not power loss, and a sync per file would dominate batch time.
enum AtomicWriter {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: Errno
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `files`. `shouldCommit` is asked once every file is written, before any is
    /// renamed; when it says no, the temporary files are removed and the result is false.
    @discardableResult
    static func write(_ files: [(path: String, bytes: [UInt8])], shouldCommit: () -> Bool = { true }) throws(Failure) -> Bool {
        var temporaries: [(temporary: String, final: String)] = []
        defer {
            for entry in temporaries {
                unlink(entry.temporary)
                TemporaryFiles.forget(entry.temporary)
            }
        }
        for file in files {
            let folder = (file.path as NSString).deletingLastPathComponent
            let name = (file.path as NSString).lastPathComponent
            let (temporary, descriptor) = try createTemporary(for: name, in: folder, final: file.path)
            temporaries.append((temporary, file.path))
            if let error = writeFully(file.bytes, to: descriptor) { throw Failure(path: file.path, reason: error) }
        }
        guard shouldCommit() else { return false }
        while let entry = temporaries.first {
            guard rename(entry.temporary, entry.final) == 0 else { throw Failure(path: entry.final, reason: Errno(errno)) }
            TemporaryFiles.forget(entry.temporary)
            temporaries.removeFirst()
        }
        return true
    }

    /// This process's id and a count of its temporary files: together they name each one.
    private static let processID = getpid()
    private static let temporaryCount = Atomic<UInt64>(0)

    /// Creates a temporary file for `name` in `folder` (next to where it goes), making the folder
    /// if it is missing. The file is opened first, without looking at the folder, since it
    /// almost always exists: a batch costs one system call per file less. A name left by an
    /// earlier process with the same id is passed over.
    private static func createTemporary(for name: String, in folder: String, final: String) throws(Failure) -> (String, Int32) {
        var madeFolder = false
        var attempts = 0
        while true {
            let number = temporaryCount.add(1, ordering: .relaxed).oldValue
            let temporary = (folder as NSString).appendingPathComponent(".\(name).clerk-tmp-\(processID)-\(number)")
            switch TemporaryFiles.create(temporary) {
            case .success(let descriptor):
                return (temporary, descriptor)
            case .failure(let error) where (error.code == ENOENT || error.code == ENOTDIR) && !folder.isEmpty && !madeFolder:
                if let error = makeFolder(folder) { throw Failure(path: folder, reason: error) }
                madeFolder = true
            case .failure(let error) where error.code == EEXIST && attempts < 100:
                attempts += 1
            case .failure(let error):
                throw Failure(path: final, reason: error)
            }
        }
    }

    /// Creates `path` and its missing parents (`mkdir -p`), keeping the `errno` of a failure.
    private static func makeFolder(_ path: String) -> Errno? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : Errno(ENOTDIR)
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, let error = makeFolder(parent) { return error }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { return Errno(errno) }
        return nil
    }

    /// Writes all of `bytes` and closes the descriptor; the error of the first failing call.
    private static func writeFully(_ bytes: [UInt8], to descriptor: Int32) -> Errno? {
        var failure: Errno?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var written = 0
            while written < buffer.count {
                let result = Glibc.write(descriptor, base + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = Errno(errno)
                    return
                }
                written += result
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = Errno(errno) }
        return failure
    }
}
