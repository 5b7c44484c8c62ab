import ArgumentParser
import ClerkEmit
import ClerkJSON
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check XML files against opinion.xsd and JSON files against opinion.schema.json.",
        discussion: "Problems name the file and the line (XML) or the JSON pointer (JSON). Exit status: 0 all valid, 1 some invalid or unreadable, 2 usage error (a path that leads to no file)."
    )

    @Argument(help: ArgumentHelp("Files ending in .xml or .json.", valueName: "FILE"))
    var files: [String]

    func run() throws {
        // A path that leads nowhere is a usage error, found before any file is checked.
        let unreachable = files.compactMap { file in FileIdentity(path: file) == nil ? "\(file): \(Errno(errno))" : nil }
        if !unreachable.isEmpty {
            unreachable.forEach(Diagnostics.error)
            throw ExitCode(ExitStatus.usage)
        }
        var invalid = 0
        for file in files {
            let problems = check(file)
            if problems.isEmpty {
                print("\(file): valid")
            } else {
                invalid += 1
                for problem in problems { Diagnostics.error(problem) }
            }
        }
        if invalid > 0 {
            Diagnostics.error("\(invalid) of \(files.count) file(s) invalid")
            throw ExitCode(ExitStatus.someFailed)
        }
    }

    /// Every problem with `file`, each a line naming the file.
    private func check(_ file: String) -> [String] {
        let bytes: [UInt8]
        switch FileBytes.read(file) {
        case .success(let read): bytes = read
        case .failure(let failure): return ["\(file): cannot read the file: \(failure)"]
        }
        switch (file as NSString).pathExtension.lowercased() {
        case "xml":
            return OutputSchemas.shipped.xml.validate(bytes, file: file).map(\.description)
        case "json":
            do {
                let value = try JSONReader.parse(bytes)
                return OutputSchemas.shipped.json.validate(value).map { violation in
                    "\(file): \(violation.instancePointer.description.isEmpty ? "(root)" : violation.instancePointer.description): \(violation.message)"
                }
            } catch {
                return ["\(file):\(error.line):\(error.column): \(error.message)"]
            }
        default:
            return ["\(file): not an .xml or .json file"]
        }
    }
}
