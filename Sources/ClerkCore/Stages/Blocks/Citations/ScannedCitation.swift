/// A citation read from UTF-8 bytes by `CitationScanner`: the bytes it covers and its parts.
public struct ScannedCitation: Sendable, Equatable {
    /// The bytes the citation covers, from the case name (where found) to the page, pinpoint or
    /// parenthetical, without the punctuation that follows it.
    public var range: Range<Int>
    public var kind: CitationKind
    /// The volume of a reporter, or the title of a code (`42` in `42 U.S.C. § 1983`).
    public var volume: String?
    /// The edition's own abbreviation from reporters-db (`S. Ct.` for a printed `S.Ct.`), or the
    /// code, rule set or constitution as printed (spaces normalized).
    public var reporter: String?
    /// The reporter as printed, and where.
    public var printedReporter: Range<Int>?
    public var page: String?
    public var pinpoint: String?
    public var section: String?
    public var court: String?
    public var year: String?
    public var caseName: String?

    public init(range: Range<Int>, kind: CitationKind) {
        self.range = range
        self.kind = kind
    }

    /// The model's citation for the text `text` at `offset` (Unicode scalars into its block).
    public func citation(offset: Int, length: Int, text: String) -> Citation {
        var citation = Citation(offset: offset, length: length, kind: kind, text: text)
        citation.volume = volume
        citation.reporter = reporter
        citation.page = page
        citation.pinpoint = pinpoint
        citation.section = section
        citation.court = court
        citation.year = year
        citation.caseName = caseName
        return citation
    }
}
