/// Finds what short forms, `Id.` and `supra` stand for, reading citations in text order:
/// - `Id.` is the citation before it (what that one stands for, if it is a short form);
/// - a short form (`Cyrus, 624 F.3d at 862`) is the full citation of the same volume and
///   reporter; among several, the one whose case name holds the short form's name, else the
///   latest whose first page is not after the pinpoint; with none, the one case of its name;
/// - `supra` is the full citation whose case name holds its name.
/// The answer is the full citation's key (`624 F.3d 856`), recorded in `refersTo`.
///
/// A case cited again and again is kept once, at its latest citation, and names are found
/// through their words, so a long opinion that cites the same cases thousands of times is
/// resolved in time linear in its citations.
struct CitationResolver {
    private struct FullCitation: Hashable {
        var key: String
        var caseName: String?
        var page: Int?
    }

    /// The full citations of each volume and reporter, each once, by their latest citation.
    private var byVolumeAndReporter: [String: RecencyList<FullCitation>] = [:]
    private var names = CaseNameIndex()
    /// What an `Id.` here would stand for.
    private var previous: String?

    /// A new opinion: `Id.` does not reach into the opinion before, but short forms and `supra` do.
    mutating func startOpinion() {
        previous = nil
    }

    mutating func resolve(_ citation: inout Citation) {
        switch citation.kind {
        case .fullCase, .journal:
            guard let key = citation.key else { previous = nil; return }
            let full = FullCitation(key: key, caseName: citation.caseName, page: citation.page.flatMap { Int($0) })
            byVolumeAndReporter[Self.volumeAndReporter(citation), default: RecencyList()].touch(full)
            if let caseName = citation.caseName { names.add(caseName, key: key) }
            previous = key
        case .statute, .regulation, .rule, .constitution:
            previous = citation.key
        case .id:
            citation.refersTo = previous
        case .shortCase:
            citation.refersTo = shortFormTarget(citation)
            previous = citation.refersTo
        case .supra:
            citation.refersTo = citation.caseName.flatMap { names.latestKey(holding: $0) }
            previous = citation.refersTo
        case .unknown:
            previous = nil
        }
    }

    private func shortFormTarget(_ citation: Citation) -> String? {
        guard let candidates = byVolumeAndReporter[Self.volumeAndReporter(citation)], !candidates.isEmpty else {
            // Cited before in another reporter only (`Mullenix, 136 S. Ct. at 308` after
            // `Mullenix v. Luna, 577 U.S. 7`): the name decides, if one case has it.
            return citation.caseName.flatMap { names.onlyKey(holding: $0) }
        }
        // One case of this volume and reporter (cited once or more): it.
        if candidates.count == 1 { return candidates.last { _ in true }?.key }
        if let name = citation.caseName,
           let named = candidates.last(where: { $0.caseName.map { CaseNameIndex.name($0, holds: name) } ?? false }) {
            return named.key
        }
        let pinpoint = citation.pinpoint.flatMap { Int($0.prefix { $0.isNumber }) }
        if let pinpoint, let before = candidates.last(where: { ($0.page ?? Int.max) <= pinpoint }) { return before.key }
        return candidates.last { _ in true }?.key
    }

    private static func volumeAndReporter(_ citation: Citation) -> String {
        "\(citation.volume ?? "")|\(citation.reporter ?? "")"
    }
}

/// Distinct elements in the order of their latest touch: asking for the latest element that
/// passes a test gives the same answer as asking the list of every touch.
struct RecencyList<Element: Hashable> {
    private var slots: [Element?] = []
    private var slotOf: [Element: Int] = [:]

    var count: Int { slotOf.count }
    var isEmpty: Bool { slotOf.isEmpty }

    /// Makes `element` the latest.
    mutating func touch(_ element: Element) {
        if let slot = slotOf[element] {
            if slot == slots.count - 1 { return }
            slots[slot] = nil
        }
        slotOf[element] = slots.count
        slots.append(element)
        // Empty slots never outnumber the elements.
        if slots.count > 2 * slotOf.count + 16 {
            let live = slots.compactMap { $0 }
            slots = live
            for (slot, element) in live.enumerated() { slotOf[element] = slot }
        }
    }

    /// The latest element that passes `test`.
    func last(where test: (Element) -> Bool) -> Element? {
        for slot in slots.indices.reversed() {
            if let element = slots[slot], test(element) { return element }
        }
        return nil
    }
}

/// The case names of the full citations read so far, each once, with the keys cited under it,
/// found through their words: a query reads only the names that hold its rarest word.
struct CaseNameIndex {
    private struct Entry {
        var words: [Substring]
        /// The key of the name's latest citation, and when that was.
        var latestKey: String
        var latestTime: Int
        /// The distinct keys cited under the name; two are enough to know it is not one case.
        var keys: [String]
    }

    private var entries: [Entry] = []
    private var entryOf: [String: Int] = [:]
    private var namesWith: [Substring: [Int]] = [:]
    private var time = 0

    mutating func add(_ name: String, key: String) {
        time += 1
        if let index = entryOf[name] {
            entries[index].latestKey = key
            entries[index].latestTime = time
            if entries[index].keys.count < 2 && !entries[index].keys.contains(key) { entries[index].keys.append(key) }
            return
        }
        let words = name.split(separator: " ")
        entryOf[name] = entries.count
        for word in Set(words) { namesWith[word, default: []].append(entries.count) }
        entries.append(Entry(words: words, latestKey: key, latestTime: time, keys: [key]))
    }

    /// The key of the latest citation whose case name holds `short`.
    func latestKey(holding short: String) -> String? {
        var best: Entry?
        for entry in entries(holding: short) where entry.latestTime > (best?.latestTime ?? 0) { best = entry }
        return best?.latestKey
    }

    /// The key when exactly one case (one key) has a name that holds `short`.
    func onlyKey(holding short: String) -> String? {
        var found: String?
        for entry in entries(holding: short) {
            for key in entry.keys where key != found {
                if found != nil { return nil }
                found = key
            }
        }
        return found
    }

    private func entries(holding short: String) -> [Entry] {
        let shortWords = short.split(separator: " ")
        var rarest: [Int]?
        for word in Set(shortWords) {
            let names = namesWith[word] ?? []
            if names.count < rarest?.count ?? .max { rarest = names }
        }
        return (rarest ?? []).map { entries[$0] }.filter { Self.words($0.words, hold: shortWords) }
    }

    /// Whether a full case name holds a short name as whole words (`Cyrus` in
    /// `Cyrus v. Town of Mukwonago`).
    static func name(_ full: String, holds short: String) -> Bool {
        words(full.split(separator: " "), hold: short.split(separator: " "))
    }

    private static func words(_ fullWords: [Substring], hold shortWords: [Substring]) -> Bool {
        guard !shortWords.isEmpty, shortWords.count <= fullWords.count else { return false }
        for start in 0...(fullWords.count - shortWords.count)
        where fullWords[start..<(start + shortWords.count)].elementsEqual(shortWords) {
            return true
        }
        return false
    }
}
