/// A step of the pipeline: one small type in one file with an identifier, a one-line summary,
/// a configuration decoded from its `pipeline.json` entry, and a `run` that changes the
/// document and records every change in `document.log`.
public protocol Stage: Sendable {
    associatedtype Configuration: StageConfiguration

    /// The name used in `pipeline.json` and in the edit log.
    static var id: String { get }
    /// One line for `clerk stages`.
    static var summary: String { get }
    /// The phase the stage belongs to: stages run phase after phase.
    static var phase: StagePhase { get }
    /// Stages that must come earlier in the pipeline when this one is enabled.
    static var requires: [String] { get }
    /// The structure the stage finds in the text. When the input's reader took all of it from
    /// the source's markup (`SourceInfo.marked`), the stage does not run: what the publisher
    /// marked is kept, not guessed again.
    static var finds: SourceStructure { get }

    init(configuration: Configuration)

    /// Changes the document. Throws when the input cannot be converted at all.
    func run(_ document: inout Document) throws(StageFailure)
}

extension Stage {
    public static var requires: [String] { [] }
    public static var finds: SourceStructure { [] }
}

/// A stage's refusal to go on with this input, e.g. a binary file.
public struct StageFailure: Error, Sendable, Equatable {
    public var message: String
    public var sourceOffset: Int?

    public init(_ message: String, sourceOffset: Int? = nil) {
        self.message = message
        self.sourceOffset = sourceOffset
    }
}
