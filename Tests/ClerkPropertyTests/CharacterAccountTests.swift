import ClerkTestSupport
import Testing

/// The nothing-lost accounting itself: it must catch a lost or invented character, and accept
/// what the log explains.
@Suite struct CharacterAccountTests {
    private typealias Edit = CharacterAccount.Edit

    @Test func balancedWhenTheLogExplainsEveryChange() {
        let account = CharacterAccount(
            raw: Array("2  No. 5\nThe court held.\n".utf8), outputTexts: ["The court held."],
            edits: [Edit(before: "2  No. 5", after: "", reason: "running header of page 2")])
        #expect(account.isBalanced)
        #expect(account.inputCount == 18)
    }

    @Test func aWordNeitherInTheOutputNorInTheLogIsMissing() {
        let account = CharacterAccount(raw: Array("The court held.".utf8), outputTexts: ["The held."], edits: [])
        #expect(!account.isBalanced)
        #expect(account.missing == ["c": 1, "o": 1, "u": 1, "r": 1, "t": 1])
        #expect(account.description.contains("missing"))
    }

    @Test func aCharacterTheInputNeverHadIsExtra() {
        let account = CharacterAccount(
            raw: Array("at528".utf8), outputTexts: ["at 528", "x"], edits: [Edit(before: "", after: " ", reason: "space inserted")])
        #expect(account.extra == ["x": 1])
        #expect(account.missing.isEmpty)
    }

    @Test func movedTextCountsOnce() {
        let account = CharacterAccount(
            raw: Array("Body.1\n1 A note.\n".utf8), outputTexts: ["Body.", "A note."],
            edits: [Edit(before: "1", after: "", reason: "footnote marker 1 became a footnote reference"),
                    Edit(before: "1 ", after: "", reason: "label of footnote 1 (kept as the note's label)"),
                    Edit(before: "A note.", after: "", reason: "footnote 1 moved from the body to the notes")])
        #expect(account.isBalanced, "\(account)")
    }

    @Test func removedControlsAndNoncharactersCountAsTheirStandIns() {
        let account = CharacterAccount(
            raw: Array("a\u{01}b\u{FFFF}\u{0C}c".utf8), outputTexts: ["ab", "c"],
            edits: [Edit(before: "\u{2401}", after: "", reason: "control character"),
                    Edit(before: "\u{FFFD}", after: "", reason: "noncharacter"),
                    Edit(before: "\u{240C}", after: "\n", reason: "form feed")])
        #expect(account.isBalanced, "\(account)")
        // Without the log entries, the stand-ins are missing.
        let unlogged = CharacterAccount(raw: Array("a\u{01}b".utf8), outputTexts: ["ab"], edits: [])
        #expect(unlogged.missing == ["\u{2401}": 1])
    }

    @Test func invalidUTF8IsReadAsWindows1252() {
        let account = CharacterAccount(raw: [0x63, 0x61, 0x66, 0xE9, 0x81], outputTexts: ["café\u{FFFD}"], edits: [])
        #expect(account.isBalanced, "\(account)")
    }
}
