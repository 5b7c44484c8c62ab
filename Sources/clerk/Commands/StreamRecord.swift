import ClerkJSON
import Foundation

/// One JSON Lines record of `clerk stream`: `{"id": ..., "text": "..."}`, `{"id": ...,
/// "base64": "..."}` (the raw bytes, for inputs that are not UTF-8), `{"id": ..., "path":
/// "..."}` or `{"id": ..., "record": {...}}` (a case-law corpus's record: a CAP case, a
/// CourtListener opinion or bulk row's columns, converted as the JSON it is), with an optional
/// `"name"` for the document's `source.name` (default: the path's file name, or the id).
struct StreamRecord {
    /// As given: a string or an integer.
    var id: JSONValue
    var name: String
    var input: Input

    enum Input {
        case bytes([UInt8])
        case path(String)
    }

    /// A record that cannot be taken: the id when one could be read, and why.
    struct Problem: Error {
        var id: JSONValue
        var message: String
    }

    static let fields: Set<String> = ["id", "name", "text", "base64", "path", "record"]

    /// Reads line `number` (1-based) of the input.
    static func parse(_ line: String, number: Int) throws(Problem) -> StreamRecord {
        let value: JSONValue
        do {
            value = try JSONReader.parse(line)
        } catch {
            // The record is one line, so the parser's line is always 1: only its column says more.
            throw Problem(id: .null, message: "line \(number): not JSON (column \(error.column): \(error.message))")
        }
        guard case .object(let object) = value else {
            throw Problem(id: .null, message: "line \(number): a record is a JSON object, not \(kind(of: value))")
        }
        let id = object["id"] ?? .null
        switch id {
        case .string, .int: break
        case .null: throw Problem(id: .null, message: "line \(number): the record has no \"id\" (a string or an integer)")
        default: throw Problem(id: .null, message: "line \(number): \"id\" must be a string or an integer, not \(kind(of: id))")
        }
        func fail(_ message: String) -> Problem { Problem(id: id, message: "line \(number): " + message) }
        if let unknown = object.keys.first(where: { !fields.contains($0) }) {
            throw fail("unknown field \"\(unknown)\" (a record has id, text, base64, path or record, and name)")
        }
        let given = ["text", "base64", "path", "record"].filter { object[$0] != nil }
        guard given.count == 1 else {
            throw fail(given.isEmpty
                ? "the record has none of \"text\", \"base64\", \"path\", \"record\""
                : "the record has more than one of \"text\", \"base64\", \"path\", \"record\" (\(given.joined(separator: ", ")))")
        }
        let field = given[0]
        if field == "record" {
            guard case .object = object["record"]! else { throw fail("\"record\" must be a JSON object") }
            let name: String
            switch object["name"] {
            case nil: name = id.stringValue ?? id.intValue.map(String.init) ?? "record"
            case .string(let given)?: name = given
            default: throw fail("\"name\" must be a string")
            }
            return StreamRecord(id: id, name: name, input: .bytes(JSONWriter.write(object["record"]!, pretty: false)))
        }
        guard let content = object[field]?.stringValue else { throw fail("\"\(field)\" must be a string") }
        var name: String
        switch object["name"] {
        case nil: name = ""
        case .string(let given)?: name = given
        default: throw fail("\"name\" must be a string")
        }
        let input: Input
        switch field {
        case "text":
            input = .bytes(Array(content.utf8))
        case "base64":
            guard let data = Data(base64Encoded: content) else { throw fail("\"base64\" is not base64") }
            input = .bytes([UInt8](data))
        default:
            guard !content.isEmpty else { throw fail("\"path\" is empty") }
            input = .path(content)
            if name.isEmpty { name = (content as NSString).lastPathComponent }
        }
        if name.isEmpty { name = id.stringValue ?? id.intValue.map(String.init) ?? "record" }
        return StreamRecord(id: id, name: name, input: input)
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
