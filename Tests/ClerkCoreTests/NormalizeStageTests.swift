import ClerkCore
import Testing

@Suite struct NormalizeStageTests {
    private func normalize(_ text: String) throws -> Document {
        try StageHarness.run(NormalizeStage.self, text, family: .layout)
    }

    /// Swift compares strings by canonical equivalence, so NFC results are compared as bytes.
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }


    @Test func noBreakSpacesBecomePlainSpacesAndAreLogged() throws {
        let document = try normalize("42\u{A0}U.S.C. §\u{202F}1983, page\u{2007}7\u{A0}\u{A0}end\n")
        #expect(document.body.text == "42 U.S.C. § 1983, page 7  end\n")
        #expect(document.log.edits.map(\.before) == ["\u{A0}", "\u{202F}", "\u{2007}", "\u{A0}\u{A0}"])
        #expect(document.log.edits.map(\.after) == [" ", " ", " ", "  "])
        #expect(document.log.edits.allSatisfy { $0.reason.contains("space") })
        #expect(bytes(StageHarness.replayed(document, stage: NormalizeStage.id)) == document.body.bytes)
    }

    @Test func typographicSpacesBecomePlainSpaces() throws {
        let document = try normalize("\u{2003}The People,\u{2002}Respondent,\u{2009}v\u{200A}Roe\u{205F}\u{205F}end\n")
        #expect(document.body.text == " The People, Respondent, v Roe  end\n")
        #expect(document.log.edits.map(\.reason).first == "typographic space (U+2003) replaced by a space")
        #expect(document.log.edits.count == 5)
        #expect(bytes(StageHarness.replayed(document, stage: NormalizeStage.id)) == document.body.bytes)
    }

    @Test func zeroWidthCharactersAreRemoved() throws {
        let document = try normalize("qual\u{200B}ified im\u{2060}munity\u{FEFF} applies\n")
        #expect(document.body.text == "qualified immunity applies\n")
        #expect(document.log.edits.count == 3)
        #expect(document.log.edits.allSatisfy { $0.after.isEmpty && $0.reason.contains("removed") })
        #expect(document.log.edits.map(\.sourceOffset) == [4, 15, 24])
        #expect(bytes(StageHarness.replayed(document, stage: NormalizeStage.id)) == document.body.bytes)
    }

    @Test func softHyphenInsideALineIsRemoved() throws {
        let document = try normalize("the de\u{AD}fendant officers\n")
        #expect(document.body.text == "the defendant officers\n")
        #expect(document.log.edits.map(\.before) == ["\u{AD}"])
    }

    @Test func softHyphenAtALineEndJoinsTheWordAcrossTheBreak() throws {
        let document = try normalize("    the de\u{AD}  \n        fendant officers\n    next line\n")
        #expect(document.body.text == "    the defendant officers\n    next line\n")
        let edit = try #require(document.log.edits.first)
        #expect(edit.before == "\u{AD}  \n        ")
        #expect(edit.after == "")
        #expect(edit.reason.contains("joined"))
        #expect(edit.sourceOffset == 10)
        #expect(bytes(StageHarness.replayed(document, stage: NormalizeStage.id)) == document.body.bytes)
    }

    @Test func softHyphenBeforeABlankLineOrAtTheEndDoesNotJoin() throws {
        let document = try normalize("end of para\u{AD}\n\nNext para\u{AD}\n")
        #expect(document.body.text == "end of para\n\nNext para\n")
        #expect(document.log.edits.count == 2)
        #expect(document.log.edits.allSatisfy { !$0.reason.contains("joined") })
    }

    @Test func decomposedLettersAreComposedWithTheSmallestSpanLogged() throws {
        let document = try normalize("The re\u{301}sume\u{301} of Jose\u{301} — “quoted”\n")
        #expect(document.body.bytes == bytes("The r\u{E9}sum\u{E9} of Jos\u{E9} — “quoted”\n"))
        #expect(document.log.edits.map { bytes($0.before) } == [bytes("e\u{301}"), bytes("e\u{301}"), bytes("e\u{301}")])
        #expect(document.log.edits.map { bytes($0.after) } == [bytes("\u{E9}"), bytes("\u{E9}"), bytes("\u{E9}")])
        #expect(document.log.edits.map(\.sourceOffset) == [5, 11, 21])
        #expect(document.log.edits.allSatisfy { $0.reason.contains("NFC") })
        #expect(bytes(StageHarness.replayed(document, stage: NormalizeStage.id)) == document.body.bytes)
    }

    @Test func compositionCoversReorderingSingletonsAndHangul() throws {
        // Combining marks in non-canonical order; U+212B ANGSTROM SIGN is a singleton; jamo compose.
        let document = try normalize("a\u{301}\u{323} \u{212B} \u{1100}\u{1161}\n")
        #expect(document.body.bytes == bytes("\u{1EA1}\u{301} \u{C5} \u{AC00}\n"))
        #expect(document.log.edits.count == 3)
    }

    @Test func typographyAndASCIIAreLeftAlone() throws {
        let text = "“Quote” — ‘single’ – § 1983 ¶ 4 … café naïve\tx\n    indented\n"
        let document = try normalize(text)
        #expect(document.body.bytes == bytes(text))
        #expect(document.log.edits.isEmpty)
    }

    @Test func removingAZeroWidthSpaceStillEndsComposed() throws {
        let once = try normalize("e\u{200B}\u{301}x\n")
        #expect(once.body.bytes == bytes("\u{E9}x\n"))
        let twice = try StageHarness.run(NormalizeStage.self, on: once)
        #expect(twice.body.bytes == once.body.bytes)
        #expect(twice.log.edits.count == once.log.edits.count)
    }

    @Test func runningTwiceChangesNothingMore() throws {
        let once = try normalize("a\u{A0}b\u{AD}\n  c\u{200B}d Jose\u{301}\u{FEFF}\n")
        let twice = try StageHarness.run(NormalizeStage.self, on: once)
        #expect(twice.body == once.body)
        #expect(twice.log == once.log)
    }

    @Test func marksMoveWithTheirText() throws {
        // "ab\u{A0}cd\n" [page 2] "de\u{AD}\n  fg\n" [footnote 1] "h\n"
        var document = StageHarness.document("ab\u{A0}cd\nde\u{AD}\n  fg\nh\n", family: .layout)
        document.body = StageHarness.stream("ab\u{A0}cd\n", .mark(.pageBreak(label: "2")), "de\u{AD}\n  fg\n", .mark(.footnoteRef(label: "1")), "h\n")
        document = try StageHarness.run(NormalizeStage.self, on: document)
        #expect(document.body.text == "ab cd\ndefg\nh\n")
        #expect(document.body.marks == [
            TextMark(offset: 6, kind: .pageBreak(label: "2")),
            TextMark(offset: 11, kind: .footnoteRef(label: "1")),
        ])
        // The source map still points into the raw input: "fg" came from byte 14.
        #expect(document.body.sourceOffset(at: 8) == 14)
    }
}
