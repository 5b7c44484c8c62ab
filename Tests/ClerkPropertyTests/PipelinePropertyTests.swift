import ClerkCore
import ClerkEmit
import ClerkJSON
import ClerkTestSupport
import Foundation
import Testing

/// Properties of the whole pipeline over generated opinion dumps (`OpinionDumpGenerator`), each
/// family in its own run:
/// - schema-valid: both emitters succeed (XML against opinion.xsd, JSON against
///   opinion.schema.json) and `DocumentInvariants` finds nothing;
/// - nothing lost: every character of the input is in the output or in the edit log as removed
///   (`CharacterAccount`, as scripts/checks/check-nothing-lost.py counts), unless the input reads
///   as HTML (a tiny dump with `<b>bold</b>` in it), whose tags are markup, not text;
/// - idempotent on clean text: the plain text of a conversion (its paragraphs, separated by
///   blank lines), converted, gives paragraphs whose plain text converts to the same paragraphs
///   with no edit at all.
/// The last is asked of the second conversion, not the first: the first reads the raw dump with
/// page breaks, section breaks, heading labels and family rules (inline headings of flattened
/// text, star pages of scans) that its plain text no longer carries, so its plain text may read
/// differently once (a lone `I.` before a section break becomes a heading; notes gathered at the
/// end of a scan, split into pages by its star pages, are found once the pages are gone). How
/// many dumps read differently the first time is printed, not asserted.
/// A failure names the family and the seed of the dump; `PropertyCase(family:seed:).dump`
/// rebuilds it. `CLERK_PROPERTY_SEED` and `CLERK_PROPERTY_COUNT` run other seeds, or more of them,
/// when looking for trouble, and `CLERK_PROPERTY_DUMPS=FOLDER` writes each failing dump there.
@Suite struct PipelinePropertyTests {
    static let converter: Converter = Converter(configuration: try! PipelineConfiguration.builtIn())
    static let emitter = DocumentEmitter(formats: OutputFormat.allCases)

    static let cases: [PropertyCase] = {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["CLERK_PROPERTY_SEED"].flatMap { UInt64($0.replacingOccurrences(of: "0x", with: ""), radix: 16) }
            ?? 0xC1E4_0000
        let count = environment["CLERK_PROPERTY_COUNT"].flatMap(Int.init) ?? 100
        return OpinionDumpGenerator.Family.allCases.enumerated().flatMap { index, family in
            (0..<UInt64(count)).map { PropertyCase(family: family, seed: base &+ UInt64(index) << 32 &+ $0) }
        }
    }()

    @Test(arguments: OpinionDumpGenerator.Family.allCases)
    func generatedDumps(_ family: OpinionDumpGenerator.Family) throws {
        var failures = PropertyFailures()
        var readDifferentlyOnce = 0, readAsHTML = 0
        let mine = Self.cases.filter { $0.family == family }
        for item in mine {
            let raw = Array(item.dump.utf8)
            let first: Document
            do {
                first = try Self.converter.convert(raw, name: "generated.txt")
            } catch {
                failures.record("converts", item, "refused: \(error.problem)")
                continue
            }
            do {
                _ = try Self.emitter.emit(first)
            } catch {
                failures.record("schema-valid", item, "\(error)")
            }
            if first.source.reader == HTMLReader.id {
                readAsHTML += 1
            } else {
                let account = CharacterAccount(raw: raw, document: first)
                if !account.isBalanced { failures.record("nothing lost", item, account.description) }
            }
            do {
                let second = try Self.rerun(first, family: first.source.family)
                if Self.difference(first, second) != nil { readDifferentlyOnce += 1 }
                let third = try Self.rerun(second, family: first.source.family)
                if let difference = Self.difference(second, third) { failures.record("idempotent", item, difference) }
            } catch {
                failures.record("idempotent", item, "the plain text is refused: \(error.problem)")
            }
        }
        print("property tests, \(family.rawValue): \(mine.count) dumps, \(failures.count) failures; "
            + "\(readDifferentlyOnce) read differently once their first plain text was converted, \(readAsHTML) read as HTML")
        failures.report()
    }

    /// Converters for the runs over plain text, one per family of the first run. Two things
    /// differ from the built-in pipeline, because the plain text is not the input the first run
    /// read:
    /// - a stage the first run's family kept out (`ocr` runs on scans only) would find work in
    ///   it that the first run was never asked to do (the plain text of a layout document reads
    ///   as a paragraph-per-line scan), so it stays off;
    /// - the plain text says where its paragraphs are (blank lines), so reflow takes them as
    ///   they are (`blankLines`). In `auto` mode, lines of 110 to 300 characters are read by the
    ///   layout rules, where a blank line after `… granted; A.` is a page-layout gap inside a
    ///   sentence, not a paragraph break: right for PDF text, but then a paragraph that the first
    ///   run ended without a sentence end (a heading label after a semicolon) would join the next.
    static let rerunConverters: [SourceFamily: Converter] = {
        let builtIn = try! PipelineConfiguration.builtIn()
        var converters: [SourceFamily: Converter] = [:]
        for family in SourceFamily.allCases {
            let stages: [JSONValue] = builtIn.stages.map { stage in
                var entry: JSONObject = ["stage": .string(stage.descriptor.id)]
                let admitted = stage.values.values["families"].map { FamilySelection($0.stringValue ?? "").includes(family) } ?? true
                entry["enabled"] = .bool(stage.enabled && admitted)
                for (name, value) in stage.values.values.sorted(by: { $0.key < $1.key }) { entry[name] = value }
                if stage.descriptor.id == "reflow" { entry["mode"] = "blankLines" }
                return .object(entry)
            }
            let json = JSONWriter.write(.object(["stages": .array(stages)]))
            converters[family] = Converter(configuration: try! PipelineConfiguration.load(json, origin: "rerun (\(family))"))
        }
        return converters
    }()

    /// `document`'s plain text (its paragraphs, separated by blank lines), converted again.
    static func rerun(_ document: Document, family: SourceFamily) throws(ConversionError) -> Document {
        let plain = document.plainParagraphs.joined(separator: "\n\n") + "\n"
        return try rerunConverters[family]!.convert(Array(plain.utf8), name: "plain.txt")
    }

    /// What the conversion `after` of `before`'s plain text changed, as in
    /// `PipelineIdempotenceTests`: an edit, or other paragraphs; nil when nothing.
    static func difference(_ before: Document, _ after: Document) -> String? {
        if let edit = after.log.edits.first {
            return "\(after.log.edits.count) edits, the first \(edit.stage): \(edit.before.prefix(200).debugDescription) → "
                + "\(edit.after.prefix(200).debugDescription) (\(edit.reason))"
        }
        let texts = before.plainParagraphs, again = after.plainParagraphs
        guard again != texts else { return nil }
        let index = zip(texts, again).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(texts.count, again.count)
        return "\(texts.count) paragraphs became \(again.count); the first that differs, #\(index): "
            + "\((texts.count > index ? texts[index] : "").prefix(200).debugDescription) became "
            + "\((again.count > index ? again[index] : "").prefix(200).debugDescription)"
    }
}

/// One generated dump: its family and seed, which rebuild it.
struct PropertyCase: Sendable, CustomStringConvertible {
    var family: OpinionDumpGenerator.Family
    var seed: UInt64

    var dump: String {
        var generator = OpinionDumpGenerator(seed: seed)
        return generator.dump(family)
    }

    var description: String { "\(family.rawValue) seed 0x\(String(seed, radix: 16))" }
}

/// Failures of the properties, recorded as issues: each with its case, at most a few per
/// property so that one bug does not flood the output, then a count.
struct PropertyFailures {
    private var byProperty: [String: [String]] = [:]
    private(set) var count = 0

    mutating func record(_ property: String, _ item: PropertyCase, _ problem: String) {
        count += 1
        if let folder = ProcessInfo.processInfo.environment["CLERK_PROPERTY_DUMPS"] {
            try? Data(item.dump.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(item.family.rawValue)-\(String(item.seed, radix: 16)).txt"))
        }
        byProperty[property, default: []].append("\(item): \(problem)")
    }

    func report() {
        for (property, problems) in byProperty.sorted(by: { $0.key < $1.key }) {
            for problem in problems.prefix(3) {
                Issue.record("\(property): \(problem)")
            }
            if problems.count > 3 { Issue.record("\(property): and \(problems.count - 3) more dumps") }
        }
    }
}

extension Document {
    /// The blocks' texts, each opinion's paragraphs then its notes'. Blocks without text (a
    /// heading that is only a label, a section break) leave nothing in the plain text.
    var plainParagraphs: [String] {
        opinions.flatMap { opinion in
            opinion.blocks.map(\.text) + opinion.footnotes.flatMap { $0.blocks.map(\.text) }
        }.filter { !$0.isEmpty }
    }

    /// Every text of the output, including blocks without text.
    var outputTexts: [String] {
        opinions.flatMap { opinion in
            opinion.blocks.map(\.text) + opinion.footnotes.flatMap { $0.blocks.map(\.text) }
        }
    }
}

extension CharacterAccount {
    init(raw: [UInt8], document: Document) {
        self.init(
            raw: raw, outputTexts: document.outputTexts,
            edits: document.log.edits.map { Edit(before: $0.before, after: $0.after, reason: $0.reason) })
    }
}
