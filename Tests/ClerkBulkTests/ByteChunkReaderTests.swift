import ClerkBulk
import ClerkTestSupport
import Foundation
import Testing

@Suite struct ByteChunkReaderTests {
    @Test func uncompressedBytesPassThroughInChunksOfTheGivenSize() throws {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for chunkSize in [1, 2, 3, 5, 7, 4096, ByteChunkReader.defaultChunkSize] {
            let reader = ByteChunkReader(bytes: bytes, chunkSize: chunkSize)
            #expect(reader.compression == .none)
            var joined: [UInt8] = []
            while let chunk = try reader.next() {
                #expect(chunk.count <= chunkSize)
                joined.append(contentsOf: chunk)
            }
            #expect(joined == bytes)
            #expect(reader.bytesProduced == bytes.count)
            #expect(reader.compressedBytesRead == bytes.count)
            #expect(try reader.next() == nil)
        }
    }

    @Test func emptyAndTinyInputs() throws {
        #expect(try readAll(ByteChunkReader(bytes: [])) == [])
        #expect(try readAll(ByteChunkReader(bytes: [0x42, 0x5A])) == [0x42, 0x5A])  // "BZ" alone is not bzip2
        #expect(ByteChunkReader(bytes: [0x42, 0x5A]).compression == .none)
    }

    @Test func filesCompressedBySystemToolsReadBackIdentical() throws {
        let scratch = try Scratch()
        let text = Array(generatedCSV(rows: 2_000).text.utf8)
        let path = try scratch.write("opinions.csv", text)
        for tool in CompressionTool.allCases {
            let compressedPath = try tool.compress(path)
            let reader = try ByteChunkReader(path: compressedPath)
            #expect(reader.compression == tool.compression)
            #expect(reader.fileSize == (try FileManager.default.attributesOfItem(atPath: compressedPath)[.size] as? Int))
            #expect(try readAll(reader) == text, "\(tool)")
            #expect(reader.compressedBytesRead == reader.fileSize)
            #expect(reader.bytesProduced == text.count)

            // The same bytes fed a few at a time: every read and every chunk ends somewhere new.
            let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: compressedPath)))
            for chunkSize in [1, 3, 7, 1000] {
                #expect(try readAll(ByteChunkReader(bytes: compressed, chunkSize: chunkSize)) == text, "\(tool), chunks of \(chunkSize)")
            }
        }
    }

    @Test func concatenatedStreamsAreReadToTheEnd() throws {
        let scratch = try Scratch()
        let first = Array(generatedCSV(rows: 300, seed: 1).text.utf8)
        let second = Array("a second stream, as pbzip2 and lbzip2 write them\n".utf8)
        let third = Array(generatedCSV(rows: 50, seed: 3).text.utf8)
        for tool in CompressionTool.allCases {
            // `cat a.bz2 b.bz2 c.bz2`
            let joined = try tool.compressed(first, in: scratch, name: "a") + tool.compressed(second, in: scratch, name: "b")
                + tool.compressed(third, in: scratch, name: "c")
            let path = try scratch.write("joined.csv" + tool.suffix, joined)
            #expect(try readAll(ByteChunkReader(path: path)) == first + second + third, "\(tool)")
            #expect(try readAll(ByteChunkReader(bytes: joined, chunkSize: 5)) == first + second + third, "\(tool), small chunks")
        }
    }

    @Test func aCutCompressedFileIsAnErrorNamingWhereItEnds() throws {
        let scratch = try Scratch()
        let text = Array(generatedCSV(rows: 500).text.utf8)
        for tool in CompressionTool.allCases {
            let compressed = try tool.compressed(text, in: scratch, name: "cut.csv")
            let cut = compressed.count * 2 / 3
            let path = try scratch.write("cut.csv\(tool.suffix).part", Array(compressed[..<cut]))
            let reader = try ByteChunkReader(path: path)
            let error = try #require(readError(reader), "\(tool)")
            #expect(error.problem == .truncated(tool.compression, streamStart: 0, offset: cut), "\(tool): \(error)")
            #expect(throws: error) { try reader.next() }
            #expect(error.source == path)
            #expect(error.description.contains("the \(tool.rawValue) stream that starts at compressed byte 0 ends before its end mark, at compressed byte \(cut)"))
        }
    }

    @Test func aCutSecondStreamNamesWhereThatStreamStarts() throws {
        let scratch = try Scratch()
        let first = try CompressionTool.bzip2.compressed(Array("first\n".utf8), in: scratch, name: "a")
        let second = try CompressionTool.bzip2.compressed(Array(generatedCSV(rows: 100).text.utf8), in: scratch, name: "b")
        let bytes = first + second.prefix(second.count / 2)
        let error = try #require(readError(ByteChunkReader(bytes: bytes, name: "two.csv.bz2", chunkSize: 64)))
        #expect(error.problem == .truncated(.bzip2, streamStart: first.count, offset: bytes.count))
        #expect(error.description.hasPrefix("two.csv.bz2: the bzip2 stream that starts at compressed byte \(first.count) "))
    }

    @Test func corruptDataIsAnErrorInTheLibrarysWords() throws {
        let scratch = try Scratch()
        let text = Array(generatedCSV(rows: 500).text.utf8)
        for tool in CompressionTool.allCases {
            var compressed = try tool.compressed(text, in: scratch, name: "bad.csv")
            for index in stride(from: compressed.count / 3, to: compressed.count / 3 + 40, by: 1) { compressed[index] ^= 0x55 }
            let error = try #require(readError(ByteChunkReader(bytes: compressed, name: "bad")), "\(tool)")
            guard case .corrupt(let kind, let reason, let offset) = error.problem else {
                Issue.record("\(tool): \(error)")
                continue
            }
            #expect(kind == tool.compression)
            #expect(offset > 0 && offset <= compressed.count)
            #expect(!reason.isEmpty)
            #expect(error.description.contains("data is corrupt near compressed byte \(offset)"))
        }
    }

    @Test func bytesAfterTheLastStreamThatStartNoOtherAreAnError() throws {
        let scratch = try Scratch()
        for tool in [CompressionTool.bzip2, .gzip] {
            let compressed = try tool.compressed(Array("id\n1\n".utf8), in: scratch, name: "t.csv")
            let error = try #require(readError(ByteChunkReader(bytes: compressed + Array("garbage".utf8))))
            #expect(error.problem == .trailingData(tool.compression, offset: compressed.count))
        }
    }

    @Test func aMissingFileOrAFolderCannotBeOpened() throws {
        let scratch = try Scratch()
        let missing = scratch.path("no-such-file.csv.bz2")
        #expect(throws: BulkReadError(source: missing, problem: .cannotOpen(reason: "No such file or directory"))) {
            try ByteChunkReader(path: missing)
        }
        do {
            _ = try ByteChunkReader(path: scratch.url.path)
            Issue.record("a folder opened")
        } catch {
            #expect(error.description.hasPrefix("\(scratch.url.path): cannot open the file: "))
        }
    }
}
