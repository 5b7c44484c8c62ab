/// One place that may be page furniture: the bytes to remove, the words they hold, and the
/// number that may be its page number.
struct FurnitureCandidate {
    /// Bytes to remove: a whole line with its `\n`, or inline words with one side's spaces.
    var removal: Range<Int>
    /// The words it holds.
    var words: ClosedRange<Int>
    var value: Int
}

/// Candidates of one shape (and, for a line with several numbers, one of its numbers).
struct CandidateGroup {
    var members: [FurnitureCandidate] = []
    /// How many words the shape holds: of two shapes with the same sequence, the longer is
    /// the whole header.
    var size: Int
}

/// One found page boundary: the furniture removed there and the page that begins after it.
struct PageBoundary {
    var candidate: FurnitureCandidate
    /// The page the text after the removed furniture is on.
    var page: Int
    /// The removed furniture's own page (a footer belongs to the page before the boundary).
    var isFooter: Bool
    /// A second piece of furniture at a boundary already marked (a footer and the next header).
    var carriesMark = true
    /// Where the new page's text begins, in words.
    var startWord: Int { candidate.words.upperBound + 1 }
}

struct FurnitureWarning {
    var offset: Int
    var message: String
}

/// What was found: numbered boundaries, then other removals (banners) that mark nothing.
struct FoundPages {
    var boundaries: [PageBoundary] = []
    var extra: [(candidate: FurnitureCandidate, reason: String)] = []
    var warnings: [FurnitureWarning] = []

    var boundaryWords: [Int] { boundaries.map(\.startWord) }
}

/// Finds page furniture in a `WordMap`.
struct FurnitureFinder {
    let configuration: PageFurnitureStage.Configuration
    let text: WordMap
    /// How many earlier candidates a sequence link may reach back (keeps the search linear).
    private let window = 48

    init(configuration: PageFurnitureStage.Configuration, text: WordMap) {
        self.configuration = configuration
        self.text = text
    }

    // MARK: Candidate groups

    /// Layout text: each short line, once per number it holds, grouped by shape and number slot.
    /// Only groups of two or more members are returned (one line makes no sequence).
    func lineGroups() -> [CandidateGroup] {
        text.bytes.withUnsafeBufferPointer { bytes in
            var grouping = CandidateGrouping()
            /// Each group's first line content and number slot, to compare keys with.
            var keys: [(content: Range<Int>, slot: UInt8)] = []
            var numbers: [Int?] = []
            for (lineIndex, line) in text.lines.enumerated() {
                let content = WordMap.trimmed(bytes, line)
                guard !content.isEmpty, content.count <= configuration.maximumLineLength * 2 else { continue }
                // A line without digits holds no page number: no need to read its shape.
                let slice = UnsafeBufferPointer(rebasing: bytes[content])
                guard ByteSearch.nextDigit(in: slice, from: 0) < slice.count else { continue }
                let shape = WordMap.lineShape(bytes, content, numbers: &numbers)
                guard shape.length <= configuration.maximumLineLength, !numbers.isEmpty else { continue }
                let firstWord = text.lineFirstWord[lineIndex]
                let lastWord = text.word(atOrAfter: content.upperBound) - 1
                for (slot, value) in numbers.enumerated() {
                    guard let value else { continue }
                    let slot = UInt8(truncatingIfNeeded: slot)
                    let group = grouping.find(ByteWordTable.mix(shape.hash, slot), size: lastWord - firstWord + 1) {
                        keys[$0].slot == slot && WordMap.sameShape(bytes, keys[$0].content, content)
                    }
                    if group == keys.count { keys.append((content, slot)) }
                    grouping.add(group, words: firstWord...lastWord, value: value, origin: lineIndex)
                }
            }
            return grouping.groups { _, lineIndex in
                let line = text.lines[lineIndex]
                return line.lowerBound..<min(line.upperBound + 1, bytes.count)
            }
        }
    }

    /// Flat text: each inline number with up to `contextWords` words around it, grouped by the
    /// shape of those words. Only groups of two or more members are returned.
    func inlineGroups() -> [CandidateGroup] {
        text.bytes.withUnsafeBufferPointer { bytes in
            var grouping = CandidateGrouping()
            /// Each group's words before and after its number, and its first member's first word.
            var keys: [(before: Int, after: Int, first: Int)] = []
            let words = text.words
            let context = configuration.contextWords
            // The shape hashes of the words around the number, by word index modulo 16.
            var shapeHashes = [(word: Int, hash: UInt64)](repeating: (-1, 0), count: 16)
            func shapeHash(_ word: Int) -> UInt64 {
                if shapeHashes[word & 15].word != word { shapeHashes[word & 15] = (word, WordMap.shapeHash(bytes, words[word]).hash) }
                return shapeHashes[word & 15].hash
            }
            for (wordIndex, word) in words.enumerated() {
                guard word.count <= 4, let value = Self.number(bytes, word) else { continue }
                for before in 0...context {
                    for after in 0...(context - before) where before + after > 0 {
                        let first = wordIndex - before, last = wordIndex + after
                        guard first >= 0, last < words.count else { continue }
                        var hash = ByteWordTable.mix(ByteWordTable.mix(ByteWordTable.seed, UInt8(before)), UInt8(after))
                        for part in first...last { hash = (hash ^ shapeHash(part)) &* 0x9E37_79B9_7F4A_7C15 }
                        let group = grouping.find(hash, size: before + after + 1) { group in
                            let key = keys[group]
                            guard key.before == before, key.after == after else { return false }
                            for offset in 0...(before + after)
                            where !WordMap.sameShape(bytes, words[key.first + offset], words[first + offset]) {
                                return false
                            }
                            return true
                        }
                        if group == keys.count { keys.append((before, after, first)) }
                        grouping.add(group, words: first...last, value: value, origin: wordIndex)
                    }
                }
            }
            return grouping.groups { found, _ in inlineRemoval(words[found.lowerBound].lowerBound..<words[found.upperBound].upperBound) }
        }
    }

    /// The value of a word of digits only.
    @inline(__always)
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Int? {
        var value = 0
        for index in word {
            guard bytes[index].isASCIIDigit else { return nil }
            value = value * 10 + Int(bytes[index] - 0x30)
        }
        return value
    }

    /// The bytes to remove for inline furniture at `range`, so that the words around it end up
    /// one space apart: the furniture and the spaces after it when a word follows on the line
    /// (the new page then begins exactly at that word), else the spaces before it, and the whole
    /// line with its `\n` when the furniture is all the line holds.
    private func inlineRemoval(_ range: Range<Int>) -> Range<Int> {
        let bytes = text.bytes
        var end = range.upperBound
        while end < bytes.count && text.isSpace(end) { end += 1 }
        if end < bytes.count && bytes[end] != 0x0A { return range.lowerBound..<end }
        var start = range.lowerBound
        while start > 0 && text.isSpace(start - 1) { start -= 1 }
        if start == 0 || bytes[start - 1] == 0x0A { return start..<min(end + 1, bytes.count) }
        return start..<end
    }

    // MARK: Sequences

    /// A group's page sequence: the best chain of members whose numbers rise by small steps,
    /// short pages costing more than they bring, and how many words a page holds on it.
    struct Sequence {
        var members: [Int]
        var wordsPerPage: Int
        var step: Int
    }

    func sequence(of group: CandidateGroup) -> Sequence? {
        let members = group.members
        guard members.count >= 2 else { return nil }
        var score = [Double](repeating: 1, count: members.count)
        var previous = [Int](repeating: -1, count: members.count)
        for current in members.indices {
            for earlier in max(0, current - window)..<current {
                let step = members[current].value - members[earlier].value
                let gap = members[current].words.lowerBound - members[earlier].words.upperBound
                guard step >= 1, step <= configuration.maximumPageStep, gap > 0 else { continue }
                var candidate = score[earlier] + 1 - 0.1 * Double(step - 1)
                if gap < configuration.minimumPageWords { candidate -= 0.6 }
                if candidate > score[current] {
                    score[current] = candidate
                    previous[current] = earlier
                }
            }
        }
        guard var last = score.indices.max(by: { score[$0] < score[$1] }) else { return nil }
        var chain: [Int] = []
        while last >= 0 {
            chain.append(last)
            last = previous[last]
        }
        chain.reverse()
        // Most of the shape's lines must be in the sequence: citations and list items repeat a
        // shape too, but their numbers do not run.
        guard chain.count >= 2, chain.count * 2 >= members.count else { return nil }
        var perPage: [Int] = []
        var steps: [Int] = []
        for (earlier, later) in zip(chain, chain.dropFirst()) {
            let step = members[later].value - members[earlier].value
            perPage.append((members[later].words.lowerBound - members[earlier].words.lowerBound) / step)
            steps.append(step)
        }
        let wordsPerPage = median(perPage)
        guard wordsPerPage >= configuration.minimumPageWords else { return nil }
        return Sequence(members: chain, wordsPerPage: wordsPerPage, step: median(steps))
    }

    /// Numbered furniture: the sequences of all groups, longest first, kept when their pages
    /// agree with those already kept; together they must cover enough pages.
    func numberedFurniture(_ groups: [CandidateGroup]) -> FoundPages {
        var found: [(group: CandidateGroup, sequence: Sequence)] = []
        for group in groups where group.members.count >= 2 {
            if let sequence = sequence(of: group) { found.append((group, sequence)) }
        }
        found.sort {
            let left = ($0.sequence.members.count, $0.group.size), right = ($1.sequence.members.count, $1.group.size)
            if left != right { return left > right }
            return $0.group.members[$0.sequence.members[0]].value < $1.group.members[$1.sequence.members[0]].value
        }
        var claimed = [Bool](repeating: false, count: text.words.count)
        var result = FoundPages()
        // Members of kept shapes left out of their sequence, with the shape's orientation.
        var misfits: [(candidate: FurnitureCandidate, isFooter: Bool)] = []
        for (group, sequence) in found {
            let members = sequence.members.map { group.members[$0] }.filter { candidate in
                !candidate.words.contains { claimed[$0] }
            }
            guard members.count >= 2 else { continue }
            let isFooter = isFooter(members, wordsPerPage: sequence.wordsPerPage)
            let boundaries = members.map { PageBoundary(candidate: $0, page: $0.value + (isFooter ? 1 : 0), isFooter: isFooter) }
            guard let merged = merge(result.boundaries, boundaries, wordsPerPage: sequence.wordsPerPage) else { continue }
            result.boundaries = merged
            for boundary in boundaries {
                for word in boundary.candidate.words { claimed[word] = true }
            }
            let inSequence = Set(sequence.members)
            for index in group.members.indices where !inSequence.contains(index) {
                misfits.append((group.members[index], isFooter))
            }
        }
        let pages = Set(result.boundaries.map(\.page))
        guard let low = pages.min(), let high = pages.max(),
              pages.count >= configuration.minimumRepeats, pages.count * 2 >= high - low + 1
        else { return FoundPages() }
        repair(&result, misfits: misfits.filter { !$0.candidate.words.contains { claimed[$0] } })
        markFirstOfEachPage(&result.boundaries)
        warnAboutMissingPages(result.boundaries, into: &result.warnings)
        return result
    }

    /// A sequence sits at the page bottom when the text before its first member is as long as
    /// the pages its number says have ended there (a footer's page is over; a header's is not).
    private func isFooter(_ members: [FurnitureCandidate], wordsPerPage: Int) -> Bool {
        let first = members[0]
        let pagesBefore = Double(first.words.lowerBound) / Double(max(1, wordsPerPage))
        return pagesBefore - Double(first.value - 1) > 0.5
    }

    /// Where the sequence skips exactly one page and a furniture line of a kept shape sits in
    /// the middle of the gap with a number out of sequence (misprinted, misread), it is that
    /// page's furniture: the sequence gives its page, with a warning.
    private func repair(_ pages: inout FoundPages, misfits: [(candidate: FurnitureCandidate, isFooter: Bool)]) {
        let misfits = misfits.sorted { $0.candidate.words.lowerBound < $1.candidate.words.lowerBound }
        var repaired: [PageBoundary] = []
        var cursor = 0
        for (earlier, later) in zip(pages.boundaries, pages.boundaries.dropFirst()) {
            let low = earlier.startWord, high = later.candidate.words.lowerBound
            while cursor < misfits.count && misfits[cursor].candidate.words.lowerBound < low { cursor += 1 }
            guard later.page - earlier.page == 2 else { continue }
            var inGap: [(candidate: FurnitureCandidate, isFooter: Bool)] = []
            var scan = cursor
            while scan < misfits.count && misfits[scan].candidate.words.upperBound < high {
                let offset = misfits[scan].candidate.words.lowerBound - low
                if offset * 4 >= high - low && offset * 4 <= (high - low) * 3 { inGap.append(misfits[scan]) }
                scan += 1
            }
            guard inGap.count == 1, let (candidate, isFooter) = inGap.first else { continue }
            let own = earlier.page + 1 - (isFooter ? 1 : 0)
            pages.warnings.append(FurnitureWarning(
                offset: candidate.removal.lowerBound,
                message: "a page number reads \(candidate.value) where the sequence says \(own); page \(own) assumed"))
            repaired.append(PageBoundary(candidate: candidate, page: earlier.page + 1, isFooter: isFooter))
        }
        pages.boundaries = (pages.boundaries + repaired).sorted { $0.startWord < $1.startWord }
    }

    /// Both lists together, by position, when their pages rise with it (one page may have two
    /// pieces of furniture close together); nil when they contradict each other.
    private func merge(_ kept: [PageBoundary], _ new: [PageBoundary], wordsPerPage: Int) -> [PageBoundary]? {
        let all = (kept + new).sorted { $0.startWord < $1.startWord }
        for (earlier, later) in zip(all, all.dropFirst()) {
            if later.page < earlier.page { return nil }
            if later.page == earlier.page && later.startWord - earlier.startWord > wordsPerPage / 2 { return nil }
        }
        return all
    }

    private func markFirstOfEachPage(_ boundaries: inout [PageBoundary]) {
        var previous: Int?
        for index in boundaries.indices {
            boundaries[index].carriesMark = boundaries[index].page != previous
            previous = boundaries[index].page
        }
    }

    private func warnAboutMissingPages(_ boundaries: [PageBoundary], into warnings: inout [FurnitureWarning]) {
        for (earlier, later) in zip(boundaries, boundaries.dropFirst()) where later.page - earlier.page > 1 {
            let missing = later.page - earlier.page == 2
                ? "page \(earlier.page + 1)" : "pages \(earlier.page + 1)–\(later.page - 1)"
            warnings.append(FurnitureWarning(
                offset: later.candidate.removal.lowerBound,
                message: "no running header or footer found for \(missing); the page break before it is missing"))
        }
    }

    // MARK: Lines that repeat verbatim (banners)

    /// Short layout lines among `lines` (ascending line indexes) grouped by their text (white
    /// space collapsed; with `digits`, digit runs as wildcards).
    private func repeatedLines(among lines: some Swift.Sequence<Int>, digits: Bool = false) -> [[Int]] {
        text.bytes.withUnsafeBufferPointer { bytes in
            var index = HashedGroups()
            var groups: [[Int]] = []
            /// Each group's first line content, to compare texts with.
            var keys: [Range<Int>] = []
            for lineIndex in lines {
                let content = WordMap.trimmed(bytes, text.lines[lineIndex])
                guard !content.isEmpty, content.count <= configuration.maximumLineLength * 2 else { continue }
                let key = WordMap.shapeHash(bytes, content, digits: digits)
                guard key.length <= configuration.maximumLineLength else { continue }
                let (group, isNew) = index.find(key.hash) { WordMap.sameShape(bytes, keys[$0], content, digits: digits) }
                if isNew {
                    groups.append([lineIndex])
                    keys.append(content)
                } else {
                    groups[group].append(lineIndex)
                }
            }
            return groups.filter { $0.count >= configuration.minimumRepeats }
        }
    }

    private func candidate(line lineIndex: Int) -> FurnitureCandidate {
        let line = text.lines[lineIndex]
        let content = trimmed(line, in: text.bytes)
        let first = text.lineFirstWord[lineIndex]
        let last = text.word(atOrAfter: content.upperBound) - 1
        return FurnitureCandidate(removal: line.lowerBound..<min(line.upperBound + 1, text.bytes.count), words: first...last, value: 0)
    }

    /// Lines that repeat verbatim right next to most page boundaries (a filing banner, a court
    /// name above each header): furniture of the page they sit on. `boundaries` gives the first
    /// word of each new page and its number.
    func addRepeatedLines(near boundaries: [(word: Int, page: Int)], to pages: inout FoundPages) {
        guard let first = boundaries.first else { return }
        // The top of the text is the top of the page before the first boundary.
        let boundaries = first.word > 0 ? [(word: 0, page: first.page - 1)] + boundaries : boundaries
        var claimed = [Bool](repeating: false, count: text.words.count)
        for boundary in pages.boundaries {
            for word in boundary.candidate.words { claimed[word] = true }
        }
        let allNonblank = text.lines.indices.filter { !trimmed(text.lines[$0], in: text.bytes).isEmpty }
        // The nonblank lines not yet removed, and for those next to a boundary, which one.
        let nonblank = allNonblank.filter { !claimed[text.lineFirstWord[$0]] }
        let zone = edgeZone(of: nonblank, boundaries: boundaries)
        var taken = Set<Int>()
        func take(_ inZone: [(line: Int, boundary: Int, after: Bool)]) {
            for (line, index, after) in inZone where !claimed[text.lineFirstWord[line]] && taken.insert(line).inserted {
                let page = boundaries[index].page
                let reason = after ? "running header of page \(page)" : "running footer of page \(page - 1)"
                pages.extra.append((candidate(line: line), reason))
            }
        }
        let needed = max(configuration.minimumRepeats, (boundaries.count + 1) / 2)
        // Lines that repeat verbatim next to most boundaries; only lines next to a boundary
        // count, so only they are grouped: a group needs `needed` of them.
        for lines in repeatedLines(among: zone.keys.sorted()) {
            let inZone = lines.compactMap { line in zone[line].map { (line: line, boundary: $0.boundary, after: $0.after) } }
            guard Set(inZone.map(\.boundary)).count >= needed else { continue }
            take(inZone)
        }
        // Lines of one shape (a page number in it counts as any number) found at the edges of
        // pages and hardly anywhere else: running heads that alternate between odd and even
        // pages, change with each opinion, or restart their numbers with it, so that no one of
        // them is next to most boundaries. At least `minimumRepeats` pages, and four in five of
        // the shape's lines at a page edge.
        // Lines already found as numbered furniture count in their shape's lines here too.
        let fullZone = edgeZone(of: allNonblank, boundaries: boundaries)
        for lines in repeatedLines(among: fullZone.keys.sorted(), digits: true) {
            let inZone = lines.compactMap { line in fullZone[line].map { (line: line, boundary: $0.boundary, after: $0.after) } }
            guard Set(inZone.map(\.boundary)).count >= configuration.minimumRepeats,
                  inZone.count * 5 >= (inZone.count + linesOfShape(lines, among: allNonblank, outside: fullZone)) * 4
            else { continue }
            take(inZone)
        }
    }

    /// Layout lines that are filing-system stamps (`FilingBanner`), whatever their number.
    func filingBanners(besides pages: FoundPages) -> [(candidate: FurnitureCandidate, reason: String)] {
        let taken = Set(pages.boundaries.map(\.candidate.removal.lowerBound) + pages.extra.map(\.candidate.removal.lowerBound))
        var found: [(candidate: FurnitureCandidate, reason: String)] = []
        for line in text.lines.indices {
            let content = trimmed(text.lines[line], in: text.bytes)
            guard !content.isEmpty, content.count <= configuration.maximumLineLength * 2,
                  FilingBanner.mayBe(text.bytes[content]) else { continue }
            let words = String(decoding: text.bytes[content], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard FilingBanner.isBanner(words) else { continue }
            let candidate = candidate(line: line)
            if !taken.contains(candidate.removal.lowerBound) { found.append((candidate, "filing-system stamp on the page")) }
        }
        return found
    }

    /// How many of `lines` (nonblank) outside `zone` have the shape of `group`'s lines (digit
    /// runs as wildcards). Only lines that open the same way and are about as long are compared.
    private func linesOfShape(_ group: [Int], among lines: [Int], outside zone: [Int: (boundary: Int, after: Bool)]) -> Int {
        let key = trimmed(text.lines[group[0]], in: text.bytes)
        let lengths = group.map { trimmed(text.lines[$0], in: text.bytes).count }
        let shortest = (lengths.min() ?? 0) / 2, longest = (lengths.max() ?? 0) * 2
        let first = shapeFirstByte(group[0])
        return text.bytes.withUnsafeBufferPointer { bytes in
            lines.count { line in
                guard zone[line] == nil, shapeFirstByte(line) == first else { return false }
                let content = trimmed(text.lines[line], in: text.bytes)
                return (shortest...longest).contains(content.count) && WordMap.sameShape(bytes, key, content, digits: true)
            }
        }
    }

    /// The first byte of a nonblank line's shape (a digit stands for any digit).
    private func shapeFirstByte(_ line: Int) -> UInt8 {
        let content = trimmed(text.lines[line], in: text.bytes)
        let byte = text.bytes[content.lowerBound]
        return byte >= 0x30 && byte <= 0x39 ? UInt8(ascii: "#") : byte
    }

    /// Of `lines` (nonblank, ascending), the first two after each boundary and the last two
    /// before it, with the boundary's index and the side.
    private func edgeZone(of lines: [Int], boundaries: [(word: Int, page: Int)]) -> [Int: (boundary: Int, after: Bool)] {
        var zone: [Int: (boundary: Int, after: Bool)] = [:]
        var cursor = 0
        let reach = 2
        for (index, boundary) in boundaries.enumerated() {
            while cursor < lines.count && text.lineFirstWord[lines[cursor]] < boundary.word { cursor += 1 }
            for offset in 0..<reach {
                if cursor + offset < lines.count { zone[lines[cursor + offset]] = (index, true) }
                if cursor - 1 - offset >= 0 { zone[lines[cursor - 1 - offset]] = (index, false) }
            }
        }
        return zone
    }

    /// Without numbers or form feeds: a line that repeats verbatim at a steady page-sized rhythm
    /// (a filing banner on every page) marks the pages itself, counted from the first.
    func rhythmicBanners() -> FoundPages? {
        let bannerLength = 12
        var best: [Int]?
        for lines in repeatedLines(among: text.lines.indices) {
            // A banner says something (a heading like `III.` or `Id.` does not make one), and it
            // is there from the first page on.
            let first = candidate(line: lines[0])
            guard first.words.count >= 2, text.lines[lines[0]].count >= bannerLength else { continue }
            let starts = lines.map { text.lineFirstWord[$0] }
            let gaps = zip(starts, starts.dropFirst()).map { $1 - $0 }
            guard let shortest = gaps.min() else { continue }
            let typical = median(gaps)
            guard typical >= configuration.minimumPageWords, shortest * 5 >= typical * 2,
                  starts[0] * 2 <= typical * 3 else { continue }
            if lines.count > (best?.count ?? 0) { best = lines }
        }
        guard let lines = best else { return nil }
        let candidates = lines.map(candidate(line:))
        let atStart = candidates[0].words.lowerBound == 0
        let atEnd = candidates[candidates.count - 1].words.upperBound == text.words.count - 1
        var pages = FoundPages()
        for (ordinal, candidate) in candidates.enumerated() {
            // Header: occurrence k begins page k+1 (k+2 when page 1 has none); footer: it ends page k+1.
            let isFooter = !atStart && atEnd
            let page = isFooter || !atStart ? ordinal + 2 : ordinal + 1
            pages.boundaries.append(PageBoundary(candidate: candidate, page: page, isFooter: isFooter))
        }
        return pages
    }
}

func median(_ values: [Int]) -> Int {
    guard !values.isEmpty else { return 0 }
    return values.sorted()[values.count / 2]
}
