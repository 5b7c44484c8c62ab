/// The text runs of one page of a PDF converted to HTML with absolutely positioned elements
/// (poppler's `pdftohtml -c`: `<div style="position:relative">` per page, one
/// `<p style="position:absolute;top:…px;left:…px" class="ft…">` per run of text), and their
/// layout as the lines of a printed page, the way `pdftotext -layout` draws them: runs at the
/// same height on one line, ordered left to right; the left offset turned into a column
/// (margin removed) so that indentation and caption columns survive; a blank line where the
/// vertical gap is a line or more of empty space. No maintained Swift package lays positioned
/// HTML out as text, hence this small one.
struct PositionedPage {
    struct Run {
        var top: Double
        var left: Double
        /// From the run's CSS class; nil when the page's style sheet does not say.
        var fontSize: Double?
        var text: [UInt8]
        /// The 1-based input line the run's element starts on.
        var line: Int
        /// The converter padded the run's start with spaces (tab stops of the original), so its
        /// text begins somewhere right of `left`.
        var isPadded = false
    }

    /// One line of the laid-out page.
    struct Line: Equatable {
        var text: [UInt8]
        var line: Int
        /// Empty lines to leave before this one.
        var blankLinesBefore: Int
    }

    /// The width of a column, as a share of the font size: what `pdftotext -layout` measures
    /// for book faces (Times at 12 pt is about 0.4 em per column).
    static let columnWidthShare = 0.4
    /// A page whose style sheet gives no font size is laid out as if it were this (pdftohtml's
    /// default zoom makes 12 pt text 18 px).
    static let defaultFontSize = 18.0
    /// Line height as a share of the font size, for vertical gaps.
    static let lineHeightShare = 1.2
    /// No run stands further right than this column, whatever its position says.
    static let widestColumn = 400

    private(set) var runs: [Run] = []
    var isEmpty: Bool { runs.isEmpty }

    mutating func append(_ run: Run) {
        var run = run
        run.isPadded = run.text.first.map { $0 == 0x20 || $0 == 0x09 || $0 == 0xC2 } ?? false
        run.text = Self.collapsed(run.text)
        guard !run.text.isEmpty else { return }
        runs.append(run)
    }

    mutating func removeAll() { runs.removeAll(keepingCapacity: true) }

    /// The page's lines, top to bottom.
    func lines() -> [Line] {
        guard !runs.isEmpty else { return [] }
        let ordered = runs.enumerated().sorted { ($0.element.top, $0.offset) < ($1.element.top, $1.offset) }.map(\.element)
        let bodySize = Self.mostCommonFontSize(ordered) ?? Self.defaultFontSize
        let columnWidth = bodySize * Self.columnWidthShare
        let margin = ordered.map(\.left).min() ?? 0
        func column(_ run: Run) -> Int { min(Self.widestColumn, Int(((run.left - margin) / columnWidth).rounded())) }
        let separatorColumns = Self.separatorColumns(ordered, column: column)

        // Rows: runs whose tops lie within half a font size of the row's first run.
        var rows: [[Run]] = []
        for run in ordered {
            let size = run.fontSize ?? bodySize
            if let first = rows.last?.first, run.top - first.top <= max(size, first.fontSize ?? bodySize) * 0.5 {
                rows[rows.count - 1].append(run)
            } else {
                rows.append([run])
            }
        }

        var lines: [Line] = []
        var previous: (top: Double, size: Double)?
        for row in rows {
            let cells = row.sorted { $0.left < $1.left }
            let rowSize = cells.map { $0.fontSize ?? bodySize }.max() ?? bodySize
            // The row's baseline run: the biggest text; smaller text set higher is a superscript.
            let top = cells.first { ($0.fontSize ?? bodySize) == rowSize }?.top ?? cells[0].top
            var text: [UInt8] = []
            for cell in cells {
                var column = column(cell)
                if cell.isPadded, let separator = cell.text.first, let aligned = separatorColumns[separator] {
                    column = max(column, aligned)
                }
                let isSuperscript = (cell.fontSize ?? bodySize) < rowSize * 0.85 && cell.top < top
                if text.isEmpty {
                    text.append(contentsOf: repeatElement(0x20, count: max(0, column)))
                } else if !isSuperscript {
                    let spaces = column - text.count
                    text.append(contentsOf: repeatElement(0x20, count: max(text.last == 0x20 ? 0 : 1, spaces)))
                }
                text.append(contentsOf: cell.text)
            }
            var blank = 0
            if let (previousTop, previousSize) = previous {
                // Measured in lines of the bigger text, a gap of 1.75 lines or more leaves one blank.
                let lineHeight = max(rowSize, previousSize) * Self.lineHeightShare
                blank = min(3, max(0, Int((top - previousTop) / lineHeight - 0.75)))
            }
            previous = (top, rowSize)
            lines.append(Line(text: text, line: cells.map(\.line).min() ?? cells[0].line, blankLinesBefore: blank))
        }
        return lines
    }

    /// Where the page's runs that begin with a separator (`)`, `]`, `§`: the column drawn between
    /// a caption's parties and its court) usually stand, by their first byte. A padded run that
    /// begins with one is set in that column: the converter's padding says only that it stands
    /// further right.
    private static func separatorColumns(_ runs: [Run], column: (Run) -> Int) -> [UInt8: Int] {
        var counts: [UInt8: [Int: Int]] = [:]
        for run in runs where !run.isPadded {
            guard let first = run.text.first, first < 0x80, !isLetterOrDigit(first) else { continue }
            counts[first, default: [:]][column(run), default: 0] += 1
        }
        return counts.compactMapValues { columns in
            columns.max { ($0.value, -$0.key) < ($1.value, -$1.key) }.flatMap { $0.value >= 2 ? $0.key : nil }
        }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The font size carried by most characters on the page.
    private static func mostCommonFontSize(_ runs: [Run]) -> Double? {
        var characters: [Double: Int] = [:]
        for run in runs {
            if let size = run.fontSize { characters[size, default: 0] += run.text.count }
        }
        return characters.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }

    /// The run's text with white space (no-break spaces included) collapsed and trimmed: its
    /// place on the line comes from its position, not from the spaces the converter padded it with.
    private static func collapsed(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var pendingSpace = false
        bytes.withUnsafeBufferPointer { appendCollapsingSpace($0, to: &result, pendingSpace: &pendingSpace) }
        return result
    }
}

/// What the builder reads from an element's inline `style` attribute and a page's style sheet:
/// only what positioned text needs. CSS is read by hand here because libxml2 does not parse it
/// and no maintained Swift package does; the forms read are the plain declarations PDF
/// converters write (`position:absolute;top:118px;left:220px`, `.ft10{font-size:18px;…}`).
enum PositionStyle {
    /// `top` and `left` in pixels of an absolutely positioned element, else nil.
    static func absolutePosition(_ style: String) -> (top: Double, left: Double)? {
        let declarations = Self.declarations(style)
        guard declarations["position"] == "absolute",
              let top = declarations["top"].flatMap(pixels), let left = declarations["left"].flatMap(pixels) else { return nil }
        return (top, left)
    }

    /// Whether the element is a positioned container (a converted PDF's page).
    static func isRelative(_ style: String) -> Bool {
        declarations(style)["position"] == "relative"
    }

    /// Font sizes in pixels by class name, from rules of the form `.name{…font-size:NNpx…}`.
    static func classFontSizes(_ sheet: [UInt8]) -> [String: Double] {
        var sizes: [String: Double] = [:]
        let text = String(decoding: sheet, as: UTF8.self)
        for rule in text.split(separator: "}") {
            guard let brace = rule.firstIndex(of: "{") else { continue }
            let selector = trimmed(rule[..<brace])
            guard selector.hasPrefix("."), !selector.dropFirst().contains(where: { " .,:>#[".contains($0) }) else { continue }
            if let size = declarations(String(rule[rule.index(after: brace)...]))["font-size"].flatMap(pixels), size >= 1 {
                sizes[String(selector.dropFirst())] = size
            }
        }
        return sizes
    }

    private static func declarations(_ style: String) -> [String: String] {
        var result: [String: String] = [:]
        for declaration in style.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let name = trimmed(declaration[..<colon]).lowercased()
            let value = trimmed(declaration[declaration.index(after: colon)...]).lowercased()
            result[name] = value
        }
        return result
    }

    private static func pixels(_ value: String) -> Double? {
        let number = value.hasSuffix("px") ? String(value.dropLast(2)) : value
        // A page's coordinates are finite and of a page's size; anything else is no position.
        guard let pixels = Double(trimmed(Substring(number))), pixels.isFinite, abs(pixels) <= maximumPixels else { return nil }
        return pixels
    }

    private static let maximumPixels = 1_000_000.0
}

/// `text` without the spaces, tabs and line ends around it (no Foundation in this module).
private func trimmed(_ text: Substring) -> String {
    var slice = text
    while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
    while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
    return String(slice)
}
