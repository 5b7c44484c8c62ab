/// Finds what short forms, `Id.` and `supra` stand for, reading citations in text order:
/// - `Id.` is the citation before it (what that one stands for, if it is a short form);
/// - a short form (`Cyrus, 624 F.3d at 862`) is the full citation of the same volume and
///   reporter; among several, the one whose case name holds the short form's name, else the
///   latest whose first page is not after the pinpoint; with none, the one case of its name;
/// - `supra` is the full citation whose case name holds its name.
/// The answer is the full citation's key (`624 F.3d 856`), recorded in `refersTo`.
struct CitationResolver {
    private struct FullCitation {
        var key: String
        var caseName: String?
        var page: Int?
    }

    private var byVolumeAndReporter: [String: [FullCitation]] = [:]
    private var all: [FullCitation] = []
    /// What an `Id.` here would stand for.
    private var previous: String?

    /// A new opinion: `Id.` does not reach into the opinion before, but short forms and `supra` do.
    mutating func startOpinion() {
        previous = nil
    }

    mutating func resolve(_ citation: inout Citation) {
        switch citation.kind {
        case .fullCase, .journal:
            guard let key = citation.key else { previous = nil; return }
            let full = FullCitation(key: key, caseName: citation.caseName, page: citation.page.flatMap { Int($0) })
            byVolumeAndReporter[Self.volumeAndReporter(citation), default: []].append(full)
            all.append(full)
            previous = key
        case .statute, .regulation, .rule, .constitution:
            previous = citation.key
        case .id:
            citation.refersTo = previous
        case .shortCase:
            citation.refersTo = shortFormTarget(citation)
            previous = citation.refersTo
        case .supra:
            citation.refersTo = citation.caseName.flatMap { name in
                all.last { $0.caseName.map { Self.name($0, holds: name) } ?? false }?.key
            }
            previous = citation.refersTo
        case .unknown:
            previous = nil
        }
    }

    private func shortFormTarget(_ citation: Citation) -> String? {
        guard let candidates = byVolumeAndReporter[Self.volumeAndReporter(citation)], !candidates.isEmpty else {
            // Cited before in another reporter only (`Mullenix, 136 S. Ct. at 308` after
            // `Mullenix v. Luna, 577 U.S. 7`): the name decides, if one case has it.
            guard let name = citation.caseName else { return nil }
            let named = Set(all.filter { $0.caseName.map { Self.name($0, holds: name) } ?? false }.map(\.key))
            return named.count == 1 ? named.first : nil
        }
        if candidates.count == 1 { return candidates[0].key }
        if let name = citation.caseName,
           let named = candidates.last(where: { $0.caseName.map { Self.name($0, holds: name) } ?? false }) {
            return named.key
        }
        let pinpoint = citation.pinpoint.flatMap { Int($0.prefix { $0.isNumber }) }
        if let pinpoint, let before = candidates.last(where: { ($0.page ?? Int.max) <= pinpoint }) { return before.key }
        return candidates.last?.key
    }

    private static func volumeAndReporter(_ citation: Citation) -> String {
        "\(citation.volume ?? "")|\(citation.reporter ?? "")"
    }

    /// Whether a full case name holds a short name as whole words (`Cyrus` in
    /// `Cyrus v. Town of Mukwonago`).
    private static func name(_ full: String, holds short: String) -> Bool {
        let fullWords = full.split(separator: " ")
        let shortWords = short.split(separator: " ")
        guard !shortWords.isEmpty, shortWords.count <= fullWords.count else { return false }
        for start in 0...(fullWords.count - shortWords.count)
        where fullWords[start..<(start + shortWords.count)].elementsEqual(shortWords) {
            return true
        }
        return false
    }
}
