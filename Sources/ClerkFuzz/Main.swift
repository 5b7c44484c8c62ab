import Foundation

#if CLERK_FUZZING
import CFuzzerDriver

/// Built for fuzzing (`-sanitize=fuzzer -DCLERK_FUZZING`, see scripts/fuzz): libFuzzer's driver
/// runs with the command line. SwiftPM renames an executable's `main` (so tests can link it) and
/// keeps libFuzzer's own `main` out, so the driver is started from here.
@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    }
}
#else

/// Without libFuzzer (a normal `swift build`), the target replays inputs instead: each file given
/// runs through the same probe, so a crash the fuzzer saved can be reproduced and debugged.
/// `clerk-fuzz crash-1234 more-inputs/…`
@main
struct ReplayMain {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: clerk-fuzz FILE...  (replays inputs through the pipeline probe)\n".utf8))
            exit(2)
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("clerk-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            let name = (path as NSString).lastPathComponent
            switch PipelineProbe.run([UInt8](data), name: name) {
            case .refused(let error):
                print("\(path): refused: \(error.problem)")
            case .emitted(let blocks, let edits):
                print("\(path): ok (\(blocks) blocks, \(edits) edits)")
            }
        }
    }
}
#endif
