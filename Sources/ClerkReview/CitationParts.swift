import ClerkCore

/// A citation's parts as a reader would say them, the title of its mark on the page:
/// `full case citation, volume 472, reporter U.S., page 511, pinpoint 528`.
enum CitationParts {
    static func text(
        kind: CitationKind, caseName: String?, volume: String?, reporter: String?, page: String?, section: String?,
        pinpoint: String?, court: String?, year: String?, refersTo: String?
    ) -> String {
        let named: [(String, String?)] = [
            ("kind", kindName(kind)), ("case", caseName), ("volume", volume), ("reporter", reporter), ("page", page),
            ("section", section), ("pinpoint", pinpoint), ("court", court), ("year", year), ("refers to", refersTo),
        ]
        return named.compactMap { name, value in value.map { "\(name) \($0)" } }.joined(separator: ", ")
    }

    private static func kindName(_ kind: CitationKind) -> String {
        switch kind {
        case .fullCase: "full case citation"
        case .shortCase: "short case citation"
        case .id: "id."
        case .supra: "supra"
        case .statute: "statute"
        case .rule: "court rule"
        case .regulation: "regulation"
        case .constitution: "constitution"
        case .journal: "journal"
        case .unknown: "citation"
        }
    }
}
