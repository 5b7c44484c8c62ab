/// Repairs what OCR misread in scanned reporter text, where one reading is clearly best, and logs
/// each repair with the reading it rejected and a confidence (0…1):
///
/// - brackets of quotation alterations: `[ojbjective` → `[o]bjective`, `[Tjhere` → `[T]here`,
///   `“[Qualified` → `“[Q]ualified`, `officers]` → `officer[s]` (see `BracketRepair`);
/// - reporter abbreviations between a volume and a page that name no reporter, when exactly one
///   reporter is a misread away: `578 F.Sd 526` → `578 F.3d 526`; spellings the citation table
///   knows (`S.Ct.`, `S. Ct.`, `U. S.`) are never changed (see `ReporterRepair`);
/// - lowercase words that are no word, when undoing a known confusion (e/c, rn/m, li/h, cl/d,
///   1/l, 0/o …) gives one clearly best word: `unpredietably` → `unpredictably`. Capitalised words
///   are never read, so proper names are never changed; nor are words inside citations, words
///   the document uses more than once, or words the lexicon knows (see `WordRepair`).
///
/// Reporters are mended first, so that the citations they complete protect their words from the
/// other repairs. A repair less sure than `minimumConfidence` is not made but warned about; so
/// is a place where two readings are equally likely. At most `maximumEdits` repairs are made in
/// a document, the surest first; one warning says how many more were left.
public struct OCRRepairStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let families = FamilySelection.parameter(default: "scan")
        public static let maximumEdits = Parameter.integer("maximumEdits", 0...100_000, default: 50,
            "At most this many OCR repairs in one document, the surest first; a warning says how many more were left.")
        public static let minimumConfidence = Parameter.number("minimumConfidence", 0...1, default: 0.6,
            "Repairs less sure than this (0 to 1) are not made, only warned about.")
        public static let brackets = Parameter.boolean("brackets", default: true,
            "Mend brackets of quotation alterations (`[Tjhe`, `officers]`).")
        public static let reporters = Parameter.boolean("reporters", default: true,
            "Mend misread reporter abbreviations between a volume and a page (`F.Sd`).")
        public static let words = Parameter.boolean("words", default: true,
            "Mend misread lowercase words (`unpredietably`).")
        public var families: FamilySelection
        public var maximumEdits: Int
        public var minimumConfidence: Double
        public var brackets: Bool
        public var reporters: Bool
        public var words: Bool

        public init(_ values: StageParameterValues) {
            families = FamilySelection(values[Self.families])
            maximumEdits = values[Self.maximumEdits]
            minimumConfidence = values[Self.minimumConfidence]
            brackets = values[Self.brackets]
            reporters = values[Self.reporters]
            words = values[Self.words]
        }
    }

    public static let id = "ocr"
    public static let summary =
        "Repairs OCR misreads where one reading is clearly best: altered-quotation brackets (`[Tjhere`), reporter abbreviations (`F.Sd`), lowercase words (`unpredietably`); never inside citations, never names; each repair logged with its alternative and confidence."
    public static let phase = StagePhase.text

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        guard configuration.families.admits(&document, stage: Self.id) else { return }
        var budget = RepairBudget(maximum: configuration.maximumEdits, minimumConfidence: configuration.minimumConfidence)
        if configuration.reporters {
            let repair = ReporterRepair()
            apply(streams(of: document).map { repair.findings(in: $0.bytes) }, to: &document, budget: &budget)
        }
        if configuration.brackets || configuration.words {
            let texts = streams(of: document).map(\.bytes)
            var findings = texts.map { configuration.brackets ? BracketRepair().findings(in: $0) : OCRFindings() }
            if configuration.words {
                let repair = WordRepair()
                let scanner = CitationScanner()
                let suspects = zip(texts, findings).map { text, found in
                    // Few texts hold a suspect: the citations that protect words are found only then.
                    let suspects = repair.suspects(in: text)
                    guard !suspects.isEmpty else { return suspects }
                    let protected = ProtectedRanges(scanner.scan(text).map(\.range) + found.edits.map(\.range))
                    return suspects.filter { !protected.overlaps($0.word.range) }
                }
                let occurrences = WordOccurrences(of: WordRepair.wordsToCount(suspects.flatMap { $0 }), in: texts)
                for index in findings.indices {
                    findings[index].append(repair.findings(for: suspects[index], occurrences: occurrences))
                }
            }
            apply(findings, to: &document, budget: &budget)
        }
        if budget.left > 0 {
            document.log.warn(
                stage: Self.id,
                "\(budget.left) more OCR repair(s) left undone: the cap of \(configuration.maximumEdits) per document (maximumEdits) was reached")
        }
    }

    /// The body, then each footnote.
    private func streams(of document: Document) -> [TextStream] {
        [document.body] + document.notes.map(\.text)
    }

    /// Applies the findings of each stream (body first, then the notes in order) that the budget
    /// allows, and warns about the doubts and the repairs below the minimum confidence.
    private func apply(_ findings: [OCRFindings], to document: inout Document, budget: inout RepairBudget) {
        let chosen = budget.choose(findings.map(\.edits))
        for (index, found) in findings.enumerated() {
            let stream = index == 0 ? document.body : document.notes[index - 1].text
            for doubt in found.doubts {
                document.log.warn(stage: Self.id, sourceOffset: stream.sourceOffset(at: doubt.offset), doubt.message)
            }
            for edit in found.edits where (edit.confidence ?? 1) < budget.minimumConfidence {
                document.log.warn(
                    stage: Self.id, sourceOffset: stream.sourceOffset(at: edit.range.lowerBound),
                    "“\(stream.string(edit.range))” → “\(edit.replacement)” not made: confidence \(edit.confidence ?? 0) is below the minimum \(budget.minimumConfidence) (\(edit.reason))")
            }
            let edits = chosen[index].map { $0.keepingMarks(stream.marks, in: stream.bytes) }
            if index == 0 {
                document.body.apply(edits, stage: Self.id, log: &document.log)
            } else {
                document.notes[index - 1].text.apply(edits, stage: Self.id, log: &document.log)
            }
        }
    }
}
