import Foundation

/// Runs a program found on PATH (xmllint, python3) and returns its status and combined output.
/// A missing program is a test failure that says how to install it, never a silent skip.
public enum ExternalTool {
    public struct Missing: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "\(name) is not installed; run scripts/setup (it installs libxml2-utils, patch, bzip2, xz-utils, Python jsonschema, chromium, chromium-driver and Python selenium)" }
    }

    public static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let search = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let path = search.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Missing(name: name)
        }
        let result = try run(executable: URL(fileURLWithPath: path), arguments, mergeErrors: true)
        return (result.status, result.stdout)
    }

    /// Runs `executable`; output goes through files, not pipes, so that a large output can never
    /// fill a pipe and block the child.
    public static func run(
        executable: URL, _ arguments: [String], in directory: URL? = nil, mergeErrors: Bool = false
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = try Scratch()
        let outputPath = scratch.path("stdout"), errorPath = scratch.path("stderr")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer {
            try? output.close()
            try? errors.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = output
        process.standardError = mergeErrors ? output : errors
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus,
                try String(contentsOfFile: outputPath, encoding: .utf8),
                try String(contentsOfFile: errorPath, encoding: .utf8))
    }
}
