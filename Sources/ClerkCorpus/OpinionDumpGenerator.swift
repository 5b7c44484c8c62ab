import Foundation

/// Random opinion-like dumps in each input family, reproducible from a seed: an opinion made of
/// headings, paragraphs, block quotes and footnotes (words, punctuation, citations, `Id.`,
/// statutes and nasty characters), then printed the way each family prints it — layout text in
/// pages with running headers, wrapped lines, hyphen splits and footnotes at page bottoms;
/// flattened web text with all of that run together; a scan with star pagination. The property
/// tests check the pipeline on them; `clerk bench` adds them to its corpus.
public struct OpinionDumpGenerator {
    public enum Family: String, CaseIterable, Sendable {
        case layout, flat, scan
    }

    /// The opinion before it is printed.
    struct Opinion {
        enum Part {
            case heading(label: String, title: String?)
            /// A paragraph and the labels of the footnotes it refers to.
            case paragraph(String, notes: [String])
            case blockQuote(String)
            case sectionBreak
        }

        var docket: String
        var byline: String?
        var caption: [String]
        var parts: [Part]
        /// Footnote texts by label; the paragraphs carry their markers.
        var footnotes: [(label: String, text: String)]
    }

    private var random: SplitMix64

    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    public mutating func dump(_ family: Family) -> String {
        let opinion = makeOpinion()
        var text: String
        switch family {
        case .layout: text = layout(opinion)
        case .flat: text = flat(opinion)
        case .scan: text = scan(opinion)
        }
        if chance(0.15) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        return text
    }

    // MARK: The opinion

    private mutating func makeOpinion() -> Opinion {
        let docket = "\(int(10...24))-\(int(1...9999))"
        var caption: [String] = []
        if chance(0.5) {
            caption = [
                pick(["In the United States Court of Appeals For the \(pick(["First", "Fifth", "Ninth", "Eleventh"])) Circuit", "SUPREME COURT OF THE UNITED STATES",
                      "IN THE SUPREME COURT OF THE STATE OF \(pick(Self.places).uppercased())"]),
                "No. \(docket)",
                "\(name().uppercased()), Plaintiff-Appellee,", "v.", "\(name().uppercased()), Defendant-Appellant.",
                "Appeal from the United States District Court for the District of \(pick(Self.places)).",
                "ARGUED \(pick(Self.months).uppercased()) \(int(1...28)), 20\(int(10...23)) — DECIDED \(pick(Self.months).uppercased()) \(int(1...28)), 20\(int(10...23))",
                "Before \(surname().uppercased()), \(surname().uppercased()), and \(surname().uppercased()), Circuit Judges.",
            ]
        }
        let byline: String? = chance(0.7)
            ? pick(["\(surname().uppercased()), Circuit Judge.", "PER CURIAM.", "\(surname().uppercased()), J., dissenting.",
                    "JUSTICE \(surname().uppercased()) delivered the opinion of the Court."])
            : nil
        var parts: [Opinion.Part] = []
        var footnotes: [(label: String, text: String)] = []
        var headingNumber = 0
        for _ in 0..<int(3...14) {
            switch int(0...19) {
            case 0...1:
                headingNumber += 1
                let label = chance(0.5) ? Self.romans[min(headingNumber, Self.romans.count) - 1] + "." : pick(["A.", "B.", "C.", "1.", "(a)"])
                parts.append(.heading(label: label, title: chance(0.5) ? title() : nil))
            case 2:
                parts.append(.heading(label: "", title: pick(["BACKGROUND", "DISCUSSION", "STANDARD OF REVIEW", "CONCLUSION"])))
            case 3...4:
                parts.append(.blockQuote(paragraph(sentences: int(1...3))))
            case 5 where chance(0.3):
                parts.append(.sectionBreak)
            default:
                var text = paragraph(sentences: int(1...8))
                var notes: [String] = []
                if chance(0.35) {
                    let label = String(footnotes.count + 1)
                    footnotes.append((label, paragraph(sentences: int(1...4))))
                    text = insertMarker(label, into: text)
                    notes.append(label)
                }
                parts.append(.paragraph(text, notes: notes))
            }
        }
        if chance(0.5) { parts.append(.paragraph(pick(["AFFIRMED.", "REVERSED and REMANDED.", "It is so ordered.", "We affirm."]), notes: [])) }
        return Opinion(docket: docket, byline: byline, caption: caption, parts: parts, footnotes: footnotes)
    }

    /// A footnote marker after a sentence end (`actions.1`) or a word (`shooting 1`).
    private mutating func insertMarker(_ label: String, into text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let at = int(0...(words.count - 1))
        words[at] += chance(0.7) ? label : " " + label
        return words.joined(separator: " ")
    }

    private mutating func paragraph(sentences: Int) -> String {
        (0..<sentences).map { _ in sentence() }.joined(separator: " ")
    }

    private mutating func sentence() -> String {
        var words: [String] = []
        for index in 0..<int(4...22) {
            switch int(0...39) {
            case 0: words.append(citation())
            case 1: words.append("Id. at \(int(1...999))\(chance(0.3) ? "–\(int(1...99))" : "")")
            case 2: words.append(pick(["42 U.S.C. § 1983", "28 U.S.C. §§ 1291, 1292", "29 C.F.R. § 1630.2(g)", "Fed. R. Civ. P. 56(a)",
                                       "U.S. Const. amend. IV", "§ 1983", "¶ 12"]))
            case 3...4: words.append(nasty())
            case 5: words.append(pick(["(", "“", "‘", "\"", "'", "["]) + word() + pick([")", "”", "’", "\"", "'", "]"]))
            case 6: words.append(word() + pick([",", ";", ":", "—", "–", "…", "?", "!", "-", "/"]))
            case 7: words.append(String(int(0...99_999)))
            case 8: words.append(pick(["Abernathy", "Jones", "O’Neill", "McAllister", "Ortega-Whitfield", "DeShaney"]))
            case 9: words.append(String((0..<int(1...12)).map { _ in pick(Self.soup) }))
            default: words.append(word())
            }
            if index == 0, let first = words.first?.first, first.isLowercase {
                words[0] = first.uppercased() + words[0].dropFirst()
            }
        }
        return words.joined(separator: " ") + pick([".", ".", ".", "?", "!", ".”", ";", ":"])
    }

    private mutating func citation() -> String {
        let volume = int(1...999), page = int(1...1500)
        let reporter = pick(["F.3d", "F.2d", "F. Supp. 2d", "U.S.", "S. Ct.", "L. Ed. 2d", "F.4th", "N.E.2d", "Cal. App. 4th"])
        let court = pick(["7th Cir.", "9th Cir.", "D.C. Cir.", "N.D. Ill.", ""])
        let year = int(1950...2023)
        let parenthetical = court.isEmpty ? "(\(year))" : "(\(court) \(year))"
        switch int(0...3) {
        case 0: return "\(name()) v. \(name()), \(volume) \(reporter) \(page), \(page + int(0...40)) \(parenthetical)"
        case 1: return "\(surname()), \(volume) \(reporter) at \(page)"
        case 2: return "See \(name()) v. \(name()), \(volume) \(reporter) \(page) \(parenthetical)"
        default: return "\(surname()), supra, at \(page)"
        }
    }

    private mutating func nasty() -> String {
        pick(Self.nastyTokens) + (chance(0.5) ? word() : "")
    }

    private mutating func title() -> String {
        (0..<int(1...5)).map { _ in word().capitalized }.joined(separator: " ")
    }

    private mutating func name() -> String { "\(pick(Self.givenNames)) \(surname())" }

    private mutating func surname() -> String { pick(Self.surnames) }

    private mutating func word() -> String { pick(Self.words) }

    // MARK: Layout text

    /// Pages of wrapped lines: a running header (or footer) on every page, footnotes at the bottom
    /// of the page that refers to them, words split at line ends, headings and block quotes on
    /// lines of their own; sometimes web chrome on top and form feeds between pages.
    private mutating func layout(_ opinion: Opinion) -> String {
        let width = int(50...80)
        let margin = String(repeating: chance(0.2) ? "\t" : " ", count: int(0...6))
        var lines: [(text: String, notes: [String])] = []
        func wrapped(_ text: String, width: Int, indent: String) -> [String] { wrap(text, width: width).map { indent + $0 } }
        var body: [(String, [String])] = []
        for line in opinion.caption { body.append((margin + line, [])) }
        if let byline = opinion.byline { body.append((margin + byline, [])) }
        for part in opinion.parts {
            switch part {
            case .heading(let label, let title):
                body.append((margin + [label, title ?? ""].filter { !$0.isEmpty }.joined(separator: " "), []))
            case .paragraph(let text, let notes):
                for (index, line) in wrap(text, width: width).enumerated() {
                    body.append((margin + (index == 0 ? "   " : "") + line, index == 0 ? notes : []))
                }
            case .blockQuote(let text):
                for line in wrapped(text, width: width - 10, indent: margin + "     ") { body.append((line, [])) }
            case .sectionBreak:
                body.append((margin + "* * *", []))
            }
            if chance(0.3) { body.append(("", [])) }
        }
        lines = body
        // Pages of 25 to 45 lines.
        let pageLength = int(25...45)
        let headerStyle = int(0...3)
        let formFeeds = chance(0.3)
        var output: [String] = []
        if chance(0.3) { output += ["\(opinion.caption.isEmpty ? "Opinion" : "Abernathy v. Jones") ( 20\(int(10...23)) )", "", "Menu:"] }
        var page = 1, start = 0
        let total = (lines.count + pageLength - 1) / pageLength
        while start < lines.count {
            let slice = lines[start..<min(start + pageLength, lines.count)]
            if page > 1 {
                switch headerStyle {
                case 0: output.append(page % 2 == 0 ? "\(margin)\(page)    \(spaces())No. \(opinion.docket)" : "\(margin)No. \(opinion.docket)\(spaces())    \(page)")
                case 1: output.append("\(margin)Case 1:20-cv-\(int(1...9)) Document 12 Filed 01/02/21 Page \(page) of \(total)")
                case 2: output.append("\(margin)- \(page) -")
                default: break
                }
            }
            output += slice.map(\.text)
            let notes = slice.flatMap(\.notes)
            for label in notes {
                guard let note = opinion.footnotes.first(where: { $0.label == label }) else { continue }
                for (index, line) in wrap(note.text, width: width + 8).enumerated() {
                    output.append(margin + (index == 0 ? "\(label) " : "  ") + line)
                }
            }
            if headerStyle == 3 { output.append("\(margin)\(spaces())Page \(page) of \(total)") }
            start += pageLength
            page += 1
            if start < lines.count && formFeeds { output.append("\u{0C}") }
        }
        return output.joined(separator: "\n").replacingOccurrences(of: "\n\u{0C}\n", with: "\u{0C}") + "\n"
    }

    /// Lines of at most `width` characters; a long word at a line end is sometimes split with a
    /// hyphen (`dis-` / `puted`).
    private mutating func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ").map(String.init) {
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else if word.count >= 7, word.allSatisfy(\.isLetter), chance(0.4) {
                let cut = word.index(word.startIndex, offsetBy: int(2...(word.count - 3)))
                lines.append(line + " " + String(word[..<cut]) + "-")
                line = String(word[cut...])
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private mutating func spaces() -> String { String(repeating: " ", count: int(0...40)) }

    // MARK: Flattened web text

    /// The layout text run together: lines joined by spaces (so `dis-` `puted` becomes
    /// `dis- puted` and headers sit between words), broken into a few long lines, with breadcrumbs
    /// on top and a `Document Info` block at the end.
    private mutating func flat(_ opinion: Opinion) -> String {
        let layoutLines = layout(opinion).split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "\u{0C}" }
        var output: [String] = []
        if chance(0.5) { output += ["All Courts |", "Federal Courts |", "US Court of Appeals Cases |", "2021-08 |", "-"] }
        var line = ""
        for piece in layoutLines {
            line += line.isEmpty ? piece : " " + piece
            if line.count > 2000 && chance(0.1) {
                output.append(line)
                line = ""
            }
        }
        if !line.isEmpty { output.append(line) }
        if chance(0.5) {
            output += ["Document Info", "Docket Number: \(opinion.docket)", "Judges: \(surname())", "Filed Date: 8/18/2021",
                       "Precedential Status: Precedential"]
        }
        return output.joined(separator: "\n") + "\n"
    }

    // MARK: Scans

    /// One line per paragraph, star pagination `*531` between words and inside them, `**12` in a
    /// parallel sequence, footnotes gathered at the end (a label sometimes lost to OCR), and
    /// sometimes a fragment that starts mid-opinion.
    private mutating func scan(_ opinion: Opinion) -> String {
        var page = int(1...900)
        var output: [String] = chance(0.3) ? ["dissenting."] : []
        if let byline = opinion.byline, chance(0.5) { output.append(byline) }
        for part in opinion.parts {
            switch part {
            case .heading(let label, let title):
                output.append([label, title ?? ""].filter { !$0.isEmpty }.joined(separator: " "))
            case .paragraph(let text, _), .blockQuote(let text):
                var words = text.split(separator: " ").map(String.init)
                for index in words.indices where chance(0.04) {
                    page += 1
                    let word = words[index]
                    if word.count >= 6, word.allSatisfy(\.isLetter), chance(0.4) {
                        let cut = word.index(word.startIndex, offsetBy: int(2...(word.count - 2)))
                        words[index] = String(word[..<cut]) + "*\(page)" + String(word[cut...])
                    } else {
                        words[index] = "*\(page)" + word
                    }
                }
                output.append(words.joined(separator: " "))
            case .sectionBreak:
                output.append("* * *")
            }
        }
        for note in opinion.footnotes {
            output.append((chance(0.2) ? "." : note.label) + " " + note.text)
        }
        return output.joined(separator: "\n") + (chance(0.8) ? "\n" : "")
    }

    // MARK: Randomness

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    private mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }

    // MARK: Vocabulary

    static let words = """
        the of and to a in that is was for on with as by at from it not be this which have are or an had but \
        court officer officers defendant plaintiff judgment evidence jury trial district appeal circuit force \
        reasonable qualified immunity summary motion record claim claims rule standard review question fact \
        facts law state federal amendment rights right under whether because however although therefore \
        moreover dispositive circumstances undisputed excessive determination inference inferences testimony \
        constitutional violation clearly established precedent reversed affirmed remanded dismissed granted \
        denied petition respondent petitioner appellant appellee counsel argument arguments opinion majority \
        dissent concurring judge judges statute statutory provision interpretation meaning text plain \
        jurisdiction standing injury damages remedy relief injunction discovery witness witnesses video \
        shooting chase alley rooftop gun weapon arrest seizure search warrant probable cause suspicion \
        believing disputed reasonableness split-second qualified-immunity well-established post-trial
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static let givenNames = ["Harold", "Dolores", "Kenji", "Maria", "Li", "José", "Zoë", "Ngozi", "Søren", "Anne-Marie"]
    static let surnames = ["Abernathy", "Quill", "Torvik", "Haldane", "Mbeki", "Garcia", "Nguyen", "O’Connor", "Müller", "Van Dyke",
                           "St. Clair", "DeLuca", "Øverby", "Kowalczyk"]
    static let places = ["Oregon", "Wisconsin", "Illinois", "Columbia", "Puerto Rico"]
    static let months = ["January", "February", "March", "Sept.", "December"]
    static let romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    /// Characters that break naive XML, JSON or text handling. NUL is left out: the decoder
    /// refuses a file that has one.
    static let nastyTokens = [
        "<", ">", "&", "&amp;", "]]>", "<![CDATA[", "<!-- -->", "<b>bold</b>", "\"", "'", "\\", "\\u0000", "%s", "{\"a\": 1}",
        "café", "naïve", "Straße", "Łódź", "Ελλάδα", "中文", "עברית", "العربية", "e\u{301}", "Å", "ﬁ",
        "😀", "👨‍👩‍👧", "🇺🇸", "🏛️", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{00A0}", "\u{2028}", "\u{2029}", "\u{3000}",
        "\u{01}", "\u{07}", "\u{08}", "\u{0B}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{85}", "\u{9F}", "\u{FFFE}", "\u{FFFF}",
        "\u{FFFD}", "\u{10FFFF}", "\t", "§", "¶", "†", "‡", "½", "x²", "°", "—", "–", "…", "‘", "’", "“", "”", "*", "**", "*12",
        "_____", "|", "•", "$1,000", "50%", "#", "@", "~", "^", "`",
    ]
    /// Single characters for word soup.
    static let soup: [Character] = Array("abcXYZ019.,;:!?()[]{}<>&'\"-–—/\\*§¶ é😀\u{01}\u{7F}")
}
