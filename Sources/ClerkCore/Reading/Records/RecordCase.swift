/// The case of a record from its two sources: the record's metadata fields (a case name, a
/// decision date, a docket number, a court) and the head matter its text prints (read with
/// `MarkedCaption`). They usually agree; where they do not, both are kept and a warning says so.
struct RecordCase {
    /// From the record's fields.
    var given = CaseInfo()
    /// From the head matter as printed, merged in reading order.
    var printed = CaseInfo()
    /// The opinions' authors, who sat on the case.
    var authors: [String] = []

    mutating func addPrinted(_ facts: CaseInfo) {
        printed.merge(facts)
    }

    /// The case, logging disagreements under `stage`.
    func reconciled(stage: String, log: inout EditLog) -> CaseInfo {
        var info = CaseInfo()
        info.caseName = given.caseName ?? printed.caseName
        // The court a report prints over the case names its division or district; a record's
        // court field often names only the court system, and is kept beside it.
        info.court = printed.court ?? given.court
        if let printedCourt = printed.court, let givenCourt = given.court, Self.words(printedCourt) != Self.words(givenCourt) {
            info.metadata.append(MetadataEntry(key: "recordCourt", value: givenCourt))
        }
        info.dockets = given.dockets
        for docket in printed.dockets where !info.dockets.contains(where: { Self.sameDocket($0, docket) }) {
            if !given.dockets.isEmpty {
                log.warn(stage: stage, "the record's docket (\(given.dockets.joined(separator: ", "))) and the docket its text prints (\(docket)) differ: both kept")
            }
            info.dockets.append(docket)
        }
        info.dates = given.dates
        for date in printed.dates {
            if let index = info.dates.firstIndex(where: { $0.event == date.event }) {
                let known = info.dates[index].date
                if known == date.date { continue }
                if date.date.hasPrefix(known + "-") {
                    // The record gives the month; the text prints the day.
                    info.dates[index].date = date.date
                    continue
                }
                log.warn(stage: stage, "the record's \(date.event) date (\(known)) and the one its text prints (\(date.date)) differ: both kept, the printed one as \"\(date.event) (printed)\"")
                info.dates.append(CaseDate(event: date.event + " (printed)", date: date.date))
            } else {
                info.dates.append(date)
            }
        }
        info.parties = printed.parties.isEmpty ? given.parties : printed.parties
        info.lowerCourt = printed.lowerCourt ?? given.lowerCourt
        info.judges = given.judges
        info.judges += printed.judges.filter { !given.judges.contains($0) }
        info.addJudges(authors)
        var keys = Set(info.metadata.map(\.key))
        info.metadata += (given.metadata + printed.metadata).filter { keys.insert($0.key).inserted }
        return info
    }

    private static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }
    }

    /// `Docket No. 41` and `41`; `No. CR-10-0123` and `CR-10-0123`.
    private static func sameDocket(_ one: String, _ other: String) -> Bool {
        let a = one.lowercased().filter { $0.isLetter || $0.isNumber }
        let b = other.lowercased().filter { $0.isLetter || $0.isNumber }
        return a == b || (!a.isEmpty && !b.isEmpty && (a.hasSuffix(b) || b.hasSuffix(a)))
    }
}
