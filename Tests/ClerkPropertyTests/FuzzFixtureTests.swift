import ClerkCore
import ClerkEmit
import ClerkTestSupport
import Foundation
import Testing

/// The fuzzer's inputs kept in the repository, through the same probe as `clerk-fuzz`: the seeds
/// of its corpus (Tests/Fixtures/Fuzz/seeds) and the inputs that made it fail once
/// (Tests/Fixtures/Fuzz/regressions, each named for the bug). Each converts (or is refused with
/// a clear error), both outputs are valid, and nothing of a text input is lost.
@Suite struct FuzzFixtureTests {
    static let inputs: [String] = ["seeds", "regressions"].flatMap { folder in
        let path = packageRoot.appendingPathComponent("Tests/Fixtures/Fuzz/\(folder)").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
    }

    @Test func fixturesArePresent() {
        #expect(Self.inputs.filter { $0.hasPrefix("seeds/") }.count >= 5)
        #expect(Self.inputs.contains { $0.hasPrefix("regressions/") })
    }

    @Test(arguments: inputs)
    func convertsToValidOutputsLosingNothing(_ input: String) throws {
        let raw = [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("Tests/Fixtures/Fuzz/\(input)")))
        let document: Document
        do {
            document = try PipelinePropertyTests.converter.convert(raw, name: (input as NSString).lastPathComponent)
        } catch {
            // Refusing is allowed (an empty or binary file); it must say why.
            #expect(!error.message.isEmpty)
            return
        }
        #expect(throws: Never.self) { try PipelinePropertyTests.emitter.emit(document) }
        if document.source.reader == TextReader.id {
            let account = CharacterAccount(raw: raw, document: document)
            #expect(account.isBalanced, "\(account)")
        }
    }
}
