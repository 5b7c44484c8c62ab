/// The formats `clerk convert` writes, named by their file extension.
public enum OutputFormat: String, Sendable, CaseIterable, Comparable {
    case xml, json

    public static func < (lhs: OutputFormat, rhs: OutputFormat) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
