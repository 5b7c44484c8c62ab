import ClerkJSON
import Testing

@Suite("JSONSchema rejects unusable schemas")
struct JSONSchemaErrorTests {
    struct BadSchema: Sendable, CustomTestStringConvertible {
        var schema: String
        var pointer: String
        var fragment: String
        var testDescription: String { schema }
    }

    @Test("reports the pointer and the problem", arguments: [
        BadSchema(schema: #"{"properties": {"a": {"dependentSchemas": {}}}}"#,
                  pointer: "/properties/a/dependentSchemas", fragment: #"unsupported keyword "dependentSchemas""#),
        BadSchema(schema: #"{"unevaluatedProperties": false}"#, pointer: "/unevaluatedProperties", fragment: "unsupported keyword"),
        BadSchema(schema: #"{"definitions": {}}"#, pointer: "/definitions", fragment: "unsupported keyword"),
        BadSchema(schema: #"{"items": {"$anchor": "x"}}"#, pointer: "/items/$anchor", fragment: "unsupported keyword"),
        BadSchema(schema: #"{"allOf": [{}, {"dependentRequired": {}}]}"#, pointer: "/allOf/1/dependentRequired", fragment: "unsupported keyword"),
        BadSchema(schema: #"{"$defs": {"x": {"tpye": "string"}}}"#, pointer: "/$defs/x/tpye", fragment: #"unsupported keyword "tpye""#),
        BadSchema(schema: #"{"$schema": "http://json-schema.org/draft-07/schema#"}"#, pointer: "/$schema", fragment: "draft 2020-12"),
        BadSchema(schema: #"{"$ref": "https://example.org/other.json"}"#, pointer: "/$ref", fragment: "only local references"),
        BadSchema(schema: #"{"$ref": "other.json#/$defs/a"}"#, pointer: "/$ref", fragment: "only local references"),
        BadSchema(schema: ##"{"$ref": "#anchor"}"##, pointer: "/$ref", fragment: "anchors are not supported"),
        BadSchema(schema: ##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##, pointer: "/properties/a/$ref", fragment: "unresolvable"),
        BadSchema(schema: ##"{"$defs": {"a": {}}, "$ref": "#/$defs/a/properties"}"##, pointer: "/$ref", fragment: "unresolvable"),
        BadSchema(schema: ##"{"required": ["a"], "$ref": "#/required"}"##, pointer: "/$ref", fragment: "does not point to a subschema"),
        BadSchema(schema: ##"{"$ref": "#/$defs/a~2"}"##, pointer: "/$ref", fragment: "invalid JSON pointer"),
        BadSchema(schema: ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}}"##,
                  pointer: "/$defs/b/allOf/0/$ref", fragment: "reference cycle"),
        BadSchema(schema: ##"{"$ref": "#"}"##, pointer: "/$ref", fragment: "reference cycle"),
        BadSchema(schema: #"{"$defs": {"x": {"$id": "nested"}}}"#, pointer: "/$defs/x/$id", fragment: "only supported at the schema root"),
        BadSchema(schema: #"{"pattern": "(unclosed"}"#, pointer: "/pattern", fragment: "invalid regular expression"),
        BadSchema(schema: #"{"patternProperties": {"[a-": {}}}"#, pointer: "/patternProperties/[a-", fragment: "invalid regular expression"),
        BadSchema(schema: #"{"type": "int"}"#, pointer: "/type", fragment: "unknown type"),
        BadSchema(schema: #"{"type": ["string", "string"]}"#, pointer: "/type", fragment: "listed twice"),
        BadSchema(schema: #"{"minLength": -1}"#, pointer: "/minLength", fragment: "non-negative integer"),
        BadSchema(schema: #"{"maxItems": 1.5}"#, pointer: "/maxItems", fragment: "non-negative integer"),
        BadSchema(schema: #"{"minimum": "1"}"#, pointer: "/minimum", fragment: "must be a number"),
        BadSchema(schema: #"{"multipleOf": 0}"#, pointer: "/multipleOf", fragment: "greater than 0"),
        BadSchema(schema: #"{"required": "a"}"#, pointer: "/required", fragment: "array of strings"),
        BadSchema(schema: #"{"required": ["a", "a"]}"#, pointer: "/required", fragment: "listed twice"),
        BadSchema(schema: #"{"enum": 1}"#, pointer: "/enum", fragment: "must be an array"),
        BadSchema(schema: #"{"items": [{}]}"#, pointer: "/items", fragment: "prefixItems"),
        BadSchema(schema: #"{"anyOf": []}"#, pointer: "/anyOf", fragment: "non-empty array"),
        BadSchema(schema: #"{"not": 1}"#, pointer: "/not", fragment: "object or a boolean"),
        BadSchema(schema: #"{"properties": []}"#, pointer: "/properties", fragment: "values are schemas"),
        BadSchema(schema: #"{"uniqueItems": "yes"}"#, pointer: "/uniqueItems", fragment: "boolean"),
        BadSchema(schema: #"{"title": 1}"#, pointer: "/title", fragment: "string"),
        BadSchema(schema: "[]", pointer: "", fragment: "object or a boolean"),
    ])
    func rejects(_ bad: BadSchema) throws {
        let error = try #require(schemaFailure(try json(bad.schema)))
        #expect(error.schemaPointer.description == bad.pointer, "\(error)")
        #expect(error.message.contains(bad.fragment), "\(error)")
    }

    @Test func errorDescriptionNamesThePointer() throws {
        let error = try #require(schemaFailure(try json(#"{"properties": {"a": {"dependentSchemas": {}}}}"#)))
        #expect(error.description == #"schema /properties/a/dependentSchemas: unsupported keyword "dependentSchemas""#)
    }

    @Test func bytesInitializerReportsParseErrors() {
        #expect(throws: JSONParseError.self) { try JSONSchema(bytes: Array("{\"type\": }".utf8)) }
        #expect(throws: JSONSchemaError.self) { try JSONSchema(bytes: Array("{\"typo\": 1}".utf8)) }
        #expect(throws: Never.self) { try JSONSchema(bytes: Array("{\"type\": \"string\"}".utf8)) }
    }

    @Test func recursiveSchemasCompile() throws {
        // A footnote holds blocks, which may be footnotes: recursion through properties is fine.
        let schema = try JSONSchema(json("""
            {"$defs": {"block": {"type": "object", "properties": {"blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}}}}},
             "$ref": "#/$defs/block"}
            """))
        #expect(schema.isValid(try json(#"{"blocks": [{"blocks": [{}]}]}"#)))
        #expect(!schema.isValid(try json(#"{"blocks": [{"blocks": [1]}]}"#)))
    }
}
