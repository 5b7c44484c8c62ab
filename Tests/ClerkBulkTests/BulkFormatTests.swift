import ClerkBulk
import Testing

@Suite struct BulkFormatTests {
    private func detect(_ path: String, _ text: String) -> BulkFormat? {
        BulkFormat.detect(path: path, firstBytes: Array(text.utf8))
    }

    @Test func extensionsThatNameOneFormatDecide() {
        #expect(detect("bulk/opinions-2024-05-06.csv.bz2", "id,date_created\n") == .csv)
        #expect(detect("OPINIONS.CSV", "[") == .csv)
        #expect(detect("data/data.jsonl.xz", "{\"id\": 1}") == .jsonLines)
        #expect(detect("cases.ndjson.gz", "") == .jsonLines)
        #expect(BulkFormat.byExtension("volume.json.gz") == .jsonObject)
        #expect(BulkFormat.byExtension("notes.txt") == nil)
        #expect(BulkFormat.byExtension("archive.bz2") == nil)
    }

    @Test func theContentTellsTheKindsOfJSON() {
        #expect(detect("cases.json", "\u{FEFF}  \n[{\"id\": 1}]") == .jsonArray)
        #expect(detect("cases.json", "{\"id\": 1, \"t\": \"{\\\"\\n\"}\n{\"id\": 2}\n") == .jsonLines)
        #expect(detect("case.json", "{\n  \"id\": 1,\n  \"court\": {\n    \"id\": 2\n  }\n}\n") == .jsonObject)
        #expect(detect("case.json", "{\"id\": 1}\n\n") == .jsonObject)
        #expect(detect("export", "{\"id\": 1}\r\n{\"id\": 2}") == .jsonLines)
        #expect(detect("case.json", "{\"text\": \"a first line longer than the bytes given") == .jsonObject)
        #expect(BulkFormat.byContent(Array("{\"text\": \"cut".utf8), linesIfUnsure: true) == .jsonLines)
        #expect(detect("notes.txt", "id,name\n") == nil)
        #expect(detect("case.json", "") == nil)
    }
}
