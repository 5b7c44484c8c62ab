import ClerkJSON
import Testing

@Suite("JSONPointer")
struct JSONPointerTests {
    @Test func rootIsEmpty() {
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer.root.tokens.isEmpty)
    }

    @Test func appendsKeysAndIndices() {
        let pointer = JSONPointer.root.appending("opinions").appending(0).appending("blocks").appending(3).appending("kind")
        #expect(pointer.description == "/opinions/0/blocks/3/kind")
        #expect(pointer.tokens == ["opinions", "0", "blocks", "3", "kind"])
    }

    @Test func escapesTildeAndSlash() {
        // RFC 6901: "~" becomes "~0" and "/" becomes "~1" (so "~1" in a key becomes "~01").
        #expect(JSONPointer(tokens: ["a/b", "m~n", "~1", "", " ", "é"]).description == "/a~1b/m~0n/~01// /é")
        #expect(JSONPointer(tokens: [""]).description == "/")
    }

    @Test func isHashableByTokens() {
        let set: Set<JSONPointer> = [JSONPointer(tokens: ["a"]), .root.appending("a"), .root]
        #expect(set.count == 2)
    }
}
