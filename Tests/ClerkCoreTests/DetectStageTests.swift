import ClerkCore
import Foundation
import ClerkJSON
import Testing

@Suite struct DetectStageTests {
    private func detect(_ text: String, _ parameters: [String: JSONValue] = [:]) throws -> Document {
        try StageHarness.run(DetectStage.self, text, family: .unknown, parameters: parameters)
    }

    private static let sentences = [
        "The officers approached the car and asked the driver to step out.",
        "He refused, and a struggle followed on the shoulder of the highway.",
        "We review the denial of summary judgment de novo.",
        "The district court found that material facts remained in dispute.",
        "Qualified immunity protects officials unless the law was clearly established.",
        "The video does not show what happened after the second warning.",
    ]

    /// `count` sentences of opinion prose starting at sentence `from`.
    static func prose(sentences count: Int, from start: Int = 0) -> String {
        (0..<count).map { sentences[(start + $0) % sentences.count] }.joined(separator: " ")
    }

    /// PDF-to-text: indented lines of 50–70 characters, a running header per page.
    static func layout(pages: Int = 3, indent: String = "    ") -> String {
        var lines: [String] = []
        for page in 1...pages {
            if page > 1 { lines.append("\(indent)\(page)                                   No. 19-55012") }
            var line = ""
            for word in prose(sentences: 12, from: page).split(separator: " ") {
                if line.count + word.count > 62 {
                    lines.append(indent + line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(indent + line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Flattened web text: breadcrumbs, a few very long lines that stop mid-sentence with word
    /// splits left inline, a metadata block of short lines.
    static func flat() -> String {
        var text = "Home |\nCourts |\nAppeals |\n-\n"
        for part in 0..<4 {
            let body = prose(sentences: 30, from: part)
                .replacingFirst("approached", with: "ap- proached")
                .replacingFirst("struggle", with: "strug- gle")
                .replacingFirst("clearly", with: "clear- ly")
            text += body + " 2 No. 19-55012 The court in Doe v. Roe,\n"
        }
        return text + "Document Info\nDate: 2021-04-01\nCourt: Ninth Circuit\n"
    }

    /// A reporter scan: one paragraph per line, ending in sentences, star pages inside.
    static func scan(markers: Bool = true) -> String {
        var lines = ["dissenting."]
        for paragraph in 0..<8 {
            var line = prose(sentences: 9, from: paragraph)
            if markers && paragraph % 2 == 1 {
                line = line.replacingFirst("the driver", with: "the dri*\(301 + paragraph / 2)ver")
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func indentedShortLinesAreLayout() throws {
        let document = try detect(Self.layout())
        #expect(document.source.family == .layout)
        #expect(document.log.warnings.isEmpty)
        #expect(document.log.edits.isEmpty)
        #expect(document.body.text == Self.layout())
    }

    @Test func layoutWithSomeLongLinesIsStillLayout() throws {
        let text = Self.layout(pages: 4) + "    " + Self.prose(sentences: 3) + "\n" + Self.layout(pages: 2)
        #expect(try detect(text).source.family == .layout)
    }

    @Test func longLinesStoppingMidSentenceWithInlineSplitsAreFlat() throws {
        let document = try detect(Self.flat())
        #expect(document.source.family == .flat)
        #expect(document.log.warnings.isEmpty)
    }

    @Test func aOneLineFlattenedOpinionIsFlatWithAWarning() throws {
        let text = Self.prose(sentences: 80).replacingFirst("approached", with: "ap- proached")
            .replacingFirst("struggle", with: "strug- gle") + " 3 No. 19-55012 more text\n"
        let document = try detect(text)
        #expect(document.source.family == .flat)
        let warning = try #require(document.log.warnings.first)
        #expect(warning.stage == "detect")
        #expect(warning.message.contains("1 non-blank line"))
    }

    @Test func paragraphLinesWithStarPaginationAreScan() throws {
        let document = try detect(Self.scan())
        #expect(document.source.family == .scan)
        #expect(document.log.warnings.isEmpty)
    }

    @Test func paragraphLinesWithoutStarPaginationAreScanWithAWarning() throws {
        let document = try detect(Self.scan(markers: false))
        #expect(document.source.family == .scan)
        #expect(document.log.warnings.first?.message.contains("star") == true)
    }

    @Test func aHardWrappedScanWithStarPagesIsScan() throws {
        // Short unindented lines, as OCR without layout gives them, with star pages.
        var lines: [String] = []
        for (index, sentence) in Self.sentences.enumerated() {
            lines.append(sentence.replacingFirst("the ", with: index % 2 == 0 ? "the *\(77 + index / 2)" : "the "))
        }
        let document = try detect((lines + lines.reversed()).joined(separator: "\n") + "\n")
        #expect(document.source.family == .scan)
    }

    @Test func starPagesInIndentedLayoutStayLayoutWithAWarning() throws {
        let text = Self.layout().replacingFirst("struggle", with: "strug*55gle").replacingFirst("approached", with: "ap*56proached")
        let document = try detect(text)
        #expect(document.source.family == .layout)
        #expect(document.log.warnings.first?.message.contains("2 star page markers") == true)
    }

    @Test func aFamilyTheReaderSetIsKept() throws {
        var document = StageHarness.document(Self.layout(), family: .html)
        document = try StageHarness.run(DetectStage.self, on: document)
        #expect(document.source.family == .html)
        #expect(document.log.warnings.isEmpty)
        // A forced family still overrides it.
        #expect(try StageHarness.run(DetectStage.self, on: document, parameters: ["family": "layout"]).source.family == .layout)
    }

    @Test func aFixedFamilyOverridesTheEvidence() throws {
        let document = try detect(Self.layout(), ["family": "flat"])
        #expect(document.source.family == .flat)
        #expect(document.log.warnings.isEmpty)
    }

    @Test func blankInputIsUnknown() throws {
        let document = try detect(" \n\n")
        #expect(document.source.family == .unknown)
        #expect(document.log.warnings.count == 1)
    }

    @Test func runningTwiceDecidesTheSame() throws {
        for text in [Self.layout(), Self.flat(), Self.scan()] {
            let once = try detect(text)
            let twice = try StageHarness.run(DetectStage.self, on: once)
            #expect(twice.source.family == once.source.family)
            #expect(twice.body == once.body)
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
