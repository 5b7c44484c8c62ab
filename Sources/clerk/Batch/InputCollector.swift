import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One input file and the name its outputs get inside `--out` (without extension).
struct InputFile: Sendable, Equatable {
    var path: String
    var outputStem: String
    /// Its size when collected (progress and its estimate of the time left; the batch checks
    /// the size again when it reads the file).
    var bytes = 0
    /// The file itself, so that no output is ever written over it.
    var identity: FileIdentity?
}

/// Turns command-line inputs into files: a file is taken as given; a folder is walked
/// recursively for files with one of `extensions`, hidden entries skipped, and its outputs mirror
/// the folder's tree; in folders only regular files are taken (no FIFOs or devices). The output
/// folder is never walked into, so outputs are never taken as inputs. What was passed over is
/// counted by reason, so that a run that finds nothing can say why.
struct InputCollector {
    /// Lower-cased, in the order given (messages list them so).
    let extensions: [String]
    /// The output folder with its links resolved, if it exists.
    let outputFolder: String?

    struct Collection {
        var files: [InputFile] = []
        /// Arguments that lead to nothing: usage errors, each `PATH: why`.
        var missing: [String] = []
        /// Inputs that cannot be read as files (a FIFO, a device, a folder that cannot be listed).
        var problems: [(path: String, message: String)] = []
        /// Inputs named a second time (the same file under the same output name), each `PATH: why`.
        var duplicates: [String] = []
        var skipped = SkippedEntries()
        /// The folders given as inputs, links resolved.
        var folders: [String] = []
    }

    init(extensions: String, outputFolder: String?) {
        var list: [String] = []
        for name in extensions.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            if !trimmed.isEmpty && !list.contains(trimmed) { list.append(trimmed) }
        }
        self.extensions = list
        self.outputFolder = outputFolder.flatMap(FileIdentity.resolvedPath)
    }

    func collect(_ arguments: [String]) -> Collection {
        var collection = Collection()
        var firstByKey: [FileKey: String] = [:]
        var argumentsSeen: [String: String] = [:]
        func add(_ file: InputFile) {
            // The same file under the same output name is one input; under another name it is
            // converted twice, harmlessly. The identity comes from the stat that found the file.
            let key = FileKey(identity: file.identity, path: file.identity == nil ? file.path : "", stem: file.outputStem)
            if let first = firstByKey[key] {
                collection.duplicates.append("\(file.path): the same file as \(first), given twice; taken once")
                return
            }
            firstByKey[key] = file.path
            collection.files.append(file)
        }
        for argument in arguments {
            // A file or folder named twice is taken once (and said once, not once per file in it).
            if let resolved = FileIdentity.resolvedPath(argument) {
                if let first = argumentsSeen[resolved] {
                    collection.duplicates.append("\(argument): the same \(first == argument ? "path" : "file or folder as \(first)"), given twice; taken once")
                    continue
                }
                argumentsSeen[resolved] = argument
            }
            switch EntryKind(argument) {
            case .missing:
                collection.missing.append("\(argument): no such file or folder")
            case .danglingLink(let target):
                collection.missing.append("\(argument): a symbolic link to \(target), which does not exist")
            case .other:
                // A FIFO or a device (`/dev/zero`) could block or never end.
                collection.problems.append((argument, "not a regular file"))
            case .regular(let bytes, let identity):
                add(InputFile(path: argument, outputStem: stem(of: (argument as NSString).lastPathComponent), bytes: bytes, identity: identity))
            case .folder:
                collection.folders.append(FileIdentity.resolvedPath(argument) ?? argument)
                guard let found = walk(argument, skipped: &collection.skipped) else {
                    collection.problems.append((argument, "cannot read the folder"))
                    continue
                }
                found.forEach(add)
            }
        }
        return collection
    }

    /// The input files below `folder`, in path order; nil when it cannot be listed.
    private func walk(_ folder: String, skipped: inout SkippedEntries) -> [InputFile]? {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return nil }
        // The output folder's place in this tree, when it lies inside it.
        let root = FileIdentity.resolvedPath(folder) ?? folder
        let outputInside = outputFolder.flatMap { $0.hasPrefix(root + "/") ? String($0.dropFirst(root.count + 1)) : nil }
        var found: [InputFile] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                skipped.hidden += 1
                walker.skipDescendants()
                continue
            }
            let full = (folder as NSString).appendingPathComponent(relative)
            let kind = EntryKind(full)
            if case .folder = kind {
                if relative == outputInside {
                    skipped.outputFolder = outputFolder
                    walker.skipDescendants()
                }
                continue
            }
            guard extensions.contains((name as NSString).pathExtension.lowercased()) else {
                skipped.otherExtension += 1
                continue
            }
            switch kind {
            case .regular(let bytes, let identity):
                found.append(InputFile(path: full, outputStem: stem(of: relative), bytes: bytes, identity: identity))
            case .danglingLink:
                skipped.danglingLinks += 1
            case .missing, .other, .folder:
                skipped.notRegular += 1
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    private func stem(of path: String) -> String {
        (path as NSString).deletingPathExtension
    }
}

/// An input as a duplicate is recognised: its file (or, without one, its path) and its output name.
private struct FileKey: Hashable {
    let identity: FileIdentity?
    let path: String
    let stem: String
}

/// What a path leads to, symbolic links followed.
private enum EntryKind {
    case regular(bytes: Int, identity: FileIdentity)
    case folder
    case danglingLink(target: String)
    /// A FIFO, a socket, a device.
    case other
    case missing

    init(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            var link = stat()
            if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
                self = .danglingLink(target: (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")
            } else {
                self = .missing
            }
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            self = .regular(bytes: Int(status.st_size), identity: FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)))
        case S_IFDIR: self = .folder
        default: self = .other
        }
    }
}

/// What folder walks passed over, by reason.
struct SkippedEntries: Equatable {
    var otherExtension = 0
    var hidden = 0
    var danglingLinks = 0
    var notRegular = 0
    /// The output folder, when it lay inside an input folder.
    var outputFolder: String?

    /// `3 file(s) skipped: extension not in txt,html,htm; 1 dangling link; …`, or nil if none.
    func description(extensions: [String]) -> String? {
        var reasons: [String] = []
        if otherExtension > 0 { reasons.append("\(otherExtension) file(s) skipped: extension not in \(extensions.joined(separator: ","))") }
        if danglingLinks > 0 { reasons.append("\(danglingLinks) dangling link(s)") }
        if notRegular > 0 { reasons.append("\(notRegular) not a regular file (a FIFO, socket or device)") }
        if hidden > 0 { reasons.append("\(hidden) hidden entr\(hidden == 1 ? "y" : "ies") skipped") }
        if let outputFolder { reasons.append("the output folder \(outputFolder) skipped") }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}
