import ClerkCore
import Foundation
import Testing

/// The readers of case-law corpus records (CAP case JSON and casebody XML, Columbia XML) on
/// invented records of each shape: the structure the record marks is kept, the stages that
/// would look for it do not run, and the record's fields fill the case.
@Suite struct CorpusRecordReaderTests {
    private static func converted(_ text: String, name: String) throws -> Document {
        try Converter(configuration: try PipelineConfiguration.builtIn()).convert(Array(text.utf8), name: name)
    }

    private static func capCase(casebody: String, date: String = "1931-04-02", docket: String = "No. 4711") -> String {
        let escaped = casebody.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return """
            {"id": 990001, "name": "Ann ROE, Appellant, v. Carl DOE, Appellee.", "name_abbreviation": "Roe v. Doe",
             "decision_date": "\(date)", "docket_number": "\(docket)",
             "citations": [{"type": "official", "cite": "12 Ex. 345"}],
             "court": {"name": "Supreme Court of Examplia", "id": 1},
             "casebody": {"status": "ok", "data": "\(escaped)"}}
            """
    }

    private static let casebody = """
        <casebody xmlns="http://nrs.harvard.edu/urn-3:HLS.Libr.US_Case_Law.Schema.Case_Body:v1" firstpage="345" lastpage="347">
          <parties>Ann ROE, Appellant, v. Carl DOE, Appellee.</parties>
          <docketnumber>No. 4711.</docketnumber>
          <court>Supreme Court of Examplia, Northern Division.</court>
          <otherdate>Argued March 3, 1931.</otherdate>
          <decisiondate>April 2, 1931.</decisiondate>
          <judges>Before Able, Baker, and Cole, JJ.</judges>
          <attorneys><em>Dan Fox</em>, for appellant.</attorneys>
          <headnotes>1. Contracts — a note of the reporter.</headnotes>
          <opinion type="majority">
            <author>BAKER, J.</author>
            <p>The appellant sued on a note<footnotemark>1</footnotemark> and lost below.</p>
            <p>We see no error in the <page-number citation-index="1" label="346">*346</page-number>judgment.</p>
            <blockquote>A quoted rule of law.</blockquote>
            <p>Affirmed.</p>
            <footnote label="1"><p>The note was dated in May.</p></footnote>
          </opinion>
          <opinion type="dissent">
            <author>COLE, J.,</author>
            <p>dissenting:</p>
            <p>I would <page-number label="347">*347</page-number>reverse.</p>
          </opinion>
        </casebody>
        """

    @Test func capCaseKeepsTheMarkedStructure() throws {
        let document = try Self.converted(Self.capCase(casebody: Self.casebody), name: "case.json")
        #expect(document.source.reader == "cap")
        #expect(document.source.family == .scan)
        #expect(document.source.record == RecordIdentity(collection: "cap", id: "990001", citations: ["12 Ex. 345"]))
        let lead = document.opinions.filter { $0.type != .syllabus }
        #expect(lead.map(\.type) == [.majority, .dissent])
        #expect(lead.map(\.author) == ["BAKER", "COLE"])
        #expect(lead[1].byline == "COLE, J., dissenting:")
        #expect(lead[0].blocks.first?.text == "The appellant sued on a note and lost below.")
        #expect(lead[0].blocks.first?.footnoteRefs.map(\.label) == ["1"])
        #expect(lead[0].blocks.contains { $0.kind == .blockquote && $0.text == "A quoted rule of law." })
        #expect(lead[0].footnotes.map(\.label) == ["1"])
        #expect(lead[0].footnotes.first?.blocks.first?.text == "The note was dated in May.")
        let pages = document.opinions.flatMap(\.blocks).flatMap(\.pageBreaks).map(\.page)
        #expect(pages == ["346", "347"])
        #expect(lead[1].blocks.map(\.text) == ["I would reverse."])
        // The reporter's headnote is a summary before the opinions.
        #expect(document.opinions.first?.type == .syllabus)
        // The case: the record's name; the printed court, which names the division; both dates.
        let info = document.caseInfo
        #expect(info.caseName == "Ann ROE, Appellant, v. Carl DOE, Appellee")
        #expect(info.court == "Supreme Court of Examplia, Northern Division")
        #expect(info.dockets == ["No. 4711"])
        #expect(info.dates.contains(CaseDate(event: "decided", date: "1931-04-02")))
        #expect(info.dates.contains(CaseDate(event: "argued", date: "1931-03-03")))
        #expect(Set(info.judges) == ["Able", "Baker", "Cole"])
        #expect(info.metadata.contains(MetadataEntry(key: "attorneys", value: "Dan Fox, for appellant.")))
        #expect(info.metadata.contains(MetadataEntry(key: "recordCourt", value: "Supreme Court of Examplia")))
        // What the text leaves out is in the edit log; no stage that finds structure ran.
        #expect(document.log.edits.contains { $0.stage == "cap" && $0.before == "No. 4711." })
        #expect(document.log.edits.contains { $0.stage == "cap" && $0.before == "*346" })
        #expect(!document.log.edits.contains { ["opinions", "caption", "footnotes", "furniture", "starPages", "chrome", "cases"].contains($0.stage) })
        #expect(document.log.warnings.isEmpty)
    }

    /// A paragraph that reads like a byline inside a marked opinion (the opinion quoting another)
    /// does not open an opinion: the opinions stage does not run on a record that marks them.
    @Test func markedOpinionsAreNotSplitAgain() throws {
        let casebody = """
            <casebody><parties>ROE v. DOE.</parties>
            <opinion type="majority"><author>BAKER, J.</author>
            <p>The court below wrote:</p>
            <p>DOE, J., dissenting.</p>
            <p>We do not agree with that view.</p></opinion></casebody>
            """
        let document = try Self.converted(Self.capCase(casebody: casebody), name: "case.json")
        #expect(document.opinions.map(\.type) == [.majority])
        #expect(document.opinions.first?.blocks.map(\.text) == [
            "The court below wrote:", "DOE, J., dissenting.", "We do not agree with that view.",
        ])
        // The same text as plain text is split at the byline.
        let plain = try Self.converted("BAKER, J.\n\nThe court below wrote:\n\nDOE, J., dissenting.\n\nWe do not agree with that view.\n", name: "a.txt")
        #expect(plain.opinions.map(\.type).contains(.dissent))
    }

    @Test func recordAndTextThatDisagreeAreBothKeptWithAWarning() throws {
        let document = try Self.converted(Self.capCase(casebody: Self.casebody, date: "1931-05-02", docket: "No. 4712"), name: "case.json")
        let info = document.caseInfo
        #expect(info.dates.contains(CaseDate(event: "decided", date: "1931-05-02")))
        #expect(info.dates.contains(CaseDate(event: "decided (printed)", date: "1931-04-02")))
        #expect(info.dockets == ["No. 4712", "No. 4711"])
        #expect(document.log.warnings.filter { $0.stage == "cap" }.count == 2)
    }

    @Test func aMonthOnlyDateTakesThePrintedDay() throws {
        let document = try Self.converted(Self.capCase(casebody: Self.casebody, date: "1931-04"), name: "case.json")
        #expect(document.caseInfo.dates.filter { $0.event == "decided" } == [CaseDate(event: "decided", date: "1931-04-02")])
        #expect(document.log.warnings.isEmpty)
    }

    @Test func aCasebodyXMLFileIsReadAlone() throws {
        let document = try Self.converted(Self.casebody, name: "casebody.xml")
        #expect(document.source.reader == "cap")
        #expect(document.opinions.filter { $0.type != .syllabus }.map(\.author) == ["BAKER", "COLE"])
        // Without the record's name, the caption's: the parties without their roles.
        #expect(document.caseInfo.caseName == "Ann ROE v. Carl DOE")
        #expect(document.caseInfo.parties == [Party(name: "Ann ROE", role: "Appellant"), Party(name: "Carl DOE", role: "Appellee")])
        // Source offsets point into the file, at the start of the element's line (the third).
        let thirdLine = Self.casebody.split(separator: "\n", omittingEmptySubsequences: false).prefix(2).map { $0.utf8.count + 1 }.reduce(0, +)
        #expect(document.log.edits.first { $0.before == "No. 4711." }?.sourceOffset == thirdLine)
    }

    @Test func aPlainTextCasebodyIsLeftToTheStages() throws {
        let text = "ROE v. DOE.\n\nBAKER, J.\n\nThe appellant sued on a note and lost below. We affirm.\n"
        let document = try Self.converted(Self.capCase(casebody: text), name: "case.json")
        #expect(document.source.reader == "cap")
        #expect(document.caseInfo.caseName == "Ann ROE, Appellant, v. Carl DOE, Appellee")
        #expect(document.opinions.last?.author == "BAKER")
        #expect(document.opinions.last?.blocks.last?.text.hasSuffix("We affirm.") == true)
    }

    @Test func aCasebodyGivenAsJSONKeepsItsOpinions() throws {
        let record = """
            {"id": "77", "name": "ROE v. DOE", "decision_date": "1931-04-02", "docket_number": "", "court": {"name": "Court of Examplia"},
             "citations": [], "casebody": {"status": "ok", "data": {"head_matter": "ROE v. DOE. No. 4711.", "judges": ["Before Able and Baker, JJ."],
             "parties": ["Ann ROE v. Carl DOE"], "attorneys": ["Dan Fox, for appellant."],
             "opinions": [{"type": "majority", "author": "ABLE, J.", "text": "First paragraph.\\nSecond paragraph."},
                          {"type": "concurrence", "author": "BAKER, J.", "text": "I concur."}]}}}
            """
        let document = try Self.converted(record, name: "case.json")
        #expect(document.opinions.map(\.type) == [.majority, .concurrence])
        #expect(document.opinions.map(\.author) == ["ABLE", "BAKER"])
        #expect(document.opinions[0].blocks.map(\.text) == ["First paragraph.", "Second paragraph."])
        #expect(document.log.edits.contains { $0.before == "ROE v. DOE. No. 4711." })
        #expect(document.caseInfo.judges.contains("Able"))
    }

    @Test func aRecordWithoutTextIsAClearError() {
        let record = #"{"id": 5, "name": "ROE v. DOE", "decision_date": "1931-04-02", "casebody": {"status": "error_limit_exceeded"}}"#
        #expect {
            _ = try Self.converted(record, name: "case.json")
        } throws: { error in
            (error as? ConversionError)?.description == "case.json: stage cap: the case record's casebody has no text (status error_limit_exceeded)"
        }
        let broken = Self.capCase(casebody: "<casebody><opinion><p>unclosed</opinion></casebody>")
        #expect {
            _ = try Self.converted(broken, name: "case.json")
        } throws: { error in
            (error as? ConversionError)?.description.hasPrefix("case.json: stage cap: the casebody XML could not be parsed") == true
        }
    }

    private static let columbia = """
        <opinion>
        <reporter_caption><center>ROE v. DOE, <citation>12 Ex. App. 345</citation> (1931)</center></reporter_caption>
        <citation_line><center><citation>98 X.2d 765</citation></center></citation_line>
        <caption><center>Ann ROE v. Carl DOE.</center></caption>
        <docket><center>7 Div. 123.</center></docket><court><center>Court of Appeals of Examplia.</center></court>
        <date><center>April 2, 1931.</center><center>Rehearing Denied May 7, 1931.</center>
        </date>
        <posture>  Appeal from Circuit Court, Example County.
        </posture><attorneys>  Dan Fox, for appellant.
        </attorneys>
        <opinion_byline>  BAKER, Judge.
        </opinion_byline>
        <opinion_text>  The appellant sued on a note<footnote_reference>[fn1]</footnote_reference> and lost.

        We see no error in the <page_number>Page 346</page_number> judgment.
        <block_quote>A quoted rule of law.</block_quote>
        Affirmed.
        </opinion_text>
        <dissent_byline>  COLE, Judge, dissenting.
        </dissent_byline>
        <dissent_text>  I would reverse.
        </dissent_text>
        <footnote_body><footnote_number>[fn1]</footnote_number> The note was dated in May.
        </footnote_body>
        </opinion>
        """

    @Test func columbiaXMLKeepsItsMarkedStructure() throws {
        let document = try Self.converted(Self.columbia, name: "case.xml")
        #expect(document.source.reader == "columbia")
        #expect(document.source.record == RecordIdentity(collection: "columbia", citations: ["12 Ex. App. 345", "98 X.2d 765"]))
        let opinions = document.opinions.filter { $0.type != .syllabus }
        #expect(opinions.map(\.type) == [.majority, .dissent])
        #expect(opinions.map(\.author) == ["BAKER", "COLE"])
        #expect(opinions[0].blocks.map(\.text) == [
            "The appellant sued on a note and lost.", "We see no error in the judgment.", "A quoted rule of law.", "Affirmed.",
        ])
        #expect(opinions[0].blocks[1].pageBreaks.map(\.page) == ["346"])
        #expect(opinions[0].blocks[0].footnoteRefs.map(\.label) == ["1"])
        #expect(document.opinions.flatMap(\.footnotes).map(\.label) == ["1"])
        #expect(document.opinions.flatMap(\.footnotes).first?.blocks.first?.text == "The note was dated in May.")
        let info = document.caseInfo
        #expect(info.caseName == "Ann ROE v. Carl DOE")
        #expect(info.dockets == ["7 Div. 123"])
        #expect(info.court == "Court of Appeals of Examplia")
        #expect(info.dates == [CaseDate(event: "decided", date: "1931-04-02"), CaseDate(event: "rehearing denied", date: "1931-05-07")])
        #expect(document.opinions.first?.type == .syllabus)
        #expect(document.opinions.first?.blocks.first?.text == "Appeal from Circuit Court, Example County.")
    }

    // MARK: CourtListener opinion records

    /// An opinion record as the API returns it, its text fields empty but those given.
    private static func courtListener(_ fields: [String: String], type: String = "020lead", perCuriam: Bool = false) -> String {
        var record: [String: Any] = [
            "id": 8_800_001, "cluster": "https://www.courtlistener.com/api/rest/v4/clusters/7700001/", "type": type,
            "author_str": "Poe", "per_curiam": perCuriam, "joined_by_str": "",
        ]
        for field in ["plain_text", "html", "html_lawbox", "html_columbia", "html_anon_2020", "xml_harvard", "html_with_citations"] {
            record[field] = fields[field] ?? ""
        }
        let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func courtListenerRecordIsOneOpinionOfItsType() throws {
        let record = Self.courtListener(["html_with_citations": "<p>I respectfully dissent.</p><p>POE, J., dissenting, would reverse.</p>"], type: "040dissent")
        let document = try Self.converted(record, name: "opinion.json")
        #expect(document.source.reader == "courtlistener")
        #expect(document.source.record == RecordIdentity(collection: "courtlistener", id: "8800001", clusterId: "7700001", textField: "html_with_citations"))
        #expect(document.opinions.map(\.type) == [.dissent])
        #expect(document.opinions.map(\.author) == ["Poe"])
        #expect(document.opinions[0].blocks.map(\.text) == ["I respectfully dissent.", "POE, J., dissenting, would reverse."])
    }

    @Test func courtListenerTextFieldsAreTriedInOrder() throws {
        let record = Self.courtListener([
            "xml_harvard": #"<?xml version="1.0" encoding="utf-8"?><opinion type="majority"><author>ABLE, J.</author><p>From the casebody<footnotemark>1</footnotemark>.</p><footnote label="1"><p>A note.</p></footnote></opinion><opinion type="dissent"><author>POE, J.</author><p>I dissent.</p></opinion>"#,
            "plain_text": "From the PDF.\n",
        ])
        let document = try Self.converted(record, name: "opinion.json")
        #expect(document.source.record?.textField == "xml_harvard")
        #expect(document.opinions.map(\.type) == [.majority, .dissent])
        #expect(document.opinions.map(\.author) == ["ABLE", "POE"])
        #expect(document.opinions[0].footnotes.map(\.label) == ["1"])
        let plainFirst = try PipelineConfiguration.load(
            Array(#"{"reading": {"courtlistener": {"textFields": "plain_text, xml_harvard"}}, "stages": [{"stage": "reflow"}]}"#.utf8),
            origin: "pipeline.json")
        let fromPlain = try Converter(configuration: plainFirst).convert(Array(record.utf8), name: "opinion.json")
        #expect(fromPlain.source.record?.textField == "plain_text")
        #expect(fromPlain.opinions.map(\.type) == [.majority])
        #expect(fromPlain.opinions.first?.blocks.map(\.text) == ["From the PDF."])
    }

    @Test func aCombinedRecordIsSplitByTheStagesAndPerCuriamIsRead() throws {
        let combined = Self.courtListener(
            ["plain_text": "ABLE, J.\n\nThe judgment is affirmed.\n\nPOE, J., dissenting.\n\nI would reverse.\n"], type: "010combined")
        let document = try Self.converted(combined, name: "opinion.json")
        #expect(document.opinions.map(\.type) == [.majority, .dissent])
        let perCuriam = Self.courtListener(["html": "<p>The petition is denied.</p>"], perCuriam: true)
        #expect(try Self.converted(perCuriam, name: "opinion.json").opinions.map(\.type) == [.perCuriam])
    }

    @Test func aCourtListenerRecordWithoutTextIsAClearError() {
        #expect {
            _ = try Self.converted(Self.courtListener([:]), name: "opinion.json")
        } throws: { error in
            (error as? ConversionError)?.description.hasPrefix("opinion.json: stage courtlistener: the opinion record has no text in any of its text fields") == true
        }
    }

    // MARK: The real records of the test corpus

    private static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus/raw")

    /// Every real record's page numbers and footnotes are in its output: as many page breaks as
    /// the source has page-number elements, as many footnotes as footnote elements.
    @Test func everyPageNumberAndFootnoteOfTheRealRecordsIsKept() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { $0.hasSuffix(".cap-json.json") || $0.hasSuffix(".columbia-xml.xml") }.sorted()
        #expect(files.count >= 10)
        for file in files {
            let raw = try Data(contentsOf: Self.corpus.appendingPathComponent(file))
            let markup: String
            let pageTag: String, noteTags: [String]
            if file.hasSuffix(".json") {
                let record = try JSONSerialization.jsonObject(with: raw) as? [String: Any]
                markup = (record?["casebody"] as? [String: Any])?["data"] as? String ?? ""
                (pageTag, noteTags) = ("<page-number", ["<footnote ", "<footnote>"])
            } else {
                markup = String(decoding: raw, as: UTF8.self)
                (pageTag, noteTags) = ("<page_number>", ["<footnote_body>"])
            }
            let pages = markup.components(separatedBy: pageTag).count - 1
            let notes = noteTags.map { markup.components(separatedBy: $0).count - 1 }.reduce(0, +)
            let document = try Converter(configuration: try PipelineConfiguration.builtIn()).convert([UInt8](raw), name: file)
            let blocks = document.opinions.flatMap { $0.blocks + $0.footnotes.flatMap(\.blocks) }
            #expect(blocks.flatMap(\.pageBreaks).count == pages, "\(file): page numbers")
            #expect(document.opinions.flatMap(\.footnotes).count == notes, "\(file): footnotes")
        }
    }
}
