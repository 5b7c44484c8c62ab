/// The document just before and just after one stage of a pipeline (`clerk explain`), and
/// whether the stage ran on it.
public struct StageStates: Sendable {
    /// A stage whose `families` parameter leaves out the document's family: it did nothing.
    public struct FamilyExclusion: Sendable, Equatable {
        /// The document's family when the stage was reached.
        public var family: SourceFamily
        /// The stage's `families` parameter as configured (`"scan"`).
        public var families: String
    }

    public var stage: String
    public var before: Document
    public var after: Document
    /// Set when the stage's `families` parameter excludes this document's family.
    public var excluded: FamilyExclusion?

    /// The edit-log entries the stage made (the log only grows, so they are the new tail).
    public var edits: ArraySlice<Edit> { after.log.edits[before.log.edits.count...] }
    /// The warnings the stage gave.
    public var warnings: ArraySlice<Warning> { after.log.warnings[before.log.warnings.count...] }
}

extension Converter {
    /// Runs the pipeline over `raw` up to and including `stage`, and stops there. `Document` is
    /// a copy-on-write value, so the state before the stage is kept without copying the text
    /// the stage does not change.
    ///
    /// Throws a `ConversionError` when a stage up to `stage` fails on the input, or when
    /// `stage` is not an enabled stage of this pipeline.
    public func states(around stage: String, of raw: [UInt8], name: String) throws(ConversionError) -> StageStates {
        guard let index = steps.firstIndex(where: { $0.id == stage }) else {
            throw ConversionError(file: name, stage: stage, message: "not an enabled stage of \(configuration.origin)")
        }
        var document = try read(raw, name: name)
        for step in steps[..<index] {
            try run(step, on: &document, name: name)
        }
        let before = document
        try run(steps[index], on: &document, name: name)
        return StageStates(stage: stage, before: before, after: document, excluded: exclusion(of: stage, for: before))
    }

    /// The exclusion of `document` by the families the stage runs on.
    private func exclusion(of stage: String, for document: Document) -> StageStates.FamilyExclusion? {
        guard let configured = configuration.stages.first(where: { $0.enabled && $0.descriptor.id == stage }) else { return nil }
        let families = configured.descriptor.families(configured.values)
        guard !families.includes(document.source.family) else { return nil }
        return StageStates.FamilyExclusion(family: document.source.family, families: families.list)
    }
}
