import ClerkLibXML
import Testing

private let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"

private func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Writes `<r>` + body + `</r>` and returns the bytes.
private func write(_ body: (XMLWriter) -> Void) throws -> [UInt8] {
    let writer = XMLWriter()
    writer.startElement("r")
    body(writer)
    writer.endElement()
    return try writer.finish()
}

private func writerFailure(_ body: (XMLWriter) -> Void) -> XMLFailure? {
    let writer = XMLWriter()
    body(writer)
    do {
        _ = try writer.finish()
        return nil
    } catch {
        return error
    }
}

@Suite struct XMLWriterTests {
    @Test func mixedContentIsWrittenWithoutInsertedWhitespace() throws {
        let writer = XMLWriter()
        writer.startElement("p")
        writer.text("a")
        writer.emptyElement("pb", attributes: [("n", "2")])
        writer.text("b")
        writer.endElement()
        let bytes = try writer.finish()
        #expect(string(bytes) == declaration + #"<p>a<pb n="2"/>b</p>"# + "\n")
    }

    @Test func nestedElementsAndEmptyElementsAreCompact() throws {
        let bytes = try write { writer in
            writer.startElement("a")
            writer.attribute("x", "1")
            writer.attribute("y", "2")
            writer.startElement("b")
            writer.endElement()
            writer.endElement()
            writer.text("")  // writes nothing
        }
        #expect(string(bytes) == declaration + #"<r><a x="1" y="2"><b/></a></r>"# + "\n")
    }

    @Test func textEscapesMarkupCharacters() throws {
        let bytes = try write { $0.text(#"a & b < c > d " e ' f ]]> g"#) }
        #expect(string(bytes) == declaration + "<r>a &amp; b &lt; c &gt; d &quot; e ' f ]]&gt; g</r>\n")
        let root = try XMLDocumentParser.parse(bytes, file: "t.xml")
        #expect(root.textContent == #"a & b < c > d " e ' f ]]> g"#)
    }

    @Test func attributeValuesAreEscaped() throws {
        let value = #"a&b<c>d"e'f ]]>"#
        let bytes = try write { $0.attribute("v", value) }
        #expect(string(bytes) == declaration + #"<r v="a&amp;b&lt;c&gt;d&quot;e'f ]]&gt;"/>"# + "\n")
        #expect(try XMLDocumentParser.parse(bytes, file: "t.xml").attribute("v") == value)
    }

    @Test func carriageReturnsTabsAndNewlinesRoundTrip() throws {
        let text = "one\r\ntwo\rthree\tfour\nfive\r"
        let value = "x\ty\nz\r\nw  v\r"
        let bytes = try write { writer in
            writer.attribute("v", value)
            writer.text(text)
        }
        let written = string(bytes)
        // xmlTextWriter writes CR in text as a character reference; tab and LF stay literal.
        #expect(written.contains(">one&#13;\ntwo&#13;three\tfour\nfive&#13;</r>"))
        #expect(written.contains(#"v="x&#9;y&#10;z&#13;&#10;w  v&#13;""#))
        let root = try XMLDocumentParser.parse(bytes, file: "t.xml")
        #expect(root.textContent == text)
        #expect(root.attribute("v") == value)
    }

    @Test func nonASCIITextRoundTripsAsUTF8() throws {
        let text = "Müller v. Étát — § 1983, “quoted”, 日本語, 🙂, \u{7F}\u{85}\u{FFFD}"
        let bytes = try write { writer in
            writer.attribute("title", text)
            writer.text(text)
        }
        #expect(string(bytes).contains("Müller v. Étát"))  // raw UTF-8, not character references
        #expect(!string(bytes).contains("&#x"))
        let root = try XMLDocumentParser.parse(bytes, file: "t.xml")
        #expect(root.textContent == text)
        #expect(root.attribute("title") == text)
    }

    @Test(arguments: [
        ("\u{0}", "U+0000"), ("\u{1}", "U+0001"), ("\u{7}", "U+0007"), ("\u{B}", "U+000B"),
        ("\u{C}", "U+000C"), ("\u{1B}", "U+001B"), ("\u{1F}", "U+001F"), ("\u{FFFE}", "U+FFFE"),
        ("\u{FFFF}", "U+FFFF"),
    ])
    func forbiddenCharacterInTextFailsFinishNamingIt(character: String, name: String) throws {
        let failure = writerFailure { writer in
            writer.startElement("p")
            writer.text("before " + character + " after")
            writer.endElement()
        }
        let message = try #require(failure?.diagnostics.first?.message)
        #expect(message.contains(name))
        #expect(message.contains("<p>"))
    }

    @Test func forbiddenCharacterIsFoundAtEveryPosition() {
        // The scan works eight bytes at a time; cover every offset and the tail.
        let filler = "abcdefghijklmnopqrstuvwxyz0123456789"
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 30] {
            for position in 0...length {
                let prefix = String(filler.prefix(position))
                let suffix = String(filler.prefix(length - position))
                for (bad, name) in [("\u{1F}", "U+001F"), ("\u{FFFF}", "U+FFFF"), ("\u{0}", "U+0000")] {
                    let failure = writerFailure { w in w.startElement("p"); w.text(prefix + bad + suffix); w.endElement() }
                    #expect(failure?.diagnostics.first?.message.contains(name) == true, "\(length) \(position) \(name)")
                }
                // Allowed look-alikes: tab/LF/CR and other characters whose UTF-8 starts with 0xEF.
                for good in ["\t", "\n", "\r", "\u{FFFD}", "\u{F000}", "\u{FEFF}", "\u{FFEF}"] {
                    #expect(writerFailure { w in w.startElement("p"); w.text(prefix + good + suffix); w.endElement() } == nil)
                }
            }
        }
    }

    @Test func forbiddenCharacterInAttributeFailsFinishNamingIt() throws {
        let failure = writerFailure { writer in
            writer.startElement("p")
            writer.attribute("id", "x\u{8}y")
            writer.endElement()
        }
        let message = try #require(failure?.diagnostics.first?.message)
        #expect(message.contains("U+0008"))
        #expect(message.contains("\"id\""))
    }

    @Test func misuseFailsFinish() {
        // Attribute after content.
        #expect(writerFailure { w in w.startElement("a"); w.text("x"); w.attribute("b", "c"); w.endElement() } != nil)
        // Duplicate attribute.
        #expect(writerFailure { w in w.startElement("a"); w.attribute("b", "1"); w.attribute("b", "2"); w.endElement() } != nil)
        // Unclosed element.
        let unclosed = writerFailure { w in w.startElement("a"); w.startElement("b") }
        #expect(unclosed?.diagnostics.first?.message.contains("<b>, <a>") == true)
        // Too many endElement calls.
        #expect(writerFailure { w in w.startElement("a"); w.endElement(); w.endElement() } != nil)
        // Text outside the root (xmlTextWriter would write it unescaped).
        #expect(writerFailure { w in w.text("<oops>"); w.startElement("a"); w.endElement() } != nil)
        // Two roots.
        #expect(writerFailure { w in w.startElement("a"); w.endElement(); w.startElement("b"); w.endElement() } != nil)
        // No root.
        #expect(writerFailure { _ in } != nil)
        // Bad names.
        #expect(writerFailure { w in w.startElement("1a"); w.endElement() } != nil)
        #expect(writerFailure { w in w.startElement("a b"); w.endElement() } != nil)
        #expect(writerFailure { w in w.startElement("a"); w.attribute("x=\"y\"", "z"); w.endElement() } != nil)
    }

    @Test func finishTwiceFails() throws {
        let writer = XMLWriter()
        writer.emptyElement("a", attributes: [])
        _ = try writer.finish()
        #expect(throws: XMLFailure.self) { try writer.finish() }
    }

    @Test func largeDocumentIsWrittenAndParses() throws {
        let writer = XMLWriter()
        writer.startElement("opinion")
        let sentence = "The court held that the statute & its <amendments> apply to “all” parties. "
        var paragraphs = 0
        while true {
            writer.startElement("p")
            writer.attribute("n", String(paragraphs))
            writer.text(sentence)
            writer.emptyElement("pb", attributes: [("n", String(paragraphs + 1))])
            writer.text(sentence)
            writer.endElement()
            paragraphs += 1
            if paragraphs * 2 * sentence.utf8.count > 5_500_000 { break }
        }
        writer.endElement()
        let bytes = try writer.finish()
        #expect(bytes.count > 5_000_000)
        let root = try XMLDocumentParser.parse(bytes, file: "big.xml")
        #expect(root.elementChildren.count == paragraphs)
        #expect(root.elementChildren.last?.attribute("n") == String(paragraphs - 1))
    }
}
