import ArgumentParser
import Foundation

/// Where outputs go: made and checked before a batch starts, so that an unusable folder is one
/// usage error (exit 2) instead of a failure per input.
struct OutputFolder {
    let path: String
    /// The folders `prepare` made, parents first: a usage error found later takes them away
    /// again, so that a refused run leaves nothing behind.
    private let made: [String]

    /// Creates `path` (and its parents) and checks that files can be made in it.
    static func prepare(_ path: String) throws(ExitCode) -> OutputFolder {
        var made: [String] = []
        if let (folder, error) = AtomicWriter.makeFolder(path, made: &made) {
            let which = folder == path ? "" : "\(folder): "
            Diagnostics.error("cannot create the output folder \(path): \(which)\(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let prepared = OutputFolder(path: path, made: made)
        if let problem = problemCreatingFiles(in: path) {
            Diagnostics.error("cannot write in the output folder \(path): \(problem)")
            prepared.removeMade()
            throw ExitCode(ExitStatus.usage)
        }
        return prepared
    }

    /// Removes the folders `prepare` made, if they are still empty.
    func removeMade() {
        for folder in made.reversed() { rmdir(folder) }
    }

    /// Why no file can be created in `folder` (an existing one), or nil when one can: a probe
    /// file is made and removed.
    static func problemCreatingFiles(in folder: String) -> String? {
        switch withProbeFile(in: folder, { _ in }) {
        case .success: nil
        case .failure(let error): "\(error)"
        }
    }

    /// Creates a probe file in `folder`, hands its descriptor to `body`, and removes it.
    static func withProbeFile<T>(in folder: String, _ body: (Int32) -> T) -> Result<T, Errno> {
        let probe = (folder as NSString).appendingPathComponent(".clerk-probe-\(getpid())")
        switch TemporaryFiles.create(probe) {
        case .success(let descriptor):
            defer {
                close(descriptor)
                unlink(probe)
                TemporaryFiles.forget(probe)
            }
            return .success(body(descriptor))
        case .failure(let error):
            return .failure(error)
        }
    }
}
