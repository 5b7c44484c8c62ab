import ClerkCore

/// Writes the `aside` beside the opinion: every edit of the log in order (stage, source byte
/// offset, before and after with white space made visible, reason, alternative, confidence),
/// a filter by stage with each stage's count, the count of edits shown in a live region, and
/// the warnings. The filter works by the page's script; without it every edit is shown and the
/// filter stays hidden.
struct EditPanel {
    static let editsID = "edits"
    static let warningsID = "warnings"

    let edits: [ReviewEdit]
    let warnings: [ReviewWarning]
    let anchors: TextAnchors
    let writer: HTMLWriter

    /// The stages that made edits, in the order of their first edit, with their counts.
    static func stageCounts(_ edits: [ReviewEdit]) -> [(stage: String, count: Int)] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for edit in edits {
            if counts[edit.stage] == nil { order.append(edit.stage) }
            counts[edit.stage, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }

    func write() {
        writer.start("aside", class: "log")
        writer.attribute("aria-label", "Edit log and warnings")
        writeEdits()
        writeWarnings()
        writer.end()
    }

    private func writeEdits() {
        writer.start("section")
        writer.attribute("id", Self.editsID)
        writer.attribute("aria-labelledby", "edits-title")
        writer.start("h2")
        writer.attribute("id", "edits-title")
        writer.text("Edits")
        writer.end()
        writer.element(
            "p", class: "hint",
            "Every change the pipeline made to the text, in order; positions are byte offsets into the raw input.")
        if !edits.isEmpty { writeFilter(edits) }
        writer.start("p", class: "count")
        writer.attribute("id", "edit-count")
        writer.attribute("role", "status")
        writer.attribute("aria-live", "polite")
        writer.text(Self.countText(shown: edits.count, total: edits.count))
        writer.end()
        writer.start("ol", class: "edits")
        writer.attribute("id", "edit-list")
        for edit in edits { write(edit) }
        writer.end()
        writer.end()
    }

    /// What the live region says (the script says the same, adding the stage).
    static func countText(shown: Int, total: Int) -> String {
        "\(shown) of \(total) edit\(total == 1 ? "" : "s") shown"
    }

    private func writeFilter(_ edits: [ReviewEdit]) {
        writer.start("fieldset", class: "filter")
        writer.attribute("id", "stage-filter")
        writer.attribute("hidden", "hidden")
        writer.element("legend", "Show the edits of")
        option(value: "", name: "all stages", count: edits.count, checked: true)
        for (stage, count) in Self.stageCounts(edits) { option(value: stage, name: stage, count: count, checked: false) }
        writer.end()
    }

    private func option(value: String, name: String, count: Int, checked: Bool) {
        writer.start("label")
        writer.startVoid("input")
        writer.attribute("type", "radio")
        writer.attribute("name", "stage")
        writer.attribute("value", value)
        if checked { writer.attribute("checked", "checked") }
        writer.end()
        writer.text(" " + name + " ")
        writer.element("span", class: "n", String(count))
        writer.end()
    }

    private func write(_ edit: ReviewEdit) {
        writer.start("li", class: "edit")
        writer.attribute("data-stage", edit.stage)
        writer.start("p", class: "edit-head")
        writer.element("span", class: "stage", edit.stage)
        writer.text(" ")
        writer.element("span", class: "pos", "byte \(edit.sourceOffset)")
        if let confidence = edit.confidence {
            writer.text(" ")
            writer.element("span", class: "conf", "confidence \(Self.decimal(confidence))")
        }
        if let block = anchors.blockID(before: edit.sourceOffset) {
            writer.text(" ")
            writer.start("a", class: "goto")
            writer.attribute("href", "#" + block)
            writer.attribute("title", "the paragraph of the text nearest before byte \(edit.sourceOffset) of the input")
            writer.attribute("aria-label", "the place of the edit at byte \(edit.sourceOffset) in the text")
            writer.text("in the text")
            writer.end()
        }
        writer.end()
        writer.start("dl", class: "change")
        change("before", "del", edit.before)
        change("after", "ins", edit.after)
        if let alternative = edit.alternative { change("alternative", "span", alternative, className: "alt") }
        writer.end()
        writer.element("p", class: "reason", edit.reason)
        writer.end()
    }

    private func change(_ term: StaticString, _ element: StaticString, _ text: String, className: StaticString? = nil) {
        writer.start("div")
        writer.element("dt", "\(term)")
        writer.start("dd")
        writer.start(element)
        if let className { writer.attribute("class", className) }
        VisibleWhitespace.write(text, to: writer)
        writer.end()
        writer.end()
        writer.end()
    }

    /// `0.9`, `0.75`: rounded to two decimals, as the stages give them, so that arithmetic's
    /// `0.6000000000000001` reads `0.6`.
    static func decimal(_ value: Double) -> String {
        String((value * 100).rounded() / 100)
    }

    private func writeWarnings() {
        writer.start("section", class: "warnings")
        writer.attribute("id", Self.warningsID)
        writer.attribute("aria-labelledby", "warnings-title")
        writer.start("h2")
        writer.attribute("id", "warnings-title")
        writer.text("Warnings (\(warnings.count))")
        writer.end()
        guard !warnings.isEmpty else {
            writer.element("p", class: "hint", "No stage was unsure of anything.")
            writer.end()
            return
        }
        writer.start("ol", class: "warnings-list")
        for warning in warnings {
            writer.start("li", class: "warning")
            writer.start("p", class: "edit-head")
            writer.element("span", class: "stage", warning.stage)
            if let offset = warning.sourceOffset {
                writer.text(" ")
                writer.element("span", class: "pos", "byte \(offset)")
            }
            writer.end()
            writer.element("p", class: "reason", warning.message)
            writer.end()
        }
        writer.end()
        writer.end()
    }
}

/// Writes an edit's text so that white space can be seen: a line end as ⏎, a tab as ⇥, a
/// carriage return as ␍, a no-break space as ⍽, a space at either end or in a run of spaces as ·
/// (a run longer than eight as `·×N`), and no text at all as ∅; each sign is a
/// `span class="ws"` with a `title` naming it, so that it is told apart from the text. A single
/// space between words stays a space, so that the text wraps as prose does.
enum VisibleWhitespace {
    static func write(_ text: String, to writer: HTMLWriter) {
        guard !text.isEmpty else {
            sign("∅", title: "empty", to: writer)
            return
        }
        let scalars = text.unicodeScalars
        var runStart = scalars.startIndex
        var index = scalars.startIndex
        func flush(to end: String.UnicodeScalarView.Index) {
            if runStart < end { writer.text(String(scalars[runStart..<end])) }
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == " " {
                var end = next
                while end < scalars.endIndex && scalars[end] == " " { end = scalars.index(after: end) }
                let count = scalars.distance(from: index, to: end)
                if count > 1 || index == scalars.startIndex || end == scalars.endIndex {
                    flush(to: index)
                    if count > 8 {
                        sign("·×\(count)", title: "\(count) spaces", long: true, to: writer)
                    } else {
                        sign(String(repeating: "·", count: count), title: count == 1 ? "space" : "\(count) spaces", to: writer)
                    }
                    runStart = end
                }
                index = end
                continue
            }
            let shown: (String, String)? = switch scalar {
            case "\n": ("⏎", "line end")
            case "\r": ("␍", "carriage return")
            case "\t": ("⇥", "tab")
            case "\u{A0}": ("⍽", "no-break space")
            default: nil
            }
            if let (symbol, title) = shown {
                flush(to: index)
                sign(symbol, title: title, to: writer)
                runStart = next
            }
            index = next
        }
        flush(to: index)
    }

    private static func sign(_ symbol: String, title: String, long: Bool = false, to writer: HTMLWriter) {
        if long { writer.start("span", class: "ws run") } else { writer.start("span", class: "ws") }
        writer.attribute("title", title)
        writer.text(symbol)
        writer.end()
    }
}
