import ClerkCore
import ClerkEmit
import ClerkTestSupport
import Testing

/// The emitters take time linear in the document: one block of n and of 10 n words with a
/// page break after each (the XML writer once measured the rest of the text at every mark).
@Suite struct EmitterLinearTimeTests {
    private func document(words count: Int) -> Document {
        var document = Document(raw: [], source: SourceInfo(name: "t.txt", bytes: 0, sha256: String(repeating: "0", count: 64)))
        var text = ""
        var pageBreaks: [PageBreak] = []
        for index in 0..<count {
            text += "word "
            pageBreaks.append(PageBreak(offset: text.unicodeScalars.count, page: String(index)))
        }
        document.opinions = [Opinion(type: .majority, blocks: [Block(kind: .paragraph, text: text, pageBreaks: pageBreaks)])]
        return document
    }

    /// An edit that removed a long line: its `before` is one long text in a simple-content
    /// element, which the streaming XSD validator once re-measured at every piece of it.
    @Test func xmlOfAnEditThatRemovedALongLine() throws {
        func document(items count: Int) -> Document {
            var document = self.document(words: 1)
            document.log.edit(
                stage: "chrome", sourceOffset: 0, before: String(repeating: "• item & more ", count: count), after: "",
                reason: "web page menu removed")
            return document
        }
        let emitter = DocumentEmitter(formats: [.xml])
        let measurement = try LinearTime.measure(small: document(items: 20_000), large: document(items: 200_000)) { document in
            _ = try emitter.emit(document)
        }
        LinearTime.report("output xml, long edit", measurement)
        #expect(measurement.isLinear, "\(measurement)")
    }

    @Test(arguments: [OutputFormat.xml, .json])
    func outputOfOneBlockWithManyMarks(format: OutputFormat) throws {
        let emitter = DocumentEmitter(formats: [format])
        let measurement = try LinearTime.measure(small: document(words: 1_500), large: document(words: 15_000)) { document in
            _ = try emitter.emit(document)
        }
        LinearTime.report("output " + format.rawValue, measurement)
        #expect(measurement.isLinear, "\(format.rawValue): \(measurement)")
    }
}
