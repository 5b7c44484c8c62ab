import ClerkJSON
import ClerkLibXML

/// The shipped output schemas (Schemas/opinion.xsd and Schemas/opinion.schema.json, built into
/// the binary), compiled once and shared by every thread: libxml2's compiled `xmlSchema` and
/// our `JSONSchema` are both read-only after construction.
public final class OutputSchemas: Sendable {
    public let xml: XMLSchemaValidator
    public let json: JSONSchema

    public static let xsdBytes: [UInt8] = PackageResources.opinion_xsd
    public static let jsonSchemaBytes: [UInt8] = PackageResources.opinion_schema_json

    /// The shipped schemas. They are part of the binary, so failing to compile them is a build
    /// defect (the test suite compiles them), not an input error.
    public static let shipped: OutputSchemas = {
        do {
            return try OutputSchemas(xsd: xsdBytes, jsonSchema: jsonSchemaBytes)
        } catch {
            preconditionFailure("the built-in output schemas do not compile: \(error)")
        }
    }()

    public init(xsd: [UInt8], jsonSchema: [UInt8]) throws {
        xml = try XMLSchemaValidator(xsd: xsd, file: "opinion.xsd")
        json = try JSONSchema(bytes: jsonSchema)
    }
}
