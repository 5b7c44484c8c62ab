/// Finds reporter abbreviations that OCR misread, between a volume and a page or `at` and a
/// pinpoint (`578 F.Sd 526`, `624 F.Sd at 862`):
/// words that name no reporter, from which exactly one reporter of the citation table is reached
/// by undoing one or two confusions (`S`→`3`, `Z`→`2`, `l`→`1`, `cl`→`d` …). Spellings the table
/// knows are never changed, whatever their spacing (`S.Ct.`, `S. Ct.`, `U. S.`).
struct ReporterRepair {
    let table: CitationTable

    init(table: CitationTable = .shared) {
        self.table = table
    }

    func findings(in bytes: [UInt8]) -> OCRFindings {
        let tokens = CitationTokens(bytes)
        var findings = OCRFindings()
        var reached: [[UInt8]: [(ConfusionCandidate, CitationTable.Edition)]] = [:]
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            guard tokens.isVolume(index), index + 1 < tokens.count, isUppercaseASCII(bytes[tokens.ranges[index + 1].lowerBound])
            else { continue }
            switch repair(volume: index, tokens, reached: &reached) {
            case .none: continue
            case .some(.edit(let edit)): findings.edits.append(edit)
            case .some(.doubt(let doubt)): findings.doubts.append(doubt)
            }
        }
        return findings
    }

    private enum Outcome {
        case edit(TextEdit)
        case doubt(OCRFindings.Doubt)
    }

    /// One reading of the words after a volume: the printed key of words `volume + 1 … last`, the
    /// stream offset of each key byte, and a page after it.
    private struct Printed {
        var key: [UInt8] = []
        var offsets: [Int] = []
        var last: Int
    }

    /// The reporters one confusion away from `key`, or two where none is one away.
    private func reporters(reachedFrom key: [UInt8]) -> [(ConfusionCandidate, CitationTable.Edition)] {
        var candidates = ConfusionCandidates.single(key, OCRConfusion.reporters)
        if candidates.allSatisfy({ table.editions(of: $0.bytes, form: .page).isEmpty }) {
            candidates = ConfusionCandidates.double(key, OCRConfusion.reporters)
        }
        return candidates.compactMap { candidate in
            table.editions(of: candidate.bytes, form: .page).first.map { (candidate, $0) }
        }
    }

    /// A page at word `index` (`526`, `526,`), or `at` and a page (a short citation).
    private func startsPage(at index: Int, _ tokens: CitationTokens) -> Bool {
        let page = tokens.equals(index, "at") ? index + 1 : index
        guard let number = tokens.pageNumber(page) else { return false }
        return tokens.ranges[page].lowerBound == number.lowerBound
    }

    /// `reached` remembers the reporters each printed key reaches: a text repeats its words
    /// (`1 See id.`), and finding the candidates anew each time would cost the most.
    private func repair(
        volume: Int, _ tokens: CitationTokens, reached: inout [[UInt8]: [(ConfusionCandidate, CitationTable.Edition)]]
    ) -> Outcome? {
        var printed: [Printed] = []
        var reading = Printed(last: volume)
        // Undoing a confusion shortens a spelling by one byte at most (`cl`→`d`): a longer key
        // reaches no reporter, and its candidates would only cost time.
        let longestKey = table.maximumPageKeyLength + 2
        for last in (volume + 1)..<min(volume + 1 + table.maximumWords, tokens.count) {
            // Inner words carry no punctuation after them; the last may (`F.Sd,` is no reporter
            // before a page, but `578 F.Sd 526,` is).
            let core = tokens.core(last)
            guard reading.key.count + core.count <= longestKey else { break }
            reading.key += tokens.bytes[core]
            reading.offsets += Array(core)
            reading.last = last
            if core.upperBound == tokens.ranges[last].upperBound, startsPage(at: last + 1, tokens) {
                // A reporter as printed, before a page: a citation that needs no repair.
                if !table.editions(of: reading.key, form: .page).isEmpty { return nil }
                printed.append(reading)
            }
            guard core.upperBound == tokens.ranges[last].upperBound else { break }
        }
        var found: [(Printed, ConfusionCandidate, CitationTable.Edition)] = []
        for reading in printed {
            if reached[reading.key] == nil { reached[reading.key] = reporters(reachedFrom: reading.key) }
            for (candidate, edition) in reached[reading.key] ?? [] { found.append((reading, candidate, edition)) }
        }
        guard let (reading, candidate, edition) = found.first else { return nil }
        let range = reading.offsets[0]..<(reading.offsets[reading.offsets.count - 1] + 1)
        let before = tokens.string(range)
        guard found.count == 1 else {
            let readings = found.map { "“\(String(decoding: $0.1.bytes, as: UTF8.self))”" }.joined(separator: ", ")
            return .doubt(.init(offset: range.lowerBound, message: "“\(before)” names no reporter and could be any of \(readings): left as printed"))
        }
        // The printed words with each confusion undone in place (spaces between words kept).
        var replacement = Array(tokens.bytes[range])
        for (confusion, position) in zip(candidate.confusions, candidate.positions).reversed() {
            let start = reading.offsets[position] - range.lowerBound
            let end = reading.offsets[position + confusion.misread.count - 1] - range.lowerBound + 1
            guard end - start == confusion.misread.count else { return nil }  // a confusion across a space
            replacement.replaceSubrange(start..<end, with: confusion.intended)
        }
        let after = String(decoding: replacement, as: UTF8.self)
        let single = candidate.confusions.count == 1
        // The edition's own abbreviation when the printed spelling differs from it (`S.Ct` for `S. Ct.`).
        let named = edition.canonical == after ? "“\(after)”" : "“\(after)” (\(edition.canonical))"
        return .edit(TextEdit(
            range: range, replacement: after,
            reason: "OCR \(candidate.confusionNames) confusion in a reporter: “\(before)” names no reporter, \(named) is the only reporter \(single ? "one misread" : "two misreads") away",
            alternative: before, confidence: single ? 0.9 : 0.75))
    }
}
