import ClerkJSON
import Testing

/// One keyword (or small keyword group) with instances it must accept and reject.
struct KeywordCase: Sendable, CustomTestStringConvertible {
    var name: String
    var schema: String
    var valid: [String]
    var invalid: [String]

    var testDescription: String { name }
}

@Suite("JSONSchema keywords")
struct JSONSchemaKeywordTests {
    static let cases: [KeywordCase] = [
        KeywordCase(name: "true schema", schema: "true", valid: ["1", "null", "{}"], invalid: []),
        KeywordCase(name: "false schema", schema: "false", valid: [], invalid: ["1", "null", "{}"]),
        KeywordCase(name: "empty schema", schema: "{}", valid: ["1", "\"a\"", "[]"], invalid: []),
        KeywordCase(name: "annotations", schema: """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.org/s.json",
             "$comment": "c", "title": "t", "description": "d", "default": 3, "examples": [1],
             "deprecated": true, "readOnly": false, "writeOnly": false, "format": "date"}
            """, valid: ["\"not a date\"", "1"], invalid: []),
        KeywordCase(name: "type string", schema: #"{"type": "string"}"#,
                    valid: [#""a""#, #""""#], invalid: ["1", "null", "[]", "{}", "true"]),
        KeywordCase(name: "type integer", schema: #"{"type": "integer"}"#,
                    valid: ["1", "-5", "1.0", "1e3", "-0.0"], invalid: ["1.5", "\"1\"", "true", "null"]),
        KeywordCase(name: "type number", schema: #"{"type": "number"}"#,
                    valid: ["1", "1.5", "-1e-9"], invalid: ["\"1\"", "true", "null"]),
        KeywordCase(name: "type boolean/null/array/object", schema: #"{"type": ["boolean", "null", "array", "object"]}"#,
                    valid: ["true", "null", "[]", "{}"], invalid: ["0", "\"\""]),
        KeywordCase(name: "enum", schema: #"{"enum": ["heading", 1, null, [1, {"a": 2}], {"k": [true]}]}"#,
                    valid: [#""heading""#, "1", "1.0", "null", #"[1, {"a": 2.0}]"#, #"{"k": [true]}"#],
                    invalid: [#""para""#, "true", "2", #"[{"a": 2}, 1]"#, #"{"k": [1]}"#, #"{"k": [true], "x": 1}"#]),
        KeywordCase(name: "const", schema: #"{"const": {"a": 1, "b": [0]}}"#,
                    valid: [#"{"b": [0], "a": 1.0}"#], invalid: [#"{"a": 1}"#, #"{"a": true, "b": [false]}"#, "1"]),
        KeywordCase(name: "const false is not 0", schema: #"{"const": false}"#, valid: ["false"], invalid: ["0", "null"]),
        KeywordCase(name: "properties", schema: #"{"properties": {"a": {"type": "integer"}, "b/c": false}}"#,
                    valid: ["{}", #"{"a": 1}"#, #"{"x": "y"}"#, "[]"], invalid: [#"{"a": "1"}"#, #"{"b/c": 1}"#]),
        KeywordCase(name: "required", schema: #"{"required": ["a", "b"]}"#,
                    valid: [#"{"a": null, "b": 0}"#, "\"not an object\""], invalid: ["{}", #"{"a": 1}"#]),
        KeywordCase(name: "additionalProperties false", schema: #"{"properties": {"a": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}"#,
                    valid: [#"{"a": 1, "x-y": 2}"#], invalid: [#"{"b": 1}"#, #"{"a": 1, "y-x": 2}"#]),
        KeywordCase(name: "additionalProperties schema", schema: #"{"properties": {"a": {}}, "additionalProperties": {"type": "string"}}"#,
                    valid: [#"{"a": 1, "b": "s"}"#], invalid: [#"{"b": 1}"#]),
        KeywordCase(name: "patternProperties", schema: #"{"patternProperties": {"^[0-9]+$": {"type": "integer"}, "_id$": {"minimum": 10}}}"#,
                    valid: [#"{"12": 3, "user_id": 10, "x": "s"}"#], invalid: [#"{"12": "3"}"#, #"{"user_id": 9}"#]),
        KeywordCase(name: "propertyNames", schema: #"{"propertyNames": {"pattern": "^[a-z]+$", "maxLength": 3}}"#,
                    valid: ["{}", #"{"abc": 1}"#], invalid: [#"{"abcd": 1}"#, #"{"A": 1}"#]),
        KeywordCase(name: "minProperties/maxProperties", schema: #"{"minProperties": 1, "maxProperties": 2}"#,
                    valid: [#"{"a": 1}"#, #"{"a": 1, "b": 2}"#, "[]"], invalid: ["{}", #"{"a": 1, "b": 2, "c": 3}"#]),
        KeywordCase(name: "items", schema: #"{"items": {"type": "integer"}}"#,
                    valid: ["[]", "[1, 2]", "{}"], invalid: [#"[1, "2"]"#]),
        KeywordCase(name: "prefixItems with items", schema: #"{"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": {"type": "boolean"}}"#,
                    valid: ["[]", #"["a"]"#, #"["a", 1, true, false]"#], invalid: [#"[1]"#, #"["a", 1, 2]"#]),
        KeywordCase(name: "prefixItems with items false", schema: #"{"prefixItems": [{}], "items": false}"#,
                    valid: ["[]", "[1]"], invalid: ["[1, 2]"]),
        KeywordCase(name: "minItems/maxItems", schema: #"{"minItems": 1, "maxItems": 2}"#,
                    valid: ["[1]", "[1, 2]", "\"x\""], invalid: ["[]", "[1, 2, 3]"]),
        KeywordCase(name: "uniqueItems", schema: #"{"uniqueItems": true}"#,
                    valid: ["[]", "[1, true]", "[0, false]", #"[{"a": 1}, {"a": 2}]"#, "[[1], [true]]"],
                    invalid: ["[1, 1.0]", #"[{"a": 1, "b": 2}, {"b": 2, "a": 1}]"#, #"["x", "x"]"#, "[[1], [1]]"]),
        KeywordCase(name: "uniqueItems on a long array", schema: #"{"uniqueItems": true}"#,
                    valid: ["[" + (0..<40).map(String.init).joined(separator: ",") + "]"],
                    invalid: ["[" + (0..<40).map(String.init).joined(separator: ",") + ", 7.0]"]),
        KeywordCase(name: "uniqueItems false", schema: #"{"uniqueItems": false}"#, valid: ["[1, 1]"], invalid: []),
        KeywordCase(name: "contains", schema: #"{"contains": {"type": "integer"}}"#,
                    valid: [#"["a", 1]"#, "{}"], invalid: ["[]", #"["a"]"#]),
        KeywordCase(name: "minContains/maxContains", schema: #"{"contains": {"const": 1}, "minContains": 2, "maxContains": 3}"#,
                    valid: ["[1, 1]", "[1, 2, 1, 1]"], invalid: ["[1]", "[1, 1, 1, 1]"]),
        KeywordCase(name: "minContains 0", schema: #"{"contains": {"const": 1}, "minContains": 0}"#,
                    valid: ["[]", "[2]"], invalid: []),
        KeywordCase(name: "minLength/maxLength count code points", schema: #"{"minLength": 2, "maxLength": 3}"#,
                    valid: [#""ab""#, #""😀😀😀""#, "\"e\u{301}\"", "1"], invalid: [#""a""#, #""é""#, #""abcd""#, #""😀😀😀😀""#]),
        KeywordCase(name: "pattern is an unanchored search", schema: #"{"pattern": "[0-9]{2}"}"#,
                    valid: [#""a12b""#, "12"], invalid: [#""a1b2""#]),
        KeywordCase(name: "anchored pattern", schema: #"{"pattern": "^[a-z]+$"}"#,
                    valid: [#""abc""#], invalid: [#""abc1""#, #""""#]),
        KeywordCase(name: "minimum/maximum", schema: #"{"minimum": 1, "maximum": 2.5}"#,
                    valid: ["1", "1.0", "2.5", "\"0\""], invalid: ["0.999", "2.6", "3"]),
        KeywordCase(name: "exclusiveMinimum/exclusiveMaximum", schema: #"{"exclusiveMinimum": 0, "exclusiveMaximum": 10}"#,
                    valid: ["0.001", "9"], invalid: ["0", "0.0", "10", "-1"]),
        KeywordCase(name: "integer limits compare exactly", schema: #"{"maximum": 9007199254740992}"#,
                    valid: ["9007199254740992", "9007199254740992.0"], invalid: ["9007199254740993"]),
        KeywordCase(name: "multipleOf integer", schema: #"{"multipleOf": 3}"#,
                    valid: ["0", "9", "-6", "9.0"], invalid: ["10", "9.5"]),
        KeywordCase(name: "multipleOf fraction", schema: #"{"multipleOf": 0.5}"#,
                    valid: ["1", "1.5", "-2.5"], invalid: ["1.25", "7.1"]),
        KeywordCase(name: "allOf", schema: #"{"allOf": [{"type": "string"}, {"minLength": 2}]}"#,
                    valid: [#""ab""#], invalid: [#""a""#, "12"]),
        KeywordCase(name: "anyOf", schema: #"{"anyOf": [{"type": "string"}, {"minimum": 2}]}"#,
                    valid: [#""a""#, "3"], invalid: ["1"]),
        KeywordCase(name: "oneOf", schema: #"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#,
                    valid: ["1", "2.5"], invalid: ["3", "1.5"]),
        KeywordCase(name: "not", schema: #"{"not": {"type": "null"}}"#, valid: ["1"], invalid: ["null"]),
        KeywordCase(name: "if/then/else", schema: #"{"if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["x"]}, "else": {"required": ["y"]}}"#,
                    valid: [#"{"kind": "a", "x": 1}"#, #"{"kind": "b", "y": 1}"#, #"{"x": 1}"#],
                    invalid: [#"{"kind": "a", "y": 1}"#, #"{"kind": "b", "x": 1}"#]),
        KeywordCase(name: "then without if is ignored", schema: #"{"then": false, "else": false}"#, valid: ["1"], invalid: []),
        KeywordCase(name: "$ref with siblings", schema: ##"{"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "maxLength": 2}"##,
                    valid: [#""ab""#], invalid: [#""abc""#, "1"]),
        KeywordCase(name: "$ref escaping", schema: ##"{"$defs": {"a/b": {"type": "integer"}, "m~n": {"type": "string"}, "x y": {"const": 0}}, "prefixItems": [{"$ref": "#/$defs/a~1b"}, {"$ref": "#/$defs/m~0n"}, {"$ref": "#/$defs/x%20y"}]}"##,
                    valid: [#"[1, "s", 0]"#], invalid: [#"["1"]"#, "[1, 2]", #"[1, "s", 1]"#]),
        KeywordCase(name: "recursive $ref to root", schema: ##"{"type": "object", "properties": {"child": {"$ref": "#"}, "n": {"type": "integer"}}}"##,
                    valid: [#"{"child": {"child": {"n": 1}}}"#], invalid: [#"{"child": {"child": {"n": "1"}}}"#, #"{"child": 1}"#]),
        KeywordCase(name: "$ref into properties", schema: ##"{"properties": {"a": {"type": "string"}, "b": {"$ref": "#/properties/a"}}}"##,
                    valid: [#"{"b": "x"}"#], invalid: [#"{"b": 1}"#]),
    ]

    @Test("keyword accepts and rejects", arguments: cases)
    func keyword(_ testCase: KeywordCase) throws {
        let schema = try JSONSchema(json(testCase.schema))
        for text in testCase.valid {
            let instance = try json(text)
            #expect(schema.isValid(instance), "should accept \(text)")
            #expect(schema.validate(instance).isEmpty, "should accept \(text): \(schema.validate(instance))")
            #expect(streamedVerdict(schema, instance) ?? true, "JSONSchemaStream should accept \(text)")
        }
        for text in testCase.invalid {
            let instance = try json(text)
            #expect(!schema.isValid(instance), "should reject \(text)")
            #expect(!schema.validate(instance).isEmpty, "should reject \(text)")
            #expect(!(streamedVerdict(schema, instance) ?? false), "JSONSchemaStream should reject \(text)")
        }
    }
}
