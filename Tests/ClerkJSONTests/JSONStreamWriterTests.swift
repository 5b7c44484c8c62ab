import ClerkJSON
import Testing

@Suite("JSONStreamWriter")
struct JSONStreamWriterTests {
    /// Writes `value` piece by piece: containers opened and closed, scalars written whole.
    private func streamed(_ value: JSONValue) -> [UInt8] {
        var writer = JSONStreamWriter()
        func write(_ value: JSONValue) {
            switch value {
            case .object(let object):
                writer.beginObject()
                for (key, member) in object {
                    writer.key(key)
                    write(member)
                }
                writer.end()
            case .array(let items):
                writer.beginArray()
                for item in items { write(item) }
                writer.end()
            default:
                writer.value(value)
            }
        }
        write(value)
        return writer.finish()
    }

    @Test(arguments: [
        JSONValue.object(["name": "Clerk", "list": [1, 2.5, "x", nil, true, false], "empty": [:], "none": [],
                          "nested": ["a": ["b": [], "c": [["d": "\u{2028}\"\\"]]]]]),
        JSONValue.array([]), JSONValue.object([:]), JSONValue.string("alone"), JSONValue.array([[], [[]], [:]]),
    ])
    func piecesGiveTheBytesOfTheWhole(value: JSONValue) {
        #expect(streamed(value) == JSONWriter.write(value, pretty: true))
    }

    @Test func wholeValuesMayBeWrittenInsideStreamedContainers() {
        var writer = JSONStreamWriter()
        writer.beginObject()
        writer.member("a", ["b": [1, 2]])
        writer.key("c")
        writer.beginArray()
        writer.value(["d": []])
        writer.value(3)
        writer.end()
        writer.end()
        let whole: JSONValue = ["a": ["b": [1, 2]], "c": [["d": []], 3]]
        #expect(writer.finish() == JSONWriter.write(whole, pretty: true))
    }

    /// A writer with a drain hands over its buffer whenever the next piece would not fit: the
    /// pieces, in order, are the bytes of the whole value, and none is larger than the buffer
    /// unless one string alone is.
    @Test func aDrainGetsTheBytesPieceByPiece() {
        let text = String(repeating: "a\u{2028}\"\n", count: 200)
        let value: JSONValue = ["text": .string(text), "list": .array((0..<50).map { .int($0 * 7919) })]
        let whole = JSONWriter.write(value, pretty: true)
        for chunk in [64, 100, 1_000, 100_000] {
            var pieces: [[UInt8]] = []
            var writer = JSONStreamWriter(chunk: chunk) { pieces.append(Array($0)) }
            writer.value(value)
            writer.finishWriting()
            #expect(pieces.joined().elementsEqual(whole), "chunk \(chunk)")
            #expect(pieces.allSatisfy { !$0.isEmpty })
            #expect(chunk >= whole.count ? pieces.count == 1 : pieces.count > 1)
            let longestString = text.utf8.count * 2
            #expect(pieces.allSatisfy { $0.count <= max(chunk, longestString) + 64 })
        }
    }
}
