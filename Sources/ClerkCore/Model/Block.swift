public enum BlockKind: String, Sendable, CaseIterable {
    case heading, paragraph, blockquote
    /// A section break (`* * *` in the source): no text of its own.
    case sectionBreak
}

/// A page boundary inside a block's text: the text from `offset` on is on page `page`.
public struct PageBreak: Sendable, Equatable {
    /// Unicode scalar values from the start of the block's text.
    public var offset: Int
    public var page: String

    public init(offset: Int, page: String) {
        self.offset = offset
        self.page = page
    }
}

/// A footnote marker in a block's text, at `offset` (Unicode scalar values).
public struct FootnoteRef: Sendable, Equatable {
    public var offset: Int
    public var label: String

    public init(offset: Int, label: String) {
        self.offset = offset
        self.label = label
    }
}

public enum CitationKind: String, Sendable, CaseIterable {
    case fullCase, shortCase, id, supra, statute, rule, regulation, constitution, journal, unknown
}

/// A citation found in a block's text: the span `offset ..< offset + length` (Unicode scalar
/// values) and the parts that could be read from it.
public struct Citation: Sendable, Equatable {
    public var offset: Int
    public var length: Int
    public var kind: CitationKind
    public var text: String
    public var volume: String?
    public var reporter: String?
    public var page: String?
    public var pinpoint: String?
    public var court: String?
    public var year: String?
    public var caseName: String?
    /// Codes, rules and constitutions: the section, rule or article (`1983`, `56(a)`, `amend. IV`).
    public var section: String?
    /// Short forms, `Id.` and `supra`: the key of the citation they stand for (`624 F.3d 856`,
    /// `42 U.S.C. § 1983`), where the text allows it to be found.
    public var refersTo: String?

    public init(offset: Int, length: Int, kind: CitationKind, text: String) {
        self.offset = offset
        self.length = length
        self.kind = kind
        self.text = text
    }

    /// Every part given, none defaulted: for code that must not miss one (the tests' model reader).
    public init(
        offset: Int, length: Int, kind: CitationKind, text: String, volume: String?, reporter: String?, page: String?,
        pinpoint: String?, court: String?, year: String?, caseName: String?, section: String?, refersTo: String?
    ) {
        self.init(offset: offset, length: length, kind: kind, text: text)
        self.volume = volume
        self.reporter = reporter
        self.page = page
        self.pinpoint = pinpoint
        self.court = court
        self.year = year
        self.caseName = caseName
        self.section = section
        self.refersTo = refersTo
    }

    /// How other citations name this one: `624 F.3d 856`, `42 U.S.C. § 1983`,
    /// `Fed. R. Civ. P. 56(a)`, `U.S. Const. amend. IV`; nil for short forms, `Id.` and `supra`.
    public var key: String? {
        switch kind {
        case .fullCase, .journal:
            guard let volume, let reporter, let page else { return nil }
            return "\(volume) \(reporter) \(page)"
        case .statute, .regulation, .rule, .constitution:
            guard let reporter else { return nil }
            let head = volume.map { "\($0) \(reporter)" } ?? reporter
            guard let section else { return head }
            return kind == .statute || kind == .regulation ? "\(head) § \(section)" : "\(head) \(section)"
        case .shortCase, .id, .supra, .unknown:
            return nil
        }
    }
}

/// A heading, paragraph or block quote: plain text plus the marks that fall inside it.
public struct Block: Sendable, Equatable {
    public var kind: BlockKind
    /// Headings only: 1 is the outermost level.
    public var level: Int?
    /// Headings only: the label as printed (`I.`, `A.`, `1.`).
    public var label: String?
    public var text: String
    public var pageBreaks: [PageBreak]
    public var footnoteRefs: [FootnoteRef]
    public var citations: [Citation]
    /// Byte offset in the raw input where the block's text starts, when known.
    public var sourceOffset: Int?

    public init(
        kind: BlockKind, text: String, level: Int? = nil, label: String? = nil,
        pageBreaks: [PageBreak] = [], footnoteRefs: [FootnoteRef] = [], citations: [Citation] = [],
        sourceOffset: Int? = nil
    ) {
        self.kind = kind
        self.text = text
        self.level = level
        self.label = label
        self.pageBreaks = pageBreaks
        self.footnoteRefs = footnoteRefs
        self.citations = citations
        self.sourceOffset = sourceOffset
    }
}
