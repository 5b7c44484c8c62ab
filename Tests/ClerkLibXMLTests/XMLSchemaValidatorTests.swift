import ClerkLibXML
import Dispatch
import Synchronization
import Testing

/// A small schema in the shape of ours: an element-only root with a required attribute,
/// a mixed-content paragraph with inline empty elements, enumerations via xs:restriction.
private let xsd = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="opinion">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="meta" type="Meta"/>
            <xs:element name="p" type="Paragraph" maxOccurs="unbounded"/>
          </xs:sequence>
          <xs:attribute name="id" type="xs:string" use="required"/>
        </xs:complexType>
      </xs:element>
      <xs:complexType name="Meta">
        <xs:sequence>
          <xs:element name="court" type="xs:string"/>
        </xs:sequence>
        <xs:attribute name="kind" type="Kind" use="required"/>
      </xs:complexType>
      <xs:complexType name="Paragraph" mixed="true">
        <xs:choice minOccurs="0" maxOccurs="unbounded">
          <xs:element name="i" type="xs:string"/>
          <xs:element name="pb" type="PageBreak"/>
        </xs:choice>
        <xs:attribute name="align" type="Align"/>
      </xs:complexType>
      <xs:complexType name="PageBreak">
        <xs:attribute name="n" type="xs:positiveInteger" use="required"/>
      </xs:complexType>
      <xs:simpleType name="Kind">
        <xs:restriction base="xs:string">
          <xs:enumeration value="majority"/>
          <xs:enumeration value="dissent"/>
        </xs:restriction>
      </xs:simpleType>
      <xs:simpleType name="Align">
        <xs:restriction base="xs:string">
          <xs:enumeration value="left"/>
          <xs:enumeration value="center"/>
        </xs:restriction>
      </xs:simpleType>
    </xs:schema>
    """

/// A document whose line 7 is `line7`.
private func document(line7: String, meta: String = #"<meta kind="majority"><court>Supreme Court</court></meta>"#) -> [UInt8] {
    Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <opinion id="o1">
        \(meta)
        <p>One<pb n="2"/>two</p>
        <p align="center">Three <i>four</i> five</p>
        <p>
        \(line7)
        </p>
        </opinion>

        """.utf8)
}

private let validLine7 = #"Six <i>seven</i><pb n="3"/>eight"#

private let validator = Result { () throws(XMLFailure) in try XMLSchemaValidator(xsd: Array(xsd.utf8), file: "test.xsd") }

private func schemaFailure(_ text: String) -> XMLFailure? {
    do {
        _ = try XMLSchemaValidator(xsd: Array(text.utf8), file: "bad.xsd")
        return nil
    } catch {
        return error
    }
}

@Suite struct XMLSchemaValidatorTests {
    @Test func validDocumentPasses() throws {
        let validator = try validator.get()
        #expect(validator.validate(document(line7: validLine7), file: "ok.xml") == [])
    }

    /// The line and column are where the parser was when the problem showed: just past an
    /// element's name and attributes (at its `/>` or `>`), or past the end tag for its content.
    @Test(arguments: [
        (#"Six <foo/> seven"#, "foo", 9),                        // unknown element
        (#"Six <pb/> seven"#, "'n'", 8),                         // missing required attribute
        (#"Six <pb n="zero"/> seven"#, "positiveInteger", 17),   // bad attribute type
        (#"Six <pb n="3">text</pb> seven"#, "pb", 24),           // text where not allowed
        (#"Six <i>seven <i>nested</i></i>"#, "i", 16),           // element inside a simple type
    ])
    func violationIsReportedOnItsLineAndColumn(line7: String, mentions: String, column: Int) throws {
        let validator = try validator.get()
        let diagnostics = validator.validate(document(line7: line7), file: "bad.xml")
        try #require(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics[0].file == "bad.xml")
        #expect(diagnostics[0].line == 7)
        #expect(diagnostics[0].column == column)
        #expect(diagnostics[0].message.contains(mentions), "\(diagnostics[0].message)")
        #expect(diagnostics[0].description.hasPrefix("bad.xml:7:\(column): "))
    }

    @Test func badEnumerationValueIsReportedOnItsLine() throws {
        let validator = try validator.get()
        let line7 = #"<i>x</i></p><p align="justify">"#
        let diagnostics = validator.validate(document(line7: line7), file: "enum.xml")
        try #require(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics[0].line == 7)
        #expect(diagnostics[0].message.contains("justify"))
        #expect(diagnostics[0].message.contains("enumeration"))
    }

    @Test func textInElementOnlyContentAndOtherViolations() throws {
        let validator = try validator.get()
        // Text directly in <meta> (element-only content), line 3.
        let textInMeta = validator.validate(
            document(line7: validLine7, meta: #"<meta kind="dissent">stray<court>C</court></meta>"#), file: "m.xml")
        #expect(textInMeta.map(\.line) == [3])
        #expect(textInMeta.first?.message.contains("meta") == true)
        // Bad enumeration value on <meta kind>, line 3.
        let badKind = validator.validate(
            document(line7: validLine7, meta: #"<meta kind="plurality"><court>C</court></meta>"#), file: "m.xml")
        #expect(badKind.map(\.line) == [3])
        #expect(badKind.first?.message.contains("plurality") == true)
        // Several violations are all reported, in order.
        let several = validator.validate(document(line7: #"<foo/>"#, meta: #"<meta kind="x"><court>C</court></meta>"#), file: "m.xml")
        #expect(several.map(\.line) == [3, 7])
        // Missing required attribute on the root, line 2.
        let noID = Array(String(decoding: document(line7: validLine7), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0 == #"<opinion id="o1">"# ? "<opinion>" : String($0) }
            .joined(separator: "\n").utf8)
        let missing = validator.validate(noID, file: "m.xml")
        #expect(missing.map(\.line) == [2])
        #expect(missing.first?.message.contains("'id'") == true)
    }

    /// A writer that validates as it writes hands libxml2 what a parser of its bytes would: same
    /// verdicts, messages and lines as validating the written bytes, for valid and invalid
    /// documents alike (including an ampersand in an attribute, which the parser passes as `&#38;`).
    /// With a drain that takes the output after nearly every element, the pieces make the same
    /// bytes and the lines of problems stay exact.
    @Test(arguments: [
        validLine7, #"Six <foo/> seven"#, #"Six <pb/> seven"#, #"Six <pb n="zero"/> seven"#,
        #"Six <pb n="3">text</pb> seven"#, #"Six <i>seven <i>nested</i></i>"#, #"<i>x</i></p><p align="justify">"#,
        #"<i>x</i></p><p align="a&amp;b">"#, #"<i>x &amp; y</i><pb n="&#49;"/>"#,
    ])
    func writingWhileValidatingAgreesWithValidatingTheBytes(line7: String) throws {
        let validator = try validator.get()
        for meta in [#"<meta kind="majority"><court>C &amp; D</court></meta>"#, #"<meta kind="x&amp;y">stray<court>C</court></meta>"#] {
            let root = try XMLDocumentParser.parse(document(line7: line7, meta: meta), file: "in.xml")
            func write(_ element: XMLElement, to writer: XMLWriter) {
                writer.startElement(element.name)
                for attribute in element.attributes { writer.attribute(attribute.name, attribute.value) }
                for child in element.children {
                    switch child {
                    case .text(let text): writer.text(text)
                    case .element(let inner): write(inner, to: writer)
                    }
                }
                writer.endElement()
            }
            let writer = XMLWriter(validatingAgainst: validator, file: "w.xml")
            write(root, to: writer)
            let bytes = try writer.finish()
            let parsed = validator.validate(bytes, file: "w.xml").map { "\($0.line): \($0.message)" }
            #expect(writer.schemaDiagnostics.map { "\($0.line): \($0.message)" } == parsed, "\(line7) \(meta)")
            #expect(writer.schemaDiagnostics.allSatisfy { $0.file == "w.xml" })

            var pieces: [[UInt8]] = []
            let draining = XMLWriter(validatingAgainst: validator, file: "w.xml", capacity: 16) { pieces.append(Array($0)) }
            write(root, to: draining)
            #expect(try draining.finish().isEmpty)
            #expect(pieces.count > 5)
            #expect(Array(pieces.joined()) == bytes)
            #expect(draining.schemaDiagnostics.map { "\($0.line): \($0.message)" } == parsed, "drained: \(line7) \(meta)")
        }
    }

    @Test func aWriterThatDoesNotFinishLeavesNoValidatorBehind() throws {
        let validator = try validator.get()
        for _ in 0..<100 {
            let writer = XMLWriter(validatingAgainst: validator, file: "w.xml")
            writer.startElement("opinion")
            writer.startElement("meta")
        }
        let writer = XMLWriter(validatingAgainst: validator, file: "w.xml")
        writer.startElement("opinion")
        writer.startElement("p")
        writer.text("\u{1}")
        #expect(throws: XMLFailure.self) { try writer.finish() }
        #expect(writer.schemaDiagnostics.isEmpty)
    }

    @Test func wellFormednessErrorsAndDoctypesAreDiagnostics() throws {
        let validator = try validator.get()
        let broken = validator.validate(document(line7: "<i>unclosed"), file: "wf.xml")
        #expect(broken.first?.line == 8)
        #expect(broken.first?.file == "wf.xml")
        #expect(broken.first.map { $0.column > 0 } == true)

        var withDoctype = Array("<?xml version=\"1.0\"?>\n<!DOCTYPE opinion [<!ENTITY e \"x\">]>\n".utf8)
        withDoctype += document(line7: validLine7).drop { $0 != UInt8(ascii: "\n") }.dropFirst()
        let doctype = validator.validate(withDoctype, file: "dt.xml")
        #expect(doctype.count == 1)
        #expect(doctype.first?.message.contains("DOCTYPE not allowed") == true)
        #expect(validator.validate([], file: "empty.xml").count == 1)
    }

    @Test func lineNumbersPast65535AreExact() throws {
        let validator = try validator.get()
        var text = "<opinion id=\"big\">\n<meta kind=\"majority\"><court>C</court></meta>\n"
        text += String(repeating: "<p>line</p>\n", count: 70_000)   // lines 3 ... 70002
        text += "<p>one\ntwo\n<pb/></p>\n"                            // <pb/> on line 70005
        text += "<p align=\"nowhere\">x</p>\n"                         // line 70006
        text += "<q/>\n</opinion>\n"                                     // line 70007
        let diagnostics = validator.validate(Array(text.utf8), file: "long.xml")
        #expect(diagnostics.map(\.line) == [70_005, 70_006, 70_007], "\(diagnostics)")
    }

    @Test func invalidSchemaFailsWithALine() throws {
        let unknownType = """
            <?xml version="1.0"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="r" type="NoSuchType"/>
            </xs:schema>
            """
        let failure = try #require(schemaFailure(unknownType))
        #expect(failure.diagnostics.first?.file == "bad.xsd")
        #expect(failure.diagnostics.first?.line == 3)
        #expect(failure.diagnostics.first?.message.contains("NoSuchType") == true)

        let badFacet = """
            <?xml version="1.0"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:simpleType name="T">
                <xs:restriction base="xs:string">
                  <xs:enumerashun value="a"/>
                </xs:restriction>
              </xs:simpleType>
            </xs:schema>
            """
        #expect(schemaFailure(badFacet)?.diagnostics.first?.line == 5)

        let malformed = "<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n<xs:element name=\"r\">\n</xs:schema>\n"
        let notWellFormed = try #require(schemaFailure(malformed))
        #expect(notWellFormed.diagnostics.first?.line == 4)

        #expect(schemaFailure("<notaschema/>") != nil)
        #expect(schemaFailure("") != nil)
    }

    @Test func oneValidatorIsSharedByConcurrentValidations() throws {
        let validator = try validator.get()
        let valid = document(line7: validLine7)
        let invalid = document(line7: #"Six <pb n="-1"/> seven"#)
        let malformed = document(line7: "<i>")
        let count = 200
        let outcomes = Mutex([[XMLDiagnostic]?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let input = switch index % 3 { case 0: valid; case 1: invalid; default: malformed }
            let diagnostics = validator.validate(input, file: "doc\(index).xml")
            outcomes.withLock { $0[index] = diagnostics }
        }
        let results = outcomes.withLock { $0 }
        for (index, result) in results.enumerated() {
            let diagnostics = try #require(result)
            switch index % 3 {
            case 0:
                #expect(diagnostics.isEmpty, "doc\(index): \(diagnostics)")
            case 1:
                #expect(diagnostics.count == 1 && diagnostics[0].line == 7 && diagnostics[0].file == "doc\(index).xml",
                        "doc\(index): \(diagnostics)")
            default:
                #expect(!diagnostics.isEmpty && diagnostics[0].line == 8 && diagnostics[0].file == "doc\(index).xml",
                        "doc\(index): \(diagnostics)")
            }
        }
    }

    @Test func concurrentValidationsFromATaskGroup() async throws {
        let validator = try validator.get()
        let valid = document(line7: validLine7)
        let invalid = document(line7: #"<foo/>"#)
        let verdicts = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<100 {
                group.addTask { (index, validator.validate(index.isMultiple(of: 2) ? valid : invalid, file: "t").isEmpty) }
            }
            var verdicts: [Int: Bool] = [:]
            for await (index, isValid) in group { verdicts[index] = isValid }
            return verdicts
        }
        #expect(verdicts.count == 100)
        #expect(verdicts.allSatisfy { $0.value == $0.key.isMultiple(of: 2) })
    }
}
