/// Everything the pipeline needs to know about a stage type, without its generic parameters.
public struct StageDescriptor: RegistryEntry {
    public let id: String
    public let summary: String
    public let phase: StagePhase
    public let parameters: [StageParameter]
    public let requires: [String]
    /// The structure the stage finds; it does not run on a source that marks all of it.
    public let finds: SourceStructure
    /// The input families the stage runs on with these parameter values.
    public let families: @Sendable (StageParameterValues) -> FamilySelection
    let make: @Sendable (StageParameterValues) -> @Sendable (inout Document) throws(StageFailure) -> Void

    public init<S: Stage>(_ stage: S.Type) {
        id = S.id
        summary = S.summary
        phase = S.phase
        parameters = S.Configuration.parameters
        requires = S.requires
        finds = S.finds
        families = { S.Configuration($0).families }
        make = { values in
            let instance = S(configuration: S.Configuration(values))
            return { (document: inout Document) throws(StageFailure) in
                if !S.finds.isEmpty && document.source.marked.isSuperset(of: S.finds) { return }
                try instance.run(&document)
            }
        }
    }
}

/// The stages Clerk knows, in their default order. Adding a stage = one file + one line here.
public typealias StageRegistry = Registry<StageDescriptor>

extension Registry where Descriptor == StageDescriptor {
    public init(_ stages: [any Stage.Type]) {
        self.init(descriptors: stages.map { StageDescriptor($0) })
    }

    public static var standard: StageRegistry { standardStages }
}

private let standardStages = StageRegistry([
    DetectStage.self,
    NormalizeStage.self,
    ChromeStage.self,
    PageFurnitureStage.self,
    StarPaginationStage.self,
    FootnoteStage.self,
    DehyphenationStage.self,
    TokenRepairStage.self,
    OCRRepairStage.self,
    CaseBoundaryStage.self,
    OpinionStage.self,
    CaptionStage.self,
    HeadingStage.self,
    BlockQuoteStage.self,
    ReflowStage.self,
    DispositionStage.self,
    CitationStage.self,
])
