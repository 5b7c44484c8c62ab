import ArgumentParser
import ClerkJSON
import Foundation

/// `convert --report FILE.json`: checked before the batch starts (a report that cannot be
/// written is a usage error, before any work), written atomically at its end.
enum ReportFile {
    static func checkWritable(_ path: String) throws(ExitCode) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            Diagnostics.error("cannot write the report \(path): it is a folder")
            throw ExitCode(ExitStatus.usage)
        }
        let folder = ParentFolder.of(path)
        if let problem = OutputFolder.problemCreatingFiles(in: folder.isEmpty ? "." : folder) {
            Diagnostics.error("cannot write the report \(path): \(problem)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    static func write(_ report: JSONValue, to path: String) throws(AtomicWriter.Failure) {
        let writer = AtomicWriter()
        let file = try writer.open(path)
        (JSONWriter.write(report, pretty: true) + [UInt8(ascii: "\n")]).withUnsafeBufferPointer { file.write($0) }
        _ = try writer.commit()
    }
}
