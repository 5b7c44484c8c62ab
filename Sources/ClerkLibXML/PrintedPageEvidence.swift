/// How an HTML page shows that it is a PDF turned into HTML, whose text is a printed page's
/// lines rather than paragraphs.
public enum PrintedPageMarkup: String, Sendable, Equatable {
    /// The text sits in `<pre>` (`pdftotext -htmlmeta`, court sites serving a text dump).
    case preformatted
    /// One `<br>` per line and an `<hr>` between pages (poppler's `pdftohtml` without `-c`).
    case lineBreaks
    /// Absolutely positioned runs of text inside a positioned container per page
    /// (poppler's `pdftohtml -c`).
    case positioned

    public var description: String {
        switch self {
        case .preformatted: "text inside <pre>"
        case .lineBreaks: "one <br> per line, <hr> between pages"
        case .positioned: "absolutely positioned runs of text, a positioned block per page"
        }
    }
}

/// The counts the decision rests on, gathered while the builder walks the page.
struct PrintedPageEvidence {
    /// At least this share of the text must come from one printed-page markup.
    static let dominantShare = 0.8
    /// `<br>`-laid-out text: at least this many line breaks, this many per text block, and lines
    /// no longer on average (median) than a printed line; paragraphs ended by `<br><br>` are longer.
    static let minimumLineBreaks = 10
    static let lineBreaksPerBlock = 5
    static let longestPrintedLine = 100

    private var flowBytes = 0
    private var preformattedBytes = 0
    private var positionedBytes = 0
    private var lineBreaks = 0
    private var textBlocks = 0

    mutating func count(element name: String, role: HTMLElementRole) {
        switch role {
        case .lineBreak: lineBreaks += 1
        case .block, .line, .cell, .contentSection, .pageSection:
            if name != "html" && name != "body" { textBlocks += 1 }
        case .inline, .preformatted, .rule, .dropped, .navigation: break
        }
    }

    mutating func countText(_ bytes: Int, preformatted: Bool) {
        if preformatted { preformattedBytes += bytes } else { flowBytes += bytes }
    }

    mutating func countPositioned(_ bytes: Int) {
        positionedBytes += bytes
    }

    /// The markup that makes the page printed lines, if any; `runs` are the laid-out runs.
    func printedPages(_ runs: [HTMLTextRun]) -> PrintedPageMarkup? {
        let total = Double(flowBytes + preformattedBytes + positionedBytes)
        guard total > 0 else { return nil }
        if Double(positionedBytes) >= total * Self.dominantShare { return .positioned }
        if Double(preformattedBytes) >= total * Self.dominantShare { return .preformatted }
        guard lineBreaks >= Self.minimumLineBreaks, lineBreaks >= Self.lineBreaksPerBlock * textBlocks,
              Self.medianLineLength(runs) <= Self.longestPrintedLine else { return nil }
        return .lineBreaks
    }

    /// The median length in bytes of the non-empty lines of the laid-out text.
    private static func medianLineLength(_ runs: [HTMLTextRun]) -> Int {
        var lengths: [Int] = []
        var current = 0
        for run in runs {
            switch run.kind {
            case .text: current += run.text.utf8.count
            case .lineBreak, .paragraphBreak, .pageBreak:
                if current > 0 { lengths.append(current) }
                current = 0
            case .footnoteReference, .removed: break
            }
        }
        if current > 0 { lengths.append(current) }
        guard !lengths.isEmpty else { return 0 }
        lengths.sort()
        return lengths[lengths.count / 2]
    }
}
