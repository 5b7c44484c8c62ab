import ClerkJSON

/// The input families a stage runs on, from its `families` parameter: `"all"`, or a
/// comma-separated list of family names (`"flat, scan"`). Names that are no family are kept so
/// that the stage can say which ones it ignored.
public struct FamilySelection: Sendable, Equatable {
    /// nil: every family.
    public var families: Set<SourceFamily>?
    /// Names in the list that are not families.
    public var unknownNames: [String]
    /// The list as configured.
    public var list: String

    /// Every family: what a stage without a `families` parameter runs on.
    public static let all = FamilySelection("all")

    public init(_ list: String) {
        self.list = list
        let names = list.split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
        if names.isEmpty || names.contains("all") {
            families = nil
            unknownNames = names.filter { $0 != "all" && SourceFamily(rawValue: $0) == nil }
        } else {
            families = Set(names.compactMap(SourceFamily.init(rawValue:)))
            unknownNames = names.filter { SourceFamily(rawValue: $0) == nil }
        }
    }

    /// The `families` parameter, with the given default (`"all"`, `"scan"`…).
    public static func parameter(default list: String) -> Parameter<String> {
        .string(
            "families", default: list,
            "The input families the stage runs on: \"all\", or a comma-separated list of layout, flat, scan, html, unknown.")
    }

    public func includes(_ family: SourceFamily) -> Bool {
        families?.contains(family) ?? true
    }

    /// Warns about the names that are no family, then says whether the stage runs on `document`.
    public func admits(_ document: inout Document, stage: String) -> Bool {
        if !unknownNames.isEmpty {
            document.log.warn(stage: stage, "unknown families in \"families\" ignored: \(unknownNames.joined(separator: ", "))")
        }
        return includes(document.source.family)
    }
}
