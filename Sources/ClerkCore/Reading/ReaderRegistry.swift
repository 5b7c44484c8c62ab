/// Everything the pipeline needs to know about a reader type, without its generic parameters.
public struct ReaderDescriptor: RegistryEntry {
    public let id: String
    public let summary: String
    public let parameters: [StageParameter]
    let evidence: @Sendable (ReaderInput) -> ReaderEvidence?
    let make: @Sendable (StageParameterValues) -> @Sendable (ReaderInput, inout Document) throws(ReadingFailure) -> Void

    public init<R: InputReader>(_ reader: R.Type) {
        id = R.id
        summary = R.summary
        parameters = R.Configuration.parameters
        evidence = { R.evidence(in: $0) }
        make = { values in
            let instance = R(configuration: R.Configuration(values))
            return { (input: ReaderInput, document: inout Document) throws(ReadingFailure) in
                try instance.read(input, into: &document)
            }
        }
    }
}

/// The readers Clerk knows. Their order breaks ties of evidence: a reader of a specific format
/// comes before the text reader, which reads anything. Adding an input format = one folder in
/// `Reading/` + one line here.
public typealias ReaderRegistry = Registry<ReaderDescriptor>

extension Registry where Descriptor == ReaderDescriptor {
    public init(_ readers: [any InputReader.Type]) {
        self.init(descriptors: readers.map { ReaderDescriptor($0) })
    }

    public static var standard: ReaderRegistry { standardReaders }
}

private let standardReaders = ReaderRegistry([
    CAPCaseReader.self,
    ColumbiaReader.self,
    CourtListenerReader.self,
    HTMLReader.self,
    TextReader.self,
])
