import ClerkJSON
import Testing

@Suite("JSONSchema violations")
struct JSONSchemaViolationTests {
    static let opinionSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["opinions"],
          "properties": {
            "opinions": {"type": "array", "items": {"$ref": "#/$defs/opinion"}}
          },
          "$defs": {
            "opinion": {
              "type": "object",
              "properties": {"blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}}}
            },
            "block": {
              "type": "object",
              "required": ["kind"],
              "additionalProperties": false,
              "properties": {
                "kind": {"enum": ["heading", "paragraph", "blockquote"]},
                "text": {"type": "string", "minLength": 1},
                "blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}}
              }
            }
          }
        }
        """

    @Test func reportsInstanceAndSchemaPointers() throws {
        let schema = try JSONSchema(json(Self.opinionSchema))
        let instance = try json("""
            {"opinions": [{"blocks": [
              {"kind": "heading", "text": "I"},
              {"kind": "paragraph", "text": "a"},
              {"kind": "paragraph", "text": "b"},
              {"kind": "para", "text": "c"}
            ]}]}
            """)
        let violations = schema.validate(instance)
        #expect(violations.count == 1)
        let violation = try #require(violations.first)
        #expect(violation.instancePointer.description == "/opinions/0/blocks/3/kind")
        #expect(violation.schemaPointer.description == "/$defs/block/properties/kind/enum")
        #expect(violation.message == #"value "para" is not one of "heading", "paragraph", "blockquote""#)
        #expect(violation.description == #"/opinions/0/blocks/3/kind: value "para" is not one of "heading", "paragraph", "blockquote""#)
    }

    @Test func collectsAllViolationsInDocumentOrder() throws {
        let schema = try JSONSchema(json(Self.opinionSchema))
        let instance = try json("""
            {"opinions": [{"blocks": [
              {"text": "", "kind": "x"},
              {"kind": "heading", "extra": 1, "blocks": [{"kind": 5}]}
            ]}, 7]}
            """)
        let found = schema.validate(instance).map { "\($0.instancePointer) | \($0.schemaPointer)" }
        #expect(found == [
            "/opinions/0/blocks/0/text | /$defs/block/properties/text/minLength",
            "/opinions/0/blocks/0/kind | /$defs/block/properties/kind/enum",
            "/opinions/0/blocks/1/extra | /$defs/block/additionalProperties",
            "/opinions/0/blocks/1/blocks/0/kind | /$defs/block/properties/kind/enum",
            "/opinions/1 | /$defs/opinion/type",
        ])
        #expect(!schema.isValid(instance))
    }

    @Test func rootViolationsSayRoot() throws {
        let schema = try JSONSchema(json(Self.opinionSchema))
        let violations = schema.validate(.object([:]))
        #expect(violations.map(\.description) == [#"(root): missing required property "opinions""#])
        #expect(violations.first?.schemaPointer.description == "/required")
        #expect(violations.first?.instancePointer == .root)
    }

    @Test func messagesNameWhatWentWrong() throws {
        let schema = try JSONSchema(json("""
            {"properties": {
              "t": {"type": ["string", "null"]},
              "n": {"minimum": 5},
              "p": {"pattern": "^[0-9]+$"},
              "o": {"oneOf": [{"type": "integer"}, {"type": "number"}]},
              "a": {"prefixItems": [true], "items": false},
              "u": {"uniqueItems": true},
              "f": false
            }, "additionalProperties": false}
            """))
        let messages = schema.validate(try json("""
            {"t": 1, "n": 4, "p": "12a", "o": 3, "a": [1, 2, 3], "u": [1, 2, 1], "f": 0, "z": 0}
            """)).map(\.description)
        #expect(messages == [
            "/t: expected string or null, got integer",
            "/n: value 4 is less than the minimum of 5",
            #"/p: string "12a" does not match pattern "^[0-9]+$""#,
            "/o: value must match exactly one of the 2 schemas in oneOf; it matches 0, 1",
            "/a: array has 3 items, but at most 1 are allowed",
            "/u: items 0 and 2 are equal, but items must be unique",
            "/f: no value is allowed here (the schema is false)",
            #"/z: unexpected property "z""#,
        ])
    }

    @Test func propertyNameViolationsNameTheKey() throws {
        let schema = try JSONSchema(json(#"{"properties": {"o": {"propertyNames": {"maxLength": 2}}}}"#))
        let violations = schema.validate(try json(#"{"o": {"ok": 1, "long": 2}}"#))
        #expect(violations.map(\.description) == [#"/o: property name "long": string is 4 characters long, longer than maxLength 2"#])
        #expect(violations.first?.schemaPointer.description == "/properties/o/propertyNames/maxLength")
    }

    @Test func pointersEscapeKeys() throws {
        let schema = try JSONSchema(json(#"{"additionalProperties": {"type": "integer"}}"#))
        let violations = schema.validate(try json(#"{"a/b~c": "x"}"#))
        #expect(violations.first?.instancePointer.description == "/a~1b~0c")
        #expect(violations.first?.instancePointer.tokens == ["a/b~c"])
    }

    @Test func deepRecursionValidatesWithoutCrashing() throws {
        let schema = try JSONSchema(json(##"{"type": "array", "items": {"$ref": "#"}}"##))
        let depth = JSONReader.maxDepth
        let deep = try JSONReader.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(schema.isValid(deep))
        let bad = try JSONReader.parse(String(repeating: "[", count: depth - 1) + "1" + String(repeating: "]", count: depth - 1))
        let violations = schema.validate(bad)
        #expect(violations.count == 1)
        #expect(violations.first?.instancePointer.tokens.count == depth - 1)
    }

    @Test func largeDocumentsValidateQuickly() throws {
        let schema = try JSONSchema(json(Self.opinionSchema))
        let block: JSONValue = ["kind": "paragraph", "text": .string(String(repeating: "word ", count: 40))]
        let blocks = JSONValue.array(Array(repeating: block, count: 50_000))
        let instance: JSONValue = ["opinions": [["blocks": blocks]]]
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(schema.validate(instance).isEmpty) }
        #expect(elapsed < .seconds(20), "validating 50,000 blocks took \(elapsed)")
        // About 12 MB of JSON: write, read back, validate.
        var bytes: [UInt8] = []
        var parsed: JSONValue?
        let roundTrip = clock.measure {
            bytes = JSONWriter.write(instance)
            parsed = try? JSONReader.parse(bytes)
        }
        #expect(parsed == instance)
        #expect(bytes.count > 10_000_000)
        #expect(roundTrip < .seconds(60), "writing and reading \(bytes.count) bytes took \(roundTrip)")
    }
}
