/// How an HTML element shapes the extracted text.
enum HTMLElementRole: Equatable {
    /// Text flows through it (`i`, `span`, `a`…): no separator of its own.
    case inline
    /// Starts and ends a block: a blank line before and after (`p`, `div`, `h1`…).
    case block
    /// Starts and ends a line (`tr`, `dt`, `dd`…).
    case line
    /// A table cell: separated from the previous cell by a space.
    case cell
    /// `<br>`: one line break where it stands.
    case lineBreak
    /// `<hr>`: a paragraph break, or a page boundary in a converted PDF's lines.
    case rule
    /// `<pre>` (and its old synonyms): a block whose white space and lines are kept.
    case preformatted
    /// Never opinion text (`script`, `style`, `head`…): left out and reported.
    case dropped
    /// Site navigation (`nav`): left out and reported when page chrome is dropped.
    case navigation
    /// `header`/`footer`: page chrome outside `article`/`main`, a block inside them.
    case pageSection
    /// `article`/`main`: a block holding the content itself.
    case contentSection

    static func of(_ name: String) -> HTMLElementRole {
        roles[name] ?? .inline
    }

    private static let roles: [String: HTMLElementRole] = {
        var roles: [String: HTMLElementRole] = [:]
        for name in [
            "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "li", "table",
            "thead", "tbody", "tfoot", "section", "aside", "address", "center", "figure", "form",
            "fieldset", "legend", "caption", "details", "summary", "body", "html", "dir", "menu", "hgroup",
            "frameset", "textarea",
        ] {
            roles[name] = .block
        }
        for name in ["tr", "dt", "dd", "figcaption", "option"] { roles[name] = .line }
        for name in ["td", "th"] { roles[name] = .cell }
        roles["br"] = .lineBreak
        roles["hr"] = .rule
        for name in ["pre", "listing", "xmp", "plaintext"] { roles[name] = .preformatted }
        for name in [
            "script", "style", "noscript", "template", "head", "title", "iframe", "svg", "object", "canvas",
            "button", "select",
        ] {
            roles[name] = .dropped
        }
        roles["nav"] = .navigation
        for name in ["header", "footer"] { roles[name] = .pageSection }
        for name in ["article", "main"] { roles[name] = .contentSection }
        return roles
    }()
}
