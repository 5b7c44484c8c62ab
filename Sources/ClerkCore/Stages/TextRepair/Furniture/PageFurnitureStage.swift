/// Removes page furniture — running headers, footers, page numbers, filing banners — and puts a
/// page break labelled with its page number where each new page begins. Nothing is matched by
/// name: furniture is what repeats with a number that runs in sequence, about once per page.
///
/// Layout text: every short line becomes a shape (white space collapsed, digit runs as
/// wildcards); lines of one shape whose number runs in sequence with page-sized gaps are
/// furniture. Flat text: the same, with the few words around each inline number as the shape.
/// Lines that repeat verbatim next to the page boundaries found (banners) go too. Form feeds
/// are page boundaries of their own and get their page's label. Pleading paper's line numbers
/// (`LineNumbers`) are blanked first; a filing stamp's `Filed` date becomes the filed date.
public struct PageFurnitureStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let minimumRepeats = Parameter.integer("minimumRepeats", 2...1000, default: 3,
            "How many pages must carry a header, footer or banner before it counts as page furniture.")
        public static let minimumPageWords = Parameter.integer("minimumPageWords", 1...100_000, default: 80,
            "Words a page holds at least, typically; numbered lines closer together than that (lists, citations) are not page furniture.")
        public static let maximumLineLength = Parameter.integer("maximumLineLength", 8...1000, default: 120,
            "Longest line (white space collapsed) that can be a running header or footer in layout text.")
        public static let contextWords = Parameter.integer("contextWords", 1...6, default: 3,
            "In flat text, how many words around an inline page number may belong to its header.")
        public static let maximumPageStep = Parameter.integer("maximumPageStep", 1...20, default: 4,
            "Largest jump between the page numbers of two successive headers of one shape (odd/even layouts jump by 2, a header dropped by the source adds more).")
        public var minimumRepeats: Int
        public var minimumPageWords: Int
        public var maximumLineLength: Int
        public var contextWords: Int
        public var maximumPageStep: Int

        public init(_ values: StageParameterValues) {
            minimumRepeats = values[Self.minimumRepeats]
            minimumPageWords = values[Self.minimumPageWords]
            maximumLineLength = values[Self.maximumLineLength]
            contextWords = values[Self.contextWords]
            maximumPageStep = values[Self.maximumPageStep]
        }
    }

    public static let id = "furniture"
    public static let summary =
        "Running headers, footers, page numbers, filing banners and pleading paper's line numbers found by repetition and sequence, removed (logged) and replaced by labelled page breaks; form feeds get their page labels."
    public static let phase = StagePhase.text
    public static let finds: SourceStructure = [.pages]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        // Pleading paper's line numbers go first: they would read as numbers that run in sequence.
        if document.source.family.holdsPageFurnitureInline != true {
            let numbers = LineNumbers.edits(in: document.body.bytes)
            if !numbers.isEmpty { document.body.apply(numbers, stage: Self.id, log: &document.log) }
        }
        let text = WordMap(document.body.bytes)
        guard !text.words.isEmpty else { return }
        let inline = Self.isInline(family: document.source.family, text: text)
        let formFeeds = FormFeedBoundaries(document.body, words: text)

        let finder = FurnitureFinder(configuration: configuration, text: text)
        let groups = inline ? finder.inlineGroups() : finder.lineGroups()
        var pages = finder.numberedFurniture(groups)
        if !inline && formFeeds.offsets.count >= 2 {
            // Where form feeds show the pages, page numbers stand at their edges: a number further
            // in (a footnote's label alone on its line, a raised marker) is none, though it may
            // fit the sequence better than the page's own number does.
            let atEdges = groups.map { group in
                CandidateGroup(members: group.members.filter {
                    formFeeds.isNearEdge(word: $0.words.lowerBound, within: Self.pageEdgeWords)
                        || formFeeds.isNearEdge(word: $0.words.upperBound, within: Self.pageEdgeWords)
                }, size: group.size)
            }
            let edgePages = finder.numberedFurniture(atEdges)
            if edgePages.boundaries.count >= pages.boundaries.count { pages = edgePages }
        }
        let formFeedPages = formFeeds.isEmpty ? nil : formFeeds.pages(using: pages)
        if !inline {
            if let formFeedPages {
                finder.addRepeatedLines(near: zip(formFeeds.words, formFeedPages.pages).map { ($0, $1) }, to: &pages)
            } else if !pages.boundaries.isEmpty {
                finder.addRepeatedLines(near: pages.boundaries.map { ($0.startWord, $0.page) }, to: &pages)
            } else if let banners = finder.rhythmicBanners() {
                pages = banners
            }
        }

        if !inline { pages.extra += finder.filingBanners(besides: pages) }

        var plan = EditPlan()
        if let formFeedPages {
            plan.remove(pages)
            plan.mark(formFeeds, pages: formFeedPages.pages)
            pages.warnings += formFeedPages.warnings
        } else {
            plan.removeAndMark(pages, text: text)
        }
        // A filing stamp says when the document was filed.
        if !document.caseInfo.dates.contains(where: { $0.event == "filed" }),
           let filed = FilingBanner.filedDate(removedBy: plan.edits, in: document.body.bytes) {
            document.caseInfo.dates.append(CaseDate(event: "filed", date: filed))
        }
        for warning in pages.warnings {
            document.log.warn(stage: Self.id, sourceOffset: document.body.sourceOffset(at: warning.offset), warning.message)
        }
        document.body.apply(plan.edits, stage: Self.id, log: &document.log)
    }

    /// How near (in words) to a form feed page furniture stands: a header or footer of a few
    /// lines, never a page's footnotes.
    static let pageEdgeWords = 40

    /// Whether the headers sit inside the lines, as the family says; where it does not say, long
    /// lines tell: layout lines are a printed page's width, so little of a layout text sits on
    /// lines longer than `inlineLineLength`.
    static func isInline(family: SourceFamily, text: WordMap) -> Bool {
        if let inline = family.holdsPageFurnitureInline { return inline }
        let inlineLineLength = 300
        var onLongLines = 0, total = 0
        for line in text.lines {
            total += line.count
            if line.count > inlineLineLength { onLongLines += line.count }
        }
        return onLongLines * 2 > total
    }
}
