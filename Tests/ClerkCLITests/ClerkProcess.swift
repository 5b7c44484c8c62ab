import ClerkTestSupport
import Foundation

/// Runs the built `clerk` executable as a separate process, the way users and CI run it.
enum ClerkProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var packageRoot: URL { ClerkTestSupport.packageRoot }

    /// The `clerk` binary next to the test bundle (both live in the build folder: the test target
    /// depends on the executable target, so `swift test` builds it).
    static let executable: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("clerk")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/clerk")
    }()

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let result = try ExternalTool.run(executable: executable, arguments, in: directory ?? packageRoot)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    static func tool(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try ExternalTool.run(name, arguments)
    }
}
