@testable import ClerkBulk
import ClerkTestSupport
import Testing

@Suite struct CSVRecordReaderTests {
    /// A header, then rows with a field over three lines (a CRLF inside it), doubled quotes,
    /// NULLs and empty strings, CRLF row ends, and a last row without a line end.
    private let header = "id,text,note\r\n"
    private let row1 = "1,\"First line\r\nsecond \"\"quoted\"\" line\nthird\",\r\n"
    private let row2 = "2,\"\",\"\"\"\"\r\n"
    private let row3 = "3,,\"x,y\""
    private var sample: String { header + row1 + row2 + row3 }

    @Test func quotedFieldsOverLinesDoubledQuotesAndCRLFAtEveryChunkBoundary() throws {
        let expected: [[String?]] = [
            ["1", "First line\r\nsecond \"quoted\" line\nthird", nil],
            ["2", "", "\""],
            ["3", nil, "x,y"],
        ]
        let offsets = [header.utf8.count, (header + row1).utf8.count, (header + row1 + row2).utf8.count]
        for chunkSize in Array(1...7) + [64, ByteChunkReader.defaultChunkSize] {
            let (names, results) = try csvResults(sample, chunkSize: chunkSize)
            #expect(names == ["id", "text", "note"], "chunks of \(chunkSize)")
            let records = try results.map { try $0.get() }
            #expect(records.map(texts) == expected, "chunks of \(chunkSize)")
            #expect(records.map(\.position) == [
                RecordPosition(number: 1, line: 2, byteOffset: offsets[0]),
                RecordPosition(number: 2, line: 5, byteOffset: offsets[1]),
                RecordPosition(number: 3, line: 6, byteOffset: offsets[2]),
            ], "chunks of \(chunkSize)")
        }
    }

    @Test func aNullIsAnEmptyUnquotedFieldAndAnEmptyStringIsQuoted() throws {
        let (_, results) = try csvResults("a,b,c,d\n,\"\",,\"\"\n\"\",,\"\",\n")
        let records = try results.map { try $0.get() }
        #expect(records.map(texts) == [[nil, "", nil, ""], ["", nil, "", nil]])
        #expect(records[0].isNull(at: 0) && !records[0].isNull(at: 1))
        #expect(records[0].field(at: 1) == [])
    }

    @Test func fieldsAreFoundByTheHeadersNames() throws {
        let (_, results) = try csvResults("id,plain_text,author_str\n7,\"Some text, with a comma\",\n")
        let record = try #require(try results.first?.get())
        #expect(record.header.index(of: "plain_text") == 1)
        #expect(record.string(named: "plain_text") == "Some text, with a comma")
        #expect(record.field(named: "id") == Array("7".utf8)[...])
        #expect(record.string(named: "author_str") == nil)
        #expect(record.header.index(of: "author_str") == 2)
        #expect(record.string(named: "no_such_column") == nil)
        #expect(record.header.index(of: "no_such_column") == nil)
    }

    @Test func aRowWithTheWrongFieldCountIsReportedAndTheRowsAfterItStillCome() throws {
        let text = "id,a,b\n1,x,y\n2,\"two\nlines\"\n3,x,y\n4,x,y,z\n5,x,y\n"
        for chunkSize in [1, 4, ByteChunkReader.defaultChunkSize] {
            let (_, results) = try csvResults(text, chunkSize: chunkSize)
            #expect(results.count == 5)
            #expect(try results[0].get().string(at: 0) == "1")
            let short = CSVRecordError(
                position: RecordPosition(number: 2, line: 3, byteOffset: 13), problem: .wrongFieldCount(expected: 3, found: 2))
            #expect(results[1].failure == short)
            #expect(short.description == "record 2 (line 3, byte 13): expected 3 fields (as the header has), found 2")
            #expect(try results[2].get().position == RecordPosition(number: 3, line: 5, byteOffset: byteOffset(of: "3,x,y", in: text)))
            #expect(results[3].failure?.problem == .wrongFieldCount(expected: 3, found: 4))
            #expect(try results[4].get().string(at: 2) == "y")
        }
    }

    @Test func aQuoteInsideAnUnquotedFieldSpoilsOnlyItsRow() throws {
        // The stray quote is a byte of the field; the quoted field after it still spans two lines.
        let text = "id,a,b\n1,ab\"c,\"multi\nline\"\n2,x,y\n"
        let (_, results) = try csvResults(text)
        #expect(results.count == 2)
        #expect(results[0].failure == CSVRecordError(
            position: RecordPosition(number: 1, line: 2, byteOffset: 7),
            problem: .quoteInUnquotedField(field: 2, line: 2, byteOffset: 11)))
        #expect(try results[1].get().position == RecordPosition(number: 2, line: 4, byteOffset: 27))
        #expect(try texts(results[1].get()) == ["2", "x", "y"])
    }

    @Test func textAfterAClosingQuoteSpoilsOnlyItsRow() throws {
        let text = "id,a\n1,\"ab\"c\n2,\"ok\"\r\n3,\"cr\"\rx\n4,z\n"
        let (_, results) = try csvResults(text)
        #expect(results.count == 4)
        #expect(results[0].failure?.problem == .textAfterClosingQuote(field: 2, line: 2, byteOffset: 11))
        #expect(try texts(results[1].get()) == ["2", "ok"])
        #expect(results[2].failure?.problem == .textAfterClosingQuote(field: 2, line: 4, byteOffset: 27))
        #expect(try texts(results[3].get()) == ["4", "z"])
    }

    @Test func anUnterminatedQuoteAtTheEndNamesWhereTheFieldStarts() throws {
        let text = "id,text\n1,ok\n2,\"never closed\nsecond line\n3,x\n"
        for chunkSize in [1, 5, ByteChunkReader.defaultChunkSize] {
            let (_, results) = try csvResults(text, chunkSize: chunkSize)
            #expect(results.count == 2)
            let error = try #require(results[1].failure)
            #expect(error.problem == .unterminatedQuotedField(field: 2, line: 3, byteOffset: 15))
            #expect(error.description == "record 2 (line 3, byte 13): the input ends inside quoted field 2, which starts at line 3, byte 15")
        }
    }

    @Test func aRowPastTheSizeLimitIsSkippedWithoutBeingHeld() throws {
        let long = String(repeating: "word, ", count: 400)
        let text = "id,text\n1,short\n2,\"\(long)\"\n3,\"also \"\"short\"\"\"\n"
        let reader = try CSVRecordReader(chunks: ByteChunkReader(bytes: Array(text.utf8), chunkSize: 16), maximumRecordSize: 200)
        #expect(try reader.next()?.get().string(at: 1) == "short")
        let error = try #require(try reader.next()?.failure)
        #expect(error.problem == .recordTooLarge(limit: 200, size: long.utf8.count + 5))
        #expect(error.position == RecordPosition(number: 2, line: 3, byteOffset: 16))
        #expect(try reader.next()?.get().string(at: 1) == "also \"short\"")
        #expect(try reader.next() == nil)
        #expect(reader.largestBufferCapacity < 1024)
    }

    @Test func aByteOrderMarkIsNoPartOfTheFirstName() throws {
        for chunkSize in [1, 2, 3, 4, ByteChunkReader.defaultChunkSize] {
            let (names, results) = try csvResults("\u{FEFF}id,name\n1,a\n", chunkSize: chunkSize)
            #expect(names == ["id", "name"])
            #expect(try results.map { try $0.get().position } == [RecordPosition(number: 1, line: 2, byteOffset: 11)])
        }
    }

    @Test func emptyLinesAreSkippedAndTheLastRowNeedsNoLineEnd() throws {
        let (_, results) = try csvResults("a,b\n1,2\n\n\r\n3,4")
        #expect(try results.map { try texts($0.get()) } == [["1", "2"], ["3", "4"]])
        #expect(try results[1].get().position == RecordPosition(number: 2, line: 5, byteOffset: 11))
        // In a one-column file, an empty line is a row with one NULL.
        let (_, single) = try csvResults("a\n1\n\n2\n")
        #expect(try single.map { try texts($0.get()) } == [["1"], [nil], ["2"]])
    }

    @Test func postgreSQLBackslashEscapes() throws {
        let text = "id,html\n1,\"<a href=\\\"#\\\" data-x=\\\"1,2\\\">C:\\\\dir \\n</a>\"\n2,\"\\\\\"\n3,\"\"\n"
        for chunkSize in [1, 2, 3, 4, 5, 6, 7, ByteChunkReader.defaultChunkSize] {
            let (_, results) = try csvResults(text, chunkSize: chunkSize, dialect: .postgreSQLBackslashEscape)
            #expect(try results.map { try texts($0.get()) } == [
                ["1", "<a href=\"#\" data-x=\"1,2\">C:\\dir \\n</a>"], ["2", "\\"], ["3", ""],
            ], "chunks of \(chunkSize)")
        }
    }

    @Test func aBacktickQuotedDialect() throws {
        let dialect = CSVDialect(quote: UInt8(ascii: "`"))
        let (_, results) = try csvResults("id,text\n1,`a \"b\" ``c``, d`\n", dialect: dialect)
        #expect(try results.map { try texts($0.get()) } == [["1", "a \"b\" `c`, d"]])
    }

    @Test func anEmptyInputOrABrokenHeaderIsAStreamError() throws {
        #expect(throws: BulkReadError(source: "(memory)", problem: .badHeader(reason: "the input is empty"))) {
            try csvResults("")
        }
        do {
            _ = try csvResults("id,\"name\n1,a\n")
            Issue.record("a header with an open quote was read")
        } catch {
            #expect("\(error)".contains("the header row: the input ends inside quoted field 2, which starts at line 1, byte 3"))
        }
    }

    @Test func generatedOpinionsCompressedBySystemToolsComeBackFieldByField() throws {
        let scratch = try Scratch()
        let generated = generatedCSV(rows: 1_500)
        let path = try scratch.write("opinions-2024-05-06.csv", generated.text)
        for tool in CompressionTool.allCases {
            let reader = try CSVRecordReader(path: tool.compress(path))
            #expect(reader.chunkReader.compression == tool.compression)
            #expect(reader.header.names == generated.header)
            var rows: [[String?]] = []
            while let result = try reader.next() { rows.append(texts(try result.get())) }
            #expect(rows == generated.rows, "\(tool)")
            #expect(reader.chunkReader.compressedBytesRead == reader.chunkReader.fileSize)
        }
    }

    @Test func aCutCompressedCSVStopsWithTheStreamErrorAfterItsWholeRows() throws {
        let scratch = try Scratch()
        let generated = generatedCSV(rows: 2_000)
        let compressed = try CompressionTool.gzip.compressed(Array(generated.text.utf8), in: scratch, name: "o.csv")
        let cut = Array(compressed.prefix(compressed.count - 100))
        let reader = try CSVRecordReader(chunks: ByteChunkReader(bytes: cut, name: "o.csv.gz", chunkSize: 4096))
        var rows = 0
        do {
            while let result = try reader.next() {
                if case .success = result { rows += 1 }
            }
            Issue.record("a cut file read to its end")
        } catch {
            #expect(error.problem == .truncated(.gzip, streamStart: 0, offset: cut.count))
        }
        #expect(rows > 1_900 && rows < 2_000)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
