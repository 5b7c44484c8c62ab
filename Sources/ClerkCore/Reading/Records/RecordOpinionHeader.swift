/// An opinion's header from a record's fields: the type in the collection's vocabulary (the
/// table in docs/output.md) and the byline the publisher marked (`<author>`, `opinion_byline`,
/// `author_str`), read for its author the way the opinions stage reads a byline in text.
enum RecordOpinionHeader {
    /// The Caselaw Access Project's `type` attribute of `<opinion>`.
    static func capType(_ name: String?) -> OpinionType? {
        switch name?.lowercased() {
        case "majority": .majority
        case "plurality": .plurality
        case "unanimous": .unanimous
        case "per-curiam", "per_curiam", "percuriam": .perCuriam
        case "concurrence", "concurring": .concurrence
        case "concurring-in-part-and-dissenting-in-part", "concurrence-in-part-and-dissent-in-part": .concurrenceInPartDissentInPart
        case "dissent", "dissenting": .dissent
        case "remittitur": .remittitur
        case "rehearing": .rehearing
        case "on-the-merits": .onTheMerits
        case "on-motion-to-strike-cost-bill", "on-motion-to-strike": .onMotionToStrike
        case "addendum": .addendum
        default: nil
        }
    }

    /// CourtListener's `type` field (`010combined`, `020lead`, `040dissent`…); `perCuriam` makes a
    /// lead opinion per curiam.
    static func courtListenerType(_ name: String?, perCuriam: Bool) -> OpinionType? {
        let type: OpinionType? = switch name?.lowercased() {
        case "010combined": .combined
        case "015unamimous", "015unanimous": .unanimous
        case "020lead": .majority
        case "025plurality": .plurality
        case "030concurrence": .concurrence
        case "035concurrenceinpart": .concurrenceInPart
        case "040dissent": .dissent
        case "050addendum": .addendum
        case "060remittitur": .remittitur
        case "070rehearing": .rehearing
        case "080onthemerits": .onTheMerits
        case "090onmotiontostrike": .onMotionToStrike
        case "100trialcourt": .trialCourt
        default: nil
        }
        if perCuriam, type == .majority || type == .combined || type == nil { return .perCuriam }
        return type
    }

    /// The header of an opinion whose type the record gives (nil: not given) and whose byline
    /// the publisher marked. The byline's own words settle what the type leaves open: an
    /// untyped or lead opinion whose byline says `dissenting` is a dissent, one that says
    /// `PER CURIAM` is per curiam.
    static func header(type given: OpinionType?, byline: String?) -> OpinionHeader {
        let printed = byline.map(ByteLines.collapsingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        var type = given ?? .unknown
        var author: String?
        if let printed {
            let bytes = Array(printed.utf8)
            let words = TextTokenizer.words(in: bytes, from: 0, limit: 64)
            if let read = BylineParser.parse(words, atFragmentStart: false) {
                author = read.author.map { PanelReader.withoutTitles($0) ?? $0 }
                if let named = read.type, given == nil || ([.majority, .combined, .unknown] as Set).contains(type) && named != .majority {
                    type = named
                }
            } else {
                author = nameOnly(printed)
            }
        }
        if given == nil && type == .unknown && author != nil { type = .majority }
        return OpinionHeader(type: type, author: author, byline: printed)
    }

    /// A byline that is only a name with titles (`Roe :`, `DOE, J.`): the name.
    private static func nameOnly(_ byline: String) -> String? {
        let words = byline.split(whereSeparator: { $0 == " " })
        guard words.count <= 6, let name = PanelReader.withoutTitles(byline) else { return nil }
        let trimmed = String(name.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed())
        return trimmed.isEmpty || trimmed.contains(where: \.isNumber) ? nil : trimmed
    }
}

