/// The document as it moves through the pipeline: the raw input, the working text of the
/// layout stages, the structure found so far, and the edit log. The emitters write the
/// output model from it (`source`, `caseInfo`, `opinions`, `disposition`, `log`).
public struct Document: Sendable {
    /// The input bytes, as read (empty after `dropStageText`).
    public private(set) var raw: [UInt8]
    public var source: SourceInfo
    /// The fingerprint of the pipeline configuration that converted it
    /// (`PipelineConfiguration.fingerprint`); nil for a document not made by a `Converter`.
    public var pipelineSHA256: String?
    /// The working text the text-repair and structure stages work on, made by the input's reader
    /// before the first stage. Reflow turns it into the opinions' blocks.
    public var body = TextStream()
    /// Footnote texts taken out of the body by the footnotes stage, in order; reflow turns them
    /// into the opinions' footnotes.
    public var notes: [NoteText] = []
    public var caseInfo = CaseInfo()
    public var opinions: [Opinion] = []
    public var disposition: String?
    public var log = EditLog()

    public init(raw: [UInt8], source: SourceInfo) {
        self.raw = raw
        self.source = source
    }

    /// Once the last stage has run, the emitters need only `source`, `caseInfo`, `opinions`,
    /// `disposition` and `log`: this drops the raw bytes, the working text and the notes' texts,
    /// so that a large document is not held twice while its outputs are made.
    public mutating func dropStageText() {
        raw = []
        body = TextStream()
        notes = []
    }
}

/// A footnote's text while the layout stages run: its label as printed and its own stream.
public struct NoteText: Sendable, Equatable {
    public var label: String
    public var text: TextStream

    public init(label: String, text: TextStream) {
        self.label = label
        self.text = text
    }
}
