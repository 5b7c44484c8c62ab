import ClerkCore
import ClerkEmit
import ClerkTestSupport
import Foundation

/// One input through the whole pipeline, the way `clerk convert` runs it: convert, then emit XML
/// and JSON, each validated against its shipped schema. An input the converter refuses is fine
/// (empty or binary input is a clear error, not a crash); a converted document that cannot be
/// written (a broken model invariant, an output that fails its own schema) is a bug, so it stops
/// the process with the reason, which libFuzzer reports as a crash and keeps the input.
enum PipelineProbe {
    static let conversion: DocumentConversion = {
        do {
            return DocumentConversion(converter: Converter(configuration: try PipelineConfiguration.builtIn()), formats: OutputFormat.allCases)
        } catch {
            fatalError("the built-in pipeline configuration does not load: \(error)")
        }
    }()

    /// `CLERK_FUZZ_NOTHING_LOST=1` also checks that nothing of a UTF-8 text input is lost
    /// (`CharacterAccount`); inputs of other readers (HTML markup is not text) and other encodings (the accounting
    /// decodes the whole file one way, the decoder each line) are left out.
    static let checksNothingLost = ProcessInfo.processInfo.environment["CLERK_FUZZ_NOTHING_LOST"] == "1"

    /// The result of one run, for the replay tool to report.
    enum Outcome {
        case refused(ConversionError)
        case emitted(blocks: Int, edits: Int)
    }

    @discardableResult
    static func run(_ bytes: [UInt8], name: String = "fuzz.txt") -> Outcome {
        let document: Document
        do throws(DocumentConversion.Failure) {
            document = try conversion.run(bytes, name: name)
        } catch .input(let error) {
            return .refused(error)
        } catch {
            fatalError("\(name): the converted document cannot be written: \(error)")
        }
        if checksNothingLost, document.source.reader == TextReader.id, String(validating: bytes, as: UTF8.self) != nil {
            let account = CharacterAccount(
                raw: bytes, outputTexts: document.opinions.flatMap { $0.blocks.map(\.text) + $0.footnotes.flatMap { $0.blocks.map(\.text) } },
                edits: document.log.edits.map { CharacterAccount.Edit(before: $0.before, after: $0.after, reason: $0.reason) })
            if !account.isBalanced { fatalError("\(name): \(account)") }
        }
        return .emitted(blocks: document.opinions.reduce(0) { $0 + $1.blocks.count }, edits: document.log.edits.count)
    }
}
