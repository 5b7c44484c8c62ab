import ArgumentParser
import Foundation
import Logging

/// Exit codes, documented in README: 0 every input converted (or valid), 1 some inputs failed
/// (each is listed), 2 usage or configuration error (nothing was written).
enum ExitStatus {
    static let success: Int32 = 0
    static let someFailed: Int32 = 1
    static let usage: Int32 = 2
}

@main
struct Clerk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clerk",
        abstract: "Convert raw U.S. court opinion dumps into clean, schema-valid XML and JSON.",
        subcommands: [ConvertCommand.self, StreamCommand.self, ValidateCommand.self, StagesCommand.self, ExplainCommand.self, ReviewCommand.self, BenchCommand.self]
    )

    /// Runs the command and maps errors to the documented exit codes; ArgumentParser's own usage
    /// errors would otherwise exit with 64.
    static func main() {
        LoggingSystem.bootstrap { label in PlainLogHandler(label: label) }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(ExitStatus.success)
            }
            // One format for every error line: ArgumentParser's `Error: ` becomes `clerk: error: `.
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "clerk: error: " + message.dropFirst("Error: ".count) }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(ExitStatus.usage)
        }
    }
}
