/// Turns the HTML parser's events (start tag, end tag, text, comment) into `HTMLTextRun`s the
/// way a browser lays text out: inline elements add nothing (`<i>foo</i>bar` is `foobar`),
/// blocks end paragraphs, `<br>` and table rows end lines (`HTMLTextLayout` does the white
/// space), left-out elements are collected and reported, footnote links held back until their
/// end tag shows what they are. Keeps its own element stack, so nesting depth costs memory,
/// never call stack.
final class HTMLTextBuilder {
    /// The attributes the builder looks at; the others are markup only.
    struct Attributes {
        var href: String?
        var classes: String?
        var id: String?
        var role: String?
        var name: String?
        var style: String?

        init(
            href: String? = nil, classes: String? = nil, id: String? = nil, role: String? = nil, name: String? = nil,
            style: String? = nil
        ) {
            self.href = href
            self.classes = classes
            self.id = id
            self.role = role
            self.name = name
            self.style = style
        }
    }

    private struct OpenElement {
        var name: String
        var role: HTMLElementRole
        var collectsDroppedText = false
        var isFootnoteArea = false
        var isFootnoteLinkCandidate = false
        var isSup = false
        var isContentSection = false
        /// An absolutely positioned run of a converted PDF page: its text is captured.
        var capturesPosition = false
        /// A positioned container (a converted PDF page): its runs are laid out when it closes.
        var isPositionedContainer = false
    }

    /// The text of an absolutely positioned element, one run per line it holds (`<br>` inside
    /// starts the next line one line height lower).
    private struct PositionedCapture {
        var top: Double
        var left: Double
        var fontSize: Double?
        var line: Int
        var finished: [PositionedPage.Run] = []
        var text: [UInt8] = []

        mutating func breakLine() {
            finished.append(PositionedPage.Run(top: top, left: left, fontSize: fontSize, text: text, line: line))
            text.removeAll()
            top += (fontSize ?? PositionedPage.defaultFontSize) * PositionedPage.lineHeightShare
        }

        mutating func runs() -> [PositionedPage.Run] {
            breakLine()
            return finished
        }
    }

    /// The text of a left-out element, collected with white space collapsed.
    private struct DroppedText {
        var element: String
        var line: Int
        var bytes: [UInt8] = []
        var pendingSpace = false

        mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
            appendCollapsingSpace(chunk, to: &bytes, pendingSpace: &pendingSpace)
        }
    }

    /// The text of an `<a href="#…">` held back until its end tag shows whether it is a
    /// footnote reference (a short label in `<sup>` or with a footnote-like name) or text.
    private struct LinkCapture {
        var chunks: [(bytes: [UInt8], line: Int)] = []
        var hinted: Bool
    }

    private let options: HTMLTextOptions
    private var elementCount = 0
    private var title: String?
    private var layout = HTMLTextLayout()
    private var stack: [OpenElement] = []
    private var dropped: [DroppedText] = []
    private var link: LinkCapture?
    private var preformattedDepth = 0
    private var contentSectionDepth = 0
    private var supDepth = 0
    private var footnoteAreaDepth = 0
    private var positioned = PositionedPage()
    private var capture: PositionedCapture?
    private var classFontSizes: [String: Double] = [:]
    /// After a converter's outline anchor (`<a name="outline">`): its heading and link lists are
    /// navigation, up to the next text.
    private var inOutline = false
    private var shape = PrintedPageEvidence()

    init(options: HTMLTextOptions) {
        self.options = options
    }

    // MARK: - Parser events

    func startElement(_ name: String, attributes: Attributes, line: Int) {
        elementCount += 1
        var element = OpenElement(name: name, role: effectiveRole(of: name, attributes: attributes))
        if element.role == .dropped {
            dropped.append(DroppedText(element: inOutline && dropped.isEmpty ? "outline" : name, line: line))
            element.collectsDroppedText = true
            stack.append(element)
            return
        }
        if !dropped.isEmpty {
            // Inside left-out text: keep its words apart, nothing else.
            if element.role != .inline { dropped[dropped.count - 1].pendingSpace = true }
            stack.append(element)
            return
        }
        if capture != nil {
            // Inside a positioned run only its line breaks matter.
            if element.role == .lineBreak { capture!.breakLine() }
            stack.append(element)
            return
        }
        if let style = attributes.style {
            if let position = PositionStyle.absolutePosition(style) {
                releaseLink()
                let fontSize = attributes.classes?.split(separator: " ").lazy.compactMap { self.classFontSizes[String($0)] }.first
                capture = PositionedCapture(top: position.top, left: position.left, fontSize: fontSize, line: line)
                element.capturesPosition = true
                stack.append(element)
                return
            }
            element.isPositionedContainer = PositionStyle.isRelative(style)
        }
        if name == "a" && (attributes.name?.lowercased() == "outline" || attributes.id?.lowercased() == "outline") {
            inOutline = true
        }
        if link != nil && element.role != .inline { releaseLink() }
        shape.count(element: name, role: element.role)
        switch element.role {
        case .block, .navigation, .pageSection: layout.requestBreak(2)
        case .contentSection:
            layout.requestBreak(2)
            element.isContentSection = true
            contentSectionDepth += 1
        case .line: layout.requestBreak(1)
        case .cell: layout.separateCell()
        case .lineBreak: layout.breakLine()
        case .rule: layout.requestRule()
        case .preformatted:
            layout.requestBreak(2)
            preformattedDepth += 1
            layout.atPreformattedStart = true
        case .inline:
            if name == "sup" {
                element.isSup = true
                supDepth += 1
                link?.hinted = true
            }
            if name == "a", let capture = footnoteLinkCandidate(attributes) {
                link = capture
                element.isFootnoteLinkCandidate = true
            }
        case .dropped: break
        }
        if element.role != .inline && Self.marksFootnoteArea(attributes) {
            element.isFootnoteArea = true
            footnoteAreaDepth += 1
        }
        stack.append(element)
    }

    func endElement(_ name: String) {
        // libxml2 closes implied elements itself; a stray end tag closes what it names, if open.
        guard let index = stack.lastIndex(where: { $0.name == name }) else { return }
        while stack.count > index { close(stack.removeLast()) }
    }

    func text(_ chunk: UnsafeBufferPointer<UInt8>, endLine: Int) {
        guard !chunk.isEmpty else { return }
        let line = max(1, endLine - chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        if !dropped.isEmpty {
            dropped[dropped.count - 1].append(chunk)
        } else if capture != nil {
            capture!.text.append(contentsOf: chunk)
        } else if link != nil {
            link!.chunks.append((Array(chunk), line))
        } else {
            if chunk.contains(where: { !isCollapsibleSpace($0) }) {
                inOutline = false
                if !positioned.isEmpty { layOutPositionedPage() }
                shape.countText(chunk.count, preformatted: preformattedDepth > 0)
            }
            layout.layOut(chunk, line: line, preformatted: preformattedDepth > 0)
        }
    }

    func comment(_ chunk: UnsafeBufferPointer<UInt8>, endLine: Int) {
        let line = max(1, endLine - chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        if !dropped.isEmpty {
            dropped[dropped.count - 1].pendingSpace = true
            dropped[dropped.count - 1].append(chunk)
            return
        }
        var collected = DroppedText(element: "comment", line: line)
        collected.append(chunk)
        report(collected)
    }

    func finish() -> HTMLTextExtraction {
        while let element = stack.popLast() { close(element) }
        releaseLink()
        layOutPositionedPage()
        var runs = layout.finish()
        let printedPages = shape.printedPages(runs)
        if printedPages == .lineBreaks {
            // Lines ended by `<br>` and pages by `<hr>`: each rule is a page boundary.
            for index in layout.ruleRuns { runs[index].kind = .pageBreak }
        }
        return HTMLTextExtraction(runs: runs, elementCount: elementCount, title: title, printedPages: printedPages)
    }

    // MARK: - Elements

    private func effectiveRole(of name: String, attributes: Attributes) -> HTMLElementRole {
        let role = HTMLElementRole.of(name)
        // Inside the outline's list, its items are part of the one left-out outline.
        if inOutline && dropped.isEmpty && options.dropsPageChrome && Self.outlineElements.contains(name) { return .dropped }
        guard options.dropsPageChrome else {
            return role == .navigation || role == .pageSection ? .block : role
        }
        if let ariaRole = attributes.role?.lowercased() {
            if ariaRole == "navigation" || ariaRole == "search" { return .dropped }
            if (ariaRole == "banner" || ariaRole == "contentinfo") && contentSectionDepth == 0 { return .dropped }
        }
        switch role {
        case .navigation: return .dropped
        case .pageSection: return contentSectionDepth == 0 ? .dropped : .pageSection
        default: return role
        }
    }

    private func close(_ element: OpenElement) {
        if element.collectsDroppedText {
            let collected = dropped.removeLast()
            if element.name == "title" && title == nil && !collected.bytes.isEmpty {
                title = String(decoding: collected.bytes, as: UTF8.self)
            }
            if element.name == "style" {
                classFontSizes.merge(PositionStyle.classFontSizes(collected.bytes)) { _, new in new }
            }
            // Nested left-out text (a `script` in `head`) is reported on its own, with its own name.
            if !dropped.isEmpty { dropped[dropped.count - 1].pendingSpace = true }
            report(collected)
            return
        }
        guard dropped.isEmpty else { return }
        if element.capturesPosition, let finished = capture {
            capture = nil
            var finishedCapture = finished
            for run in finishedCapture.runs() { positioned.append(run) }
            return
        }
        if capture != nil { return }
        if element.isPositionedContainer { layOutPositionedPage() }
        if element.isFootnoteLinkCandidate { finishLink() }
        if element.isSup { supDepth -= 1 }
        if element.isFootnoteArea { footnoteAreaDepth -= 1 }
        if element.isContentSection { contentSectionDepth -= 1 }
        switch element.role {
        case .block, .navigation, .pageSection, .contentSection: layout.requestBreak(2)
        case .line: layout.requestBreak(1)
        case .preformatted:
            preformattedDepth -= 1
            layout.atPreformattedStart = false
            layout.requestBreak(2)
        case .inline, .cell, .lineBreak, .rule, .dropped: break
        }
    }

    /// Lays the positioned runs collected so far out as a printed page's lines, and ends the page.
    private func layOutPositionedPage() {
        guard !positioned.isEmpty else { return }
        layout.requestBreak(1)
        for line in positioned.lines() {
            layout.breakLine()
            if line.blankLinesBefore > 0 { layout.breakLine() }
            line.text.withUnsafeBufferPointer { layout.layOut($0, line: line.line, preformatted: true) }
            shape.countPositioned(line.text.count)
        }
        positioned.removeAll()
        layout.requestPageBreak()
    }

    /// What a PDF converter's outline holds: its heading and its nested lists of links.
    private static let outlineElements: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd"]

    private func report(_ collected: DroppedText) {
        guard !collected.bytes.isEmpty else { return }
        layout.insert(HTMLTextRun(
            kind: .removed(element: collected.element), text: String(decoding: collected.bytes, as: UTF8.self),
            line: collected.line))
    }

    /// Blocks whose class or id says they hold footnotes: links in them are back-links, not
    /// references, and their labels stay text for the footnote stage.
    private static func marksFootnoteArea(_ attributes: Attributes) -> Bool {
        let classes = attributes.classes?.lowercased() ?? ""
        let id = attributes.id?.lowercased() ?? ""
        return classes.contains("footnote") || id.contains("footnote") || id.hasPrefix("fn")
    }

    // MARK: - Footnote links

    private func footnoteLinkCandidate(_ attributes: Attributes) -> LinkCapture? {
        guard options.findsFootnoteReferences, link == nil, footnoteAreaDepth == 0, preformattedDepth == 0,
              let href = attributes.href, href.hasPrefix("#") else { return nil }
        let classes = attributes.classes?.lowercased() ?? ""
        // Star-pagination anchors (`<a class="page-label">*531</a>`) are page numbers.
        if classes.contains("page") { return nil }
        let names = classes + " " + (attributes.id?.lowercased() ?? "") + " " + href.lowercased()
        let hinted = supDepth > 0 || names.contains("foot") || names.contains("fn") || names.contains("note")
        return LinkCapture(hinted: hinted)
    }

    private func finishLink() {
        guard let capture = link else { return }
        link = nil
        var label = DroppedText(element: "a", line: capture.chunks.first?.line ?? 1)
        for chunk in capture.chunks { chunk.bytes.withUnsafeBufferPointer { label.append($0) } }
        let text = String(decoding: label.bytes, as: UTF8.self)
        guard capture.hinted, Self.isFootnoteLabel(text) else {
            replay(capture)
            return
        }
        // The mark goes where the link's text would have started.
        layout.flushPendingNewlines()
        layout.insert(HTMLTextRun(kind: .footnoteReference, text: text, line: label.line))
    }

    /// A held-back link turned out to be text (or a block started inside it): lay it out.
    private func releaseLink() {
        guard let capture = link else { return }
        link = nil
        replay(capture)
    }

    private func replay(_ capture: LinkCapture) {
        for chunk in capture.chunks {
            chunk.bytes.withUnsafeBufferPointer { layout.layOut($0, line: chunk.line, preformatted: preformattedDepth > 0) }
        }
    }

    /// One to four characters, letters, digits or footnote symbols, and not a star page (`*12`).
    static func isFootnoteLabel(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (1...4).contains(scalars.count) else { return false }
        if scalars.count > 1 && scalars[0] == "*" && scalars[1].properties.numericType != nil { return false }
        return scalars.allSatisfy { scalar in
            (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || "*†‡§¶".unicodeScalars.contains(scalar)
        }
    }
}

/// The text being laid out: collapses white space, places line and paragraph breaks (a break
/// only ever stands between two pieces of text), and cuts text runs at input line changes. A value
/// type, so the per-byte work runs without the dynamic exclusivity checks of class properties.
struct HTMLTextLayout {
    private var runs: [HTMLTextRun] = []
    private var runBytes: [UInt8] = []
    private var runLine = 1
    private var lineHasText = false
    private var pendingSpace = false
    /// 1: a line break is due before the next text, 2: a paragraph break.
    private var pendingNewlines = 0
    private var hasText = false
    /// The break due is a page boundary (a positioned page ended) or an `<hr>`.
    private var pendingPage = false
    private var pendingRule = false
    /// Indices in the runs of the paragraph breaks that `<hr>`s made.
    private(set) var ruleRuns: [Int] = []
    /// Right after `<pre>`: its first line break is not content (HTML drops it).
    var atPreformattedStart = false

    mutating func requestBreak(_ newlines: Int) {
        pendingNewlines = max(pendingNewlines, newlines)
        pendingSpace = false
    }

    /// The end of a page: a blank line and a page boundary before the next text.
    mutating func requestPageBreak() {
        requestBreak(2)
        pendingPage = true
    }

    /// `<hr>`: a paragraph break, remembered so that it can become a page boundary.
    mutating func requestRule() {
        requestBreak(2)
        pendingRule = true
    }

    /// `<br>`: one more line break, at most a paragraph break in all.
    mutating func breakLine() {
        pendingNewlines = min(pendingNewlines + 1, 2)
        pendingSpace = false
    }

    /// A table cell after another on the same line: a space between them.
    mutating func separateCell() {
        if lineHasText && pendingNewlines == 0 { pendingSpace = true }
    }

    /// Adds a run that is not laid-out text (a mark, removed text) after the text so far.
    mutating func insert(_ run: HTMLTextRun) {
        flushRun()
        runs.append(run)
    }

    mutating func finish() -> [HTMLTextRun] {
        flushRun()
        return runs
    }

    mutating func layOut(_ chunk: UnsafeBufferPointer<UInt8>, line start: Int, preformatted: Bool) {
        var line = start
        if preformatted {
            for byte in chunk {
                if byte == 0x0A {
                    line += 1
                    if atPreformattedStart {
                        atPreformattedStart = false
                    } else {
                        breakLine()
                    }
                } else if byte != 0x0D {
                    atPreformattedStart = false
                    put(byte, line: line)
                }
            }
            return
        }
        var index = 0
        while index < chunk.count {
            let byte = chunk[index]
            if isCollapsibleSpace(byte) {
                pendingSpace = true
                if byte == 0x0A { line += 1 }
            } else if byte == 0xC2, index + 1 < chunk.count, chunk[index + 1] == 0xA0 {
                // A no-break space lays out as a space; the text stages expect plain spaces.
                pendingSpace = true
                index += 1
            } else {
                put(byte, line: line)
            }
            index += 1
        }
    }

    private mutating func put(_ byte: UInt8, line: Int) {
        flushPendingNewlines()
        if pendingSpace {
            pendingSpace = false
            // The space belongs to the run before it, so the next word starts its own line's run.
            if lineHasText { append(0x20, line: runBytes.isEmpty ? line : runLine) }
        }
        append(byte, line: line)
        lineHasText = true
        hasText = true
    }

    mutating func flushPendingNewlines() {
        guard pendingNewlines > 0 else { return }
        if hasText {
            flushRun()
            if pendingPage {
                runs.append(HTMLTextRun(kind: .pageBreak, text: "\n\n", line: runLine))
            } else {
                if pendingRule { ruleRuns.append(runs.count) }
                runs.append(pendingNewlines == 1
                    ? HTMLTextRun(kind: .lineBreak, text: "\n", line: runLine)
                    : HTMLTextRun(kind: .paragraphBreak, text: "\n\n", line: runLine))
            }
        }
        pendingPage = false
        pendingRule = false
        pendingNewlines = 0
        lineHasText = false
        pendingSpace = false
    }

    private mutating func append(_ byte: UInt8, line: Int) {
        if runBytes.isEmpty {
            runLine = line
        } else if line != runLine {
            flushRun()
            runLine = line
        }
        runBytes.append(byte)
    }

    private mutating func flushRun() {
        guard !runBytes.isEmpty else { return }
        runs.append(HTMLTextRun(kind: .text, text: String(decoding: runBytes, as: UTF8.self), line: runLine))
        runBytes.removeAll(keepingCapacity: true)
    }
}

/// Appends `chunk` to `bytes` with its white space (no-break spaces included) collapsed to one
/// space between words and none at the start; a space due at the chunk's end waits in
/// `pendingSpace` for the next word.
func appendCollapsingSpace(_ chunk: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], pendingSpace: inout Bool) {
    var index = 0
    while index < chunk.count {
        let byte = chunk[index]
        if isCollapsibleSpace(byte) {
            pendingSpace = true
        } else if byte == 0xC2, index + 1 < chunk.count, chunk[index + 1] == 0xA0 {
            pendingSpace = true
            index += 1
        } else {
            if pendingSpace && !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(byte)
        }
        index += 1
    }
}

/// HTML's collapsible white space: space, tab, LF, CR, form feed.
func isCollapsibleSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
}
