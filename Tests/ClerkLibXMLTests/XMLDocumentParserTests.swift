import ClerkLibXML
import Testing

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func parseFailure(_ text: String, file: String = "in.xml") -> XMLFailure? {
    do {
        _ = try XMLDocumentParser.parse(bytes(text), file: file)
        return nil
    } catch {
        return error
    }
}

@Suite struct XMLDocumentParserTests {
    @Test func treeShapeAttributesAndLines() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opinion id="o1" court="scotus" b="2" a="1">
            <p n="1">Hello <i>big</i> world<pb n="2"/>again</p>
            <!-- a comment -->
            <p>x<![CDATA[ <raw> & ]]>y<?pi data?>z</p>
            </opinion>
            """
        let root = try XMLDocumentParser.parse(bytes(text), file: "o.xml")
        #expect(root.name == "opinion")
        #expect(root.line == 2)
        #expect(root.attributes.map(\.name) == ["id", "court", "b", "a"])
        #expect(root.attributes.map(\.value) == ["o1", "scotus", "2", "1"])
        #expect(root.attribute("court") == "scotus")
        #expect(root.attribute("missing") == nil)

        let paragraphs = root.elementChildren
        #expect(paragraphs.map(\.name) == ["p", "p"])
        #expect(paragraphs.map(\.line) == [3, 5])
        #expect(paragraphs[0].children == [
            .text("Hello "),
            .element(XMLElement(name: "i", children: [.text("big")])),
            .text(" world"),
            .element(XMLElement(name: "pb", attributes: [("n", "2")])),
            .text("again"),
        ])
        #expect(paragraphs[0].textContent == "Hello big worldagain")
        // CDATA becomes text; comments and PIs are dropped; neighbouring text is merged.
        #expect(paragraphs[1].children == [.text("x <raw> & yz")])
        // Whitespace-only text between elements is kept (it matters in mixed content).
        #expect(root.children.count == 5)
        #expect(root.children.first == .text("\n"))
        #expect(root.children[2] == .text("\n\n"))
    }

    @Test func equalityComparesAttributesInOrderAndIgnoresLines() {
        let a = XMLElement(name: "x", attributes: [("a", "1"), ("b", "2")], line: 3)
        #expect(a == XMLElement(name: "x", attributes: [("a", "1"), ("b", "2")], line: 9))
        #expect(a != XMLElement(name: "x", attributes: [("b", "2"), ("a", "1")]))
        #expect(a != XMLElement(name: "x", attributes: [("a", "1")]))
        #expect(a != XMLElement(name: "x", attributes: [("a", "1"), ("b", "2")], children: [.text("")]))
    }

    @Test func namespacesAreKeptAsWritten() throws {
        let root = try XMLDocumentParser.parse(bytes(#"<a:r xmlns:a="urn:a" xmlns="urn:d" a:k="v"><a:b/></a:r>"#), file: "n.xml")
        #expect(root.name == "a:r")
        #expect(root.attributes.map(\.name) == ["xmlns:a", "xmlns", "a:k"])
        #expect(root.elementChildren.first?.name == "a:b")
    }

    @Test func malformedXMLReportsTheLine() throws {
        let text = "<r>\n<a>\n<b>text</b>\n</c>\n</r>\n"
        let failure = try #require(parseFailure(text, file: "bad.xml"))
        let first = try #require(failure.diagnostics.first)
        #expect(first.file == "bad.xml")
        #expect(first.line == 4)
        #expect(first.column > 0)
        #expect(first.message.contains("mismatch"))
        #expect(first.description.hasPrefix("bad.xml:4:"))
    }

    @Test func otherMalformedInputs() {
        #expect(parseFailure("") != nil)
        #expect(parseFailure("just text") != nil)
        #expect(parseFailure("<r>&undefined;</r>")?.diagnostics.first?.message.contains("undefined") == true)
        #expect(parseFailure("<r a='1' a='2'/>") != nil)
        #expect(parseFailure("<r/><second/>") != nil)
        #expect(parseFailure("<r>\u{1}</r>") != nil)
        #expect(parseFailure("<p:r/>") != nil)  // undeclared namespace prefix
    }

    @Test func doctypeIsRejected() throws {
        let failure = try #require(parseFailure("<?xml version=\"1.0\"?>\n<!DOCTYPE r>\n<r/>"))
        #expect(failure.diagnostics.count == 1)
        #expect(failure.diagnostics[0].message.contains("DOCTYPE not allowed"))
        #expect(failure.diagnostics[0].line == 2)
    }

    @Test func billionLaughsIsRejectedQuickly() throws {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        text += "<!ENTITY lol0 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for level in 1...9 {
            let previous = "&lol\(level - 1);"
            text += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">\n"
        }
        text += "]>\n<lolz>&lol9;</lolz>\n"
        let clock = ContinuousClock()
        var failure: XMLFailure?
        let elapsed = clock.measure { failure = parseFailure(text) }
        #expect(failure?.diagnostics.first?.message.contains("DOCTYPE not allowed") == true)
        #expect(elapsed < .milliseconds(500))
    }

    @Test func externalEntityIsNeverLoaded() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
            <r>&x;</r>
            """
        let failure = try #require(parseFailure(text))
        #expect(failure.diagnostics.contains { $0.message.contains("DOCTYPE not allowed") })
        #expect(!failure.description.contains("root:"))
        // Without a DOCTYPE the reference is simply undefined.
        #expect(parseFailure("<r>&x;</r>") != nil)
    }

    @Test func lineNumbersPast65535AreExact() throws {
        var text = "<r>\n"
        text += String(repeating: "<l>x</l>\n", count: 70_000)
        text += "<last/>\n</r>\n"
        let root = try XMLDocumentParser.parse(bytes(text), file: "long.xml")
        let elements = root.elementChildren
        #expect(elements.count == 70_001)
        #expect(elements[0].line == 2)
        #expect(elements[65_533].line == 65_535)
        #expect(elements[69_999].line == 70_001)
        #expect(elements[70_000].line == 70_002)
        #expect(elements[70_000].name == "last")

        let broken = text.replacingOccurrences(of: "<last/>", with: "<last>")
        let failure = try #require(parseFailure(broken))
        #expect(failure.diagnostics.first?.line == 70_003)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
