/// A party to the case and its role (`Plaintiff-Appellee`, `petitioner`, …).
public struct Party: Sendable, Hashable {
    public var name: String
    public var role: String

    public init(name: String, role: String) {
        self.name = name
        self.role = role
    }
}

/// A dated event of the case (argued, submitted, decided, filed…); `date` is ISO 8601 (`2020-12-07`).
public struct CaseDate: Sendable, Hashable {
    public var event: String
    public var date: String

    public init(event: String, date: String) {
        self.event = event
        self.date = date
    }
}

/// One metadata entry found in the dump (web chrome, caption) that has no field of its own.
public struct MetadataEntry: Sendable, Equatable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// The caption and case metadata. Unknown single values are nil; lists may be empty.
public struct CaseInfo: Sendable, Equatable {
    public var court: String?
    public var dockets: [String] = []
    public var caseName: String?
    public var parties: [Party] = []
    public var lowerCourt: String?
    public var dates: [CaseDate] = []
    public var judges: [String] = []
    /// Kept in the order found; keys are unique.
    public var metadata: [MetadataEntry] = []

    public init() {}

    /// Every field given, none defaulted: for code that must not miss one (the tests' model reader).
    public init(
        court: String?, dockets: [String], caseName: String?, parties: [Party], lowerCourt: String?, dates: [CaseDate],
        judges: [String], metadata: [MetadataEntry]
    ) {
        self.court = court
        self.dockets = dockets
        self.caseName = caseName
        self.parties = parties
        self.lowerCourt = lowerCourt
        self.dates = dates
        self.judges = judges
        self.metadata = metadata
    }
}
