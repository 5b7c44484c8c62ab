/// Finds the citations in every block of every opinion and footnote — on the cleaned text, so a
/// citation the raw dump split across lines, pages or a stranded footnote is read whole — and
/// records them in the blocks as spans with their parts (see `CitationScanner`). Reporters and
/// codes come from reporters-db (`CitationTable`). Short forms, `Id.` and `supra` are resolved
/// to the full citation they stand for, reading each opinion in order with each footnote after
/// the block that refers to it. The text is not changed.
public struct CitationStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let resolveReferences = Parameter.boolean("resolveReferences", default: true,
            "Record in refersTo the full citation that each short form, Id. and supra stands for.")
        public var resolveReferences: Bool

        public init(_ values: StageParameterValues) {
            resolveReferences = values[Self.resolveReferences]
        }
    }

    public static let id = "citations"
    public static let summary =
        "Finds case citations (full, parallel, short, Id., supra), statutes, rules and constitutions in the cleaned blocks, with their parts; resolves short forms; the text is not changed."
    public static let phase = StagePhase.blocks
    public static let requires = [ReflowStage.id]

    private let configuration: Configuration
    private let scanner = CitationScanner()

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        var resolver = CitationResolver()
        for opinion in document.opinions.indices {
            resolver.startOpinion()
            var footnotesRead = Set<Int>()
            // The footnotes of each label in order; a reference takes the first not read yet.
            var unread: [String: ArraySlice<Int>] = [:]
            for (index, footnote) in document.opinions[opinion].footnotes.enumerated() {
                unread[footnote.label, default: []].append(index)
            }
            for block in document.opinions[opinion].blocks.indices {
                read(&document.opinions[opinion].blocks[block], resolver: &resolver)
                // The footnotes this block refers to come next in reading order.
                for reference in document.opinions[opinion].blocks[block].footnoteRefs.sorted(by: { $0.offset < $1.offset }) {
                    guard let footnote = unread[reference.label]?.popFirst() else { continue }
                    footnotesRead.insert(footnote)
                    readFootnote(&document.opinions[opinion].footnotes[footnote], resolver: &resolver)
                }
            }
            for footnote in document.opinions[opinion].footnotes.indices where !footnotesRead.contains(footnote) {
                readFootnote(&document.opinions[opinion].footnotes[footnote], resolver: &resolver)
            }
        }
    }

    private func readFootnote(_ footnote: inout Footnote, resolver: inout CitationResolver) {
        for block in footnote.blocks.indices {
            read(&footnote.blocks[block], resolver: &resolver)
        }
    }

    private func read(_ block: inout Block, resolver: inout CitationResolver) {
        block.citations = Self.citations(in: block.text, scanner: scanner)
        guard configuration.resolveReferences else { return }
        for index in block.citations.indices {
            resolver.resolve(&block.citations[index])
        }
    }

    /// The citations in a block's text, with offsets and lengths in Unicode scalars.
    static func citations(in text: String, scanner: CitationScanner) -> [Citation] {
        let bytes = Array(text.utf8)
        let scanned = scanner.scan(bytes)
        guard !scanned.isEmpty else { return [] }
        // Byte offsets to scalar offsets, counting forward once (the spans are in text order).
        var byte = 0
        var scalars = 0
        func scalarOffset(at target: Int) -> Int {
            if byte < target {
                scalars += ByteLines.scalarCount(bytes[byte..<target])
                byte = target
            }
            return scalars
        }
        return scanned.map { found in
            let offset = scalarOffset(at: found.range.lowerBound)
            let end = scalarOffset(at: found.range.upperBound)
            return found.citation(
                offset: offset, length: end - offset, text: String(decoding: bytes[found.range], as: UTF8.self))
        }
    }
}
