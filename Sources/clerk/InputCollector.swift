import Foundation

/// One input file and the name its outputs get inside `--out` (without extension).
struct InputFile: Sendable, Equatable {
    var path: String
    var outputStem: String
    /// Its size when collected (progress and its estimate of the time left; the batch checks
    /// the size again when it reads the file).
    var bytes = 0
}

/// Turns command-line inputs into files: a file is taken as given; a folder is walked
/// recursively for files with one of `extensions`, hidden entries skipped, and its outputs mirror
/// the folder's tree; in folders only regular files are taken (no FIFOs or devices). A path that
/// does not exist or is not a regular file is reported, not fatal.
struct InputCollector {
    let extensions: Set<String>

    func collect(_ arguments: [String]) -> (files: [InputFile], problems: [(path: String, message: String)]) {
        var files: [InputFile] = []
        var problems: [(path: String, message: String)] = []
        let manager = FileManager.default
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                problems.append((argument, "no such file or folder"))
                continue
            }
            if !isDirectory.boolValue {
                guard let bytes = regularFileSize(argument) else {
                    // A FIFO or a device (`/dev/zero`) could block or never end.
                    problems.append((argument, "not a regular file"))
                    continue
                }
                files.append(InputFile(path: argument, outputStem: stem(of: (argument as NSString).lastPathComponent), bytes: bytes))
                continue
            }
            guard let walker = manager.enumerator(atPath: argument) else {
                problems.append((argument, "cannot read the folder"))
                continue
            }
            var found: [(relative: String, bytes: Int)] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                let full = (argument as NSString).appendingPathComponent(relative)
                var entryIsDirectory: ObjCBool = false
                guard extensions.contains((name as NSString).pathExtension.lowercased()),
                      manager.fileExists(atPath: full, isDirectory: &entryIsDirectory), !entryIsDirectory.boolValue,
                      let bytes = regularFileSize(full) else { continue }
                found.append((relative, bytes))
            }
            for (relative, bytes) in found.sorted(by: { $0.relative < $1.relative }) {
                files.append(InputFile(path: (argument as NSString).appendingPathComponent(relative), outputStem: stem(of: relative), bytes: bytes))
            }
        }
        return (files, problems)
    }

    /// The size of a regular file, or of the one a symbolic link leads to; nil for anything else.
    private func regularFileSize(_ path: String) -> Int? {
        let resolved = (path as NSString).resolvingSymlinksInPath
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
              attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        return attributes[.size] as? Int ?? 0
    }

    private func stem(of path: String) -> String {
        (path as NSString).deletingPathExtension
    }
}
