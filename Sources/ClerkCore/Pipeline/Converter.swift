import Crypto

/// Runs a configured pipeline over one input: fills in `source`, reads the input with its
/// reader, then runs each enabled stage in order.
public struct Converter: Sendable {
    public let configuration: PipelineConfiguration
    typealias Step = (id: String, run: @Sendable (inout Document) throws(StageFailure) -> Void)
    let steps: [Step]

    public init(configuration: PipelineConfiguration) {
        self.configuration = configuration
        steps = configuration.stages.filter(\.enabled).map { ($0.descriptor.id, $0.descriptor.make($0.values)) }
    }

    /// Converts `raw`, the content of the input called `name` (a file name, not a path).
    /// `shouldStop` is asked before each stage; when it says yes, the conversion ends with a
    /// `ConversionError` whose `wasStopped` is true (an interrupted batch abandons its files in flight).
    /// `timed`, if given, hears how long reading (`read`) and each stage took (diagnostics for slow inputs).
    public func convert(
        _ raw: [UInt8], name: String, shouldStop: () -> Bool = { false },
        timed: ((_ stage: String, _ duration: Duration) -> Void)? = nil
    ) throws(ConversionError) -> Document {
        let clock = ContinuousClock()
        let began = clock.now
        var document = try read(raw, name: name)
        timed?(Self.readingStep, clock.now - began)
        for step in steps {
            if shouldStop() {
                throw ConversionError(file: name, stage: step.id, message: "stopped before this stage", wasStopped: true)
            }
            let began = clock.now
            try run(step, on: &document, name: name)
            timed?(step.id, clock.now - began)
        }
        return document
    }

    /// The name `timed` hears for reading.
    public static let readingStep = "read"

    /// The document before any stage: the input read by its reader, and what is known of the source.
    func read(_ raw: [UInt8], name: String) throws(ConversionError) -> Document {
        let source = SourceInfo(name: name, bytes: raw.count, sha256: Self.sha256Hex(raw))
        var document = Document(raw: raw, source: source)
        document.pipelineSHA256 = configuration.fingerprint
        let input = ReaderInput(name: name, bytes: raw, fallbackEncoding: configuration.reading.fallback)
        let (reader, evidence) = configuration.reading.choose(for: input)
        document.source.reader = reader.descriptor.id
        if let doubt = evidence?.doubt {
            document.log.warn(
                stage: Self.readingStep,
                "reader \(reader.descriptor.id) chosen on weak evidence (\(doubt)); evidence: \(evidence!.reason)")
        }
        do {
            try reader.read(input, &document)
        } catch {
            throw ConversionError(file: name, stage: error.step, message: error.message, sourceOffset: error.sourceOffset)
        }
        return document
    }

    /// Runs one stage; its failure becomes a `ConversionError` naming the file and the stage.
    func run(_ step: Step, on document: inout Document, name: String) throws(ConversionError) {
        do {
            try step.run(&document)
        } catch {
            throw ConversionError(file: name, stage: step.id, message: error.message, sourceOffset: error.sourceOffset)
        }
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// A digest in lowercase hexadecimal.
    public static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// An input that could not be converted; names the file, the stage and the problem.
public struct ConversionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var stage: String?
    public var message: String
    public var sourceOffset: Int?
    /// True when the conversion was stopped from outside, not failed on the input.
    public var wasStopped: Bool

    public init(file: String, stage: String? = nil, message: String, sourceOffset: Int? = nil, wasStopped: Bool = false) {
        self.file = file
        self.stage = stage
        self.message = message
        self.sourceOffset = sourceOffset
        self.wasStopped = wasStopped
    }

    /// The problem without the file: `stage decode: binary file … (byte 4)`.
    public var problem: String {
        var text = stage.map { "stage \($0): " } ?? ""
        text += message
        if let sourceOffset { text += " (byte \(sourceOffset))" }
        return text
    }

    public var description: String { file + ": " + problem }
}
