import ClerkJSON
import ClerkTestSupport
import Foundation
import Testing

/// `scale/spark_convert.py` run for real: PySpark in local mode with two cores, the binary
/// shipped with SparkContext.addFile, a replicated corpus of the samples plus a Latin-1 dump and
/// a binary file. Every record must be what `clerk convert` makes of the same file. A Spark start
/// takes seconds, so the job runs twice in all (the second time with --overwrite); refusals come
/// before Spark starts and are checked by timing them.
@Suite struct SparkJobTests {
    private let root = ClerkProcess.packageRoot.path
    private var script: String { root + "/scale/spark_convert.py" }

    /// The job with `arguments` and the seconds it took; standard error is in the output.
    private func job(_ arguments: [String]) throws -> (status: Int32, output: String, seconds: Double) {
        var result: (status: Int32, output: String) = (0, "")
        let elapsed = try ContinuousClock().measure { result = try ClerkProcess.tool("python3", [script] + arguments) }
        return (result.status, result.output, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// The job's records, by id, and their ids in the order of the part files.
    private func records(in folder: String) throws -> (byID: [String: JSONValue], order: [String]) {
        let parts = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("part-") }.sorted()
        #expect(parts.count >= 2, "one file per partition: \(parts)")
        var records: [String: JSONValue] = [:]
        var order: [String] = []
        for part in parts {
            let text = try String(contentsOfFile: folder + "/" + part, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let record = try JSONReader.parse(String(line))
                let id = try #require(record["id"]?.stringValue)
                #expect(records[id] == nil, "\(id) twice")
                records[id] = record
                order.append(id)
            }
        }
        return (records, order)
    }

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

        let spark = scratch.path("spark")
        let common = ["--clerk", ClerkProcess.executable.path, "--master", "local[2]", "--partitions", "4"]
        let run = try job([scratch.path("corpus"), spark] + common + ["--parquet"])
        #expect(run.status == 0, "\(run.output.suffix(3_000))")
        let total = expected.count
        // Each result line is a line of its own: no progress bar (carriage returns) runs into it.
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("spark_convert: \(total) record(s), \(total - 1) converted, 1 failed"), "\(run.output.suffix(3_000))")
        #expect(lines.contains("spark_convert: parquet: \(total) row(s)"), "\(run.output.suffix(3_000))")
        #expect(!run.output.contains("\r"), "\(run.output.suffix(3_000))")

        let convert = try ClerkProcess.run(["convert", scratch.path("corpus"), "--out", scratch.path("convert"), "--format", "json", "-q"])
        #expect(convert.status == 1, "\(convert.stderr)")  // the binary file fails there too

        let (records, order) = try self.records(in: spark + "/jsonl")
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

        // The same command again: one line, before Spark starts, and the results stay.
        let again = try job([scratch.path("corpus"), spark] + common + ["--parquet"])
        #expect(again.status == 2)
        #expect(again.output == "spark_convert: error: OUTPUT \(spark) exists (it holds jsonl, parquet); remove it or pass --overwrite\n")
        #expect(!again.output.contains("Exception") && !again.output.contains("at org.apache"))
        #expect(again.seconds < 5, "refused after \(again.seconds) s: Spark started")
        #expect(try self.records(in: spark + "/jsonl").byID == records)

        // --overwrite removes jsonl and parquet, nothing else, and gives the same records; the
        // input named as a URI (as hdfs:///dumps would be on a cluster) gives the same ids.
        _ = try scratch.write("spark/notes.txt", "kept")
        let overwrite = try job(["file://" + scratch.path("corpus"), spark] + common + ["--overwrite"])
        #expect(overwrite.status == 0, "\(overwrite.output.suffix(3_000))")
        #expect(overwrite.output.split(separator: "\n").contains("spark_convert: \(total) record(s), \(total - 1) converted, 1 failed"))
        let rerun = try self.records(in: spark + "/jsonl")
        #expect(rerun.byID == records)
        #expect(rerun.order == order)
        #expect(!FileManager.default.fileExists(atPath: spark + "/parquet"), "the earlier run's table is gone")
        #expect((try? String(contentsOfFile: spark + "/notes.txt", encoding: .utf8)) == "kept")
    }

    /// Case-law records on Spark: a CourtListener-style CSV table (bzip2-compressed, a quoted
    /// field over several lines, quotes escaped with a backslash) joined with its clusters,
    /// dockets and courts tables with --csv, and a CAP volume's JSON Lines with --records. Each
    /// record's case and opinions are what `clerk convert` makes of the same file.
    @Test(.timeLimit(.minutes(10)))
    func sparkJobReadsTablesAndRecordLines() throws {
        let scratch = try Scratch()
        let columns = ["id", "author_str", "per_curiam", "type", "plain_text", "html", "xml_harvard", "html_with_citations", "cluster_id"]
        var table = [columns.joined(separator: ",")]
        // Quotes escaped with a backslash, as CourtListener's exports from 2025 on write them.
        for index in 0..<6 {
            let text = "\"The \\\"claim\\\" of case \(index) fails.\n\nThe judgment is affirmed.\n\""
            table.append(["\(7300 + index)", "Poe", "f", index == 2 ? "040dissent" : "020lead", text, "", "", "", "\(90 + index)"].joined(separator: ","))
        }
        let csv = try scratch.write("tables/opinions.csv", table.joined(separator: "\n") + "\n")
        _ = try ExternalTool.run("bzip2", ["-f", csv])
        // The other tables: case names and dates, docket numbers, courts (one cluster missing).
        try scratch.write("tables/clusters.csv", "id,case_name,case_name_full,date_filed,docket_id\n"
            + (90..<95).map { "\($0),Roe v. Doe \($0),\"Richard \\\"Dick\\\" Roe v. Jane Doe \($0)\",1987-03-0\($0 - 89),\($0 + 100)" }
                .joined(separator: "\n") + "\n94,Repeated v. Repeated,,2001-01-01,194\n")
        try scratch.write("tables/dockets.csv", "id,court_id,docket_number\n"
            + (190..<195).map { "\($0),\($0 % 2 == 0 ? "exsupct" : "exapp"),No. \($0)-A" }.joined(separator: "\n") + "\n")
        try scratch.write("tables/courts.csv", "id,full_name\nexsupct,Supreme Court of Examplia\nexapp,\"Court of Appeals, Examplia\"\n")
        let tables = [
            "--csv-escape", "\\", "--clusters", scratch.path("tables/clusters.csv"), "--dockets", scratch.path("tables/dockets.csv"),
            "--courts", scratch.path("tables/courts.csv"),
        ]
        let casebody = #"<casebody><parties>ROE v. DOE.</parties><opinion type=\"majority\"><author>ABLE, J.</author><p>Affirmed.</p></opinion></casebody>"#
        let cases = (61...63).map {
            #"{"id": \#($0), "name": "ROE v. DOE", "decision_date": "1931-04-02", "court": {"name": "Court of Examplia"}, "casebody": {"status": "ok", "data": "\#(casebody)"}}"#
        } + ["{not a record"]
        _ = try scratch.write("volumes/cases.jsonl", cases.joined(separator: "\n") + "\n")

        let common = ["--clerk", ClerkProcess.executable.path, "--master", "local[2]", "--partitions", "3"]
        let fromTable = try job([scratch.path("tables/opinions.csv.bz2"), scratch.path("spark-csv"), "--csv"] + tables + common)
        #expect(fromTable.status == 0, "\(fromTable.output.suffix(3_000))")
        #expect(fromTable.output.contains("spark_convert: 6 record(s), 6 converted, 0 failed"), "\(fromTable.output.suffix(3_000))")
        let fromLines = try job([scratch.path("volumes/cases.jsonl"), scratch.path("spark-records"), "--records"] + common)
        #expect(fromLines.status == 0, "\(fromLines.output.suffix(3_000))")
        #expect(fromLines.output.contains("spark_convert: 4 record(s), 3 converted, 1 failed"), "\(fromLines.output.suffix(3_000))")

        let convert = try ClerkProcess.run([
            "convert", scratch.path("tables/opinions.csv.bz2"), scratch.path("volumes/cases.jsonl"), "--out", scratch.path("convert"),
            "--format", "json", "-q",
        ] + tables)
        #expect(convert.status == 1)
        for folder in ["spark-csv", "spark-records"] {
            let parts = try FileManager.default.contentsOfDirectory(atPath: scratch.path(folder + "/jsonl")).filter { $0.hasPrefix("part-") }
            var seen = 0
            for part in parts {
                for line in try String(contentsOfFile: scratch.path(folder + "/jsonl/" + part), encoding: .utf8).split(separator: "\n") {
                    let record = try JSONReader.parse(String(line))
                    guard let document = record["document"] else {
                        #expect(record["error"]?.stringValue?.contains("not JSON") == true, "\(record)")
                        continue
                    }
                    let id = try #require(record["id"]?.stringValue ?? record["id"]?.intValue.map(String.init))
                    let file = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("convert/\(id).json")))))
                    #expect(document["case"] == file["case"], "\(id): the case differs from convert's")
                    if folder == "spark-csv", id == "7300" {
                        #expect(document["case"]?["caseName"]?.stringValue == #"Richard "Dick" Roe v. Jane Doe 90"#)
                        #expect(document["case"]?["court"]?.stringValue == "Supreme Court of Examplia")
                        #expect(document["case"]?["dockets"]?.arrayValue == [.string("No. 190-A")])
                    }
                    if folder == "spark-csv", id == "7304" {
                        #expect(document["case"]?["caseName"]?.stringValue == #"Richard "Dick" Roe v. Jane Doe 94"#, "the first row of an id")
                    }
                    if folder == "spark-csv", id == "7305" {
                        #expect(document["case"]?["caseName"] == nil, "cluster 95 is not in the table")
                    }
                    // Source offsets count bytes of the record as each was given (a line of the
                    // volume to convert, the record written compactly to stream).
                    #expect(Self.withoutSourceOffsets(document["opinions"]) == Self.withoutSourceOffsets(file["opinions"]),
                            "\(id): the opinions differ from convert's")
                    #expect(document["source"]?["record"]?["id"] == file["source"]?["record"]?["id"])
                    seen += 1
                }
            }
            #expect(seen == (folder == "spark-csv" ? 6 : 3))
        }
    }

    private static func withoutSourceOffsets(_ value: JSONValue?) -> JSONValue? {
        switch value {
        case .object(let object)?:
            return .object(JSONObject(object.filter { $0.key != "sourceOffset" }.map { ($0.key, withoutSourceOffsets($0.value)!) }))
        case .array(let items)?:
            return .array(items.map { withoutSourceOffsets($0)! })
        default:
            return value
        }
    }

    /// Refusals that need no Spark: each is one line, exit status 2, and writes nothing.
    @Test func refusedBeforeSparkStarts() throws {
        let scratch = try Scratch()
        _ = try scratch.write("corpus/a.txt", "State v. Smith. The court affirmed.\n")
        let input = scratch.path("corpus")
        let clerk = ["--clerk", ClerkProcess.executable.path, "--master", "local[2]"]
        _ = try scratch.write("earlier/jsonl/part-00000", "{}\n")
        _ = try scratch.write("file.txt", "a file")
        let rule = "; the output folder must lie outside the input, and the input outside it"
        let cases: [(arguments: [String], message: String)] = [
            ([input, input + "/out"], "OUTPUT \(input)/out lies inside INPUT \(input)\(rule)"),
            ([input, input], "OUTPUT \(input) is INPUT \(input)\(rule)"),
            ([scratch.path("earlier/jsonl"), scratch.path("earlier")],
             "INPUT \(scratch.path("earlier/jsonl")) lies inside OUTPUT \(scratch.path("earlier"))\(rule)"),
            ([scratch.path("missing"), scratch.path("out")], "INPUT \(scratch.path("missing")) does not exist"),
            ([input, scratch.path("file.txt"), "--overwrite"],
             "OUTPUT \(scratch.path("file.txt")) exists and is not a folder; remove it or name another OUTPUT"),
            ([input], "the following arguments are required: output (see --help)"),
            ([input, scratch.path("out"), "--csv", "--clusters", scratch.path("clusters.csv")],
             "--clusters \(scratch.path("clusters.csv")) does not exist"),
            ([input, scratch.path("out"), "--csv", "--courts", scratch.path("file.txt")],
             "--courts needs --dockets: a record reaches its court through its docket (see --help)"),
            ([input, scratch.path("out"), "--csv", "--csv-escape", "ab"],
             "--csv-escape must be one ASCII character other than a comma or a line end (see --help)"),
        ]
        for (arguments, message) in cases {
            let refused = try job(arguments + clerk)
            #expect(refused.status == 2, "\(arguments)")
            #expect(refused.output == "spark_convert: error: \(message)\n", "\(arguments)")
            #expect(refused.seconds < 5, "\(arguments): refused after \(refused.seconds) s")
        }
        #expect(scratch.files() == ["corpus/a.txt", "earlier/jsonl/part-00000", "file.txt"], "a refused run writes nothing")
    }
}
