/// Counts of HTML markup in a text, in one pass: tags with a known HTML element name (`<p>`,
/// `</div>`, `<br/>`, `<a href=…>`), `<!DOCTYPE`/`<!--`, and entities (`&amp;`, `&#8217;`).
///
/// Markup means at least two tags at a density of at least one per KB. Fewer than ten tags are
/// weak evidence: they also need a document tag (`<!DOCTYPE`, `<html>`, `<head>`, `<body>`) or one
/// tag per 200 bytes, since text taken for HTML loses whatever the HTML parser reads as markup
/// (`a <b and c> d`), while HTML taken for text only keeps its tags. Entities never decide
/// alone: flattened web text often keeps a few.
public struct MarkupEvidence: Sendable, Equatable {
    public private(set) var bytes = 0
    public private(set) var tags = 0
    /// `<!DOCTYPE`, `<html>`, `<head>`, `<body>`: tags only a whole page has.
    public private(set) var documentTags = 0
    public private(set) var entities = 0

    public init(_ text: [UInt8]) {
        bytes = text.count
        text.withUnsafeBufferPointer { count($0) }
    }

    public var isMarkup: Bool {
        guard tags >= 2 && tags * 1000 >= bytes else { return false }
        return tags >= 10 || documentTags > 0 || tags * 200 >= bytes
    }

    /// Why markup this sparse is doubtful, or nil.
    public var doubt: String? { isMarkup && tags < 10 ? "only \(tags) HTML tags" : nil }

    private mutating func count(_ text: UnsafeBufferPointer<UInt8>) {
        var index = Self.nextMarkup(text, from: 0)
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "<") {
                if let name = Self.tagName(text, at: index) {
                    tags += 1
                    if Self.documentElementNames.contains(name) { documentTags += 1 }
                }
            } else if byte == UInt8(ascii: "&") {
                if Self.isEntity(text, at: index) { entities += 1 }
            }
            index = Self.nextMarkup(text, from: index + 1)
        }
    }

    /// The next `<` or `&` at or after `start`, eight bytes at a time; `text.count` if none.
    private static func nextMarkup(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = text.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= text.count {
                let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let found = ByteSearch.equalBytes(chunk, UInt8(ascii: "<")) | ByteSearch.equalBytes(chunk, UInt8(ascii: "&"))
                if found != 0 { return index + UInt64(littleEndian: found).trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < text.count && text[index] != UInt8(ascii: "<") && text[index] != UInt8(ascii: "&") { index += 1 }
        return index
    }

    private static let elementNames: Set<[UInt8]> = Set([
        "a", "abbr", "b", "blockquote", "body", "br", "center", "cite", "code", "dd", "div", "dl", "dt",
        "em", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i",
        "img", "li", "link", "main", "meta", "nav", "ol", "p", "pre", "script", "section", "small",
        "span", "strong", "style", "sub", "sup", "table", "tbody", "td", "th", "thead", "title", "tr",
        "u", "ul",
    ].map { Array($0.utf8) })

    private static let documentElementNames: Set<[UInt8]> = Set(["!doctype", "html", "head", "body"].map { Array($0.utf8) })

    /// The lowercased name of the tag at `start` (`p`, `!doctype`, `!--` for a comment), or nil
    /// when no known tag starts there.
    private static func tagName(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> [UInt8]? {
        var index = start + 1
        guard index < text.count else { return nil }
        if text[index] == UInt8(ascii: "!") {
            guard index + 1 < text.count else { return nil }
            if text[index + 1] == UInt8(ascii: "-") { return Array("!--".utf8) }
            // `<!d` is taken for a doctype; the rest of the name is not checked.
            return text[index + 1] | 0x20 == UInt8(ascii: "d") ? Array("!doctype".utf8) : nil
        }
        if text[index] == UInt8(ascii: "/") { index += 1 }
        var name: [UInt8] = []
        while index < text.count, name.count <= 10, isLetterOrDigitASCII(text[index]) {
            name.append(text[index] | 0x20)
            index += 1
        }
        guard index < text.count, elementNames.contains(name) else { return nil }
        let next = text[index]
        let ends = next == UInt8(ascii: ">") || next == UInt8(ascii: " ") || next == UInt8(ascii: "/") || next == 0x0A
        return ends ? name : nil
    }

    private static func isEntity(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var index = start + 1
        var length = 0
        if index < text.count && text[index] == UInt8(ascii: "#") { index += 1 }
        while index < text.count, length <= 8, isLetterOrDigitASCII(text[index]) {
            index += 1
            length += 1
        }
        return length >= 2 && length <= 8 && index < text.count && text[index] == UInt8(ascii: ";")
    }
}
