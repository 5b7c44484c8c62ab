/// A JSON number for the numeric keywords; compares `.int` with `.double` exactly
/// (as Python does), without rounding the integer to a `Double`.
enum JSONNumber: Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)

    init?(_ value: JSONValue) {
        switch value {
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        default: return nil
        }
    }

    var asDouble: Double {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        }
    }

    var description: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return d.description
        }
    }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`.
    func compare(_ other: JSONNumber) -> Int {
        switch (self, other) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.double(let a), .double(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.int(let a), .double(let b)): return Self.compare(a, b)
        case (.double(let a), .int(let b)): return -Self.compare(b, a)
        }
    }

    private static func compare(_ i: Int, _ d: Double) -> Int {
        // 2^63 is exactly representable; every Int is below it and at or above -2^63.
        if d >= 9_223_372_036_854_775_808.0 { return -1 }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = d.rounded(.towardZero)
        let wholeInt = Int(whole)
        if i < wholeInt { return -1 }
        if i > wholeInt { return 1 }
        let fraction = d - whole
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0)
    }

    /// `multipleOf`, following Python jsonschema: exact remainder for two integers,
    /// otherwise a floating-point quotient that must be a whole number.
    func isMultiple(of divisor: JSONNumber) -> Bool {
        switch (self, divisor) {
        case (.int(let a), .int(let b)):
            return a % b == 0
        case (.double(let a), .int(let b)):
            return a.truncatingRemainder(dividingBy: Double(b)) == 0
        case (_, .double(let b)):
            let quotient = asDouble / b
            // An infinite quotient (huge value, tiny divisor) counts as not a multiple.
            return quotient.isFinite && quotient.rounded(.towardZero) == quotient
        }
    }
}
