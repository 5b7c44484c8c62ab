import ClerkJSON

/// The `reading` entry of `pipeline.json`: which reader reads the inputs (`"auto"`: the one
/// with the strongest evidence), the encoding for lines that are not UTF-8, and each reader's
/// options under its id.
public struct ReadingConfiguration: Sendable {
    /// A reader with its option values.
    public struct ConfiguredReader: Sendable {
        public let descriptor: ReaderDescriptor
        public let values: StageParameterValues
        let read: @Sendable (ReaderInput, inout Document) throws(ReadingFailure) -> Void

        init(descriptor: ReaderDescriptor, values: StageParameterValues) {
            self.descriptor = descriptor
            self.values = values
            read = descriptor.make(values)
        }
    }

    public static let automatic = "auto"
    public static let fallbackEncoding = Parameter.string(
        "fallbackEncoding", allowed: SingleByteEncoding.allCases.map(\.rawValue), default: SingleByteEncoding.windows1252.rawValue,
        "Encoding for lines that are not valid UTF-8, for the readers that decode text (each such line is decoded with it, and a warning says so).")

    /// The reader named in the configuration; nil: chosen per input by evidence.
    public let forced: ConfiguredReader?
    public let fallback: SingleByteEncoding
    /// Every known reader, in the registry's order.
    public let readers: [ConfiguredReader]

    init(forced: String?, fallback: SingleByteEncoding, readers: [ConfiguredReader]) {
        self.forced = forced.flatMap { id in readers.first { $0.descriptor.id == id } }
        self.fallback = fallback
        self.readers = readers
    }

    /// The reader for `input` and the evidence it was chosen on (nil when it was configured).
    public func choose(for input: ReaderInput) -> (reader: ConfiguredReader, evidence: ReaderEvidence?) {
        if let forced { return (forced, nil) }
        var best: (reader: ConfiguredReader, evidence: ReaderEvidence)?
        for reader in readers {
            guard let evidence = reader.descriptor.evidence(input) else { continue }
            if best == nil || evidence.strength > best!.evidence.strength { best = (reader, evidence) }
        }
        // The standard registry ends with the text reader, which claims everything; a registry
        // without such a reader reads an unclaimed input with its last reader, and says so.
        return best ?? (readers[readers.count - 1], ReaderEvidence(.fallback, "no reader claims the input", doubt: "no evidence"))
    }

    /// The entry as it runs, defaults included, for the pipeline's fingerprint.
    var canonical: JSONValue {
        var object = JSONObject()
        object["reader"] = .string(forced?.descriptor.id ?? Self.automatic)
        object[Self.fallbackEncoding.name] = .string(fallback.rawValue)
        for reader in readers {
            var options = JSONObject()
            for name in reader.values.values.keys.sorted() { options[name] = reader.values.values[name] }
            object[reader.descriptor.id] = .object(options)
        }
        return .object(object)
    }
}
