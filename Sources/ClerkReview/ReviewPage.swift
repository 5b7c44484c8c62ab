import ClerkCore

/// The review page of one converted document: a self-contained HTML5 page (style and script
/// inline, nothing loaded from anywhere) made from the same walk of the model as the XML and
/// JSON (`ReviewCollector` gathers it, since the page has an order of its own). It shows the case (header), the clean opinion text with its headings, page numbers,
/// footnotes linked both ways and citations highlighted (main), and beside it every edit of the
/// log, filterable by stage, and the warnings (aside).
///
/// Everything taken from the document is escaped; the page is written in one pass, linear in
/// the size of the document, into a buffer that is handed to a drain a piece at a time.
public enum ReviewPage {
    /// The page, whole.
    public static func bytes(_ document: Document) -> [UInt8] {
        let page = ReviewCollector.collect(document)
        let writer = HTMLWriter(capacity: estimatedSize(page))
        write(page, to: writer)
        return writer.bytes
    }

    /// Writes the page into `drain`, a piece of about `pieceSize` bytes at a time.
    public static func write(_ document: Document, pieceSize: Int = 1 << 18, drain: @escaping HTMLWriter.Drain) {
        write(ReviewCollector.collect(document), to: HTMLWriter(pieceSize: pieceSize, drain: drain))
    }

    private static func write(_ document: ReviewDocument, to writer: HTMLWriter) {
        writer.raw("<!DOCTYPE html>\n")
        writer.start("html")
        writer.attribute("lang", "en")
        writeHead(document, to: writer)
        writer.start("body")
        writer.start("a", class: "skip")
        writer.attribute("href", "#opinion")
        writer.text("Skip to the opinion")
        writer.end()
        CaseHeader(document: document, writer: writer).write()
        writer.start("div", class: "layout")
        writer.start("main")
        writer.attribute("id", "opinion")
        writer.attribute("tabindex", "-1")
        if document.opinions.isEmpty { writer.element("p", class: "empty", "No opinion text was found.") }
        for (index, opinion) in document.opinions.enumerated() {
            OpinionSection(opinion, number: index + 1, writer: writer).write()
        }
        writer.end()
        EditPanel(edits: document.edits, warnings: document.warnings, anchors: TextAnchors(document), writer: writer).write()
        writer.end()
        writer.start("script")
        writer.raw(PageAssets.script)
        writer.end()
        writer.end()
        writer.end()
        writer.raw("\n")
        writer.finish()
    }

    private static func writeHead(_ document: ReviewDocument, to writer: HTMLWriter) {
        writer.start("head")
        writer.startVoid("meta")
        writer.attribute("charset", "utf-8")
        writer.end()
        writer.startVoid("meta")
        writer.attribute("name", "viewport")
        writer.attribute("content", "width=device-width, initial-scale=1")
        writer.end()
        // No request may leave the page: not even for a favicon.
        writer.startVoid("meta")
        writer.attribute("http-equiv", "Content-Security-Policy")
        writer.attribute("content", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:")
        writer.end()
        writer.startVoid("meta")
        writer.attribute("name", "generator")
        writer.attribute("content", "clerk review")
        writer.end()
        writer.element("title", CaseHeader.title(of: document) + " · Clerk review")
        writer.start("style")
        writer.raw(PageAssets.style)
        writer.end()
        writer.end()
    }

    /// About the page's size, so that the buffer of a page kept whole is sized once.
    private static func estimatedSize(_ document: ReviewDocument) -> Int {
        var bytes = 32_768
        for opinion in document.opinions {
            for block in opinion.blocks { bytes += size(block) }
            for footnote in opinion.footnotes {
                bytes += 300
                for block in footnote.blocks { bytes += size(block) }
            }
        }
        for edit in document.edits {
            bytes += 420 + edit.reason.utf8.count + edit.before.utf8.count + edit.after.utf8.count
                + (edit.alternative?.utf8.count ?? 0)
        }
        for warning in document.warnings { bytes += 200 + warning.message.utf8.count }
        return bytes
    }

    private static func size(_ block: ReviewBlock) -> Int {
        block.text.utf8.count + 64 + 130 * (block.pageBreaks.count + block.footnoteRefs.count) + 200 * block.citations.count
    }
}
