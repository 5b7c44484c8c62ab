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
/// resolved in time linear in its citations. Keys and names are numbered once (see
/// `StringNumbers`) and names split into words only when a query needs them, so that each
/// citation costs a few lookups.
struct CitationResolver {
    /// A full citation by the numbers of its key and case name.
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
    private var byVolumeAndReporter: [VolumeAndReporter: RecencyList<FullCitation>] = Dictionary(minimumCapacity: 64)
    private var keys = StringNumbers()
    private var names = CaseNameIndex()
    /// What an `Id.` here would stand for: a key's number, or a key that is no full citation's.
    private var previous: Previous?
    /// The bytes of the key being looked up, kept from one citation to the next.
    private var keyBytes: [UInt8] = []

    private enum Previous {
        case number(Int)
        case key(String)
    }

    /// A new opinion: `Id.` does not reach into the opinion before, but short forms and `supra` do.
    mutating func startOpinion() {
        previous = nil
    }

    mutating func resolve(_ citation: inout Citation) {
        switch citation.kind {
        case .fullCase, .journal:
            guard let key = keyNumber(of: citation) else { previous = nil; return }
            let name = citation.caseName.map { names.number(of: $0) }
            let full = FullCitation(key: key, caseName: name, page: citation.page.flatMap { Int($0) })
            byVolumeAndReporter[Self.volumeAndReporter(citation), default: RecencyList()].touch(full)
            if let name { names.add(name, key: key) }
            previous = .number(key)
        case .statute, .regulation, .rule, .constitution:
            previous = citation.key.map { .key($0) }
        case .id:
            citation.refersTo = previousKey
        case .shortCase:
            let target = shortFormTarget(citation)
            citation.refersTo = target.map { keys.string($0) }
            previous = target.map { .number($0) }
        case .supra:
            let target = citation.caseName.flatMap { names.latestKey(holding: names.number(of: $0)) }
            citation.refersTo = target.map { keys.string($0) }
            previous = target.map { .number($0) }
        case .unknown:
            previous = nil
        }
    }

    private var previousKey: String? {
        switch previous {
        case .number(let number): keys.string(number)
        case .key(let key): key
        case nil: nil
        }
    }

    /// The number of the full citation's key (`citation.key`, `624 F.3d 856`): its bytes are
    /// put together in a buffer kept for the purpose, and a string is made only for a new key.
    private mutating func keyNumber(of citation: Citation) -> Int? {
        guard let volume = citation.volume, let reporter = citation.reporter, let page = citation.page else { return nil }
        keyBytes.removeAll(keepingCapacity: true)
        keyBytes += volume.utf8
        keyBytes.append(0x20)
        keyBytes += reporter.utf8
        keyBytes.append(0x20)
        keyBytes += page.utf8
        return keyBytes.withUnsafeBufferPointer { keys.number(bytes: $0) }
    }

    /// The number of the key a short form stands for.
    private mutating func shortFormTarget(_ citation: Citation) -> Int? {
        let name = citation.caseName.map { names.number(of: $0) }
        guard let candidates = byVolumeAndReporter[Self.volumeAndReporter(citation)], !candidates.isEmpty else {
            // Cited before in another reporter only (`Mullenix, 136 S. Ct. at 308` after
            // `Mullenix v. Luna, 577 U.S. 7`): the name decides, if one case has it.
            return name.flatMap { names.onlyKey(holding: $0) }
        }
        // One case of this volume and reporter (cited once or more): it.
        if candidates.count == 1 { return candidates.last { _ in true }?.key }
        if let name, let named = candidates.last(where: { $0.caseName.map { names.name($0, holds: name) } ?? false }) {
            return named.key
        }
        let pinpoint = citation.pinpoint.flatMap { Int($0.prefix { $0.isNumber }) }
        if let pinpoint, let before = candidates.last(where: { ($0.page ?? Int.max) <= pinpoint }) { return before.key }
        return candidates.last { _ in true }?.key
    }

    private static func volumeAndReporter(_ citation: Citation) -> VolumeAndReporter {
        VolumeAndReporter(volume: citation.volume ?? "", reporter: citation.reporter ?? "")
    }
}

/// Distinct elements in the order of their latest touch: asking for the latest element that
/// passes a test gives the same answer as asking the list of every touch. A short list is
/// searched in place; a long one keeps an index of where each element is.
struct RecencyList<Element: Hashable> {
    private var slots: [Element?] = []
    private var slotOf: [Element: Int] = [:]
    private var live = 0
    /// Up to this many slots, an element is looked for by reading them.
    private static var searchedSlots: Int { 16 }

    var count: Int { live }
    var isEmpty: Bool { live == 0 }

    /// Makes `element` the latest.
    mutating func touch(_ element: Element) {
        if let slot = slot(of: element) {
            if slot == slots.count - 1 { return }
            slots[slot] = nil
        } else {
            live += 1
        }
        if slots.count >= Self.searchedSlots {
            if slotOf.isEmpty { for (slot, element) in slots.enumerated() { if let element { slotOf[element] = slot } } }
            slotOf[element] = slots.count
        }
        slots.append(element)
        // Empty slots never outnumber the elements.
        if slots.count > 2 * live + 16 {
            let kept = slots.compactMap { $0 }
            slots = kept
            slotOf = [:]
            if slots.count >= Self.searchedSlots { for (slot, element) in kept.enumerated() { slotOf[element] = slot } }
        }
    }

    private func slot(of element: Element) -> Int? {
        if !slotOf.isEmpty || slots.count > Self.searchedSlots { return slotOf[element] }
        return slots.firstIndex { $0 == element }
    }

    /// The latest element that passes `test`.
    func last(where test: (Element) -> Bool) -> Element? {
        for slot in slots.indices.reversed() {
            if let element = slots[slot], test(element) { return element }
        }
        return nil
    }
}

/// Strings numbered in the order first seen, equal strings (as `String` compares them, by
/// canonical equivalence) alike. ASCII strings, the usual case, are found in a table of their
/// bytes with a cheap hash; others in a dictionary of strings. A string beyond ASCII equals an
/// ASCII one only through the three characters whose canonical form is ASCII (`;` U+037E, `` ` ``
/// U+1FEF, `K` U+212A): with those replaced, such a string is looked up as ASCII.
struct StringNumbers {
    /// Each number's string, when one was given or made (words are numbered from bytes only).
    private var strings: [String?] = []
    /// ASCII strings: each number's bytes in `arena` from `starts[number]`, and its hash.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Whether each number is in the table (else in `others`).
    private var inTable: [Bool] = []
    /// Open addressing by hash: the number in each slot, -1 when empty (a power of two long).
    private var slots = [Int32](repeating: -1, count: 64)
    private var tableCount = 0
    private var others: [String: Int] = [:]

    var count: Int { strings.count }

    /// The string numbered `number` (numbered from a string, or from bytes with `keepString`).
    func string(_ number: Int) -> String { strings[number] ?? "" }

    mutating func number(_ string: String) -> Int {
        var bytes = string
        return bytes.withUTF8 { utf8 in
            if Self.isASCII(utf8) { return tableNumber(utf8, string: string) }
            return numberBeyondASCII(utf8, string: string)
        }
    }

    /// The number of the string whose UTF-8 bytes these are; the string is made and kept only
    /// when the bytes are new (`keepString`).
    mutating func number(bytes utf8: UnsafeBufferPointer<UInt8>, keepString: Bool = true) -> Int {
        if Self.isASCII(utf8) { return tableNumber(utf8, string: nil, keepString: keepString) }
        return numberBeyondASCII(utf8, string: String(decoding: utf8, as: UTF8.self))
    }

    private static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var bits: UInt8 = 0
        for byte in utf8 { bits |= byte }
        return bits < 0x80
    }

    private mutating func numberBeyondASCII(_ utf8: UnsafeBufferPointer<UInt8>, string: String) -> Int {
        if let ascii = Self.asciiEquivalent(utf8) { return ascii.withUnsafeBufferPointer { tableNumber($0, string: string) } }
        if let number = others[string] { return number }
        others[string] = strings.count
        strings.append(string)
        starts.append(arena.count)
        hashes.append(0)
        inTable.append(false)
        return strings.count - 1
    }

    /// The bytes with `;` U+037E, `` ` `` U+1FEF and `K` U+212A made ASCII, when that leaves
    /// only ASCII; nil otherwise.
    private static func asciiEquivalent(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x80 {
                result.append(byte)
                index += 1
            } else if index + 1 < utf8.count && byte == 0xCD && utf8[index + 1] == 0xBE {
                result.append(UInt8(ascii: ";"))
                index += 2
            } else if index + 2 < utf8.count && byte == 0xE1 && utf8[index + 1] == 0xBF && utf8[index + 2] == 0xAF {
                result.append(UInt8(ascii: "`"))
                index += 3
            } else if index + 2 < utf8.count && byte == 0xE2 && utf8[index + 1] == 0x84 && utf8[index + 2] == 0xAA {
                result.append(UInt8(ascii: "K"))
                index += 3
            } else {
                return nil
            }
        }
        return result
    }

    private mutating func tableNumber(_ utf8: UnsafeBufferPointer<UInt8>, string: String?, keepString: Bool = true) -> Int {
        let hash = Self.hash(utf8)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 {
            let number = Int(slots[slot])
            if hashes[number] == hash {
                let start = starts[number], end = starts[number + 1]
                let same = arena.withUnsafeBufferPointer { ByteLines.equal(UnsafeBufferPointer(rebasing: $0[start..<end]), utf8) }
                if same { return number }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        let number = strings.count
        strings.append(string ?? (keepString ? String(decoding: utf8, as: UTF8.self) : nil))
        arena.append(contentsOf: utf8)
        starts.append(arena.count)
        hashes.append(hash)
        inTable.append(true)
        slots[slot] = Int32(number)
        tableCount += 1
        if tableCount * 2 > slots.count { grow() }
        return number
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for number in strings.indices where inTable[number] {
            var slot = Int(truncatingIfNeeded: hashes[number]) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(number)
        }
    }

    /// A multiply-and-rotate hash, eight bytes at a time.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash = hash << 29 | hash >> 35
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ hash >> 32
    }
}

/// The case names of the full citations read so far, each once, with the keys cited under it,
/// found through their words: a query reads only the names that hold its rarest word. Names and
/// words are numbered (see `StringNumbers`); a name is split into words, and the names filed
/// since the last query indexed by their words, only when a query needs them.
struct CaseNameIndex {
    private struct Entry {
        var name: Int
        /// The number of the key of the name's latest citation, and when that was.
        var latestKey: Int
        var latestTime: Int
        /// The distinct keys cited under the name; two are enough to know it is not one case.
        var keys: [Int]
    }

    private var entries: [Entry] = []
    private var names = StringNumbers()
    /// For each name number: its words' numbers once split, and its entry (-1: none yet).
    private var wordsOfName: [[Int]?] = []
    private var entryOfName: [Int] = []
    private var words = StringNumbers()
    /// For each word number: the entries whose names hold it, in order, up to `indexed`.
    private var namesWith: [[Int]] = []
    private var indexed = 0
    private var time = 0

    /// The number of a name (full or short).
    mutating func number(of name: String) -> Int {
        let number = names.number(name)
        if number == entryOfName.count {
            wordsOfName.append(nil)
            entryOfName.append(-1)
        }
        return number
    }

    /// Files the full citation whose key is numbered `key` under the name numbered `name`.
    mutating func add(_ name: Int, key: Int) {
        time += 1
        let index = entryOfName[name]
        if index >= 0 {
            entries[index].latestKey = key
            entries[index].latestTime = time
            if entries[index].keys.count < 2 && !entries[index].keys.contains(key) { entries[index].keys.append(key) }
            return
        }
        entryOfName[name] = entries.count
        entries.append(Entry(name: name, latestKey: key, latestTime: time, keys: [key]))
    }

    /// The key of the latest citation whose case name holds the name numbered `short`.
    mutating func latestKey(holding short: Int) -> Int? {
        var best: Entry?
        for entry in entries(holding: short) where entry.latestTime > (best?.latestTime ?? 0) { best = entry }
        return best?.latestKey
    }

    /// The key when exactly one case (one key) has a name that holds the name numbered `short`.
    mutating func onlyKey(holding short: Int) -> Int? {
        var found: Int?
        for entry in entries(holding: short) {
            for key in entry.keys where key != found {
                if found != nil { return nil }
                found = key
            }
        }
        return found
    }

    private mutating func entries(holding short: Int) -> [Entry] {
        indexEntries()
        let shortWords = words(of: short)
        var rarest: [Int]?
        for word in shortWords {
            let names = namesWith[word]
            if names.count < rarest?.count ?? .max { rarest = names }
        }
        return (rarest ?? []).map { entries[$0] }.filter { Self.words(wordsOfName[$0.name]!, hold: shortWords) }
    }

    /// Indexes the entries filed since the last query by their words.
    private mutating func indexEntries() {
        while indexed < entries.count {
            for word in words(of: entries[indexed].name) where namesWith[word].last != indexed {
                namesWith[word].append(indexed)
            }
            indexed += 1
        }
    }

    /// Whether the name numbered `full` holds the name numbered `short` as whole words (`Cyrus`
    /// in `Cyrus v. Town of Mukwonago`).
    mutating func name(_ full: Int, holds short: Int) -> Bool {
        let shortWords = words(of: short)
        return Self.words(words(of: full), hold: shortWords)
    }

    /// The numbers of the words of the name numbered `name`, split the first time they are asked for.
    /// The numbers of the words of the name numbered `name`, split the first time they are
    /// asked for at spaces (as `split(separator: " ")` splits characters; ASCII text is split on
    /// its bytes, where the two agree, and its words numbered without making strings).
    private mutating func words(of name: Int) -> [Int] {
        if let known = wordsOfName[name] { return known }
        var split: [Int] = []
        let text = names.string(name)
        var bytes = text
        bytes.withUTF8 { utf8 in
            if utf8.allSatisfy({ $0 < 0x80 }) {
                var start = 0
                for index in 0...utf8.count where index == utf8.count || utf8[index] == 0x20 {
                    if index > start {
                        split.append(words.number(bytes: UnsafeBufferPointer(rebasing: utf8[start..<index]), keepString: false))
                    }
                    start = index + 1
                }
            } else {
                split = text.split(separator: " ").map { words.number(String($0)) }
            }
        }
        while namesWith.count < words.count { namesWith.append([]) }
        wordsOfName[name] = split
        return split
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
