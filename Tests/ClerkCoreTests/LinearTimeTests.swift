@testable import ClerkCore
import ClerkJSON
import ClerkTestSupport
import Testing

/// Each stage, on an input made to stress it, takes time linear in the input: the stage runs
/// on n and on 10 n units of the same pathological text, and the larger may take at most
/// `LinearTime.acceptedRatio` times as long (a quadratic pass takes about 100 times). The
/// inputs are those that once made a stage quadratic or very slow: a look-back or look-ahead
/// that read to the end of a run or of the text from every position, a search that began
/// again from the same place, a list scanned for each of its own items.
@Suite struct LinearTimeTests {
    /// Ordinary words, cycled deterministically.
    private static let vocabulary = ("the court held that officers reasonably believed plaintiff posed threat safety public "
        + "record shows jury could find force excessive under circumstances known time shooting qualified "
        + "immunity shields officials from liability unless conduct violates clearly established rights").split(separator: " ")

    /// A sentence of `words` words, the same for the same `seed`.
    static func sentence(_ seed: Int, words: Int = 10) -> String {
        var text = ""
        for index in 0..<words {
            let word = vocabulary[(seed &* 31 &+ index &* 7) % vocabulary.count]
            text += index == 0 ? word.prefix(1).uppercased() + word.dropFirst() : " " + word
        }
        return text + "."
    }

    /// `count` units of text, unit `i` given by `unit(i)`.
    static func text(_ count: Int, _ unit: (Int) -> String) -> String {
        var text = ""
        for index in 0..<count { text += unit(index) }
        return text
    }

    /// Runs `stage` on the documents of `units(n)` and `units(10 n)` (after `preparing` stages,
    /// untimed) and expects the larger to take at most `LinearTime.acceptedRatio` times as long.
    private func expectLinear<S: Stage>(
        _ stage: S.Type, n: Int, family: SourceFamily = .unknown, preparing: [any Stage.Type] = [],
        parameters: [String: JSONValue] = [:], sourceLocation: SourceLocation = #_sourceLocation,
        _ units: (Int) -> String
    ) throws {
        try expectLinearOnText(
            stage, n: n, family: family, preparing: preparing, parameters: parameters, sourceLocation: sourceLocation,
            text: { Self.text($0, units) })
    }

    /// The same with the whole text of `count` units given by `text`.
    private func expectLinearOnText<S: Stage>(
        _ stage: S.Type, n: Int, family: SourceFamily = .unknown, preparing: [any Stage.Type] = [],
        parameters: [String: JSONValue] = [:], sourceLocation: SourceLocation = #_sourceLocation,
        text: (Int) -> String
    ) throws {
        func prepared(_ count: Int) throws -> Document {
            var document = StageHarness.document(text(count), family: family)
            for earlier in preparing { document = try Self.run(earlier, on: document) }
            return document
        }
        let small = try prepared(n), large = try prepared(10 * n)
        let measurement = try LinearTime.measure(small: small, large: large) { document in
            _ = try StageHarness.run(stage, on: document, parameters: parameters)
        }
        LinearTime.report(S.id, measurement)
        #expect(measurement.isLinear, "\(S.id): \(measurement)", sourceLocation: sourceLocation)
    }

    private static func run<S: Stage>(_ stage: S.Type, on document: Document) throws -> Document {
        try StageHarness.run(stage, on: document)
    }

    // MARK: The stages

    @Test func decodeOnALongLineWithControlCharacters() throws {
        func raw(_ count: Int) -> [UInt8] {
            Array((Self.text(count) { "\(Self.sentence($0))\u{1} \u{FEFF}" } + "\r\n").utf8)
        }
        let measurement = try LinearTime.measure(small: raw(2_000), large: raw(20_000)) { bytes in
            _ = try TextDecoding.decode(bytes, fallback: .windows1252)
        }
        LinearTime.report("decode", measurement)
        #expect(measurement.isLinear, "decode: \(measurement)")
    }

    @Test func detectOnOneLongLine() throws {
        try expectLinear(DetectStage.self, n: 2_400) { "\(Self.sentence($0)) *\($0 + 100) <p> &amp; be- lieving " }
    }

    @Test func htmlDeeplyNested() throws {
        try expectLinearReading(HTMLReader.self, n: 1_600) { _ in "<div><p>" }
    }

    @Test func htmlWithManyTags() throws {
        try expectLinearReading(HTMLReader.self, n: 750) { "<p>\(Self.sentence($0)) <i>Roe</i>, <b>410</b> U.S. 113.</p>\n" }
    }

    /// The reader of `units(n)` and of `units(10 n)`, as `expectLinear` for a stage.
    private func expectLinearReading<R: InputReader>(
        _ reader: R.Type, n: Int, sourceLocation: SourceLocation = #_sourceLocation, _ units: (Int) -> String
    ) throws {
        let measurement = try LinearTime.measure(small: Self.text(n, units), large: Self.text(10 * n, units)) { text in
            _ = try ReaderHarness.read(reader, text)
        }
        LinearTime.report(R.id, measurement)
        #expect(measurement.isLinear, "\(R.id): \(measurement)", sourceLocation: sourceLocation)
    }

    @Test func normalizeOnSpecialCharacters() throws {
        try expectLinear(NormalizeStage.self, n: 1_500) { "\(Self.sentence($0))\u{A0}\u{A0}e\u{301} dis\u{AD}\n   puted \u{200B}\n" }
    }

    @Test func chromeBelowAVeryLongFirstLine() throws {
        try expectLinear(ChromeStage.self, n: 2_000) { index in
            index == 0 ? "Menu: • Home • Opinions " : "• Item \(index) " + (index % 100 == 99 ? "\n" : "")
        }
    }

    @Test func furnitureOnLinesThatAllLookLikeHeaders() throws {
        try expectLinear(PageFurnitureStage.self, n: 2_400, family: .layout) { "\($0 % 9 + 1)      No. \($0 % 50)-\(1000 + $0 % 977)\n" }
    }

    @Test func furnitureOnInlinePageNumbers() throws {
        try expectLinear(PageFurnitureStage.self, n: 160, family: .flat) { "\(Self.sentence($0, words: 30)) \($0 + 2) No. 20-1754 " }
    }

    @Test func starPagesEverywhere() throws {
        try expectLinear(StarPaginationStage.self, n: 2_000) { "offi*\($0 + 100)cers \(Self.sentence($0)) *\($0 % 7 + 10) " }
    }

    /// Lines that read as notes whose markers are nowhere: each searched the body again.
    @Test func footnotesWithoutMarkers() throws {
        try expectLinear(FootnoteStage.self, n: 1_200, family: .layout) { index in
            index < 20 ? "\(Self.sentence(index))\n" : "1 See id. at 5.\n"
        }
    }

    /// Pages without text (lines of star pages only): each looked back over all the blank pages before it.
    @Test func footnotesOnPagesWithoutText() throws {
        try expectLinearOnText(FootnoteStage.self, n: 10_000, preparing: [StarPaginationStage.self]) { count in
            Self.text(count / 20) { "\(Self.sentence($0)) " } + "\n" + Self.text(count) { "*\($0 + 100)\n" }
        }
    }

    @Test func footnotesAtEveryPageEnd() throws {
        try expectLinear(FootnoteStage.self, n: 120, family: .layout, preparing: [PageFurnitureStage.self]) { page in
            let label = page % 999 + 1
            return "\(page + 1)                              No. 20-1754\n"
                + Self.text(12) { "\(Self.sentence(page + $0))\($0 == 3 ? "\(label)" : "")\n" }
                + "\(label) \(Self.sentence(page, words: 6))\n"
        }
    }

    @Test func dehyphenateOnManySplits() throws {
        try expectLinear(DehyphenationStage.self, n: 400) { "\(Self.sentence($0)) dis-\nputed be- lieving qualified-\nimmunity\n" }
    }

    @Test func tokensOnGluedText() throws {
        try expectLinear(TokenRepairStage.self, n: 600) { _ in "at528 Id.at 5 § 1983claim 541(1949) Id.The " }
    }

    @Test func ocrOnRepeatedNonReporters() throws {
        try expectLinear(OCRRepairStage.self, n: 60, family: .scan) { index in
            "\(Self.sentence(index)) 1 See id. at 5. The [ojbjective test 578 F.Sd 526 unpredietably\n"
        }
    }

    /// Sentence starts in capitals everywhere: every one is a byline candidate.
    @Test func opinionsOnCapitalSentenceStarts() throws {
        try expectLinear(OpinionStage.self, n: 300) { _ in "A. B. JONES. " }
    }

    @Test func opinionsOnThousandsOfBylines() throws {
        try expectLinear(OpinionStage.self, n: 300) { "SMITH, Circuit Judge, dissenting.\n\(Self.sentence($0))\n" }
    }

    /// Flattened text on one line with no line end: every opinion's end is read back for its
    /// signature block, which must not read the whole line each time.
    @Test func opinionsOnOneLineWithManyBylines() throws {
        try expectLinear(OpinionStage.self, n: 40, family: .flat) { unit in
            "SMITH, Circuit Judge, dissenting. " + (0..<20).map { Self.sentence(unit &* 20 &+ $0) }.joined(separator: " ") + " "
        }
    }

    @Test func captionsBeforeThousandsOfOpinions() throws {
        try expectLinear(CaptionStage.self, n: 16, preparing: [OpinionStage.self]) { index in
            "UNITED STATES COURT OF APPEALS\nFOR THE SEVENTH CIRCUIT\nNo. \(index % 90 + 10)-\(1000 + index)\n"
                + "JOHN DOE\(index), Plaintiff-Appellee,\nv.\nACME CORP\(index), Defendant-Appellant.\n"
                + "Before ROE, Chief Judge, and DOE and KAY, Circuit Judges.\nROE, Circuit Judge.\n\(Self.sentence(index))\n"
        }
    }

    /// `* * * …` after words that end no sentence: the run was read again from every star.
    @Test func headingsOnALongRunOfStars() throws {
        try expectLinear(HeadingStage.self, n: 32_000, family: .flat) { index in index == 0 ? "the court held " : "* " }
    }

    @Test func headingsOnDeepNumbering() throws {
        let labels = ["I.", "A.", "1.", "a.", "(1)", "(a)", "(i)"]
        try expectLinear(HeadingStage.self, n: 400, family: .layout) { index in
            "\(labels[index % 7])\n\(Self.sentence(index))\n\(labels[0...(index % 7)].joined(separator: " ")) Title\n"
        }
    }

    @Test func blockQuotesOnManyIndentedRuns() throws {
        try expectLinear(BlockQuoteStage.self, n: 240, family: .layout) { index in
            Self.text(4) { "    \(Self.sentence(index + $0, words: 9))\n" } + Self.text(3) { "          \(Self.sentence(index * 3 + $0, words: 7))\n" }
        }
    }

    /// Many notes whose labels repeat: each looked through every reference for its owner.
    @Test func reflowOnManyFootnotes() throws {
        try expectLinear(ReflowStage.self, n: 90, family: .layout, preparing: [PageFurnitureStage.self, FootnoteStage.self]) { page in
            "\(page + 1)                              No. 20-1754\n"
                + Self.text(12) { "\(Self.sentence(page + $0))\($0 == 3 ? "1" : "")\n" }
                + "1 \(Self.sentence(page, words: 6))\n"
        }
    }

    /// A paragraph followed by lines of nothing but star pages: their page breaks all go to
    /// the end of the paragraph, whose length was counted again for each.
    @Test func reflowWithManyMarksAfterTheLastText() throws {
        try expectLinearOnText(ReflowStage.self, n: 1_500, preparing: [StarPaginationStage.self]) { count in
            Self.text(count) { "\(Self.sentence($0)) " } + "\n" + Self.text(count) { "*\($0 + 100)\n" }
        }
    }

    /// A last paragraph of one word of hyphens, and one of `we we we …`.
    @Test func dispositionOnLongLastParagraphs() throws {
        try expectLinear(DispositionStage.self, n: 8_000, preparing: [ReflowStage.self]) { index in
            index == 0 ? "\(Self.sentence(0))\n\n" : "----------"
        }
        try expectLinear(DispositionStage.self, n: 4_000, preparing: [ReflowStage.self]) { index in
            index == 0 ? "\(Self.sentence(0))\n\nWe " : "we therefore "
        }
    }

    /// The same cases cited again and again, short forms and `supra` whose names match none,
    /// and many footnotes: each short form, `supra` and reference searched every citation before.
    @Test func citationsOnRepeatedCases() throws {
        try expectLinear(CitationStage.self, n: 240, family: .layout, preparing: [
            PageFurnitureStage.self, FootnoteStage.self, ReflowStage.self,
        ]) { page in
            "\(page + 1)                              No. 20-1754\n"
                + "See Roe v. Wade, 410 U.S. \(page + 113) (1973). Doe, 410 U.S. at 5. Poe, 12 F.3d at 7. Zed, supra, at 3. Id.\n"
                + Self.text(10) { "\(Self.sentence(page + $0))\($0 == 3 ? "1" : "")\n" }
                + "1 \(Self.sentence(page, words: 6))\n"
        }
    }
}
