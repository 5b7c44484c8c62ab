/// Until reflow exists: every run of non-blank lines becomes one paragraph of a single opinion
/// of unknown type. Lines are trimmed and joined with one space; page breaks and footnote
/// references in the text become offsets in the paragraphs.
public struct ParagraphStage: Stage {
    public struct Configuration: StageConfiguration {
        public static let parameters = [
            StageParameter(
                "blankLinesBetweenParagraphs", .integer(1...16), default: 1,
                "How many consecutive blank lines end a paragraph; fewer are passed over."),
        ]
        public var blankLines: Int

        public init(_ values: StageParameterValues) {
            blankLines = values.int("blankLinesBetweenParagraphs")
        }
    }

    public static let id = "paragraphs"
    public static let summary = "Each run of non-blank lines becomes a paragraph of one opinion (type unknown until opinions are found)."
    public static let requires = [DecodeStage.id]

    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(_ document: inout Document) throws(StageFailure) {
        var assembler = BlockAssembler(document.body)
        var blankRun = 0
        let bytes = document.body.bytes
        for line in document.body.lineRanges {
            let content = trimmed(line, in: bytes)
            if content.isEmpty {
                blankRun += 1
                if blankRun == configuration.blankLines { assembler.finishBlock() }
            } else {
                blankRun = 0
                assembler.append(content)
            }
        }
        let blocks = assembler.finish()
        guard !blocks.isEmpty else {
            document.log.warn(stage: Self.id, "the input holds no text")
            return
        }
        document.opinions = [Opinion(type: .unknown, blocks: blocks)]
    }
}

/// `range` of `bytes` without leading and trailing spaces and tabs.
func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
    var start = range.lowerBound, end = range.upperBound
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return start..<end
}
