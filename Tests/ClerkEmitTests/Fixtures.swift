import ClerkCore
import ClerkTestSupport
import Foundation

/// Documents built by hand that use every part of the model, including the awkward ones:
/// marks at offsets 0 and at the end, a page break inside a citation, characters XML must escape.
enum Fixtures {
    static func richDocument() -> Document {
        let raw = Array("raw <input> & more\r\n".utf8)
        var document = Document(raw: raw, source: SourceInfo(
            name: "rich & <odd>.txt", bytes: raw.count, sha256: String(repeating: "0f", count: 32), family: .layout, reader: "html"))
        document.pipelineSHA256 = String(repeating: "a1", count: 32)
        document.source.record = RecordIdentity(
            collection: "cap", id: "12 & <34>", clusterId: "56", citations: ["1 B.T.A. 15", "2 F. 3 & <4>"], textField: "xml_harvard")
        document.caseInfo.court = "United States Court of Appeals for the Seventh Circuit"
        document.caseInfo.dockets = ["20-1754", "20-1755"]
        document.caseInfo.caseName = "Smith v. Jones & Co."
        document.caseInfo.parties = [Party(name: "JERRY SMITH, JR.", role: "Plaintiff-Appellee"),
                                     Party(name: "ADAM <STAHL>", role: "Defendant-Appellant")]
        document.caseInfo.lowerCourt = "Eastern District of Wisconsin"
        document.caseInfo.dates = [CaseDate(event: "argued", date: "2020-12-07"), CaseDate(event: "decided", date: "2021-08-18")]
        document.caseInfo.judges = ["SYKES", "ST. EVE"]
        document.caseInfo.metadata = [MetadataEntry(key: "Precedential Status", value: "Precedential"),
                                      MetadataEntry(key: "empty", value: "")]

        let citationText = "472 U.S. 511, 528"
        let text = "See \(citationText). Tabs\tand ]]> and <tags> & “quotes” 𝔸."
        var citation = Citation(offset: 4, length: citationText.unicodeScalars.count, kind: .fullCase, text: citationText)
        citation.volume = "472"
        citation.reporter = "U.S."
        citation.page = "511"
        citation.pinpoint = "528"
        citation.year = "1985"
        citation.caseName = "Mitchell v. Forsyth"
        citation.court = "7th Cir."
        let length = text.unicodeScalars.count
        let paragraph = Block(
            kind: .paragraph, text: text,
            pageBreaks: [PageBreak(offset: 0, page: "1"), PageBreak(offset: 13, page: "*528"), PageBreak(offset: length, page: "3")],
            footnoteRefs: [FootnoteRef(offset: 21, label: "1"), FootnoteRef(offset: length, label: "*")],
            citations: [citation], sourceOffset: 120)
        var idCitation = Citation(offset: 0, length: 3, kind: .id, text: "Id.")
        idCitation.pinpoint = "530"
        idCitation.refersTo = "472 U.S. 511"
        var statute = Citation(offset: 0, length: 16, kind: .statute, text: "42 U.S.C. § 1983")
        statute.volume = "42"
        statute.reporter = "U.S.C."
        statute.section = "1983"
        let footnote = Footnote(label: "1", blocks: [
            Block(kind: .paragraph, text: "Id. at 530.", citations: [idCitation]),
            Block(kind: .paragraph, text: "42 U.S.C. § 1983.", citations: [statute]),
            Block(kind: .blockquote, text: "Quoted\nacross lines"),
        ])
        document.opinions = [
            Opinion(type: .majority, author: "BRENNAN", byline: "BRENNAN, Circuit Judge.", blocks: [
                Block(kind: .heading, text: "Smith’s interaction with officers", level: 2, label: "1.", sourceOffset: 100),
                paragraph,
                Block(kind: .heading, text: "", level: 1),
                Block(kind: .sectionBreak, text: ""),
                Block(kind: .paragraph, text: ""),
            ], footnotes: [footnote]),
            Opinion(type: .dissent),
        ]
        document.disposition = "DISMISSED for lack of appellate jurisdiction"
        document.log.edit(stage: "decode", sourceOffset: 18, before: "\r\n", after: "\n", reason: "line ends normalized to LF (1 CRLF)")
        document.log.edit(stage: "furniture", sourceOffset: 5, before: "<input> & \"x\"", after: "", reason: "running header removed")
        document.log.edit(stage: "dehyphenate", sourceOffset: 9, before: "dis-\nputed", after: "disputed",
                          reason: "line-end hyphen joined: \"disputed\" is a word", alternative: "dis-puted")
        document.log.edit(stage: "ocr", sourceOffset: 11, before: "F.Sd", after: "F.3d", reason: "reporter misread",
                          alternative: "F.2d", confidence: 0.875)
        document.log.warn(stage: "caption", "no court found")
        document.log.warn(stage: "decode", sourceOffset: 3, "1 line(s) were not valid UTF-8")
        return document
    }

    /// The smallest document the model allows.
    static func emptyDocument() -> Document {
        Document(raw: [0x41], source: SourceInfo(name: "a.txt", bytes: 1, sha256: String(repeating: "a", count: 64)))
    }

    static var packageRoot: URL { ClerkTestSupport.packageRoot }
}
