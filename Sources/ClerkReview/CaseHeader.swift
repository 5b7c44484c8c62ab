import ClerkCore

/// Writes the page's `header`: the case name as the one `h1`, then what the caption said
/// (court, dockets, parties with roles, lower court, dates, judges), the disposition, the
/// source (file, size, SHA-256, family, reader) and the pipeline's fingerprint, and the page's contents.
struct CaseHeader {
    let document: ReviewDocument
    let writer: HTMLWriter

    /// The page's title: the case name, or the source's name when the caption gave none.
    static func title(of document: ReviewDocument) -> String {
        if let name = document.caseFacts.caseName, !name.isEmpty { return name }
        return document.source.name
    }

    func write() {
        let info = document.caseFacts
        writer.start("header", class: "case")
        writer.start("div", class: "case-inner")
        writer.element("p", class: "kicker", "Clerk review of a conversion")
        writer.element("h1", Self.title(of: document))
        writer.start("dl", class: "facts")
        fact("Court", info.court)
        fact(info.dockets.count > 1 ? "Dockets" : "Docket", info.dockets.isEmpty ? nil : info.dockets.joined(separator: ", "))
        if info.parties.isEmpty {
            fact("Parties", nil)
        } else {
            startFact("Parties")
            writer.start("ul", class: "plain")
            for party in info.parties {
                writer.start("li")
                writer.text(party.name)
                if !party.role.isEmpty {
                    writer.text(" ")
                    writer.element("span", class: "role", party.role)
                }
                writer.end()
            }
            writer.end()
            endFact()
        }
        fact("Lower court", info.lowerCourt)
        if info.dates.isEmpty {
            fact("Dates", nil)
        } else {
            startFact("Dates")
            writer.start("ul", class: "plain")
            for date in info.dates {
                writer.start("li")
                writer.element("span", class: "event", date.event)
                writer.text(" ")
                writer.start("time")
                writer.attribute("datetime", date.date)
                writer.text(Self.readable(date.date))
                writer.end()
                writer.end()
            }
            writer.end()
            endFact()
        }
        fact("Judges", info.judges.isEmpty ? nil : info.judges.joined(separator: ", "))
        fact("Disposition", document.disposition)
        writer.end()
        writeSource()
        writeMetadata(info.metadata)
        writeContents()
        writer.end()
        writer.end()
    }

    private func startFact(_ name: StaticString) {
        writer.start("div")
        writer.element("dt", "\(name)")
        writer.start("dd")
    }

    private func endFact() {
        writer.end()
        writer.end()
    }

    /// A fact of the caption; one that was not found says so, since a reviewer wants to know
    /// what the caption stage missed.
    private func fact(_ name: StaticString, _ value: String?) {
        startFact(name)
        if let value, !value.isEmpty {
            writer.text(value)
        } else {
            writer.element("span", class: "missing", "not found")
        }
        endFact()
    }

    /// Open, so that it is seen without a click; the script folds it on a phone, where the
    /// digests would fill the first screen.
    private func writeSource() {
        let source = document.source
        writer.start("details", class: "source")
        writer.attribute("open", "open")
        writer.element("summary", "Source and pipeline")
        writer.start("dl", class: "facts source")
        startFact("Source")
        writer.text(source.name)
        endFact()
        startFact("Size")
        writer.text("\(source.bytes) bytes")
        endFact()
        startFact("Family")
        writer.text(source.family)
        endFact()
        startFact("Reader")
        writer.text(source.reader)
        endFact()
        if let record = source.record {
            startFact("Record")
            var parts = [record.collection + (record.id.map { " " + $0 } ?? "")]
            if let cluster = record.clusterId { parts.append("cluster " + cluster) }
            if !record.citations.isEmpty { parts.append("cited as " + record.citations.joined(separator: "; ")) }
            if let field = record.textField { parts.append("text from " + field) }
            writer.text(parts.joined(separator: ", "))
            endFact()
        }
        startFact("SHA-256")
        writer.element("code", class: "hash", source.sha256)
        endFact()
        startFact("Pipeline")
        if let fingerprint = document.pipeline {
            writer.element("code", class: "hash", fingerprint)
        } else {
            writer.element("span", class: "missing", "not recorded")
        }
        endFact()
        writer.end()
        writer.end()
    }

    private func writeMetadata(_ metadata: [(key: String, value: String)]) {
        guard !metadata.isEmpty else { return }
        writer.start("details", class: "metadata")
        writer.element("summary", "Other metadata (\(metadata.count))")
        writer.start("dl", class: "facts")
        for entry in metadata {
            writer.start("div")
            writer.element("dt", entry.key)
            writer.element("dd", entry.value)
            writer.end()
        }
        writer.end()
        writer.end()
    }

    private func writeContents() {
        writer.start("nav", class: "contents")
        writer.attribute("aria-label", "Contents")
        writer.start("ul")
        for (index, opinion) in document.opinions.enumerated() {
            var name = OpinionSection.title(of: opinion.type)
            if let author = opinion.author, !author.isEmpty { name += " by " + author }
            link("#" + OpinionSection.id(index + 1), name)
        }
        link("#" + EditPanel.editsID, "Edits (\(document.edits.count))")
        link("#" + EditPanel.warningsID, "Warnings (\(document.warnings.count))")
        writer.end()
        writer.end()
    }

    private func link(_ href: String, _ text: String) {
        writer.start("li")
        writer.start("a")
        writer.attribute("href", href)
        writer.text(text)
        writer.end()
        writer.end()
    }

    /// `2020-12-07` as `December 7, 2020`; anything else as given.
    static func readable(_ iso: String) -> String {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
              let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day) else { return iso }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        return "\(months[month - 1]) \(day), \(year)"
    }
}
