import ClerkJSON

/// The JSON type of a stage parameter in `pipeline.json`, with its allowed values.
public enum StageParameterType: Sendable, Equatable {
    case boolean
    case integer(ClosedRange<Int>)
    case number(ClosedRange<Double>)
    case string(allowed: [String])

    /// The type as `clerk stages` prints it, e.g. `integer 1...8`.
    public var summary: String {
        switch self {
        case .boolean: "boolean"
        case .integer(let range): "integer \(range.lowerBound)...\(range.upperBound)"
        case .number(let range): "number \(range.lowerBound)...\(range.upperBound)"
        case .string(let allowed): allowed.isEmpty ? "string" : "one of " + allowed.joined(separator: ", ")
        }
    }
}

/// One configurable parameter of a stage: its name in `pipeline.json`, type, default and meaning.
/// The default lives here only; the stage reads the effective value from `StageParameterValues`.
public struct StageParameter: Sendable, Equatable {
    public var name: String
    public var type: StageParameterType
    public var defaultValue: JSONValue
    public var summary: String

    public init(_ name: String, _ type: StageParameterType, default defaultValue: JSONValue, _ summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// The effective parameter values of one configured stage: what `pipeline.json` gave, else the
/// default. The configuration loader has checked every value against its declared type, so the
/// typed accessors fall back to the default only for a name the stage did not declare.
public struct StageParameterValues: Sendable, Equatable {
    public private(set) var values: [String: JSONValue]

    public init(parameters: [StageParameter], given: [String: JSONValue] = [:]) {
        var values: [String: JSONValue] = [:]
        for parameter in parameters {
            values[parameter.name] = given[parameter.name] ?? parameter.defaultValue
        }
        self.values = values
    }

    public func bool(_ name: String) -> Bool { values[name]?.boolValue ?? false }
    public func int(_ name: String) -> Int { values[name]?.intValue ?? 0 }
    public func double(_ name: String) -> Double { values[name]?.doubleValue ?? 0 }
    public func string(_ name: String) -> String { values[name]?.stringValue ?? "" }
}

/// A stage's configuration, decoded from its entry in `pipeline.json`.
public protocol StageConfiguration: Sendable {
    /// The parameters a pipeline entry may set, besides `stage` and `enabled`.
    static var parameters: [StageParameter] { get }
    init(_ values: StageParameterValues)
}

/// The configuration of a stage that has no parameters.
public struct NoParameters: StageConfiguration {
    public static let parameters: [StageParameter] = []
    public init(_ values: StageParameterValues) {}
}
