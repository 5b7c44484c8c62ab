import ClerkJSON

/// One entry of the configured pipeline: a known stage, whether it runs, and its parameter values.
public struct ConfiguredStage: Sendable {
    public let descriptor: StageDescriptor
    public let enabled: Bool
    public let values: StageParameterValues
}

/// How inputs are read and the ordered stage list, read from `pipeline.json` (or the copy built
/// into the binary), checked against `pipeline.schema.json` and against the registries' rules.
public struct PipelineConfiguration: Sendable {
    public let reading: ReadingConfiguration
    public let stages: [ConfiguredStage]
    /// Where it came from: a file path, or `built-in pipeline.json`.
    public let origin: String
    /// SHA-256 (hex) of the configuration as it runs: the reading options, every stage in order,
    /// whether it is enabled, and every parameter's value, defaults included, keys sorted. Two files that
    /// differ only in spacing, key order or in stating a default have the same fingerprint;
    /// outputs record it so that `--resume` knows whether they came from this configuration.
    public let fingerprint: String

    init(reading: ReadingConfiguration, stages: [ConfiguredStage], origin: String) {
        self.reading = reading
        self.stages = stages
        self.origin = origin
        fingerprint = Self.fingerprint(reading: reading, stages: stages)
    }

    static func fingerprint(reading: ReadingConfiguration, stages: [ConfiguredStage]) -> String {
        let stageList = JSONValue.array(stages.map { stage in
            var entry = JSONObject()
            entry["stage"] = .string(stage.descriptor.id)
            entry["enabled"] = .bool(stage.enabled)
            for name in stage.values.values.keys.sorted() {
                entry[name] = stage.values.values[name]
            }
            return .object(entry)
        })
        let canonical: JSONValue = ["reading": reading.canonical, "stages": stageList]
        return Converter.sha256Hex(JSONWriter.write(canonical, pretty: false))
    }

    /// The names edit-log entries and warnings carry, in the order they run: reading (the choice,
    /// decoding, each reader), then the stages.
    public var logSteps: [String] {
        [Converter.readingStep, TextDecoding.step] + reading.readers.map(\.descriptor.id) + stages.map(\.descriptor.id)
    }

    /// The default pipeline, built into the binary from the repository's `pipeline.json`.
    public static func builtIn(
        registry: StageRegistry = .standard, readers: ReaderRegistry = .standard
    ) throws(ConfigurationError) -> PipelineConfiguration {
        try load(PackageResources.pipeline_json, origin: "built-in pipeline.json", registry: registry, readers: readers)
    }

    /// Reads and checks a configuration. Every problem found is reported, each with its JSON pointer.
    public static func load(
        _ bytes: [UInt8], origin: String, registry: StageRegistry = .standard, readers: ReaderRegistry = .standard
    ) throws(ConfigurationError) -> PipelineConfiguration {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw ConfigurationError(origin: origin, problems: [
                .init(location: "line \(error.line), column \(error.column)", message: error.message),
            ])
        }
        let retired = retiredStages(in: value, readers: readers)
        let schema = PipelineSchema.compiled(for: registry, readers: readers)
        // A retired entry is said once, plainly; the schema's verdicts on it would only repeat it.
        let violations = schema.validate(value).map {
            ConfigurationError.Problem(location: $0.instancePointer.description, message: $0.message)
        }.filter { violation in
            !retired.contains { violation.location.hasPrefix($0.entry + "/") || violation.location == $0.entry }
        }
        guard retired.isEmpty && violations.isEmpty else {
            throw ConfigurationError(origin: origin, problems: retired.map(\.problem) + violations)
        }
        return try assemble(value, origin: origin, registry: registry, readers: readers)
    }

    /// Entries naming decoding or a reader as a stage (`decode`, `html`): said plainly, with
    /// where their options go, rather than as an unknown stage.
    private static func retiredStages(
        in value: JSONValue, readers: ReaderRegistry
    ) -> [(entry: String, problem: ConfigurationError.Problem)] {
        let entries = value["stages"]?.arrayValue ?? []
        return entries.enumerated().compactMap { index, entry in
            guard let id = entry["stage"]?.stringValue else { return nil }
            let pointer = JSONPointer.root.appending("stages").appending(index)
            let location = pointer.appending("stage").description
            if id == TextDecoding.step {
                return (pointer.description, .init(
                    location: location,
                    message: "\"\(id)\" is no longer a stage: every input is decoded by its reader; remove the entry and "
                        + "set \"fallbackEncoding\" under \"reading\" if you changed it"))
            }
            if readers.descriptor(for: id) != nil {
                return (pointer.description, .init(
                    location: location,
                    message: "\"\(id)\" is no longer a stage but a reader: remove the entry, and set its options under "
                        + "\"reading\": {\"\(id)\": {…}} (\"reader\": \"\(id)\" to read every input with it)"))
            }
            return nil
        }
    }

    /// Applies the rules a schema cannot state: each stage once, phases in order, required
    /// stages earlier. Assumes `value` is schema-valid.
    private static func assemble(
        _ value: JSONValue, origin: String, registry: StageRegistry, readers: ReaderRegistry
    ) throws(ConfigurationError) -> PipelineConfiguration {
        var problems: [ConfigurationError.Problem] = []
        var stages: [ConfiguredStage] = []
        var seen: [String: Int] = [:]
        let entries = value["stages"]?.arrayValue ?? []
        for (index, entry) in entries.enumerated() {
            let pointer = JSONPointer.root.appending("stages").appending(index)
            guard let object = entry.objectValue, let id = object["stage"]?.stringValue,
                  let descriptor = registry.descriptor(for: id) else {
                problems.append(.init(location: pointer.appending("stage").description, message: "unknown stage"))
                continue
            }
            if let first = seen[id] {
                problems.append(.init(
                    location: pointer.appending("stage").description,
                    message: "stage \"\(id)\" is listed twice (first at /stages/\(first))"))
                continue
            }
            seen[id] = index
            if let later = stages.last(where: { $0.descriptor.phase > descriptor.phase })?.descriptor {
                problems.append(.init(
                    location: pointer.appending("stage").description,
                    message: "stage \"\(id)\" of the \(descriptor.phase.name) phase comes after stage \"\(later.id)\" of the "
                        + "\(later.phase.name) phase; the phases run in order: "
                        + StagePhase.allCases.map(\.name).joined(separator: ", ")))
            }
            let enabled = object["enabled"]?.boolValue ?? true
            if enabled {
                for required in descriptor.requires where !stages.contains(where: { $0.descriptor.id == required && $0.enabled }) {
                    problems.append(.init(
                        location: pointer.appending("stage").description,
                        message: "stage \"\(id)\" needs stage \"\(required)\" enabled before it"))
                }
            }
            var given: [String: JSONValue] = [:]
            for (key, parameter) in object where key != "stage" && key != "enabled" {
                given[key] = parameter
            }
            stages.append(ConfiguredStage(
                descriptor: descriptor, enabled: enabled,
                values: StageParameterValues(parameters: descriptor.parameters, given: given)))
        }
        guard problems.isEmpty else { throw ConfigurationError(origin: origin, problems: problems) }
        return PipelineConfiguration(reading: reading(value["reading"], readers: readers), stages: stages, origin: origin)
    }

    /// The `reading` entry, defaults for what it leaves out. Assumes it is schema-valid.
    private static func reading(_ value: JSONValue?, readers: ReaderRegistry) -> ReadingConfiguration {
        let chosen = value?["reader"]?.stringValue ?? ReadingConfiguration.automatic
        let fallback = value?[ReadingConfiguration.fallbackEncoding.name]?.stringValue
            .flatMap(SingleByteEncoding.init(rawValue:)) ?? .windows1252
        let configured = readers.descriptors.map { descriptor in
            var given: [String: JSONValue] = [:]
            for (key, option) in value?[descriptor.id]?.objectValue ?? [:] { given[key] = option }
            return ReadingConfiguration.ConfiguredReader(
                descriptor: descriptor, values: StageParameterValues(parameters: descriptor.parameters, given: given))
        }
        return ReadingConfiguration(
            forced: chosen == ReadingConfiguration.automatic ? nil : chosen, fallback: fallback, readers: configured)
    }
}

/// A `pipeline.json` that cannot be used, with every problem and where it is.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        /// A JSON pointer (`/stages/2/stage`), or `line L, column C` for malformed JSON.
        public var location: String
        public var message: String

        public init(location: String, message: String) {
            self.location = location
            self.message = message
        }
    }

    public var origin: String
    public var problems: [Problem]

    public init(origin: String, problems: [Problem]) {
        self.origin = origin
        self.problems = problems
    }

    public var description: String {
        problems.map { "\(origin): \($0.location.isEmpty ? "(root)" : $0.location): \($0.message)" }
            .joined(separator: "\n")
    }
}
