@testable import ClerkCore
import Testing

@Suite struct DehyphenationStageTests {
    private func run(_ text: String, inline: Bool = true) throws -> Document {
        try StageHarness.run(DehyphenationStage.self, text, parameters: ["joinInlineSplits": .bool(inline)])
    }

    @Test func lineEndSplitsOfWordsAreJoined() throws {
        let document = try run("What followed is dis-\n    puted: the officers be-\n  lieved him.\n")
        #expect(document.body.text == "What followed is disputed: the officers believed him.\n")
        #expect(document.log.edits.map(\.before) == ["-\n    ", "-\n  "])
        #expect(document.log.edits.map(\.alternative) == ["dis-puted", "be-lieved"])
        #expect(document.log.edits.allSatisfy { $0.reason.hasPrefix("hyphen joined") })
    }

    @Test func compoundsOfTwoWordsKeepTheirHyphen() throws {
        let document = try run("their split-\nsecond mistake and the qualified-\nimmunity question\n")
        #expect(document.body.text == "their split-second mistake and the qualified-immunity question\n")
        #expect(document.log.edits.map(\.alternative) == ["splitsecond", "qualifiedimmunity"])
        #expect(document.log.edits.allSatisfy { $0.reason.hasPrefix("hyphen kept") })
    }

    @Test func capitalisedSecondPartsAreNames() throws {
        let document = try run("See Schandelmeier-\nBartels v. Park Dist.\n")
        #expect(document.body.text == "See Schandelmeier-Bartels v. Park Dist.\n")
    }

    @Test func theDocumentsOwnSpellingWins() throws {
        // "cross-examination" elsewhere in the text decides against the lexicon's join.
        let kept = try run("On cross-\nexamination he said so. The cross-examination ended.\n")
        #expect(kept.body.text.hasPrefix("On cross-examination he said"))
        // A word the lexicon lacks, written joined elsewhere in the document, is joined.
        let joined = try run("The frobnicator works. A frob-\nnicator is useful.\n")
        #expect(joined.body.text.contains("A frobnicator is"))
        #expect(joined.log.edits.first?.reason.contains("the document writes") == true)
    }

    @Test func flatTextSplitsWithOneSpaceAreMended() throws {
        let document = try run("and be- lieving he was armed, drew their qualified- immunity defense\n")
        #expect(document.body.text == "and believing he was armed, drew their qualified-immunity defense\n")
        let untouched = try run("and be- lieving\n", inline: false)
        #expect(untouched.body.text == "and be- lieving\n")
    }

    @Test func suspendedHyphensNumbersAndDashesAreLeftAlone() throws {
        let text = "pre- and post-trial motions, pages 10- 12, and we—\nthe panel—agree. Em -- dash.\n"
        let document = try run(text)
        #expect(document.body.text == text)
        #expect(document.log.edits.isEmpty)
        let docket = try run("No. 20-\n1754\n")
        #expect(docket.body.text == "No. 20-1754\n")
    }

    @Test func aPageBreakBetweenTheHalvesStaysInsideTheWord() throws {
        var document = StageHarness.document("be-\n\nlieving\n")
        var log = EditLog()
        // A page break left where a running header was removed, between the two halves.
        document.body.apply([TextEdit(range: 4..<4, reason: "test", marks: [.pageBreak(label: "2")])], stage: "t", log: &log)
        document = try StageHarness.run(DehyphenationStage.self, on: document)
        #expect(document.body.text == "believing\n")
        #expect(document.body.marks == [TextMark(offset: 2, kind: .pageBreak(label: "2"))])
    }

    @Test func runningTwiceChangesNothingMore() throws {
        let once = try run("dis-\nputed and split-\nsecond, be- lieving\n")
        let twice = try StageHarness.run(DehyphenationStage.self, on: once)
        #expect(twice.body.text == once.body.text)
        #expect(twice.log.edits.count == once.log.edits.count)
    }

    @Test func lexiconHasCommonAndLegalWords() {
        let lexicon = Lexicon.shared
        #expect(lexicon.count > 100_000)
        #expect(lexicon.contains("believing") && lexicon.contains("Believing"))
        #expect(lexicon.contains("interlocutory"))
        #expect(lexicon.contains("court's"))
        #expect(!lexicon.contains("splitsecond"))
        #expect((lexicon.tier(of: "the") ?? 99) < (lexicon.tier(of: "interlocutory") ?? 0))
    }
}

@Suite struct DehyphenationUnicodeTests {
    @Test func quotesAndDashesAroundTheSplitAreNotPartOfTheWord() throws {
        let document = try StageHarness.run(DehyphenationStage.self, "the “im-\nmediate” threat, his behav-\nior—including flight\n")
        #expect(document.body.text == "the “immediate” threat, his behavior—including flight\n")
        #expect(document.log.edits.map(\.alternative) == ["im-mediate", "behav-ior"])
    }

    @Test func accentedLettersCount() throws {
        let document = try StageHarness.run(DehyphenationStage.self, "a café-\nteria and the naïve-\nté\n")
        // Whatever the verdicts, the accented letters belong to the words being judged.
        let alternatives = document.log.edits.compactMap(\.alternative)
        #expect(alternatives.count == 2)
        #expect(alternatives.first?.hasPrefix("café") == true)
        #expect(alternatives.last?.hasPrefix("naïve") == true)
    }
}
