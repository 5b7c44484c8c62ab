import ClerkJSON
import ClerkTestSupport
import Foundation
import Testing

/// `scale/spark_convert.py` run for real: PySpark in local mode with two cores, the binary
/// shipped with SparkContext.addFile, a replicated corpus of the samples plus a Latin-1 dump and
/// a binary file. Every record must be what `clerk convert` makes of the same file.
@Suite struct SparkJobTests {
    private let root = ClerkProcess.packageRoot.path

    @Test(.timeLimit(.minutes(10)))
    func sparkJobMatchesConvertRecordForRecord() throws {
        let scratch = try Scratch()
        let samples = try FileManager.default.contentsOfDirectory(atPath: root + "/Samples").filter { $0.hasSuffix(".txt") }.sorted()
        var expected: [String] = []
        for copy in 0..<3 {
            for sample in samples {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/Samples/" + sample)))
                _ = try scratch.write("corpus/copy\(copy)/\(sample)", bytes)
                expected.append("copy\(copy)/\(sample)")
            }
        }
        // Not UTF-8: shipped as raw bytes, it must convert exactly as the file does.
        _ = try scratch.write("corpus/latin1.txt", Array("Caf".utf8) + [0xE9] + Array(" au lait v. State. The court affirmed.\n".utf8))
        _ = try scratch.write("corpus/broken.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        _ = try scratch.write("corpus/.hidden/skip.txt", Array("hidden".utf8))
        expected += ["broken.txt", "latin1.txt"]

        let job = try ClerkProcess.tool("python3", [
            root + "/scale/spark_convert.py", scratch.path("corpus"), scratch.path("spark"),
            "--clerk", ClerkProcess.executable.path, "--master", "local[2]", "--partitions", "4", "--parquet"])
        #expect(job.status == 0, "\(job.output.suffix(3_000))")
        let total = expected.count
        #expect(job.output.contains("spark_convert: \(total) record(s), \(total - 1) converted, 1 failed"), "\(job.output.suffix(3_000))")
        #expect(job.output.contains("spark_convert: parquet: \(total) row(s)"), "\(job.output.suffix(3_000))")

        let convert = try ClerkProcess.run(["convert", scratch.path("corpus"), "--out", scratch.path("convert"), "--format", "json", "-q"])
        #expect(convert.status == 1, "\(convert.stderr)")  // the binary file fails there too

        let parts = try FileManager.default.contentsOfDirectory(atPath: scratch.path("spark/jsonl")).filter { $0.hasPrefix("part-") }.sorted()
        #expect(parts.count >= 2, "one file per partition: \(parts)")
        var records: [String: JSONValue] = [:]
        var order: [String] = []
        for part in parts {
            let text = try String(contentsOfFile: scratch.path("spark/jsonl/" + part), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let record = try JSONReader.parse(String(line))
                let id = try #require(record["id"]?.stringValue)
                #expect(records[id] == nil, "\(id) twice")
                records[id] = record
                order.append(id)
            }
        }
        #expect(Set(order) == Set(expected))
        #expect(order == order.sorted(), "records come out in path order across partitions")
        for id in expected {
            let record = try #require(records[id])
            let stem = (id as NSString).deletingPathExtension
            if id == "broken.txt" {
                #expect(record["document"] == nil)
                #expect(record["error"]?.stringValue?.contains("broken.txt: stage decode: binary file") == true, "\(record)")
                #expect(!FileManager.default.fileExists(atPath: scratch.path("convert/\(stem).json")))
                continue
            }
            let file = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("convert/\(stem).json")))))
            #expect(record["document"] == file, "\(id): the Spark record differs from convert's output")
        }
    }
}
