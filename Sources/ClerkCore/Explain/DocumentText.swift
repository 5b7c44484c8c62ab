/// A state of a document as lines of text, made to be diffed (`clerk explain`): everything a
/// stage can change is on some line, so every stage's work shows in a diff of two states.
///
/// - First the source family, the caption (`caseInfo`: one line per value) and the disposition.
/// - Before reflow (no opinions yet): `⟨body⟩`, then one line per line of the working text
///   (`document.body`), then the footnote texts (`document.notes`), each line prefixed with
///   its note: `⟨note 1⟩ …`.
/// - After reflow: one line per opinion (`⟨opinion majority, author "…", byline "…"⟩`) and one per
///   block (`⟨paragraph⟩ …`, `⟨heading 1 "I."⟩ …`, `⟨blockquote⟩ …`, `⟨sectionBreak⟩`); a
///   footnote's blocks are prefixed with it: `⟨footnote 1⟩ ⟨paragraph⟩ …`.
///
/// Marks are written where they fall: `⟨p. 5⟩` a page break (`⟨p. ?⟩` number not known yet),
/// `⟨fn 1⟩` a footnote reference, block starts as above, and a citation wraps its text:
/// `⟦472 U.S. 511, 528⟧⟨fullCase⟩` (a short form adds what it stands for: `⟨id → 472 U.S. 511⟩`).
/// Markers use the brackets U+27E6–U+27E9; where the text itself holds one, it is written as a
/// marker (`⟨U+27E8⟩`), so a marker can never be mistaken for text. A line end inside a value
/// or a block is written `⟨↵⟩`, a carriage return `⟨CR⟩`.
public struct DocumentText: Sendable, Equatable {
    public private(set) var lines: [String] = []

    public init(_ document: Document) {
        lines.append("⟨family⟩ " + document.source.family.rawValue)
        appendCaption(document.caseInfo)
        if let disposition = document.disposition { field("disposition", disposition) }
        if document.opinions.isEmpty {
            appendWorkingText(document)
        } else {
            for opinion in document.opinions { append(opinion) }
        }
    }

    /// The lines, each ended by `\n`.
    public var text: String {
        var text = lines.joined(separator: "\n")
        text += "\n"
        return text
    }

    // MARK: - Sections

    private mutating func appendCaption(_ info: CaseInfo) {
        if let court = info.court { field("case court", court) }
        for docket in info.dockets { field("case docket", docket) }
        if let caseName = info.caseName { field("case name", caseName) }
        for party in info.parties { field("case party", "\(party.name) (\(party.role))") }
        if let lowerCourt = info.lowerCourt { field("case lower court", lowerCourt) }
        for date in info.dates { field("case date", "\(date.event) \(date.date)") }
        for judge in info.judges { field("case judge", judge) }
        for entry in info.metadata { field("case metadata", "\(entry.key): \(entry.value)") }
    }

    private mutating func field(_ name: String, _ value: String) {
        var line = LineBuilder()
        line.marker("⟨\(name)⟩ ")
        line.text(Array(value.utf8))
        lines.append(line.string)
    }

    private mutating func appendWorkingText(_ document: Document) {
        lines.append("⟨body⟩")
        append(document.body, prefix: "")
        for note in document.notes {
            append(note.text, prefix: "⟨note \(Self.escaped(note.label))⟩ ")
        }
    }

    /// One line per line of `stream`, its marks in place; marks after the last line end go on
    /// a line of their own.
    private mutating func append(_ stream: TextStream, prefix: String) {
        let bytes = stream.bytes, marks = stream.marks
        var next = 0
        func line(_ range: ClosedRange<Int>, text: Range<Int>) -> String {
            var line = LineBuilder()
            line.marker(prefix)
            var position = text.lowerBound
            while next < marks.count && marks[next].offset <= range.upperBound {
                let offset = min(max(marks[next].offset, position), text.upperBound)
                line.text(bytes[position..<offset])
                position = offset
                line.marker(Self.marker(marks[next].kind))
                next += 1
            }
            line.text(bytes[position..<text.upperBound])
            let string = line.string
            // An empty line of a note: no blank after its prefix.
            return string.utf8.count == prefix.utf8.count && prefix.hasSuffix(" ") ? String(string.dropLast()) : string
        }
        for range in stream.lineRanges {
            // A mark on the line end belongs to the line it ends.
            lines.append(line(range.lowerBound...range.upperBound, text: range))
        }
        if next < marks.count {
            lines.append(line(bytes.count...Int.max, text: bytes.count..<bytes.count))
        }
    }

    private mutating func append(_ opinion: Opinion) {
        lines.append(Self.marker(.blockStart(.opinion(
            OpinionHeader(type: opinion.type, author: opinion.author, byline: opinion.byline)))))
        for block in opinion.blocks { lines.append(Self.line(block, prefix: "")) }
        for footnote in opinion.footnotes {
            for block in footnote.blocks {
                lines.append(Self.line(block, prefix: "⟨footnote \(Self.escaped(footnote.label))⟩ "))
            }
        }
    }

    // MARK: - Blocks

    /// A block on one line: its kind (and level and label), then its text with its marks.
    private static func line(_ block: Block, prefix: String) -> String {
        var line = LineBuilder()
        line.marker(prefix)
        switch block.kind {
        case .heading:
            line.marker(marker(.blockStart(.heading(level: block.level ?? 1, label: block.label))))
        case .paragraph: line.marker("⟨paragraph⟩")
        case .blockquote: line.marker("⟨blockquote⟩")
        case .sectionBreak: line.marker("⟨sectionBreak⟩")
        }
        guard !block.text.isEmpty || !block.pageBreaks.isEmpty || !block.footnoteRefs.isEmpty else { return line.string }
        line.marker(" ")

        // What goes between the characters, at offsets in Unicode scalars. At one offset,
        // citations that end there close first (the one that began later first), then page
        // breaks and footnote references, then citations open.
        var events: [(offset: Int, rank: Int, order: Int, text: String)] = []
        for (index, pageBreak) in block.pageBreaks.enumerated() {
            events.append((pageBreak.offset, 1, index, marker(.pageBreak(label: pageBreak.page))))
        }
        for (index, reference) in block.footnoteRefs.enumerated() {
            events.append((reference.offset, 1, block.pageBreaks.count + index, marker(.footnoteRef(label: reference.label))))
        }
        for (index, citation) in block.citations.enumerated() {
            events.append((citation.offset, 2, index, "⟦"))
            var kind = citation.kind.rawValue
            if let target = citation.refersTo { kind += " → " + escaped(target) }
            events.append((citation.offset + max(0, citation.length), 0, -citation.offset, "⟧⟨\(kind)⟩"))
        }
        events.sort { ($0.offset, $0.rank, $0.order) < ($1.offset, $1.rank, $1.order) }

        let bytes = Array(block.text.utf8)
        var position = 0, scalars = 0
        for event in events {
            // Advance to the byte where scalar `event.offset` starts (or the end of the text).
            var end = position
            while end < bytes.count && scalars < event.offset {
                end += 1
                while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
                scalars += 1
            }
            line.text(bytes[position..<end])
            position = end
            line.marker(event.text)
        }
        line.text(bytes[position...])
        return line.string
    }

    // MARK: - Markers

    static func marker(_ kind: TextMark.Kind) -> String {
        switch kind {
        case .pageBreak(let label): "⟨p. \(label.map(escaped) ?? "?")⟩"
        case .footnoteRef(let label): "⟨fn \(escaped(label))⟩"
        case .blockStart(let start):
            switch start {
            case .opinion(let header):
                "⟨opinion \(header.type.rawValue)"
                    + (header.author.map { ", author " + quoted($0) } ?? "")
                    + (header.byline.map { ", byline " + quoted($0) } ?? "") + "⟩"
            case .heading(let level, let label): "⟨heading \(level)" + (label.map { " " + quoted($0) } ?? "") + "⟩"
            case .blockquote: "⟨blockquote⟩"
            case .paragraph: "⟨paragraph⟩"
            case .sectionBreak: "⟨sectionBreak⟩"
            }
        }
    }

    /// `value` with the marker brackets, line ends and carriage returns written as markers.
    static func escaped(_ value: String) -> String {
        var line = LineBuilder()
        line.text(Array(value.utf8))
        return line.string
    }

    /// `value` escaped and in double quotes, its own quotes and backslashes escaped.
    private static func quoted(_ value: String) -> String {
        var text = "\""
        for character in escaped(value) {
            if character == "\"" || character == "\\" { text.append("\\") }
            text.append(character)
        }
        return text + "\""
    }
}

/// Builds one line of UTF-8: markers as given, text with what could pass for a marker escaped.
private struct LineBuilder {
    private var bytes: [UInt8] = []

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func marker(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func text(_ text: ArraySlice<UInt8>) {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            switch byte {
            case 0x0A:
                marker("⟨↵⟩")
            case 0x0D:
                marker("⟨CR⟩")
            // U+27E6…U+27E9 (⟦ ⟧ ⟨ ⟩) are E2 9F A6…A9 in UTF-8.
            case 0xE2 where index + 2 < text.endIndex && text[index + 1] == 0x9F && (0xA6...0xA9).contains(text[index + 2]):
                marker("⟨U+27E\(String(text[index + 2] - 0xA0, radix: 16, uppercase: true))⟩")
                index += 2
            default:
                bytes.append(byte)
            }
            index += 1
        }
    }

    mutating func text(_ text: [UInt8]) {
        self.text(text[...])
    }
}
