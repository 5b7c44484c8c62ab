@testable import ClerkBulk
import Testing

private func lines(_ text: String, chunkSize: Int = ByteChunkReader.defaultChunkSize, maximumRecordSize: Int = 1 << 20)
    throws -> [Result<JSONRecord, JSONRecordError>] {
    let reader = JSONLinesRecordReader(
        chunks: ByteChunkReader(bytes: Array(text.utf8), chunkSize: chunkSize), maximumRecordSize: maximumRecordSize)
    var results: [Result<JSONRecord, JSONRecordError>] = []
    while let result = try reader.next() { results.append(result) }
    return results
}

private func elements(_ text: String, chunkSize: Int = ByteChunkReader.defaultChunkSize, maximumRecordSize: Int = 1 << 20)
    throws -> [Result<JSONRecord, JSONRecordError>] {
    let reader = JSONArrayRecordReader(
        chunks: ByteChunkReader(bytes: Array(text.utf8), chunkSize: chunkSize), maximumRecordSize: maximumRecordSize)
    var results: [Result<JSONRecord, JSONRecordError>] = []
    while let result = try reader.next() { results.append(result) }
    #expect(try reader.next() == nil)
    return results
}

private func text(_ record: JSONRecord) -> String { String(decoding: record.bytes, as: UTF8.self) }

@Suite struct JSONLinesRecordReaderTests {
    @Test func eachLineIsARecordAndBlankLinesAreSkipped() throws {
        let input = "{\"id\": 1, \"name\": \"A v. B\"}\r\n\n   \n{\"id\": 2, \"text\": \"line\\nbreak\"}\n{\"id\": 3}"
        for chunkSize in Array(1...7) + [ByteChunkReader.defaultChunkSize] {
            let records = try lines(input, chunkSize: chunkSize).map { try $0.get() }
            #expect(records.map(text) == ["{\"id\": 1, \"name\": \"A v. B\"}", "{\"id\": 2, \"text\": \"line\\nbreak\"}", "{\"id\": 3}"])
            #expect(records.map(\.position) == [
                RecordPosition(number: 1, line: 1, byteOffset: 0),
                RecordPosition(number: 2, line: 4, byteOffset: byteOffset(of: "{\"id\": 2", in: input)),
                RecordPosition(number: 3, line: 5, byteOffset: byteOffset(of: "{\"id\": 3", in: input)),
            ], "chunks of \(chunkSize)")
        }
    }

    @Test func aLineLongerThanTheLimitIsSkippedWithoutBeingHeld() throws {
        let long = "{\"text\": \"" + String(repeating: "x", count: 5_000) + "\"}"
        let input = "{\"id\": 1}\n" + long + "\r\n{\"id\": 3}\n"
        let reader = JSONLinesRecordReader(chunks: ByteChunkReader(bytes: Array(input.utf8), chunkSize: 64), maximumRecordSize: 1_000)
        #expect(try reader.next()?.get().bytes == Array("{\"id\": 1}".utf8))
        let error = try #require(try reader.next()?.failure)
        #expect(error == JSONRecordError(
            position: RecordPosition(number: 2, line: 2, byteOffset: 10), problem: .recordTooLarge(limit: 1_000, size: long.utf8.count + 1)))
        #expect(error.isRecoverable)
        #expect(try reader.next()?.get().position == RecordPosition(number: 3, line: 3, byteOffset: 10 + long.utf8.count + 2))
        #expect(try reader.next() == nil)
        #expect(reader.bufferCapacity < 2_000)
    }

    @Test func aByteOrderMarkAndAnEmptyInput() throws {
        #expect(try lines("").isEmpty)
        #expect(try lines("\n\n").isEmpty)
        let records = try lines("\u{FEFF}{}\n", chunkSize: 2).map { try $0.get() }
        #expect(records.map(text) == ["{}"])
        #expect(records[0].position.byteOffset == 3)
    }
}

@Suite struct JSONArrayRecordReaderTests {
    /// Strings that hold `]`, `}`, `[`, `{`, escaped quotes and an escaped backslash before a
    /// closing quote; a nested array; a pretty-printed element over several lines.
    private let array = """
        [
          {"id": 1, "name": "brackets ] and } and [ and {", "quote": "she said \\"no]\\""},
          {"id": 2, "path": "C:\\\\", "list": [1, [2, {"x": "]"}]]},
          {
            "id": 3,
            "text": "a \\\\\\" tricky } one"
          }
        ]

        """

    @Test func elementsComeWholeWhateverTheyHoldAndWhereverChunksEnd() throws {
        let expected = [
            #"{"id": 1, "name": "brackets ] and } and [ and {", "quote": "she said \"no]\""}"#,
            #"{"id": 2, "path": "C:\\", "list": [1, [2, {"x": "]"}]]}"#,
            "{\n    \"id\": 3,\n    \"text\": \"a \\\\\\\" tricky } one\"\n  }",
        ]
        for chunkSize in Array(1...7) + [ByteChunkReader.defaultChunkSize] {
            let records = try elements(array, chunkSize: chunkSize).map { try $0.get() }
            #expect(records.map(text) == expected, "chunks of \(chunkSize)")
            #expect(records.map(\.position.number) == [1, 2, 3])
            #expect(records.map(\.position.line) == [2, 3, 4])
            #expect(records.map(\.position.byteOffset) == ["{\"id\": 1", "{\"id\": 2", "{\n"].map { byteOffset(of: $0, in: array) },
                    "chunks of \(chunkSize)")
        }
    }

    @Test func scalarsStringsAndAnEmptyArray() throws {
        #expect(try elements("[]").isEmpty)
        #expect(try elements(" [ ] \n").isEmpty)
        let records = try elements("[1, \"a]\", true,null ,{}, []]", chunkSize: 3).map { try $0.get() }
        #expect(records.map(text) == ["1", "\"a]\"", "true", "null", "{}", "[]"])
    }

    @Test func aMissingCommaIsAnErrorNamingItsPlaceAndEndsTheReading() throws {
        let results = try elements("[\n  {\"id\": 1}\n  {\"id\": 2}\n]")
        #expect(results.count == 2)
        #expect(try results[0].get().bytes == Array("{\"id\": 1}".utf8))
        let error = try #require(results[1].failure)
        #expect(error.problem == .unexpectedByte(UInt8(ascii: "{"), expected: "',' or ']'", line: 3, byteOffset: 16))
        #expect(!error.isRecoverable)
        #expect(error.description == "record 2 (line 3, byte 16): expected ',' or ']' at line 3, byte 16, found '{'")
    }

    @Test func mismatchedBracketsAndTheWrongTopLevel() throws {
        let mismatched = try elements("[{\"a\": [1, 2}]")
        #expect(mismatched.first?.failure?.problem == .unexpectedByte(UInt8(ascii: "}"), expected: "']'", line: 1, byteOffset: 12))
        #expect(mismatched.first?.failure?.position == RecordPosition(number: 1, line: 1, byteOffset: 1))
        let object = try elements("  {\"id\": 1}")
        #expect(object.first?.failure?.problem == .unexpectedByte(UInt8(ascii: "{"), expected: "'[' (the input holds no JSON array)", line: 1, byteOffset: 2))
        let trailing = try elements("[1]\n,")
        #expect(try trailing[0].get().bytes == Array("1".utf8))
        #expect(trailing[1].failure?.problem == .unexpectedByte(UInt8(ascii: ","), expected: "nothing after the array's closing ']'", line: 2, byteOffset: 4))
        let extraComma = try elements("[1,]")
        #expect(extraComma[1].failure?.problem == .unexpectedByte(UInt8(ascii: "]"), expected: "an element", line: 1, byteOffset: 3))
    }

    @Test func anArrayCutShortNamesWhereTheInputEnds() throws {
        let inString = try elements("[{\"id\": 1}, {\"text\": \"never\nclosed")
        #expect(inString.count == 2)
        #expect(inString[1].failure == JSONRecordError(
            position: RecordPosition(number: 2, line: 1, byteOffset: 12),
            problem: .unexpectedEnd(expected: "the end of a string", line: 2, byteOffset: 34)))
        let open = try elements("[{\"id\": 1}, [1, 2")
        #expect(open[1].failure?.problem == .unexpectedEnd(expected: "']'", line: 1, byteOffset: 17))
        let afterElement = try elements("[{\"id\": 1}")
        #expect(afterElement[1].failure?.problem == .unexpectedEnd(expected: "',' or ']'", line: 1, byteOffset: 10))
        #expect(try elements("").first?.failure?.problem == .unexpectedEnd(expected: "'[' (the input holds no JSON array)", line: 1, byteOffset: 0))
    }

    @Test func anElementLargerThanTheLimitIsSkippedAndReadingGoesOn() throws {
        let big = "{\"text\": \"" + String(repeating: "]}", count: 2_000) + "\"}"
        let reader = JSONArrayRecordReader(
            chunks: ByteChunkReader(bytes: Array("[{\"id\": 1}, \(big), {\"id\": 3}]".utf8), chunkSize: 100), maximumRecordSize: 500)
        #expect(try reader.next()?.get().position.number == 1)
        let error = try #require(try reader.next()?.failure)
        #expect(error.problem == .recordTooLarge(limit: 500, size: big.utf8.count))
        #expect(error.isRecoverable)
        #expect(try reader.next()?.get().bytes == Array("{\"id\": 3}".utf8))
        #expect(try reader.next() == nil)
        #expect(reader.bufferCapacity < 1_500)
    }
}
