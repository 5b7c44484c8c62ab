import ClerkJSON
import Synchronization

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

/// What `clerk stages`, the configuration loader and the JSON Schema of `pipeline.json` know of
/// one parameter: its name, type, default and meaning, without its Swift type.
public struct StageParameter: Sendable, Equatable {
    public var name: String
    public var type: StageParameterType
    public var defaultValue: JSONValue
    public var summary: String
}

/// A Swift type a stage parameter's value can have, and its JSON form.
public protocol StageParameterValue: Sendable {
    init?(json: JSONValue)
    var json: JSONValue { get }
}

extension Bool: StageParameterValue {
    public init?(json: JSONValue) {
        guard let value = json.boolValue else { return nil }
        self = value
    }
    public var json: JSONValue { .bool(self) }
}

extension Int: StageParameterValue {
    public init?(json: JSONValue) {
        guard let value = json.intValue else { return nil }
        self = value
    }
    public var json: JSONValue { .int(self) }
}

extension Double: StageParameterValue {
    public init?(json: JSONValue) {
        guard let value = json.doubleValue else { return nil }
        self = value
    }
    public var json: JSONValue { .double(self) }
}

extension String: StageParameterValue {
    public init?(json: JSONValue) {
        guard let value = json.stringValue else { return nil }
        self = value
    }
    public var json: JSONValue { .string(self) }
}

/// One parameter of a stage, declared once as a static constant of its configuration, with a
/// Swift type that matches its JSON type; the configuration reads it through this declaration
/// (`values[Self.minimumRepeats]`), so a misspelt name does not compile.
public struct Parameter<Value: StageParameterValue>: Sendable {
    public let declaration: StageParameter
    public let defaultValue: Value

    private init(_ name: String, _ type: StageParameterType, _ defaultValue: Value, _ summary: String) {
        declaration = StageParameter(name: name, type: type, defaultValue: defaultValue.json, summary: summary)
        self.defaultValue = defaultValue
    }

    public var name: String { declaration.name }
}

extension Parameter where Value == Bool {
    public static func boolean(_ name: String, default value: Bool, _ summary: String) -> Self {
        Self(name, .boolean, value, summary)
    }
}

extension Parameter where Value == Int {
    public static func integer(_ name: String, _ range: ClosedRange<Int>, default value: Int, _ summary: String) -> Self {
        Self(name, .integer(range), value, summary)
    }
}

extension Parameter where Value == Double {
    public static func number(_ name: String, _ range: ClosedRange<Double>, default value: Double, _ summary: String) -> Self {
        Self(name, .number(range), value, summary)
    }
}

extension Parameter where Value == String {
    /// A string parameter; `allowed` empty means any string.
    public static func string(_ name: String, allowed: [String] = [], default value: String, _ summary: String) -> Self {
        Self(name, .string(allowed: allowed), value, summary)
    }
}

/// The effective parameter values of one configured stage: what `pipeline.json` gave, else the
/// default. The configuration loader has checked every given value against its declared type.
public struct StageParameterValues: Sendable, Equatable {
    public private(set) var values: [String: JSONValue]
    /// Set while a configuration's parameters are being listed (`StageConfiguration.parameters`).
    private let recorder: ParameterRecorder?

    public init(parameters: [StageParameter], given: [String: JSONValue] = [:]) {
        var values: [String: JSONValue] = [:]
        for parameter in parameters {
            values[parameter.name] = given[parameter.name] ?? parameter.defaultValue
        }
        self.values = values
        recorder = nil
    }

    fileprivate init(recorder: ParameterRecorder) {
        values = [:]
        self.recorder = recorder
    }

    /// The parameter's value: the one given, else its default.
    public subscript<Value>(_ parameter: Parameter<Value>) -> Value {
        recorder?.record(parameter.declaration)
        return values[parameter.name].flatMap(Value.init(json:)) ?? parameter.defaultValue
    }

    public static func == (left: Self, right: Self) -> Bool { left.values == right.values }
}

/// The parameters a configuration reads, in the order it reads them.
private final class ParameterRecorder: Sendable {
    private let read = Mutex<[StageParameter]>([])

    func record(_ parameter: StageParameter) {
        read.withLock { read in
            if !read.contains(where: { $0.name == parameter.name }) { read.append(parameter) }
        }
    }

    var parameters: [StageParameter] { read.withLock { $0 } }
}

/// A stage's configuration, decoded from its entry in `pipeline.json`: its initializer reads
/// each parameter through its declaration (`values[Self.name]`), and what it reads is the
/// stage's parameter list, so a parameter is declared in one place only.
public protocol StageConfiguration: Sendable {
    init(_ values: StageParameterValues)
    /// The input families the stage runs on: those of its `families` parameter, for a stage
    /// that has one; all for the others.
    var families: FamilySelection { get }
}

extension StageConfiguration {
    /// The parameters a pipeline entry may set besides `stage` and `enabled`, in the order the
    /// configuration reads them.
    public static var parameters: [StageParameter] {
        let recorder = ParameterRecorder()
        _ = Self(StageParameterValues(recorder: recorder))
        return recorder.parameters
    }

    public var families: FamilySelection { .all }
}

/// The configuration of a stage that has no parameters.
public struct NoParameters: StageConfiguration {
    public init(_ values: StageParameterValues) {}
}
