import ClerkCore
import ClerkEmit
import ClerkJSON
import ClerkLibXML
import ClerkReview
import Testing

/// Every field of the output model reaches every output: a field added to the model that
/// `ModelWalk` does not hand to its visitors, or that the JSON writer, the XML writer, the tests'
/// XML reader or the review page leaves out, fails here. (A field the walk passes changes a
/// `ModelVisitor` signature, so each output must take it to build at all; these tests prove it
/// also writes it.) The model's fields are found by reflection, so nothing below lists them;
/// the hand-made rich document must use every optional field and fill every list, which is
/// checked too.
@Suite struct ModelCoverageTests {
    /// Model fields that are not output: the stages' working state, which the document drops
    /// once converted, and what the reader told the stages the source marks.
    private static let workingState: Set<String> = ["Document.raw", "Document.body", "Document.notes", "SourceInfo.marked"]

    /// Where a field's JSON differs from its name in the model.
    private static let jsonNames: [String: String] = ["Document.caseInfo": "case", "Document.pipelineSHA256": "pipeline"]

    /// Fields whose JSON value is not the model's shape field for field: the pipeline's
    /// fingerprint is `{"sha256": …}`, metadata entries are one object of keys and values, the
    /// edit log's two lists are members of the document itself.
    private static let flattened: Set<String> = ["Document.pipelineSHA256", "CaseInfo.metadata", "Document.log"]

    @Test func theRichDocumentUsesEveryFieldOfTheModel() {
        var used: [String: Bool] = [:]
        Self.visit(Fixtures.richDocument(), type: "Document") { field, value in
            used[field] = (used[field] ?? false) || !Self.isEmpty(value)
        }
        let unused = used.filter { !$0.value && !Self.workingState.contains($0.key) }.map(\.key).sorted()
        #expect(unused.isEmpty, "fields the rich fixture leaves empty or nil, so no test sees them written: \(unused)")
    }

    /// The walk hands over the whole output model: built back from its calls, it is the document.
    @Test func theWalkGivesEveryField() {
        let document = Fixtures.richDocument()
        let back = ModelBuilder.build(document)
        back.expectEqual(to: document)
    }

    @Test func everyFieldIsInTheJSON() throws {
        let document = Fixtures.richDocument()
        var missing: [String] = []
        Self.compare(document, type: "Document", with: JSONEmitter.value(document), missing: &missing)
        #expect(missing.isEmpty, "model fields the JSON leaves out: \(missing)")
        // The fields written another way are there too.
        let value = JSONEmitter.value(document)
        #expect(value["pipeline"]?["sha256"]?.stringValue == document.pipelineSHA256)
        #expect(value["case"]?["metadata"]?.objectValue?.count == Set(document.caseInfo.metadata.map(\.key)).count)
        #expect(value["edits"]?.arrayValue?.count == document.log.edits.count)
        #expect(value["warnings"]?.arrayValue?.count == document.log.warnings.count)
    }

    /// The XML read back is the model: with every field used, a field the writer or the reader
    /// leaves out makes the two differ.
    @Test func everyFieldIsInTheXMLAndReadBack() throws {
        let document = Fixtures.richDocument()
        let xml = try #require(try DocumentEmitter(formats: [.xml]).emit(document).first?.bytes)
        let back = try XMLModelReader.read(try XMLDocumentParser.parse(xml, file: "rich.xml"))
        back.expectEqual(to: document)
    }

    /// Texts the page shows transformed, so not as one run of characters: an edit's before-text
    /// with its white space made visible, a block's and a citation's text with page and
    /// footnote marks set into it.
    private static let shownTransformed: Set<String> = ["Edit.before", "Block.text", "Citation.text"]

    /// The review page shows every text of the model: each string field's value is on the page.
    @Test func everyTextFieldIsOnTheReviewPage() {
        let document = Fixtures.richDocument()
        let page = String(decoding: ReviewPage.bytes(document), as: UTF8.self)
        var missing: Set<String> = []
        Self.visit(document, type: "Document") { field, value in
            for case let text as String in Self.elements(of: value) where !text.isEmpty && !page.contains(Self.escaped(text)) {
                missing.insert(field)
            }
        }
        let notShown = missing.subtracting(Self.workingState).subtracting(Self.shownTransformed)
        #expect(notShown.isEmpty, "fields whose text the page does not show: \(notShown.sorted())")
    }

    /// `text` as the page writes it: the five characters HTML escapes, escaped.
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    // MARK: Reflection

    /// Calls `body` with `Type.field` and the value of every stored field below `value`.
    private static func visit(_ value: Any, type: String, _ body: (String, Any) -> Void) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let field = "\(type).\(label)"
            body(field, child.value)
            guard !workingState.contains(field) else { continue }
            for element in elements(of: child.value) where isModel(element) {
                visit(element, type: typeName(element), body)
            }
        }
    }

    /// Checks each field of `value` against the JSON object that writes it, going down.
    private static func compare(_ value: Any, type: String, with json: JSONValue, missing: inout [String]) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let field = "\(type).\(label)"
            guard !workingState.contains(field), !isEmpty(child.value) else { continue }
            if flattened.contains(field) {
                if json[jsonNames[field] ?? label] == nil && field != "Document.log" { missing.append(field) }
                continue
            }
            guard let member = json[jsonNames[field] ?? label] else {
                missing.append(field)
                continue
            }
            let items = elements(of: child.value)
            if items.count == 1, isModel(items[0]), member.objectValue != nil {
                compare(items[0], type: typeName(items[0]), with: member, missing: &missing)
            } else if let array = member.arrayValue, array.count == items.count {
                for (item, element) in zip(items, array) where isModel(item) {
                    compare(item, type: typeName(item), with: element, missing: &missing)
                }
            }
        }
    }

    /// The values inside an optional or an array, or the value itself.
    private static func elements(of value: Any) -> [Any] {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional: return mirror.children.map(\.value)
        case .collection: return mirror.children.map(\.value)
        default: return [value]
        }
    }

    /// A struct of the model (not a string, number, enum or the standard library's).
    private static func isModel(_ value: Any) -> Bool {
        Mirror(reflecting: value).displayStyle == .struct && !(value is String) && String(reflecting: type(of: value)).hasPrefix("ClerkCore.")
    }

    private static func typeName(_ value: Any) -> String { String(describing: type(of: value)) }

    private static func isEmpty(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional, .collection: return mirror.children.isEmpty
        default: return false
        }
    }
}
