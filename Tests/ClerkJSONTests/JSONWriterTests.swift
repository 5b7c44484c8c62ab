import ClerkTestSupport
import ClerkJSON
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    let sample: JSONValue = [
        "name": "Clerk",
        "list": [1, 2.5, "x", nil, true, false],
        "empty": [:],
        "none": [],
        "nested": ["a": ["b": []]],
    ]

    @Test func compactHasNoWhitespace() {
        #expect(JSONWriter.string(sample, pretty: false)
            == #"{"name":"Clerk","list":[1,2.5,"x",null,true,false],"empty":{},"none":[],"nested":{"a":{"b":[]}}}"#)
    }

    @Test func prettyFormatIsExact() {
        let expected = """
            {
              "name": "Clerk",
              "list": [
                1,
                2.5,
                "x",
                null,
                true,
                false
              ],
              "empty": {},
              "none": [],
              "nested": {
                "a": {
                  "b": []
                }
              }
            }

            """
        #expect(JSONWriter.string(sample) == expected)
        #expect(JSONWriter.write(sample) == Array(expected.utf8))
    }

    @Test func prettyScalarsAndEmptyContainersEndWithNewline() {
        #expect(JSONWriter.string(1) == "1\n")
        #expect(JSONWriter.string([]) == "[]\n")
        #expect(JSONWriter.string([:]) == "{}\n")
        #expect(JSONWriter.string("a", pretty: false) == "\"a\"")
    }

    @Test func escapesStrings() {
        let text = "\"\\\n\r\t\u{8}\u{C}\u{0}\u{1}\u{1F}\u{7F}/é😀\u{2028}\u{2029}"
        #expect(JSONWriter.string(.string(text), pretty: false)
            == #""\"\\\n\r\t\b\f\u0000\u0001\u001f"# + "\u{7F}/é😀" + #"\u2028\u2029""#)
        #expect(JSONWriter.string(["k\"ey\n": 1], pretty: false) == #"{"k\"ey\n":1}"#)
    }

    @Test("writes numbers", arguments: [
        (JSONValue.int(0), "0"),
        (.int(-42), "-42"),
        (.int(Int.max), "9223372036854775807"),
        (.int(Int.min), "-9223372036854775808"),
        (.double(0.1), "0.1"),
        (.double(3), "3.0"),
        (.double(-0.0), "-0.0"),
        (.double(1e-7), "1e-07"),
        (.double(1.5e300), "1.5e+300"),
        (.double(.nan), "null"),
        (.double(.infinity), "null"),
        (.double(-.infinity), "null"),
    ])
    func writesNumbers(value: JSONValue, expected: String) {
        #expect(JSONWriter.string(value, pretty: false) == expected)
    }

    @Test func isDeterministic() {
        #expect(JSONWriter.write(sample) == JSONWriter.write(sample))
    }

    @Test func roundTripsHandPickedValues() throws {
        let values: [JSONValue] = [
            sample, nil, true, 0, -1, .int(Int.min), .int(Int.max), 0.1, -2.5e-300, 1e300, 3.0, -0.0,
            "", "\u{0}\u{1F}\u{7F}\u{2028}\"\\/", "😀 é \u{10FFFF}", ["": ["": []]],
        ]
        for value in values {
            #expect(try JSONReader.parse(JSONWriter.write(value)) == value)
            #expect(try JSONReader.parse(JSONWriter.write(value, pretty: false)) == value)
        }
    }

    @Test func roundTripsRandomValues() throws {
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<300 {
            let value = randomValue(depth: 0, &rng)
            let pretty = JSONWriter.write(value)
            let compact = JSONWriter.write(value, pretty: false)
            #expect(try JSONReader.parse(pretty) == value, "\(JSONWriter.string(value, pretty: false))")
            #expect(try JSONReader.parse(compact) == value)
            // Writing what was read gives the same bytes.
            #expect(try JSONWriter.write(JSONReader.parse(compact), pretty: false) == compact)
        }
    }

    private func randomValue(depth: Int, _ rng: inout SplitMix64) -> JSONValue {
        let pick = Int.random(in: 0..<(depth > 3 ? 6 : 8), using: &rng)
        switch pick {
        case 0: return nil
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &rng) >> Int.random(in: 0..<64, using: &rng))
        case 3:
            let bits = UInt64.random(in: 0...UInt64.max, using: &rng)
            let d = Double(bitPattern: bits)
            return .double(d.isFinite ? d : Double(Int.random(in: -1000...1000, using: &rng)) / 8)
        case 4, 5: return .string(randomString(&rng))
        case 6:
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(depth: depth + 1, &rng) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                object[randomString(&rng)] = randomValue(depth: depth + 1, &rng)
            }
            return .object(object)
        }
    }

    private func randomString(_ rng: inout SplitMix64) -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}",
                                      "é", "ß", "中", "😀", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{10FFFF}"]
        var text = ""
        for _ in 0..<Int.random(in: 0...8, using: &rng) {
            text.unicodeScalars.append(pool.randomElement(using: &rng)!)
        }
        return text
    }
}
