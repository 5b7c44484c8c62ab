/// Until the layout stages exist: every run of non-blank lines becomes one paragraph of a single
/// opinion of unknown type. Lines are trimmed and joined with one space.
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
        var blocks: [Block] = []
        var pending: [SourceLine] = []
        var blankRun = 0
        func flush() {
            guard let first = pending.first else { return }
            let text = pending.map { trimmed($0.text) }.joined(separator: " ")
            blocks.append(Block(kind: .paragraph, text: text, sourceOffset: first.sourceOffset))
            pending.removeAll()
        }
        for line in document.lines {
            if line.isBlank {
                blankRun += 1
                if blankRun == configuration.blankLines { flush() }
            } else {
                blankRun = 0
                pending.append(line)
            }
        }
        flush()
        guard !blocks.isEmpty else {
            document.log.warn(stage: Self.id, "the input holds no text")
            return
        }
        document.opinions = [Opinion(type: .unknown, blocks: blocks)]
    }
}

/// `text` without leading and trailing spaces and tabs; works on UTF-8 bytes.
func trimmed(_ text: String) -> String {
    let bytes = text.utf8
    let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    guard let start = bytes.firstIndex(where: { !isSpace($0) }),
          let end = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(decoding: bytes[start...end], as: UTF8.self)
}
