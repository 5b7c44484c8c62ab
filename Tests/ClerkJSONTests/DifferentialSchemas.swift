import Testing

/// Schemas for the differential test against Python jsonschema, each with valid seed
/// instances that the mutator turns into many near-misses. Between them they use every
/// supported keyword. Patterns avoid `\d`/`\w` and `$` before line breaks, where ICU and
/// Python's `re` differ.
struct DifferentialSchema: Sendable, CustomTestStringConvertible {
    var name: String
    var schema: String
    var seeds: [String]

    var testDescription: String { name }

    static let all: [DifferentialSchema] = [opinion, numbers, arrays, objects, combinators, strings]

    /// Recursive document schema in the shape of our opinion output.
    static let opinion = DifferentialSchema(name: "opinion", schema: ##"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://example.org/clerk/opinion.schema.json",
          "title": "Opinion",
          "$comment": "test schema",
          "type": "object",
          "required": ["id", "court", "opinions"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "court": {"type": "string", "minLength": 1, "maxLength": 40, "description": "court name"},
            "date": {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
            "judges": {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": true},
            "opinions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/opinion"}}
          },
          "$defs": {
            "opinion": {
              "type": "object",
              "required": ["type", "blocks"],
              "additionalProperties": false,
              "properties": {
                "type": {"enum": ["majority", "concurrence", "dissent"]},
                "author": {"type": "string", "default": "per curiam"},
                "blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}}
              }
            },
            "block": {
              "type": "object",
              "required": ["kind"],
              "additionalProperties": false,
              "properties": {
                "kind": {"enum": ["heading", "paragraph", "blockquote", "footnote"]},
                "text": {"type": "string"},
                "level": {"type": "integer", "minimum": 1, "maximum": 6},
                "number": {"type": "integer", "exclusiveMinimum": 0},
                "blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}}
              },
              "allOf": [
                {"if": {"properties": {"kind": {"const": "heading"}}}, "then": {"required": ["text", "level"]}},
                {"if": {"properties": {"kind": {"const": "footnote"}}},
                 "then": {"required": ["number", "blocks"]},
                 "else": {"required": ["text"], "not": {"required": ["blocks"]}}}
              ]
            }
          }
        }
        """##, seeds: [
            ##"""
            {"id": "0123456789abcdef", "court": "Supreme Court", "date": "1954-05-17", "judges": ["Warren", "Black"],
             "opinions": [{"type": "majority", "author": "Warren", "blocks": [
               {"kind": "heading", "text": "I", "level": 1},
               {"kind": "paragraph", "text": "Segregation of white and colored children..."},
               {"kind": "footnote", "number": 1, "blocks": [{"kind": "paragraph", "text": "See note."},
                 {"kind": "footnote", "number": 2, "blocks": []}]},
               {"kind": "blockquote", "text": "separate but equal"}]}]}
            """##,
            ##"{"id": "fedcba9876543210", "court": "C", "date": null, "opinions": [{"type": "dissent", "blocks": []}]}"##,
            ##"""
            {"id": "00000000000000aa", "court": "Court of Appeals", "opinions": [
              {"type": "concurrence", "blocks": [{"kind": "paragraph", "text": ""}]},
              {"type": "dissent", "blocks": [{"kind": "heading", "text": "A", "level": 6}]}]}
            """##,
        ])

    static let numbers = DifferentialSchema(name: "numbers", schema: ##"""
        {
          "type": "object",
          "properties": {
            "count": {"type": "integer", "minimum": 0, "maximum": 100},
            "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
            "even": {"type": "integer", "multipleOf": 2},
            "half": {"multipleOf": 0.5},
            "tenth": {"multipleOf": 0.1},
            "temp": {"type": ["number", "null"], "minimum": -273.15},
            "big": {"type": "integer", "maximum": 9007199254740993}
          },
          "additionalProperties": {"type": ["number", "boolean"]}
        }
        """##, seeds: [
            ##"{"count": 5, "ratio": 0.5, "even": 4, "half": 1.5, "tenth": 0.5, "temp": -10.5, "big": 9007199254740992}"##,
            ##"{"count": 0, "ratio": 0.999, "even": -2, "half": 3, "tenth": 2, "temp": null, "big": -1, "extra": true}"##,
            ##"{"count": 100.0, "even": 0, "half": -0.5, "temp": -273.15, "other": 12.25}"##,
        ])

    static let arrays = DifferentialSchema(name: "arrays", schema: ##"""
        {
          "type": "object",
          "properties": {
            "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false},
            "tuple": {"prefixItems": [{"const": "head"}], "items": {"type": "number"}, "minItems": 1, "maxItems": 4},
            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true, "maxItems": 5},
            "mixed": {"uniqueItems": true},
            "scores": {"type": "array", "contains": {"type": "integer", "minimum": 90}, "minContains": 1, "maxContains": 2},
            "anyNull": {"contains": {"type": "null"}},
            "optional": {"contains": {"const": 0}, "minContains": 0, "maxContains": 1}
          }
        }
        """##, seeds: [
            ##"{"pair": ["a", 1], "tuple": ["head", 1, 2.5], "tags": ["x", "y"], "mixed": [1, "1", true, null, [1], {"a": 1}], "scores": [10, 95], "anyNull": [1, null], "optional": [1, 2]}"##,
            ##"{"pair": ["b"], "tuple": ["head"], "tags": [], "mixed": [], "scores": [90, 91, 5], "anyNull": [null], "optional": [0]}"##,
            ##"{"pair": [], "tags": ["a", "b", "c", "d", "e"], "mixed": [0, false, 0.5], "scores": [100]}"##,
        ])

    static let objects = DifferentialSchema(name: "objects", schema: ##"""
        {
          "type": "object",
          "minProperties": 1,
          "maxProperties": 6,
          "propertyNames": {"pattern": "^[a-z][a-zA-Z0-9_]*$", "maxLength": 12},
          "required": ["name"],
          "properties": {
            "name": {"type": "string", "minLength": 2},
            "meta": {"type": "object", "additionalProperties": false, "patternProperties": {"^k[0-9]$": {"type": "string"}}}
          },
          "patternProperties": {
            "^x_": {"type": "string"},
            "_count$": {"type": "integer", "minimum": 0}
          },
          "additionalProperties": {"type": ["boolean", "null", "object"]}
        }
        """##, seeds: [
            ##"{"name": "ab", "meta": {"k1": "v"}, "x_note": "n", "item_count": 3, "flag": true}"##,
            ##"{"name": "Clerk", "x_count": 2, "other": null, "nested": {}}"##,
            ##"{"name": "xyz", "meta": {}}"##,
        ])

    /// Combinators, boolean subschemas, `$ref` with siblings and recursion through the root.
    static let combinators = DifferentialSchema(name: "combinators", schema: ##"""
        {
          "$defs": {
            "node": {
              "type": "object",
              "required": ["value"],
              "additionalProperties": false,
              "properties": {
                "value": {"oneOf": [{"type": "integer"}, {"type": "number", "multipleOf": 0.25}, {"type": "string", "maxLength": 3}]},
                "children": {"type": "array", "items": {"$ref": "#/$defs/node"}, "maxItems": 3}
              }
            }
          },
          "type": "object",
          "properties": {
            "tree": {"$ref": "#/$defs/node", "properties": {"value": {"not": {"const": 13}}}},
            "shape": {"anyOf": [{"required": ["radius"]}, {"required": ["width", "height"]}], "not": {"required": ["radius", "width"]}},
            "code": {"allOf": [{"type": "string"}, {"minLength": 2}, {"pattern": "^[A-Z]"}]},
            "flag": {"const": true},
            "nothing": false,
            "anything": true,
            "self": {"$ref": "#"},
            "choice": {"enum": [1, "1", null, [1, 2], {"a": 1}]}
          }
        }
        """##, seeds: [
            ##"{"tree": {"value": 1, "children": [{"value": 2.25}, {"value": "abc", "children": []}]}, "shape": {"radius": 2}, "code": "AB", "flag": true, "anything": [1], "choice": 1}"##,
            ##"{"tree": {"value": "x"}, "shape": {"width": 1, "height": 2}, "self": {"code": "Zz", "self": {"choice": [1, 2]}}, "choice": {"a": 1}}"##,
            ##"{"self": {"tree": {"value": 0.5, "children": [{"value": 7}]}}, "choice": null}"##,
        ])

    static let strings = DifferentialSchema(name: "strings", schema: ##"""
        {
          "type": "array",
          "maxItems": 6,
          "items": {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[^0-9]"}
        }
        """##, seeds: [
            ##"["ab", "abcd", "😀😀😀", "e\u0301", "👍🏽", "é1"]"##,
            ##"["中文字", "x y", "--"]"##,
            ##"[]"##,
        ])
}
