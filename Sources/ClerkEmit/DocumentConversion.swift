import ClerkCore

/// The one way a document is converted, for every command and tool (convert, stream, review,
/// bench, the fuzz target): bytes in; out, the document, with each requested output written
/// into its drain and checked against its schema as it is written; or a typed failure.
public struct DocumentConversion: Sendable {
    public let converter: Converter
    /// The outputs to write; none (review) checks the model's invariants only.
    public let emitter: DocumentEmitter

    public init(converter: Converter, formats: [OutputFormat]) {
        self.converter = converter
        emitter = DocumentEmitter(formats: formats)
    }

    /// Why a document did not come out.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The input cannot be converted (an empty or binary file…): the file, stage and problem.
        case input(ConversionError)
        /// Stopped from outside (`shouldStop`) before the document was done.
        case stopped
        /// The converted document cannot be written: its model breaks an invariant or an
        /// output fails its schema. A bug of Clerk's, never of the input.
        case output(name: String, EmissionError)

        /// `file: stage …: problem (byte N)` or `file: the JSON output is invalid: …`.
        public var description: String {
            switch self {
            case .input(let error): error.description
            case .stopped: "stopped"
            case .output(let name, let error): "\(name): \(error)"
            }
        }
    }

    /// Converts `raw`, the content of the input called `name` (a file name, not a path), and
    /// writes its outputs into `drains`. `shouldStop` is asked before each stage and before the
    /// outputs are made; `timed` hears each stage's time, then `invariants` and each format's.
    /// When this throws, whatever was drained must be thrown away.
    public func run(
        _ raw: consuming [UInt8], name: String, into drains: (OutputFormat) -> DocumentEmitter.Drain = { _ in { _ in } },
        shouldStop: () -> Bool = { false }, timed: ((_ step: String, _ duration: Duration) -> Void)? = nil
    ) throws(Failure) -> Document {
        var document: Document
        do {
            // The document holds the only copy of the bytes, and drops it after the stages.
            document = try converter.convert(consume raw, name: name, shouldStop: shouldStop, timed: timed)
        } catch {
            throw error.wasStopped ? .stopped : .input(error)
        }
        document.dropStageText()
        guard !shouldStop() else { throw .stopped }
        do {
            try emitter.emit(document, into: drains, timed: timed)
        } catch {
            throw .output(name: name, error)
        }
        return document
    }
}
