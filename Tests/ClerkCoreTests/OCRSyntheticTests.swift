@testable import ClerkCore
import ClerkJSON
import ClerkTestSupport
import Testing

/// The OCR stage measured on clean opinion text (the paragraphs and footnotes of Samples/001 as
/// the pipeline converts them) with OCR-like misreads injected by a seeded generator: the share
/// of its repairs that restore exactly what was injected (precision) and the share of the
/// injected misreads it restores (recall).
@Suite struct OCRSyntheticTests {
    @Test func repairsOfInjectedMisreadsArePrecise() throws {
        let converted = try StageHarness.convertedSample("001_adfd90a293bb973c.txt")
        let clean = converted.opinions.flatMap { opinion in
            opinion.blocks.map(\.text) + opinion.footnotes.flatMap { $0.blocks.map(\.text) }
        }.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
        var noise = OCRNoise(seed: 0x5EED_0CC2)
        let noisy = noise.inject(into: clean)
        #expect(noisy.misreads.count >= 200)

        let document = try StageHarness.run(
            OCRRepairStage.self, noisy.text, family: .scan, parameters: ["maximumEdits": 100_000, "minimumConfidence": 0.6])
        let edits = document.log.edits.filter { $0.stage == OCRRepairStage.id }
        let expected = Dictionary(uniqueKeysWithValues: noisy.misreads.map { ($0.offset, $0) })
        var correct = 0
        var wrong: [String] = []
        for edit in edits {
            if let misread = expected[edit.sourceOffset], misread.printed == edit.before, misread.original == edit.after {
                correct += 1
            } else {
                wrong.append("\(edit.before) → \(edit.after) at \(edit.sourceOffset)")
            }
        }
        let precision = edits.isEmpty ? 1 : Double(correct) / Double(edits.count)
        let recall = Double(correct) / Double(noisy.misreads.count)
        var byKind: [String: (injected: Int, restored: Int)] = [:]
        for misread in noisy.misreads {
            let restored = edits.contains { $0.sourceOffset == misread.offset && $0.after == misread.original }
            byKind[misread.kind, default: (0, 0)].injected += 1
            if restored { byKind[misread.kind, default: (0, 0)].restored += 1 }
        }
        print("OCR synthetic test: \(noisy.misreads.count) misreads injected, \(edits.count) repairs, \(correct) correct; precision \(precision), recall \(recall)")
        for (kind, counts) in byKind.sorted(by: { $0.key < $1.key }) {
            print("  \(kind): \(counts.restored) of \(counts.injected) restored")
        }
        #expect(precision >= 0.99, "wrong repairs: \(wrong)")
        #expect(recall >= 0.6)
        // The stage left the rest of the text as it was.
        #expect(StageHarness.replayed(document) == document.body.text)
    }
}

/// OCR-like misreads put into clean text at random places, reproducibly.
struct OCRNoise {
    /// One injected misread: where it is in the noisy text (bytes), what it reads, what it was.
    struct Misread {
        var offset: Int
        var printed: String
        var original: String
        /// `word e/c`, `bracket`, `reporter`…
        var kind: String
    }

    private var random: SplitMix64
    /// One misread in this many eligible words.
    var wordRate = 12

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// Misreads of lowercase words: what the page had → what OCR reads.
    private static let wordMisreads: [(String, String)] = [
        ("c", "e"), ("e", "c"), ("m", "rn"), ("h", "li"), ("d", "cl"), ("w", "vv"), ("u", "ii"), ("l", "1"), ("o", "0"),
    ]
    /// Reporter series OCR misreads (`F.3d` → `F.Sd`).
    private static let reporterMisreads: [(String, String)] = [("F.3d", "F.Sd"), ("F.2d", "F.Zd"), ("F.4th", "F.4tli")]

    mutating func inject(into text: String) -> (text: String, misreads: [Misread]) {
        let bytes = Array(text.utf8)
        let citations = ProtectedRanges(CitationScanner().scan(bytes).map(\.range))
        var output: [UInt8] = []
        var misreads: [Misread] = []
        // Whole-word misreads must stay unique in the document (the stage leaves a word the
        // document uses twice); remember what each one reads.
        var printedWords: Set<String> = []
        var counts: [String: Int] = [:]
        forEachWord(in: bytes) { counts[String(decoding: bytes[$0], as: UTF8.self), default: 0] += 1 }
        var index = 0
        while index < bytes.count {
            // `[T]he` → `[Tjhe`: a bracket read as a letter.
            if bytes[index] == UInt8(ascii: "["), index + 3 < bytes.count, isLetterASCII(bytes[index + 1]),
               bytes[index + 2] == UInt8(ascii: "]"), isLowercaseASCII(bytes[index + 3]), random.next() % 2 == 0 {
                var end = index + 3
                while end < bytes.count, isLowercaseASCII(bytes[end]) { end += 1 }
                if end - index >= 5 {
                    let original = String(decoding: bytes[index..<end], as: UTF8.self)
                    var printed = Array(bytes[index..<end])
                    printed[2] = UInt8(ascii: "j")
                    misreads.append(Misread(offset: output.count, printed: String(decoding: printed, as: UTF8.self), original: original, kind: "bracket ]/j"))
                    output += printed
                    index = end
                    continue
                }
            }
            // `F.3d` → `F.Sd` in a citation.
            if bytes[index] == UInt8(ascii: "F"), index > 0, bytes[index - 1] == 0x20,
               let (original, printed) = Self.reporterMisreads.first(where: { bytes[index...].starts(with: $0.0.utf8) }),
               index + original.utf8.count < bytes.count, bytes[index + original.utf8.count] == 0x20, random.next() % 6 == 0 {
                misreads.append(Misread(offset: output.count, printed: printed, original: original, kind: "reporter"))
                output += Array(printed.utf8)
                index += original.utf8.count
                continue
            }
            guard isLowercaseASCII(bytes[index]), index == 0 || !isLetterOrDigitASCII(bytes[index - 1]) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isLetterASCII(bytes[end]) { end += 1 }
            let word = String(decoding: bytes[index..<end], as: UTF8.self)
            if eligible(index..<end, in: bytes, citations: citations), random.next() % UInt64(wordRate) == 0,
               let (printed, kind) = misread(word), !printedWords.contains(printed), counts[printed] == nil {
                printedWords.insert(printed)
                misreads.append(Misread(offset: output.count, printed: printed, original: word, kind: "word " + kind))
                output += Array(printed.utf8)
            } else {
                output += bytes[index..<end]
            }
            index = end
        }
        return (String(decoding: output, as: UTF8.self), misreads)
    }

    /// A lowercase word of four letters or more between spaces or prose punctuation, outside citations.
    private func eligible(_ range: Range<Int>, in bytes: [UInt8], citations: ProtectedRanges) -> Bool {
        guard range.count >= 4, bytes[range].allSatisfy(isLowercaseASCII), !citations.overlaps(range) else { return false }
        let before = range.lowerBound == 0 ? 0x20 : bytes[range.lowerBound - 1]
        let after = range.upperBound == bytes.count ? 0x20 : bytes[range.upperBound]
        return (before == 0x20 || before == 0x0A) && (after == 0x20 || after == 0x0A || ",.;:".utf8.contains(after))
    }

    /// One misread of `word` that makes no word, or nil.
    private mutating func misread(_ word: String) -> (String, String)? {
        let bytes = Array(word.utf8)
        var options: [(String, String)] = []
        for (page, read) in Self.wordMisreads {
            let pattern = Array(page.utf8)
            for start in 0...(bytes.count - pattern.count) where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
                let printed = String(decoding: bytes[..<start] + Array(read.utf8) + bytes[(start + pattern.count)...], as: UTF8.self)
                if !Lexicon.shared.contains(printed) { options.append((printed, "\(read)/\(page)")) }
            }
        }
        guard !options.isEmpty else { return nil }
        return options[Int(random.next() % UInt64(options.count))]
    }

    private func forEachWord(in bytes: [UInt8], _ body: (Range<Int>) -> Void) {
        var index = 0
        while index < bytes.count {
            guard isLetterOrDigitASCII(bytes[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isLetterOrDigitASCII(bytes[end]) { end += 1 }
            body(index..<end)
            index = end
        }
    }
}
