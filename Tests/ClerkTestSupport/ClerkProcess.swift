import Foundation

/// Runs the built `clerk` executable as a separate process, the way users and CI run it.
public enum ClerkProcess {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public static var packageRoot: URL { ClerkTestSupport.packageRoot }

    /// The `clerk` binary next to the test bundle (both live in the build folder: the test
    /// targets that run it depend on the executable target, so `swift test` builds it).
    public static let executable: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("clerk")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/clerk")
    }()

    public static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let result = try ExternalTool.run(executable: executable, arguments, in: directory ?? packageRoot)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    public static func tool(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try ExternalTool.run(name, arguments)
    }
}
