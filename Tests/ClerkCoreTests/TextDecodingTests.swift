import ClerkCore
import Testing

@Suite struct TextDecodingTests {
    private func decode(_ bytes: [UInt8], fallback: SingleByteEncoding = .windows1252) throws(ReadingFailure) -> Document {
        var document = Document(raw: bytes, source: SourceInfo(name: "t.txt", bytes: bytes.count, sha256: ""))
        try TextDecoding.decode(bytes, fallback: fallback).start(&document)
        return document
    }

    private func texts(_ document: Document) -> [String] { document.body.lines }

    private func lineStarts(_ document: Document) -> [Int] {
        document.body.lineRanges.map { document.body.sourceOffset(at: $0.lowerBound) }
    }

    @Test func splitsLinesAndRecordsTheirByteOffsets() throws {
        let document = try decode(Array("ab\nçd\n\nlast".utf8))
        #expect(texts(document) == ["ab", "çd", "", "last"])
        #expect(lineStarts(document) == [0, 3, 7, 8])
        #expect(document.log.edits.isEmpty)
        #expect(document.log.warnings.isEmpty)
    }

    @Test func normalizesCRLFAndCRWithOneSummaryEdit() throws {
        let document = try decode(Array("a\r\nb\rc\r\nd".utf8))
        #expect(texts(document) == ["a", "b", "c", "d"])
        #expect(lineStarts(document) == [0, 3, 5, 8])
        #expect(document.log.edits.count == 1)
        let edit = try #require(document.log.edits.first)
        #expect(edit.sourceOffset == 1)
        #expect(edit.reason.contains("2 CRLF") && edit.reason.contains("1 CR"))
    }

    @Test func formFeedBecomesALineBreakAndAPageBoundary() throws {
        let document = try decode(Array("page one\u{0C}page two".utf8))
        #expect(texts(document) == ["page one", "page two"])
        #expect(document.body.marks == [TextMark(offset: 9, kind: .pageBreak(label: nil))])
        #expect(document.log.edits.map(\.sourceOffset) == [8])
        #expect(document.log.edits.first?.before == "␌")
    }

    @Test func controlCharactersXMLForbidsAreRemovedAndLogged() throws {
        let document = try decode(Array("a\u{01}b\u{1B}c\td\nnext".utf8))
        #expect(texts(document) == ["abc\td", "next"])
        // The source map survives the removals: "next" starts at raw byte 8.
        #expect(lineStarts(document) == [0, 8])
        #expect(document.log.edits.map(\.sourceOffset) == [1, 3])
        #expect(document.body.sourceOffset(at: 2) == 4)
        #expect(document.log.edits.allSatisfy { $0.reason.contains("control character") })
        #expect(document.log.edits.map(\.before) == ["␁", "␛"])
    }

    @Test func byteOrderMarkIsRemoved() throws {
        let document = try decode([0xEF, 0xBB, 0xBF] + Array("hi\n".utf8))
        #expect(texts(document) == ["hi"])
        #expect(lineStarts(document).first == 3)
        #expect(document.log.edits.count == 1)
    }

    @Test(arguments: [true, false]) func decodesUTF16WithByteOrderMark(littleEndian: Bool) throws {
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in "Ünïcode §\n2nd 𝔸".utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += littleEndian ? pair : pair.reversed()
        }
        let document = try decode(bytes)
        #expect(texts(document) == ["Ünïcode §", "2nd 𝔸"])
        #expect(lineStarts(document) == [2, 22])
    }

    @Test func invalidUTF8LinesFallBackWithOneWarning() throws {
        // "café" in Windows-1252 (0xE9) and a curly quote (0x93), between two UTF-8 lines.
        let bytes = Array("ok ç\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x71, 0x94] + Array("\nfine".utf8)
        let document = try decode(bytes)
        #expect(texts(document) == ["ok ç", "café “q”", "fine"])
        #expect(document.log.warnings.count == 1)
        #expect(document.log.warnings.first?.sourceOffset == 6)
        #expect(document.log.warnings.first?.message.contains("windows-1252") == true)
    }

    @Test func latin1FallbackIsConfigurable() throws {
        let document = try decode([0x93, 0xE9], fallback: .latin1)
        #expect(texts(document).first?.unicodeScalars.map(\.value) == [0x93, 0xE9])
    }

    @Test func refusesEmptyInput() {
        #expect(throws: ReadingFailure(step: "decode", "the file is empty (0 bytes)")) { try decode([]) }
    }

    @Test func refusesBinaryInputNamingTheOffset() {
        do {
            _ = try decode(Array("text".utf8) + [0, 1, 2])
            Issue.record("a file with a NUL byte was accepted")
        } catch {
            #expect(error.sourceOffset == 4)
            #expect(error.message.contains("binary"))
        }
    }

    @Test func removesNoncharactersXMLForbids() throws {
        let document = try decode(Array("a\u{FFFE}b".utf8))
        #expect(texts(document) == ["ab"])
        #expect(document.log.edits.count == 1)
    }

    /// The log is written to XML too, so it shows a removed noncharacter by a stand-in XML can
    /// carry (found by the property tests: the XML output failed on the raw U+FFFF in `before`).
    @Test func logsNoncharactersAsTheReplacementCharacter() throws {
        let document = try decode(Array("a\u{FFFF}b\u{FFFE}".utf8))
        #expect(document.log.edits.map(\.before) == ["\u{FFFD}", "\u{FFFD}"])
        #expect(document.log.edits.map(\.reason).allSatisfy { $0.contains("shown as U+FFFD") })
        #expect(document.log.edits.first?.reason.contains("U+FFFF") == true)
    }
}
