import ClerkCore
import Crypto
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Writes a group of files so that each is either complete or absent: every file goes to a
/// temporary name in its destination folder first, a piece at a time as it is made, and only
/// when all were written are they renamed into place (rename is atomic within one file system,
/// so an existing output is replaced whole or not at all). No fsync: the promise is about
/// interrupted or failing runs, not power loss, and a sync per file would dominate batch time.
final class AtomicWriter {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: Errno
        var description: String { "cannot write \(path): \(reason)" }
    }

    private var files: [OutputFile] = []

    /// Starts the file that will be at `path`, as a temporary file next to it (its folder is
    /// made if missing). With `digest`, the SHA-256 of what is written is kept as it goes.
    func open(_ path: String, digest: Bool = false) throws(Failure) -> OutputFile {
        let folder = ParentFolder.of(path)
        let name = (path as NSString).lastPathComponent
        let (temporary, descriptor) = try Self.createTemporary(for: name, in: folder, final: path)
        let file = OutputFile(path: path, temporary: temporary, descriptor: descriptor, digest: digest)
        files.append(file)
        return file
    }

    /// Closes every file, reports the first that failed, and, if `shouldCommit` (asked once
    /// every file is complete) says yes, renames them into place. Returns false when it says
    /// no; the temporary files are then removed.
    func commit(shouldCommit: () -> Bool = { true }) throws(Failure) -> Bool {
        for file in files {
            if let error = file.close() { throw Failure(path: file.path, reason: error) }
        }
        guard shouldCommit() else { return false }
        while let file = files.first {
            guard rename(file.temporary, file.path) == 0 else { throw Failure(path: file.path, reason: Errno(errno)) }
            TemporaryFiles.forget(file.temporary)
            files.removeFirst()
        }
        return true
    }

    /// Whatever was not renamed into place is removed.
    deinit {
        for file in files {
            _ = file.close()
            unlink(file.temporary)
            TemporaryFiles.forget(file.temporary)
        }
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
                if let (path, error) = makeFolder(folder) { throw Failure(path: path, reason: error) }
                madeFolder = true
            case .failure(let error) where error.code == EEXIST && attempts < 100:
                attempts += 1
            case .failure(let error):
                throw Failure(path: final, reason: error)
            }
        }
    }

    /// Creates `path` and its missing parents (`mkdir -p`); on failure, the folder that could
    /// not be made and the `errno` of it. `made` gets each folder created, parents first.
    static func makeFolder(_ path: String, made: inout [String]) -> (String, Errno)? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : (path, Errno(ENOTDIR))
        }
        let parent = ParentFolder.of(path)
        if !parent.isEmpty, parent != path, let failure = makeFolder(parent, made: &made) { return failure }
        if mkdir(path, 0o755) != 0 {
            if errno != EEXIST { return (path, Errno(errno)) }
        } else {
            made.append(path)
        }
        return nil
    }

    private static func makeFolder(_ path: String) -> (String, Errno)? {
        var made: [String] = []
        return makeFolder(path, made: &made)
    }
}

/// One file of an `AtomicWriter`, written a piece at a time. A failed write is remembered (and
/// later pieces dropped) until the writer commits, which reports it.
final class OutputFile {
    let path: String
    let temporary: String
    private var descriptor: Int32
    private var failure: Errno?
    private var hasher: SHA256?
    /// The time spent in `write` calls so far.
    private(set) var writeTime = Duration.zero

    fileprivate init(path: String, temporary: String, descriptor: Int32, digest: Bool) {
        self.path = path
        self.temporary = temporary
        self.descriptor = descriptor
        hasher = digest ? SHA256() : nil
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, descriptor >= 0, var next = bytes.baseAddress else { return }
        hasher?.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        let clock = ContinuousClock()
        let start = clock.now
        defer { writeTime += clock.now - start }
        var left = bytes.count
        while left > 0 {
            let result = Glibc.write(descriptor, next, left)
            if result < 0 {
                if errno == EINTR { continue }
                failure = Errno(errno)
                return
            }
            next += result
            left -= result
        }
    }

    /// The SHA-256 of everything written (opened with `digest`), once the file is complete.
    var sha256: String? { hasher.map { Converter.hex($0.finalize()) } }

    /// Records what made the file (an extended attribute, set before it is renamed into place);
    /// a failure fails the file as a failed write does.
    func record(_ record: OutputRecord) {
        guard failure == nil, descriptor >= 0 else { return }
        failure = record.write(to: descriptor)
    }

    /// Closes the file; the first failure of a write or of the close.
    fileprivate func close() -> Errno? {
        if descriptor >= 0 {
            if Glibc.close(descriptor) != 0 && failure == nil { failure = Errno(errno) }
            descriptor = -1
        }
        return failure
    }
}
