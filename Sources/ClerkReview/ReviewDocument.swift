import ClerkCore

/// What the review page shows of a document, in the page's own terms. `ReviewCollector` fills it
/// from `ModelWalk`: the page is not written in the model's order (the header shows the
/// disposition and the log's counts, an opinion's footnotes link back to references that come
/// after them), so it is gathered first and written after.
struct ReviewDocument {
    struct Source {
        var name = ""
        var bytes = 0
        var sha256 = ""
        var family = ""
        var reader = ""
        /// The corpus record the input is, where its reader knows.
        var record: RecordIdentity?
    }

    var source = Source()
    /// The pipeline's fingerprint.
    var pipeline: String?
    var caseFacts = CaseFacts()
    var disposition: String?
    var opinions: [ReviewOpinion] = []
    var edits: [ReviewEdit] = []
    var warnings: [ReviewWarning] = []
}

/// What the caption said; unknown single values are nil.
struct CaseFacts {
    var court: String?
    var dockets: [String] = []
    var caseName: String?
    var parties: [(name: String, role: String)] = []
    var lowerCourt: String?
    var dates: [(event: String, date: String)] = []
    var judges: [String] = []
    var metadata: [(key: String, value: String)] = []
}

struct ReviewOpinion {
    var type: OpinionType
    var author: String?
    var byline: String?
    var blocks: [ReviewBlock] = []
    var footnotes: [ReviewFootnote] = []
}

struct ReviewFootnote {
    var label: String
    var blocks: [ReviewBlock] = []
}

/// A block's text and its marks; offsets count Unicode scalars of `text`.
struct ReviewBlock {
    var kind: BlockKind
    var level: Int?
    var label: String?
    var text: String
    var sourceOffset: Int?
    var pageBreaks: [(offset: Int, page: String)] = []
    var footnoteRefs: [(offset: Int, label: String)] = []
    var citations: [ReviewCitation] = []
}

/// A citation's span, its kind, and its parts as the page says them (`CitationParts`).
struct ReviewCitation {
    var offset: Int
    var length: Int
    var kind: CitationKind
    var parts: String
}

struct ReviewEdit {
    var stage: String
    var sourceOffset: Int
    var before: String
    var after: String
    var reason: String
    var alternative: String?
    var confidence: Double?
}

struct ReviewWarning {
    var stage: String
    var sourceOffset: Int?
    var message: String
}
