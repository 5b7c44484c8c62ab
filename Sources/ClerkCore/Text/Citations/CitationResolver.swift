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
    /// A full citation by the numbers of its key and case name (see `StringNumbers`), so that
    /// keeping it and comparing it costs no string hashing.
    private struct FullCitation: Hashable {
        var key: Int
        var caseName: Int?
        var page: Int?
    }

    /// A short form's volume and reporter, as full citations are filed under them.
    private struct VolumeAndReporter: Hashable {
        var volume: String
        var reporter: String
    }

    /// The full citations of each volume and reporter, each once, by their latest citation.
    private var byVolumeAndReporter: [VolumeAndReporter: RecencyList<FullCitation>] = [:]
    private var keys = StringNumbers()
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
            let keyNumber = keys.number(key)
            let full = FullCitation(
                key: keyNumber, caseName: citation.caseName.map { names.number(of: $0) }, page: citation.page.flatMap { Int($0) })
            byVolumeAndReporter[Self.volumeAndReporter(citation), default: RecencyList()].touch(full)
            if let caseName = full.caseName { names.add(caseName, key: key) }
            previous = key
        case .statute, .regulation, .rule, .constitution:
            previous = citation.key
        case .id:
            citation.refersTo = previous
        case .shortCase:
            citation.refersTo = shortFormTarget(citation)
            previous = citation.refersTo
        case .supra:
            citation.refersTo = citation.caseName.flatMap { names.latestKey(holding: names.number(of: $0)) }
            previous = citation.refersTo
        case .unknown:
            previous = nil
        }
    }

    private mutating func shortFormTarget(_ citation: Citation) -> String? {
        let name = citation.caseName.map { names.number(of: $0) }
        guard let candidates = byVolumeAndReporter[Self.volumeAndReporter(citation)], !candidates.isEmpty else {
            // Cited before in another reporter only (`Mullenix, 136 S. Ct. at 308` after
            // `Mullenix v. Luna, 577 U.S. 7`): the name decides, if one case has it.
            return name.flatMap { names.onlyKey(holding: $0) }
        }
        // One case of this volume and reporter (cited once or more): it.
        if candidates.count == 1 { return candidates.last { _ in true }.map { keys.string($0.key) } }
        if let name, let named = candidates.last(where: { $0.caseName.map { names.name($0, holds: name) } ?? false }) {
            return keys.string(named.key)
        }
        let pinpoint = citation.pinpoint.flatMap { Int($0.prefix { $0.isNumber }) }
        if let pinpoint, let before = candidates.last(where: { ($0.page ?? Int.max) <= pinpoint }) { return keys.string(before.key) }
        return candidates.last { _ in true }.map { keys.string($0.key) }
    }

    private static func volumeAndReporter(_ citation: Citation) -> VolumeAndReporter {
        VolumeAndReporter(volume: citation.volume ?? "", reporter: citation.reporter ?? "")
    }
}

/// Strings numbered in the order first seen, equal strings (as `String` compares them) alike.
struct StringNumbers {
    private var numberOf: [String: Int] = [:]
    private var strings: [String] = []

    var count: Int { strings.count }

    mutating func number(_ string: String) -> Int {
        if let number = numberOf[string] { return number }
        numberOf[string] = strings.count
        strings.append(string)
        return strings.count - 1
    }

    func string(_ number: Int) -> String { strings[number] }
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
/// found through their words: a query reads only the names that hold its rarest word. Names and
/// words are numbered (see `StringNumbers`), each name split into words once.
struct CaseNameIndex {
    private struct Entry {
        var words: [Int]
        /// The key of the name's latest citation, and when that was.
        var latestKey: String
        var latestTime: Int
        /// The distinct keys cited under the name; two are enough to know it is not one case.
        var keys: [String]
    }

    private var entries: [Entry] = []
    private var names = StringNumbers()
    /// For each name number: its words' numbers, and its entry (-1: none yet).
    private var wordsOfName: [[Int]] = []
    private var entryOfName: [Int] = []
    private var words = StringNumbers()
    /// For each word number: the entries whose names hold it, in order.
    private var namesWith: [[Int]] = []
    private var time = 0

    /// The number of a name (full or short), split into words the first time it is seen.
    mutating func number(of name: String) -> Int {
        let number = names.number(name)
        if number == wordsOfName.count {
            wordsOfName.append(Self.words(of: name).map { word in
                let wordNumber = words.number(word)
                if wordNumber == namesWith.count { namesWith.append([]) }
                return wordNumber
            })
            entryOfName.append(-1)
        }
        return number
    }

    /// The name's words, split at spaces (as `split(separator: " ")` splits characters; ASCII
    /// text is split on its bytes, where the two agree).
    private static func words(of name: String) -> [String] {
        var bytes = name
        return bytes.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return name.split(separator: " ").map(String.init) }
            var words: [String] = []
            var start = 0
            for index in 0...utf8.count where index == utf8.count || utf8[index] == 0x20 {
                if index > start { words.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<index]), as: UTF8.self)) }
                start = index + 1
            }
            return words
        }
    }

    /// Files the full citation `key` under the name numbered `name`.
    mutating func add(_ name: Int, key: String) {
        time += 1
        let index = entryOfName[name]
        if index >= 0 {
            entries[index].latestKey = key
            entries[index].latestTime = time
            if entries[index].keys.count < 2 && !entries[index].keys.contains(key) { entries[index].keys.append(key) }
            return
        }
        entryOfName[name] = entries.count
        for word in Set(wordsOfName[name]) { namesWith[word].append(entries.count) }
        entries.append(Entry(words: wordsOfName[name], latestKey: key, latestTime: time, keys: [key]))
    }

    /// The key of the latest citation whose case name holds the name numbered `short`.
    func latestKey(holding short: Int) -> String? {
        var best: Entry?
        for entry in entries(holding: short) where entry.latestTime > (best?.latestTime ?? 0) { best = entry }
        return best?.latestKey
    }

    /// The key when exactly one case (one key) has a name that holds the name numbered `short`.
    func onlyKey(holding short: Int) -> String? {
        var found: String?
        for entry in entries(holding: short) {
            for key in entry.keys where key != found {
                if found != nil { return nil }
                found = key
            }
        }
        return found
    }

    private func entries(holding short: Int) -> [Entry] {
        let shortWords = wordsOfName[short]
        var rarest: [Int]?
        for word in shortWords {
            let names = namesWith[word]
            if names.count < rarest?.count ?? .max { rarest = names }
        }
        return (rarest ?? []).map { entries[$0] }.filter { Self.words($0.words, hold: shortWords) }
    }

    /// Whether the name numbered `full` holds the name numbered `short` as whole words (`Cyrus`
    /// in `Cyrus v. Town of Mukwonago`).
    func name(_ full: Int, holds short: Int) -> Bool {
        Self.words(wordsOfName[full], hold: wordsOfName[short])
    }

    private static func words(_ fullWords: [Int], hold shortWords: [Int]) -> Bool {
        guard !shortWords.isEmpty, shortWords.count <= fullWords.count else { return false }
        for start in 0...(fullWords.count - shortWords.count)
        where fullWords[start..<(start + shortWords.count)].elementsEqual(shortWords) {
            return true
        }
        return false
    }
}
