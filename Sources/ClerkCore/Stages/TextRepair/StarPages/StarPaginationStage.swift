/// Star pagination of reporter text: `*531` says that the printed reporter's page 531 begins
/// here. Each marker that belongs to a rising page sequence is removed (and logged) and leaves a
/// page break mark labelled with its page, also inside a word (`offi*533cers` → `officers`,
/// the break between `offi` and `cers`). A marker between two spaces takes one of them along.
///
/// What counts: 1–3 stars, then 2–5 digits, not after a digit (`2*100` is a product), optionally
/// bracketed (`[*531]`; in brackets one digit counts too: `[*2]`). Only markers that form a rising sequence of at least `minimumSequence`
/// pages, each at most `maximumGap` above the one before, are taken; a lone `*531` stays text
/// (with a warning). Stars in other roles never match: footnote markers `*`/`**`, `* * *`
/// breaks, `*emphasis*`, one-digit `**2`.
///
/// Parallel reporters: Westlaw-style `**1865` (and `***`) mark the pages of a second (third)
/// reporter, interleaved with the first. Each star count is its own sequence; its page breaks
/// are labelled with their own numbers (`**1865` → page "1865"), so a text carrying two
/// reporters gets the break marks of both, in text order.
public struct StarPaginationStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let minimumSequence = Parameter.integer("minimumSequence", 1...50, default: 2,
            "How many markers of one rising page sequence it takes before they count as star pagination.")
        public static let maximumGap = Parameter.integer("maximumGap", 1...100, default: 5,
            "The largest step between consecutive pages of one sequence (pages without text have no marker).")
        public var minimumSequence: Int
        public var maximumGap: Int

        public init(_ values: StageParameterValues) {
            minimumSequence = values[Self.minimumSequence]
            maximumGap = values[Self.maximumGap]
        }
    }

    public static let id = "starPages"
    public static let summary = "Star pagination (*531, **1865) in a rising page sequence becomes page break marks; the markers are removed and logged."
    public static let phase = StagePhase.text
    public static let finds: SourceStructure = [.pages]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        let bytes = document.body.bytes
        let found = StarPageScanner.candidates(in: bytes)
        guard !found.isEmpty else { return }
        let (accepted, rejected) = StarPageScanner.sequences(
            found, maximumGap: configuration.maximumGap, minimumLength: configuration.minimumSequence)
        var edits: [TextEdit] = []
        edits.reserveCapacity(accepted.count)
        var previousEnd = 0
        for marker in accepted {
            let range = Self.removalRange(of: marker.range, in: bytes, notBefore: previousEnd)
            previousEnd = range.upperBound
            let reporter = marker.stars == 1 ? "" : " of parallel reporter \(marker.stars)"
            edits.append(TextEdit(
                range: range, reason: "star page marker removed: page \(marker.label)\(reporter) begins here",
                marks: [.pageBreak(label: marker.label)]))
        }
        if let first = rejected.first {
            document.log.warn(
                stage: Self.id, sourceOffset: document.body.sourceOffset(at: first.range.lowerBound),
                "\(rejected.count) star-page-like marker(s) not in a rising page sequence were left as text "
                    + "(first: \"\(String(decoding: bytes[first.range], as: UTF8.self))\")")
        }
        document.body.apply(edits, stage: Self.id, log: &document.log)
    }

    /// The marker, plus one space when it stands between spaces (or at a line start before a
    /// space), or the space before it when it ends a line; never reaching before `notBefore`.
    static func removalRange(of marker: Range<Int>, in bytes: [UInt8], notBefore: Int) -> Range<Int> {
        let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n")
        let before: UInt8 = marker.lowerBound > 0 ? bytes[marker.lowerBound - 1] : newline
        let after: UInt8 = marker.upperBound < bytes.count ? bytes[marker.upperBound] : newline
        if (before == space || before == newline) && after == space {
            return marker.lowerBound..<(marker.upperBound + 1)
        }
        if before == space && after == newline && marker.lowerBound - 1 >= notBefore {
            return (marker.lowerBound - 1)..<marker.upperBound
        }
        return marker
    }
}
