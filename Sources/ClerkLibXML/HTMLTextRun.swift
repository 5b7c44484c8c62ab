/// One piece of the text extracted from an HTML page, in document order.
public struct HTMLTextRun: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Content text: white space collapsed as a browser would (kept as written inside `<pre>`),
        /// entities decoded. Never contains a line break.
        case text
        /// The end of a line (`<br>`, a table row, a line of `<pre>`); `text` is `"\n"`.
        case lineBreak
        /// The end of a block (`<p>`, `<div>`, a heading…); `text` is `"\n\n"`.
        case paragraphBreak
        /// The end of a page of a converted PDF (an `<hr>` between pages of lines, the end of a
        /// positioned page); `text` is `"\n\n"`, the blank line a form feed leaves in text.
        case pageBreak
        /// A link that is clearly a footnote reference (`<sup><a href="#fn1">1</a></sup>`);
        /// `text` is its label.
        case footnoteReference
        /// Text that is not opinion text and was left out: the content of `script`, `style`,
        /// `head`, `nav`, page `header`/`footer`, or a comment. `element` names what held it.
        case removed(element: String)
    }

    public var kind: Kind
    public var text: String
    /// The 1-based line of the input where the run's text starts.
    public var line: Int

    public init(kind: Kind, text: String, line: Int) {
        self.kind = kind
        self.text = text
        self.line = line
    }
}

/// The result of `HTMLText.extract`.
public struct HTMLTextExtraction: Sendable, Equatable {
    public var runs: [HTMLTextRun]
    /// How many elements (tags) the parser saw, implied ones included.
    public var elementCount: Int
    /// The text of the first `<title>`, white space collapsed, if any.
    public var title: String?

    /// Set when the page is a PDF turned into HTML, so that its text is a printed page's lines
    /// (with page boundaries) rather than paragraphs: which markup said so.
    public var printedPages: PrintedPageMarkup?

    public init(runs: [HTMLTextRun], elementCount: Int, title: String?, printedPages: PrintedPageMarkup? = nil) {
        self.runs = runs
        self.elementCount = elementCount
        self.title = title
        self.printedPages = printedPages
    }

    /// The extracted content as plain text: text runs, `\n` per line break, a blank line per
    /// paragraph break; footnote references and removed text are left out.
    public var plainText: String {
        var result = ""
        for run in runs {
            switch run.kind {
            case .text, .lineBreak, .paragraphBreak, .pageBreak: result += run.text
            case .footnoteReference, .removed: break
            }
        }
        return result
    }
}

/// What `HTMLText.extract` leaves out or turns into marks.
public struct HTMLTextOptions: Sendable, Equatable {
    /// Leave out site navigation: `nav`, elements with a navigation/banner/contentinfo/search
    /// role, and `header`/`footer` that are not inside an `article` or `main` (those head or
    /// close the content itself). The text is reported as `.removed`.
    public var dropsPageChrome: Bool
    /// Report footnote links as `.footnoteReference` runs instead of text.
    public var findsFootnoteReferences: Bool

    public init(dropsPageChrome: Bool = true, findsFootnoteReferences: Bool = true) {
        self.dropsPageChrome = dropsPageChrome
        self.findsFootnoteReferences = findsFootnoteReferences
    }
}
