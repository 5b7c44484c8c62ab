import ClerkCore
import ClerkLibXML
import ClerkReview
import Testing

/// A review page parsed as XML (the writer's markup is XHTML-compatible), with the questions the
/// tests ask of it. The `<!DOCTYPE html>` line is taken off first: the safe parser refuses any
/// DOCTYPE.
struct PageTree {
    let bytes: [UInt8]
    let root: XMLElement
    /// Every element, in document order.
    let elements: [XMLElement]

    init(_ document: Document) throws {
        try self.init(bytes: ReviewPage.bytes(document))
    }

    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        let doctype = Array("<!DOCTYPE html>\n".utf8)
        #expect(bytes.starts(with: doctype), "a page starts with the HTML5 doctype")
        root = try XMLDocumentParser.parse(Array(bytes.dropFirst(doctype.count)), file: "page.html")
        var all: [XMLElement] = []
        func walk(_ element: XMLElement) {
            all.append(element)
            for child in element.elementChildren { walk(child) }
        }
        walk(root)
        elements = all
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func all(_ name: String, class className: String? = nil) -> [XMLElement] {
        elements.filter { $0.name == name && (className == nil || $0.classes.contains(className!)) }
    }

    func all(withClass className: String) -> [XMLElement] {
        elements.filter { $0.classes.contains(className) }
    }

    func element(id: String) -> XMLElement? {
        elements.first { $0.attribute("id") == id }
    }

    /// Ids that occur more than once.
    var duplicateIDs: [String] {
        var seen: Set<String> = [], duplicates: [String] = []
        for id in elements.compactMap({ $0.attribute("id") }) where !seen.insert(id).inserted { duplicates.append(id) }
        return duplicates
    }

    /// `href="#x"` targets without an element whose id is `x`.
    var deadLinks: [String] {
        let ids = Set(elements.compactMap { $0.attribute("id") })
        return elements.compactMap { $0.attribute("href") }.filter { !$0.hasPrefix("#") || !ids.contains(String($0.dropFirst())) }
    }
}

extension XMLElement {
    var classes: [String] { (attribute("class") ?? "").split(separator: " ").map(String.init) }

    /// The text content without the elements the predicate leaves out (and their content).
    func text(skipping skip: (XMLElement) -> Bool) -> String {
        var result = ""
        for child in children {
            switch child {
            case .text(let text): result += text
            case .element(let element): if !skip(element) { result += element.text(skipping: skip) }
            }
        }
        return result
    }

    func descendants(_ name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        for child in elementChildren {
            if child.name == name { found.append(child) }
            found += child.descendants(name)
        }
        return found
    }
}
