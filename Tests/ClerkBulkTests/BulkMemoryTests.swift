@testable import ClerkBulk
import ClerkTestSupport
import Foundation
import Testing

/// Reading a large file holds a few megabytes, whatever its size: measured by the buffers the
/// readers keep, not by time.
@Suite struct BulkMemoryTests {
    /// Writes about `megabytes` MB of CSV rows (each a few kilobytes, with quoted text over many
    /// lines) to `path`, a row at a time; the number of rows.
    private func writeLargeCSV(_ path: String, megabytes: Int) throws -> Int {
        guard let file = fopen(path, "w") else { throw CocoaError(.fileWriteUnknown) }
        defer { fclose(file) }
        var random = SplitMix64(seed: 11)
        let paragraph = "The court held that the \"statute\" applies, and the motion is denied.\n"
        let header = "id,date_created,author_str,plain_text,cluster_id\n"
        fputs(header, file)
        var written = header.utf8.count, rows = 0
        while written < megabytes << 20 {
            rows += 1
            let text = String(repeating: paragraph, count: Int(random.next() % 60) + 1)
            let row = "\(rows),2024-05-06,\(rows % 3 == 0 ? "" : "\"Judge\""),\(csvField(text)),\(rows * 7)\r\n"
            fputs(row, file)
            written += row.utf8.count
        }
        return rows
    }

    @Test func aFiftyMegabyteCSVIsReadWithAFewMegabytes() throws {
        let scratch = try Scratch()
        let path = scratch.path("large.csv")
        let rows = try writeLargeCSV(path, megabytes: 50)
        for file in [path, try CompressionTool.gzip.compress(path)] {
            let reader = try CSVRecordReader(path: file)
            var count = 0, lastLine = 0
            while let result = try reader.next() {
                let record = try result.get()
                count += 1
                #expect(record.position.number == count)
                #expect(record.position.line > lastLine)
                lastLine = record.position.line
                if count == rows { #expect(record.string(named: "cluster_id") == "\(rows * 7)") }
            }
            #expect(count == rows)
            #expect(reader.chunkReader.bytesProduced > 50 << 20)
            // Two chunk buffers of 1 MB and one row of a few kilobytes.
            #expect(reader.largestBufferCapacity < 3 << 20, "\(file): \(reader.largestBufferCapacity) bytes held")
        }
    }
}
