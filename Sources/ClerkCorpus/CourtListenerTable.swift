import Foundation

/// Documents written as a table in the shape of CourtListener's bulk opinions file: its
/// columns and header, one row per document (the text in `plain_text`, or in `html` for an HTML
/// document), a field quoted when it holds a comma, a quote or a line end (quotes doubled, as
/// PostgreSQL's `COPY … CSV` writes them), an empty column as NULL. Written row by row, so a table
/// of any size takes the memory of one document.
public struct CourtListenerTable {
    public static let columns = [
        "id", "date_created", "date_modified", "author_str", "per_curiam", "joined_by_str", "type", "sha1", "page_count",
        "download_url", "local_path", "plain_text", "html", "html_lawbox", "html_columbia", "html_anon_2020", "xml_harvard",
        "html_with_citations", "extracted_by_ocr", "author_id", "cluster_id",
    ]

    private let handle: FileHandle
    private var nextId: Int

    /// Creates the file at `path` (replacing it) and writes the header; ids count from `firstId`.
    public init(path: String, firstId: Int = 1) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        nextId = firstId
        try handle.write(contentsOf: Array((Self.columns.joined(separator: ",") + "\n").utf8))
    }

    /// Adds a document as an opinion of the combined type (its text holds whatever opinions it
    /// has); returns its id.
    @discardableResult
    public mutating func add(text: String, isHTML: Bool) throws -> Int {
        let id = nextId
        nextId += 1
        var row: [UInt8] = []
        for (index, column) in Self.columns.enumerated() {
            if index > 0 { row.append(UInt8(ascii: ",")) }
            let value: String? = switch column {
            case "id": String(id)
            case "type": "010combined"
            case "per_curiam", "extracted_by_ocr": "f"
            case "cluster_id": String(id)
            case "plain_text": isHTML ? nil : text
            case "html": isHTML ? text : nil
            default: nil
            }
            if let value { Self.appendField(value, to: &row) }
        }
        row.append(0x0A)
        try handle.write(contentsOf: row)
        return id
    }

    public func close() throws {
        try handle.close()
    }

    private static func appendField(_ value: String, to row: inout [UInt8]) {
        let bytes = Array(value.utf8)
        let needsQuotes = bytes.isEmpty || bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            row += bytes
            return
        }
        row.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { row.append(byte) }
            row.append(byte)
        }
        row.append(UInt8(ascii: "\""))
    }
}
