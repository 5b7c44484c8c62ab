import ClerkJSON
import Testing

@Suite("JSONValue and JSONObject")
struct JSONValueTests {
    @Test func literalsBuildTheRightCases() {
        let value: JSONValue = ["s": "x", "i": 1, "d": 1.5, "b": true, "n": nil, "a": [1, "two"], "o": ["k": []]]
        #expect(value["s"] == .string("x"))
        #expect(value["i"] == .int(1))
        #expect(value["d"] == .double(1.5))
        #expect(value["b"] == .bool(true))
        #expect(value["n"] == .null)
        #expect(value["a"] == .array([.int(1), .string("two")]))
        #expect(value["o"]?["k"] == .array([]))
        #expect(value.objectValue?.keys == ["s", "i", "d", "b", "n", "a", "o"])
    }

    @Test func accessors() {
        let value: JSONValue = 3
        #expect(value.intValue == 3)
        #expect(value.doubleValue == 3.0)
        #expect(value.stringValue == nil)
        #expect(JSONValue.double(2.0).intValue == nil)
        #expect(JSONValue.double(2.5).doubleValue == 2.5)
        #expect(JSONValue.string("a").stringValue == "a")
        #expect(JSONValue.bool(false).boolValue == false)
        #expect(JSONValue.array([1]).arrayValue == [1])
        #expect(JSONValue.object(["a": 1]).objectValue?["a"] == 1)
        #expect(JSONValue.array([1])["a"] == nil)
        #expect(JSONValue.null.isNull)
    }

    @Test func typeNames() {
        let values: [JSONValue] = [nil, true, 1, 1.5, "s", [], [:]]
        #expect(values.map(\.typeName) == ["null", "boolean", "integer", "number", "string", "array", "object"])
    }

    @Test func equalityIsStructural() {
        #expect(JSONValue.int(1) != JSONValue.double(1))
        let ab: JSONValue = ["a": 1, "b": 2]
        let ba: JSONValue = ["b": 2, "a": 1]
        #expect(ab != ba)  // key order is part of the value (it is written)
        #expect(ab == ["a": 1, "b": 2])
        #expect(Set<JSONValue>([ab, ab, ba]).count == 2)
    }

    @Test func objectKeepsInsertionOrderAndRemovesOnNil() {
        var object = JSONObject()
        object["z"] = 1
        object["a"] = 2
        object["m"] = 3
        object["z"] = 4  // replacing keeps the position
        #expect(object.keys == ["z", "a", "m"])
        #expect(object["z"] == 4)
        object["a"] = nil
        #expect(object.keys == ["z", "m"])
        #expect(object.count == 2)
        #expect(object.map(\.key) == ["z", "m"])
        #expect(object.map(\.value) == [4, 3])
    }

    @Test func pairsInitializerKeepsFirstPositionAndLastValue() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
        let literal: JSONObject = ["x": true, "y": false]
        #expect(Array(literal).map(\.key) == ["x", "y"])
    }
}
