import ArgumentParser
import Foundation

/// Where outputs go: made and checked before a batch starts, so that an unusable folder is one
/// usage error (exit 2) instead of a failure per input.
enum OutputFolder {
    /// Creates `path` (and its parents) and checks that files can be made in it.
    static func prepare(_ path: String) throws(ExitCode) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            Diagnostics.error("cannot create the output folder \(path): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.usage)
        }
        if let problem = problemCreatingFiles(in: path) {
            Diagnostics.error("cannot write in the output folder \(path): \(problem)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Why no file can be created in `folder` (an existing one), or nil when one can: a probe
    /// file is made and removed.
    static func problemCreatingFiles(in folder: String) -> String? {
        let probe = (folder as NSString).appendingPathComponent(".clerk-probe-\(getpid())")
        switch TemporaryFiles.create(probe) {
        case .success(let descriptor):
            close(descriptor)
            unlink(probe)
            TemporaryFiles.forget(probe)
            return nil
        case .failure(let error):
            return "\(error)"
        }
    }
}
