import ClerkCore
import Foundation
import Testing

/// The pipeline run over its own plain-text output (every paragraph, then every footnote's
/// paragraphs, separated by blank lines) finds nothing more to change.
@Suite struct PipelineIdempotenceTests {
    static let samples: [URL] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
    }()

    /// The blocks' texts. Blocks without text (a heading that is only a label, a section break)
    /// leave nothing in the plain text, so they are not compared.
    private func paragraphs(_ document: Document) -> [String] {
        document.opinions.flatMap { opinion in
            opinion.blocks.map(\.text) + opinion.footnotes.flatMap { $0.blocks.map(\.text) }
        }.filter { !$0.isEmpty }
    }

    /// A layout document with CRLF line ends, a form feed between pages, running headers and a
    /// footnote: the whole pipeline, end to end.
    @Test func crlfFormFeedLayoutDocumentEndToEnd() throws {
        let body = "The court considered the matter carefully and at length today,\r\n"
        var pages: [String] = []
        for page in 1...4 {
            var text = page > 1 ? "Case 1:20-cv-00123    Page \(page) of 4\r\n" : ""
            text += String(repeating: body, count: 20)
            if page == 2 { text += "and so it held. 1\r\nThe end of the page comes here with more text.\r\n1 A note in small type, wider than the body lines are on this page.\r\n" }
            pages.append(text)
        }
        let raw = Array(pages.joined(separator: "\u{0C}").utf8)
        let document = try Converter(configuration: try PipelineConfiguration.builtIn()).convert(raw, name: "crlf.txt")
        let blocks = document.opinions.flatMap(\.blocks)
        let text = blocks.map(\.text).joined(separator: "\n")
        #expect(!text.contains("Page 3 of 4") && !text.contains("\r"))
        #expect(blocks.flatMap(\.pageBreaks).map(\.page) == ["2", "3", "4"])
        #expect(document.opinions.first?.footnotes.map(\.label) == ["1"])
        #expect(document.log.edits.contains { $0.reason.contains("CRLF") })
    }

    @Test(arguments: samples)
    func secondRunChangesNothing(_ sample: URL) throws {
        let converter = Converter(configuration: try PipelineConfiguration.builtIn())
        let first = try converter.convert([UInt8](try Data(contentsOf: sample)), name: sample.lastPathComponent)
        let plain = paragraphs(first).joined(separator: "\n\n") + "\n"
        let second = try converter.convert(Array(plain.utf8), name: "plain.txt")
        #expect(paragraphs(second) == paragraphs(first))
        #expect(second.log.edits.isEmpty, "\(second.log.edits.prefix(5).map { "\($0.stage): \($0.before) → \($0.after)" })")
    }
}
