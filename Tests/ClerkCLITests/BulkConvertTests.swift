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

    /// The opinions joined with the clusters, dockets and courts tables: each record gets its
    /// case's name, date, docket number and court; a cluster missing from its table is counted.
    @Test func clustersDocketsAndCourtsAreJoinedToTheirOpinions() throws {
        let scratch = try Scratch()
        try scratch.write("in/opinions.csv", Self.opinionsTable(rows: 3))
        let clusters = try scratch.write("in/clusters.csv", """
            id,case_name,case_name_full,date_filed,docket_id,judges
            600,Roe v. Doe,"Richard Roe, Appellant, v. Jane Doe, Appellee",1987-03-09,90,
            601,Poe v. Moe,,1990-11-30,91,
            699,Unused v. Unused,,2001-01-01,99,
            600,Repeated v. Repeated,,2001-01-01,99,

            """)
        _ = try ExternalTool.run("gzip", ["-f", clusters])
        try scratch.write("in/dockets.csv", """
            id,court_id,docket_number,case_name
            90,exsupct,No. 86-1234,Roe v. Doe
            91,exapp,,Poe v. Moe
            92,exapp,No. 1,Other v. Other
            93,exapp,"No. 2

            """)
        try scratch.write("in/courts.csv", """
            id,short_name,full_name
            exsupct,Ex. S. Ct.,Supreme Court of Examplia
            exapp,Ex. App.,Court of Appeals of Examplia

            """)
        let result = try ClerkProcess.run([
            "convert", scratch.path("in/opinions.csv"), "--out", scratch.path("out"), "--clusters", scratch.path("in/clusters.csv.gz"),
            "--dockets", scratch.path("in/dockets.csv"), "--courts", scratch.path("in/courts.csv"),
        ])
        #expect(result.stderr.contains("joining 3 cluster(s)"), "\(result.stderr)")
        #expect(result.stderr.contains("2 docket(s)"))
        #expect(result.stderr.contains("dockets.csv: 1 row(s) could not be read and were left out; the first: record 4"), "\(result.stderr)")
        #expect(result.stderr.contains("1 of 3 record(s) name a cluster that is not in"))
        #expect(result.stderr.contains("clusters.csv.gz: 1 row(s) repeat an id already read; the first row of each id was kept"))
        let first = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/5100.json")))))
        #expect(first["case"]?["caseName"]?.stringValue == "Richard Roe, Appellant, v. Jane Doe, Appellee")
        #expect(first["case"]?["dockets"]?.arrayValue == [.string("No. 86-1234")])
        #expect(first["case"]?["court"]?.stringValue == "Supreme Court of Examplia")
        #expect(first["case"]?["dates"]?.arrayValue?.first?["date"]?.stringValue == "1987-03-09")
        let second = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/5101.json")))))
        #expect(second["case"]?["caseName"]?.stringValue == "Poe v. Moe")
        #expect(second["case"]?["court"]?.stringValue == "Court of Appeals of Examplia")

        // A folder that holds the tables too: they are joined, not converted.
        let folder = try ClerkProcess.run([
            "convert", scratch.path("in"), "--extensions", "csv,gz", "--out", scratch.path("out-folder"),
            "--clusters", scratch.path("in/clusters.csv.gz"), "--dockets", scratch.path("in/dockets.csv"), "--courts", scratch.path("in/courts.csv"),
        ])
        #expect(folder.status == 1, "\(folder.stderr)")  // the table's last row is malformed
        #expect(scratch.files(under: "out-folder") == ["5100.json", "5100.xml", "5101.json", "5101.xml", "5102.json", "5102.xml"])
        #expect(folder.stderr.contains("courts.csv: a table joined to the records"))

        // --courts without --dockets cannot reach a court: refused before any work.
        let refused = try ClerkProcess.run([
            "convert", scratch.path("in/opinions.csv"), "--out", scratch.path("out2"), "--clusters", scratch.path("in/clusters.csv.gz"),
            "--courts", scratch.path("in/courts.csv"),
        ])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--courts needs --dockets"))
        // A table without the column the join needs names the file and the column.
        try scratch.write("in/bad-clusters.csv", "id,case_name\n600,Roe v. Doe\n")
        let badTable = try ClerkProcess.run([
            "convert", scratch.path("in/opinions.csv"), "--out", scratch.path("out3"), "--clusters", scratch.path("in/bad-clusters.csv"),
        ])
        #expect(badTable.status == 2)
        #expect(badTable.stderr.contains("bad-clusters.csv: no usable CSV header: no column `case_name_full`"), "\(badTable.stderr)")
        #expect(scratch.files(under: "out3").isEmpty)
    }

    /// A table whose quotes inside a field follow a backslash (PostgreSQL's `ESCAPE '\'`), read
    /// with --csv-escape; the same table read as RFC 4180 splits its rows wrongly.
    @Test func backslashEscapedTablesAreReadWithCsvEscape() throws {
        let scratch = try Scratch()
        try scratch.write("in/t.csv", """
            id,type,plain_text,cluster_id
            7001,020lead,"The \\"claim\\", with a comma, fails; see C:\\\\path.\n\nAffirmed.",77

            """)
        let result = try ClerkProcess.run(["convert", scratch.path("in/t.csv"), "--out", scratch.path("out"), "--csv-escape", "\\"])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/7001.json")))))
        #expect(record["opinions"]?.arrayValue?.first?["blocks"]?.arrayValue?.first?["text"]?.stringValue
            == #"The "claim", with a comma, fails; see C:\path."#)
        let asRFC = try ClerkProcess.run(["convert", scratch.path("in/t.csv"), "--out", scratch.path("out-rfc")])
        #expect(asRFC.status == 1)
        #expect(asRFC.stderr.contains("give --csv-escape"), "\(asRFC.stderr)")

        let badOption = try ClerkProcess.run(["convert", scratch.path("in/t.csv"), "--out", scratch.path("out2"), "--csv-escape", "ab"])
        #expect(badOption.status == 2)
        #expect(badOption.stderr.contains("--csv-escape must be one ASCII character"))
    }

    /// A field that is not UTF-8 (a Latin-1 byte in the text) is read with U+FFFD in its place,
    /// and the record converts.
    @Test func aFieldThatIsNotUTF8IsRepaired() throws {
        let scratch = try Scratch()
        try scratch.write("in/latin.csv", Array("id,type,plain_text,cluster_id\n7101,020lead,\"Caf".utf8) + [0xE9]
            + Array(" owners lose.\n\nAffirmed.\",5\n".utf8))
        let result = try ClerkProcess.run(["convert", scratch.path("in/latin.csv"), "--out", scratch.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/7101.json")))))
        #expect(record["opinions"]?.arrayValue?.first?["blocks"]?.arrayValue?.first?["text"]?.stringValue == "Caf\u{FFFD} owners lose.")
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
