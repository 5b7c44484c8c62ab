/// Web boilerplate of text dumps of court web pages, removed only where the evidence is clear and
/// only at the edges of the document:
///
/// - top (within `topLines`): the page title line (`Doe v. Roe ( 2021 )`: a case name ending in a
///   parenthesized year, as the first line; or a line equal to a title already known, e.g. the
///   HTML `<title>`), a `Menu:` label and its bullets (a bullet followed by a wide gap and text is
///   chrome interleaved with the caption: the bullet goes, the text stays in its column),
///   breadcrumb trails (lines ending in ` |`, or one line with two or more ` | `, and a lone `-`
///   closing them). Scanning stops at the first line that is none of these.
/// - bottom (within `bottomLines`): a `Document Info` block, a heading followed by `Key: value`
///   lines up to the end, or, without a heading, two or more trailing lines with keys that court
///   sites use (`Docket Number:`, `Judges:`, `Filed Date:`…).
///
/// The title and every `Key: value` go to `caseInfo.metadata` (key as printed, value trimmed);
/// the removed lines go to the edit log. Text in the middle of the opinion is never looked at.
public struct ChromeStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let title = Parameter.boolean("title", default: true,
            "Remove the page title line at the top (kept as metadata `title`).")
        public static let menu = Parameter.boolean("menu", default: true,
            "Remove a `Menu:` label and its bullet items at the top.")
        public static let breadcrumbs = Parameter.boolean("breadcrumbs", default: true,
            "Remove breadcrumb trails (`All Courts | … |`) at the top.")
        public static let documentInfo = Parameter.boolean("documentInfo", default: true,
            "Remove a trailing `Document Info` block of `Key: value` lines (kept as metadata).")
        public static let topLines = Parameter.integer("topLines", 1...10_000, default: 60,
            "Top chrome must lie within this many lines of the start.")
        public static let bottomLines = Parameter.integer("bottomLines", 1...10_000, default: 40,
            "A trailing metadata block must start within this many lines of the end.")
        public var title: Bool
        public var menu: Bool
        public var breadcrumbs: Bool
        public var documentInfo: Bool
        public var topLines: Int
        public var bottomLines: Int

        public init(_ values: StageParameterValues) {
            title = values[Self.title]
            menu = values[Self.menu]
            breadcrumbs = values[Self.breadcrumbs]
            documentInfo = values[Self.documentInfo]
            topLines = values[Self.topLines]
            bottomLines = values[Self.bottomLines]
        }
    }

    public static let id = "chrome"
    public static let summary =
        "Web page chrome at the top and bottom of text dumps removed and logged: title line, menu, breadcrumbs, trailing Document Info block (its Key: value lines and the title kept as metadata)."
    public static let phase = StagePhase.text
    public static let finds: SourceStructure = [.caption]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        let knownTitle = document.caseInfo.metadata.first { $0.key == "title" }?.value
        var scanner = ChromeScanner(body: document.body, configuration: configuration, knownTitle: knownTitle)
        let contentStart = scanner.scanTop()
        scanner.scanBottom(after: contentStart)
        guard !scanner.edits.isEmpty else { return }
        document.body.apply(scanner.edits, stage: Self.id, log: &document.log)
        for entry in scanner.metadata {
            if let existing = document.caseInfo.metadata.first(where: { $0.key == entry.key }) {
                if existing.value != entry.value {
                    document.log.warn(
                        stage: Self.id,
                        "metadata `\(entry.key)` found again with another value (\(entry.value)); the first value (\(existing.value)) is kept")
                }
            } else {
                document.caseInfo.metadata.append(entry)
            }
        }
    }
}

/// Finds the chrome lines of one text and the edits that remove them.
private struct ChromeScanner {
    let bytes: [UInt8]
    let lines: [Range<Int>]
    let configuration: ChromeStage.Configuration
    /// Titles seen so far (the HTML `<title>`, the title line): a top line equal to one is chrome.
    var knownTitles: [String]
    private(set) var edits: [TextEdit] = []
    private(set) var metadata: [MetadataEntry] = []

    init(body: TextStream, configuration: ChromeStage.Configuration, knownTitle: String?) {
        bytes = body.bytes
        lines = body.lineRanges
        self.configuration = configuration
        knownTitles = knownTitle.map { [$0] } ?? []
    }

    // MARK: - Top

    /// Removes the chrome at the top; returns the index of the first line of content.
    mutating func scanTop() -> Int {
        let limit = min(lines.count, configuration.topLines)
        var index = 0
        var blanks: [Int] = []
        var sawChrome = false
        var sawText = false
        var inMenu = false
        var afterBreadcrumbs = false

        // Removes the blank lines seen since the last chrome line, then the given lines.
        func remove(_ range: Range<Int>, _ reason: String) {
            for blank in blanks { edits.append(TextEdit(range: fullLine(blank), reason: "blank line in web page chrome")) }
            blanks.removeAll()
            for line in range { edits.append(TextEdit(range: fullLine(line), reason: reason)) }
            sawChrome = true
        }

        scan: while index < limit {
            let line = trimmed(lines[index], in: bytes)
            if line.isEmpty {
                blanks.append(index)
                index += 1
                continue
            }
            let isFirstText = !sawText
            sawText = true
            if configuration.title {
                if knownTitles.contains(text(line)) {
                    remove(index..<index + 1, "web page title repeated")
                    index += 1
                    continue
                }
                if isFirstText && isTitleLine(line, at: index) {
                    let title = text(line)
                    remove(index..<index + 1, "web page title line removed (kept as metadata `title`)")
                    metadata.append(MetadataEntry(key: "title", value: title))
                    knownTitles.append(title)
                    index += 1
                    continue
                }
            }
            if configuration.menu && (isMenuLabel(line) != nil || (inMenu && bullet(at: line.lowerBound, end: line.upperBound) != nil)) {
                let start = isMenuLabel(line) ?? line.lowerBound
                let labelStart = line.lowerBound
                switch menuTail(from: start, end: line.upperBound) {
                case .allChrome:
                    remove(index..<index + 1, "web page menu removed")
                    inMenu = true
                    index += 1
                    continue
                case .content(let chromeEnd):
                    // Chrome and the first line of content share this line: blank out the chrome,
                    // keep the content in its column.
                    for blank in blanks { edits.append(TextEdit(range: fullLine(blank), reason: "blank line in web page chrome")) }
                    blanks.removeAll()
                    let width = String(decoding: bytes[labelStart..<chromeEnd], as: UTF8.self).unicodeScalars.count
                    edits.append(TextEdit(
                        range: labelStart..<chromeEnd, replacement: String(repeating: " ", count: width),
                        reason: "web page menu removed from the start of the line"))
                    return index
                case .notMenu:
                    break scan
                }
            }
            inMenu = false
            if configuration.breadcrumbs {
                if let count = breadcrumbRun(from: index, limit: limit) {
                    remove(index..<index + count, "web page breadcrumb trail removed")
                    index += count
                    afterBreadcrumbs = true
                    continue
                }
                if let contentStart = breadcrumbPrefix(line) {
                    // A flattened page: the trail and the first words of the opinion share a line.
                    for blank in blanks { edits.append(TextEdit(range: fullLine(blank), reason: "blank line in web page chrome")) }
                    blanks.removeAll()
                    edits.append(TextEdit(
                        range: lines[index].lowerBound..<contentStart, reason: "web page breadcrumb trail removed"))
                    return index
                }
                if afterBreadcrumbs && isTrailEnd(line) {
                    remove(index..<index + 1, "end of the web page breadcrumb trail removed")
                    index += 1
                    afterBreadcrumbs = false
                    continue
                }
            }
            break
        }
        if sawChrome {
            for blank in blanks { edits.append(TextEdit(range: fullLine(blank), reason: "blank line after web page chrome")) }
        }
        return index
    }

    /// `Doe v. Roe ( 2021 )`: ends with a year alone in parentheses, and reads like a case name
    /// or is followed by other chrome.
    private func isTitleLine(_ line: Range<Int>, at index: Int) -> Bool {
        guard line.count <= 300, bytes[line.upperBound - 1] == UInt8(ascii: ")") else { return false }
        var cursor = line.upperBound - 2
        while cursor > line.lowerBound && isBlank(bytes[cursor]) { cursor -= 1 }
        var digits = 0
        while cursor > line.lowerBound && isDigit(bytes[cursor]) {
            digits += 1
            cursor -= 1
        }
        guard digits == 4 else { return false }
        let year = Int(String(decoding: bytes[cursor + 1..<cursor + 5], as: UTF8.self)) ?? 0
        while cursor > line.lowerBound && isBlank(bytes[cursor]) { cursor -= 1 }
        guard (1600...2199).contains(year), cursor > line.lowerBound, bytes[cursor] == UInt8(ascii: "(") else { return false }
        let name = " " + text(line.lowerBound..<cursor) + " "
        let signals = [" v. ", " v ", " vs. ", " vs ", " In re ", " In Re ", " Ex parte ", " Matter of ", " ex rel. ", " ex rel "]
        if signals.contains(where: { name.contains($0) }) { return true }
        // Otherwise only when more chrome follows.
        var next = index + 1
        while next < lines.count && trimmed(lines[next], in: bytes).isEmpty { next += 1 }
        guard next < lines.count else { return false }
        let following = trimmed(lines[next], in: bytes)
        return isMenuLabel(following) != nil || breadcrumbRun(from: next, limit: lines.count) != nil
    }

    /// `Menu:` (or `Menu`) at the start of the line: the offset after it and its spaces.
    private func isMenuLabel(_ line: Range<Int>) -> Int? {
        guard line.count >= 4 else { return nil }
        let word = String(decoding: bytes[line.lowerBound..<line.lowerBound + 4], as: UTF8.self)
        guard word == "Menu" || word == "MENU" else { return nil }
        var cursor = line.lowerBound + 4
        if cursor < line.upperBound && bytes[cursor] == UInt8(ascii: ":") { cursor += 1 } else if cursor != line.upperBound {
            return nil
        }
        while cursor < line.upperBound && isBlank(bytes[cursor]) { cursor += 1 }
        // After the label: nothing, or bullets.
        guard cursor == line.upperBound || bullet(at: cursor, end: line.upperBound) != nil else { return nil }
        return cursor
    }

    private enum MenuTail {
        /// The whole line is menu.
        case allChrome
        /// Menu up to `chromeEnd`; content follows after white space.
        case content(chromeEnd: Int)
        case notMenu
    }

    /// Reads bullets and short items from `start`. A wide gap (4+ spaces or a tab) after a bullet,
    /// or an item too long for a menu entry, means content starts there.
    private func menuTail(from start: Int, end: Int) -> MenuTail {
        var cursor = start
        var chromeEnd = start
        while cursor < end {
            guard let length = bullet(at: cursor, end: end) else { return chromeEnd > start ? .content(chromeEnd: chromeEnd) : .notMenu }
            cursor += length
            chromeEnd = cursor
            var gap = 0, tab = false
            while cursor < end && isBlank(bytes[cursor]) {
                if bytes[cursor] == 0x09 { tab = true }
                gap += 1
                cursor += 1
            }
            if cursor == end { return .allChrome }
            if gap >= 4 || tab { return .content(chromeEnd: chromeEnd) }
            // The item runs to the next bullet that follows white space.
            var itemEnd = cursor
            while itemEnd < end && !(isBlank(bytes[itemEnd - 1]) && bullet(at: itemEnd, end: end) != nil) { itemEnd += 1 }
            let item = trimmed(cursor..<itemEnd, in: bytes)
            guard isMenuItem(item) else { return .content(chromeEnd: chromeEnd) }
            chromeEnd = item.upperBound
            cursor = itemEnd
        }
        return .allChrome
    }

    /// A menu entry: at most 40 bytes and 5 words.
    private func isMenuItem(_ item: Range<Int>) -> Bool {
        guard !item.isEmpty, item.count <= 40 else { return false }
        var words = 1
        for index in item where bytes[index] == 0x20 { words += 1 }
        return words <= 5
    }

    /// The byte length of a bullet (`•`, `·`, `▪`, `◦`, `‣`, `*`) at `offset`, if there is one.
    private func bullet(at offset: Int, end: Int) -> Int? {
        for pattern in Self.bullets where offset + pattern.count <= end {
            if bytes[offset..<offset + pattern.count].elementsEqual(pattern) { return pattern.count }
        }
        return nil
    }

    private static let bullets: [[UInt8]] = ["•", "·", "▪", "◦", "‣", "*"].map { Array($0.utf8) }

    /// How many lines from `start` form a breadcrumb trail: two or more consecutive lines that
    /// end with a separator, or one line with two or more separators; short segments only.
    private func breadcrumbRun(from start: Int, limit: Int) -> Int? {
        var count = 0
        while start + count < limit {
            let line = trimmed(lines[start + count], in: bytes)
            guard let separators = breadcrumbSeparators(line), separators.trailing else { break }
            count += 1
        }
        if count >= 2 { return count }
        let line = trimmed(lines[start], in: bytes)
        if let separators = breadcrumbSeparators(line), separators.count >= 2 { return 1 }
        return nil
    }

    /// Counts ` | ` (or `»`, `›`) separators standing between spaces, if every segment is short.
    private func breadcrumbSeparators(_ line: Range<Int>) -> (count: Int, trailing: Bool)? {
        guard !line.isEmpty, line.count <= 300 else { return nil }
        var count = 0
        var segmentStart = line.lowerBound
        var cursor = line.lowerBound
        var trailing = false
        while cursor < line.upperBound {
            let length = separator(at: cursor, end: line.upperBound)
            let before = cursor == line.lowerBound || isBlank(bytes[cursor - 1])
            let after = cursor + length == line.upperBound || (cursor + length < line.upperBound && isBlank(bytes[cursor + length]))
            if length > 0 && before && after {
                if cursor - segmentStart > 80 { return nil }
                count += 1
                cursor += length
                segmentStart = cursor
                trailing = cursor == line.upperBound
            } else {
                cursor += 1
            }
        }
        if line.upperBound - segmentStart > 80 || count == 0 { return nil }
        return (count, trailing)
    }

    private func separator(at offset: Int, end: Int) -> Int {
        if bytes[offset] == UInt8(ascii: "|") { return 1 }
        for pattern in Self.separators where offset + pattern.count <= end {
            if bytes[offset..<offset + pattern.count].elementsEqual(pattern) { return pattern.count }
        }
        return 0
    }

    private static let separators: [[UInt8]] = ["»", "›"].map { Array($0.utf8) }

    /// Where content starts on a line that opens with a trail of two or more short crumbs, each
    /// closed by a separator (`A | B | C | - In the Court…`), when a long segment follows; a lone
    /// dash after the trail is part of it.
    private func breadcrumbPrefix(_ line: Range<Int>) -> Int? {
        var count = 0
        var segmentStart = line.lowerBound
        var cursor = line.lowerBound
        var trailEnd = line.lowerBound
        while cursor < line.upperBound {
            let length = separator(at: cursor, end: line.upperBound)
            guard length > 0, cursor > line.lowerBound, isBlank(bytes[cursor - 1]),
                  cursor + length < line.upperBound, isBlank(bytes[cursor + length]) else {
                cursor += 1
                // A segment longer than a crumb: the trail, if any, has ended.
                if cursor - segmentStart > 80 { break }
                continue
            }
            count += 1
            cursor += length
            segmentStart = cursor
            trailEnd = cursor
        }
        guard count >= 2, line.upperBound - trailEnd > 80 else { return nil }
        var start = trailEnd
        while start < line.upperBound && isBlank(bytes[start]) { start += 1 }
        for dash in ["-", "–", "—"].map({ Array($0.utf8) }) {
            let end = start + dash.count
            if end < line.upperBound, bytes[start..<end].elementsEqual(dash), isBlank(bytes[end]) {
                start = end
                while start < line.upperBound && isBlank(bytes[start]) { start += 1 }
                break
            }
        }
        return start
    }

    /// A lone dash that closes a breadcrumb trail.
    private func isTrailEnd(_ line: Range<Int>) -> Bool {
        let value = text(line)
        return value == "-" || value == "–" || value == "—"
    }

    // MARK: - Bottom

    /// Removes a trailing metadata block that starts after line `contentStart`.
    mutating func scanBottom(after contentStart: Int) {
        guard configuration.documentInfo else { return }
        let floor = max(contentStart + 1, lines.count - configuration.bottomLines)
        var index = lines.count - 1
        var entries: [(line: Int, key: String, value: String)] = []
        var blanks: [Int] = []
        while index >= floor {
            let line = trimmed(lines[index], in: bytes)
            if line.isEmpty {
                blanks.append(index)
            } else if let (key, value) = keyValue(line) {
                entries.insert((index, key, value), at: 0)
            } else {
                break
            }
            index -= 1
        }
        var removed = entries
        var heading: Int?
        if index >= floor, !entries.isEmpty, isMetadataHeading(trimmed(lines[index], in: bytes)) {
            heading = index
        } else {
            // No heading: only a run of keys that court sites use, at least two.
            let known = entries.reversed().prefix { Self.knownKeys.contains($0.key.lowercased()) }
            guard known.count >= 2 else { return }
            removed = Array(known.reversed())
        }
        guard let first = heading ?? removed.first?.line else { return }
        if let heading {
            edits.append(TextEdit(range: fullLine(heading), reason: "web page metadata heading removed"))
        }
        for entry in removed {
            edits.append(TextEdit(range: fullLine(entry.line), reason: "web page metadata line removed (kept as metadata `\(entry.key)`)"))
            metadata.append(MetadataEntry(key: entry.key, value: entry.value))
        }
        for blank in blanks where blank > first {
            edits.append(TextEdit(range: fullLine(blank), reason: "blank line in web page metadata"))
        }
    }

    /// `Key: value`: a key of at most 5 words and 40 bytes that starts with a capital letter,
    /// then a colon and a space (or the end of the line).
    private func keyValue(_ line: Range<Int>) -> (String, String)? {
        guard let colon = line.firstIndex(where: { bytes[$0] == UInt8(ascii: ":") }),
              colon > line.lowerBound, colon - line.lowerBound <= 40,
              colon + 1 == line.upperBound || isBlank(bytes[colon + 1]) else { return nil }
        let first = bytes[line.lowerBound]
        guard first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") else { return nil }
        var words = 1
        for index in line.lowerBound..<colon {
            let byte = bytes[index]
            if byte == 0x20 { words += 1; continue }
            guard isLetterOrDigit(byte) || Self.keyPunctuation.contains(byte) else { return nil }
        }
        guard words <= 5, !isBlank(bytes[colon - 1]) else { return nil }
        let value = trimmed(colon + 1..<line.upperBound, in: bytes)
        return (text(line.lowerBound..<colon), text(value))
    }

    private static let keyPunctuation: Set<UInt8> = Set("-'./&()".utf8)

    private func isMetadataHeading(_ line: Range<Int>) -> Bool {
        Self.headings.contains(text(line).lowercased())
    }

    private static let headings: Set<String> = [
        "document info", "document information", "document details", "case info", "case information",
        "case details", "opinion info", "opinion information", "opinion details",
    ]

    /// Keys of the metadata blocks court web sites print under their opinions.
    private static let knownKeys: Set<String> = [
        "docket number", "docket numbers", "docket no.", "docket", "judges", "judge", "panel", "author", "authors",
        "filed date", "date filed", "filed", "decided", "date decided", "argued", "date argued", "submitted",
        "modified date", "date modified", "precedential status", "status", "citations", "citation", "court",
        "case name", "lower court", "nature of suit", "disposition", "opinion type", "jurisdiction", "attorneys",
    ]

    // MARK: - Bytes

    /// Line `index` with its line end.
    private func fullLine(_ index: Int) -> Range<Int> {
        let range = lines[index]
        return range.lowerBound..<min(range.upperBound + 1, bytes.count)
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

private func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
private func isLetterOrDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
}
