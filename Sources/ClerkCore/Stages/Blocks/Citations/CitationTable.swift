internal import CClerkData

/// The reporters, journals and codes a citation can name, from Free Law Project's reporters-db
/// (Data/citation-table.tsv, made by scripts/data/build-citation-table and built into the binary).
///
/// Variants are looked up with their spaces removed, so `S.Ct.`, `S. Ct.` and `S. Ct` meet in
/// one key whatever spacing the court or the OCR chose; the text keeps the spelling as printed.
public struct CitationTable: Sendable {
    /// How a name is cited: `VOLUME NAME PAGE` (reporters, journals, registers) or
    /// `[TITLE] NAME § SECTION` (codes).
    public enum Form: String, Sendable { case page, section }

    /// Words abbreviated in case names (`Ass'n`, `Bd.`, `Educ.`), from reporters-db.
    public private(set) var caseNameAbbreviations: Set<String> = []

    /// One edition a variant can name.
    public struct Edition: Sendable, Equatable {
        /// The edition's own abbreviation (`F.3d`, `S. Ct.`, `U.S.C.`).
        public var canonical: String
        public var kind: CitationKind
    }

    private var page: [[UInt8]: [Edition]] = [:]
    /// The `page` keys as a trie, so that a scan reads a reporter byte by byte and stops at the
    /// first word no reporter starts with (most words after a number), hashing nothing.
    private var pageTrie = ByteTrie()
    private var section: [[UInt8]: [Edition]] = [:]
    /// The most words any variant has (`Cal. App. Supp. 3d` is four).
    public private(set) var maximumWords = 1
    /// The longest `page` key, in bytes.
    public private(set) var maximumPageKeyLength = 0

    /// The built-in table, read once.
    public static let shared = CitationTable(tsv: {
        var count = 0
        guard let pointer = clerk_citation_table_bytes(&count) else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }())

    /// Reads lines of `FORM<TAB>VARIANT<TAB>CANONICAL<TAB>KIND` (FORM `name` lines list
    /// case-name abbreviations); `#` lines are comments.
    public init(tsv bytes: [UInt8]) {
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            guard bytes[lineStart] != UInt8(ascii: "#") else { continue }
            let fields = bytes[lineStart..<lineEnd].split(separator: 0x09, omittingEmptySubsequences: false)
            if fields.count == 4, fields[0].elementsEqual("name".utf8) {
                caseNameAbbreviations.insert(String(decoding: fields[1], as: UTF8.self))
                continue
            }
            guard fields.count == 4, let form = Form(rawValue: String(decoding: fields[0], as: UTF8.self)),
                  let kind = CitationKind(rawValue: String(decoding: fields[3], as: UTF8.self))
            else { continue }
            let edition = Edition(canonical: String(decoding: fields[2], as: UTF8.self), kind: kind)
            add(edition, key: Self.key(fields[1]), form: form)
            maximumWords = max(maximumWords, fields[1].split(separator: 0x20).count)
        }
    }

    /// A table of the given variants, for tests: `(form, variant, canonical, kind)`.
    public init(_ rows: [(Form, String, String, CitationKind)]) {
        for (form, variant, canonical, kind) in rows {
            add(Edition(canonical: canonical, kind: kind), key: Self.key(Array(variant.utf8)), form: form)
            maximumWords = max(maximumWords, variant.split(separator: " ").count)
        }
    }

    private mutating func add(_ edition: Edition, key: [UInt8], form: Form) {
        guard !key.isEmpty else { return }
        switch form {
        case .page:
            if page[key]?.contains(edition) != true { page[key, default: []].append(edition) }
            pageTrie.insert(key, value: page[key]!)
            maximumPageKeyLength = max(maximumPageKeyLength, key.count)
        case .section: if section[key]?.contains(edition) != true { section[key, default: []].append(edition) }
        }
    }

    /// The lookup key of a spelling: its bytes without spaces.
    static func key<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        bytes.filter { !isBlankByte($0) }
    }

    /// The editions a spelling (spaces ignored) names in the given form, the spelling's own
    /// edition first; empty when it is none.
    public func editions(of key: [UInt8], form: Form) -> [Edition] {
        switch form {
        case .page: page[key] ?? []
        case .section: section[key] ?? []
        }
    }

    /// The trie node of the `page` keys that starts with the key before (`pageRoot` for none)
    /// and then `bytes`; nil when no key starts so.
    func pageNode(after node: Int, _ bytes: ArraySlice<UInt8>) -> Int? {
        pageTrie.node(after: node, bytes)
    }

    /// The node of the empty key.
    static let pageRoot = 0

    /// The editions of the `page` key that ends at `node`; empty when none ends there.
    func editions(atPageNode node: Int) -> [Edition] {
        pageTrie.value(at: node) ?? []
    }

    public func editions(of spelling: String, form: Form) -> [Edition] {
        editions(of: Self.key(Array(spelling.utf8)), form: form)
    }
}

/// Byte strings and a value for each, as a trie: a walk reads each byte once.
struct ByteTrie: Sendable {
    /// The children of the root, by byte (-1: none); deeper nodes list theirs as siblings.
    private var rootChildren = [Int32](repeating: -1, count: 256)
    private var firstChild: [Int32] = [-1]
    private var nextSibling: [Int32] = [-1]
    private var label: [UInt8] = [0]
    private var valueIndex: [Int32] = [-1]
    private var values: [[CitationTable.Edition]] = []

    mutating func insert(_ key: [UInt8], value: [CitationTable.Edition]) {
        var node = 0
        for byte in key {
            if let child = child(of: node, byte) {
                node = child
                continue
            }
            let child = label.count
            label.append(byte)
            firstChild.append(-1)
            valueIndex.append(-1)
            if node == 0 {
                rootChildren[Int(byte)] = Int32(child)
                nextSibling.append(-1)
            } else {
                nextSibling.append(firstChild[node])
                firstChild[node] = Int32(child)
            }
            node = child
        }
        if valueIndex[node] < 0 {
            valueIndex[node] = Int32(values.count)
            values.append(value)
        } else {
            values[Int(valueIndex[node])] = value
        }
    }

    @inline(__always)
    private func child(of node: Int, _ byte: UInt8) -> Int? {
        if node == 0 {
            let child = rootChildren[Int(byte)]
            return child < 0 ? nil : Int(child)
        }
        var child = firstChild[node]
        while child >= 0 {
            if label[Int(child)] == byte { return Int(child) }
            child = nextSibling[Int(child)]
        }
        return nil
    }

    /// The node reached from `node` by `bytes`, or nil.
    func node(after node: Int, _ bytes: ArraySlice<UInt8>) -> Int? {
        var node = node
        for byte in bytes {
            guard let next = child(of: node, byte) else { return nil }
            node = next
        }
        return node
    }

    func value(at node: Int) -> [CitationTable.Edition]? {
        valueIndex[node] < 0 ? nil : values[Int(valueIndex[node])]
    }
}
