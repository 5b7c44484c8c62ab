import ClerkJSON
import ClerkTestSupport
import Foundation
import Testing

/// `convert` over bulk files: a CourtListener-style table of opinions (bzip2-compressed, quoted
/// fields over several lines) and Caselaw Access Project cases as JSON Lines. Each record is a
/// document of its own, named by its id; a bad record fails alone, named by file, position and id.
@Suite struct BulkConvertTests {
    private static let columns = [
        "id", "author_str", "per_curiam", "joined_by_str", "type", "plain_text", "html", "html_lawbox", "html_columbia",
        "html_anon_2020", "xml_harvard", "html_with_citations", "cluster_id",
    ]

    private static func csvField(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Opinion rows (the text on several lines, with quotes), then a row with too few fields.
    private static func opinionsTable(rows: Int = 3) -> String {
        var lines = [columns.joined(separator: ",")]
        for index in 0..<rows {
            var row = Dictionary(uniqueKeysWithValues: columns.map { ($0, "") })
            row["id"] = String(5100 + index)
            row["author_str"] = "Poe"
            row["per_curiam"] = "f"
            row["type"] = index == 1 ? "040dissent" : "020lead"
            row["cluster_id"] = String(600 + index)
            row["plain_text"] = csvField("The \"claim\" of case \(index) fails.\n\nThe judgment is affirmed.\n")
            lines.append(columns.map { row[$0]! }.joined(separator: ","))
        }
        lines.append("5199,too,few")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func capCase(id: Int) -> String {
        let casebody = #"<casebody><parties>ROE v. DOE.</parties><opinion type=\"majority\"><author>ABLE, J.</author><p>Case \#(id) is affirmed.</p></opinion></casebody>"#
        return #"{"id": \#(id), "name": "ROE v. DOE", "decision_date": "1931-04-02", "docket_number": "No. \#(id)", "court": {"name": "Court of Examplia"}, "citations": [], "casebody": {"status": "ok", "data": "\#(casebody)"}}"#
    }

    @Test func eachRecordIsADocumentNamedByItsId() throws {
        let scratch = try Scratch()
        let table = try scratch.write("in/opinions.csv", Self.opinionsTable())
        _ = try ExternalTool.run("bzip2", ["-f", table])
        _ = try scratch.write("in/volume.jsonl", [Self.capCase(id: 71), "", Self.capCase(id: 72), "{broken"].joined(separator: "\n") + "\n")
        let result = try ClerkProcess.run([
            "convert", scratch.path("in/opinions.csv.bz2"), scratch.path("in/volume.jsonl"), "--out", scratch.path("out"),
        ])
        #expect(result.status == 1)
        #expect(scratch.files(under: "out") == [
            "5100.json", "5100.xml", "5101.json", "5101.xml", "5102.json", "5102.xml", "71.json", "71.xml", "72.json", "72.xml",
        ])
        #expect(result.stderr.contains("opinions.csv.bz2: record 4 (line 14, byte"))
        #expect(result.stderr.contains("expected 13 fields (as the header has), found 3"))
        #expect(result.stderr.contains("volume.jsonl: record 3 (line 4, byte"))
        #expect(result.stderr.contains("converted 5 of 7"))

        let dissent = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/5101.json")))))
        #expect(dissent["source"]?["record"]?["id"]?.stringValue == "5101")
        #expect(dissent["source"]?["record"]?["clusterId"]?.stringValue == "601")
        #expect(dissent["source"]?["name"]?.stringValue == "opinions.csv.bz2#5101")
        #expect(dissent["opinions"]?.arrayValue?.map { $0["type"]?.stringValue } == ["dissent"])
        #expect(dissent["opinions"]?.arrayValue?.first?["blocks"]?.arrayValue?.first?["text"]?.stringValue == #"The "claim" of case 1 fails."#)
        let capCase = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/72.json")))))
        #expect(capCase["case"]?["dockets"]?.arrayValue == [.string("No. 72")])

        let xmlFiles = scratch.files(under: "out").filter { $0.hasSuffix(".xml") }.map { scratch.path("out/" + $0) }
        let xmllint = try ClerkProcess.tool("xmllint", ["--noout", "--schema", ClerkProcess.packageRoot.path + "/Schemas/opinion.xsd"] + xmlFiles)
        #expect(xmllint.status == 0, "\(xmllint.output)")

        // --resume skips each record whose outputs are up to date.
        let again = try ClerkProcess.run([
            "convert", scratch.path("in/opinions.csv.bz2"), scratch.path("in/volume.jsonl"), "--out", scratch.path("out"), "--resume",
        ])
        #expect(again.stderr.contains("5 skipped"))
    }

    /// Names of one character, relative to the working folder: a table `t.csv`, the output
    /// folder `o`, the report `r`.
    @Test func oneCharacterNamesInTheWorkingFolder() throws {
        let scratch = try Scratch()
        try scratch.write("t.csv", Self.opinionsTable(rows: 2))
        let result = try ClerkProcess.run(["convert", "t.csv", "--out", "o", "--report", "r"], in: scratch.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(scratch.files(under: "o") == ["5100.json", "5100.xml", "5101.json", "5101.xml"])
        #expect(scratch.files().contains("r"))
    }

    @Test func aCutCompressedFileKeepsTheRecordsBeforeTheCut() throws {
        let scratch = try Scratch()
        let table = try scratch.write("in/cut.csv", Self.opinionsTable(rows: 2000))
        _ = try ExternalTool.run("gzip", ["-f", table])
        let whole = try Data(contentsOf: URL(fileURLWithPath: scratch.path("in/cut.csv.gz")))
        _ = try scratch.write("in/cut.csv.gz", [UInt8](whole.prefix(whole.count / 2)))
        let result = try ClerkProcess.run(["convert", scratch.path("in/cut.csv.gz"), "--out", scratch.path("out")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cut.csv.gz: the gzip stream"))
        #expect(result.stderr.contains("(the file is cut short)"))
        // The records before the cut are converted, each whole and valid; none after it.
        let outputs = scratch.files(under: "out").filter { $0.hasSuffix(".xml") }
        #expect(outputs.count > 0 && outputs.count < 2000)
        let xmllint = try ClerkProcess.tool(
            "xmllint", ["--noout", "--schema", ClerkProcess.packageRoot.path + "/Schemas/opinion.xsd"] + outputs.map { scratch.path("out/" + $0) })
        #expect(xmllint.status == 0)
    }

    /// A compressed dump that holds no records is one document, as the dump itself would be.
    @Test func aCompressedDumpIsOneDocument() throws {
        let scratch = try Scratch()
        let text = "ROE v. DOE\n\nABLE, J.\n\nThe judgment is affirmed.\n"
        _ = try scratch.write("plain/dump.txt", text)
        let packed = try scratch.write("packed/dump.txt", text)
        _ = try ExternalTool.run("xz", ["-f", packed])
        let packedRun = try ClerkProcess.run(["convert", scratch.path("packed/dump.txt.xz"), "--out", scratch.path("out-packed")])
        let plainRun = try ClerkProcess.run(["convert", scratch.path("plain/dump.txt"), "--out", scratch.path("out-plain")])
        #expect(packedRun.status == 0, "\(packedRun.stderr)")
        #expect(plainRun.status == 0)
        #expect(scratch.files(under: "out-packed") == ["dump.json", "dump.xml"])
        let packedDocument = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out-packed/dump.json")))))
        let plainDocument = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out-plain/dump.json")))))
        #expect(packedDocument["opinions"] == plainDocument["opinions"])
        #expect(packedDocument["case"] == plainDocument["case"])
        #expect(packedDocument["source"]?["sha256"] == plainDocument["source"]?["sha256"], "the digest of the decompressed bytes")
    }

    /// A compressed file read whole stops at --max-input-size of decompressed bytes.
    @Test func aCompressedDumpOverTheSizeLimitIsRefused() throws {
        let scratch = try Scratch()
        let text = String(repeating: "The judgment of the court below is affirmed in every part.\n", count: 30_000)
        let packed = try scratch.write("in/long.txt", text)
        _ = try ExternalTool.run("gzip", ["-f", packed])
        let result = try ClerkProcess.run(["convert", scratch.path("in/long.txt.gz"), "--out", scratch.path("out"), "--max-input-size", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("long.txt.gz: more than 1000000 bytes decompressed, more than --max-input-size allows"), "\(result.stderr)")
        #expect(scratch.files(under: "out").isEmpty)
    }
}
