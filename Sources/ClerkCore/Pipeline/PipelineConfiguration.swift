import ClerkJSON

/// One entry of the configured pipeline: a known stage, whether it runs, and its parameter values.
public struct ConfiguredStage: Sendable {
    public let descriptor: StageDescriptor
    public let enabled: Bool
    public let values: StageParameterValues
}

/// The ordered stage list read from `pipeline.json` (or the copy built into the binary),
/// checked against `pipeline.schema.json` and against the registry's rules.
public struct PipelineConfiguration: Sendable {
    public let stages: [ConfiguredStage]
    /// Where it came from: a file path, or `built-in pipeline.json`.
    public let origin: String
    /// SHA-256 (hex) of the configuration as it runs: every stage in order, whether it is
    /// enabled, and every parameter's value, defaults included, keys sorted. Two files that
    /// differ only in spacing, key order or in stating a default have the same fingerprint;
    /// outputs record it so that `--resume` knows whether they came from this configuration.
    public let fingerprint: String

    init(stages: [ConfiguredStage], origin: String) {
        self.stages = stages
        self.origin = origin
        fingerprint = Self.fingerprint(of: stages)
    }

    static func fingerprint(of stages: [ConfiguredStage]) -> String {
        let canonical = JSONValue.array(stages.map { stage in
            var entry = JSONObject()
            entry["stage"] = .string(stage.descriptor.id)
            entry["enabled"] = .bool(stage.enabled)
            for name in stage.values.values.keys.sorted() {
                entry[name] = stage.values.values[name]
            }
            return .object(entry)
        })
        return Converter.sha256Hex(JSONWriter.write(canonical, pretty: false))
    }

    /// The default pipeline, built into the binary from the repository's `pipeline.json`.
    public static func builtIn(registry: StageRegistry = .standard) throws(ConfigurationError) -> PipelineConfiguration {
        try load(PackageResources.pipeline_json, origin: "built-in pipeline.json", registry: registry)
    }

    /// Reads and checks a configuration. Every problem found is reported, each with its JSON pointer.
    public static func load(
        _ bytes: [UInt8], origin: String, registry: StageRegistry = .standard
    ) throws(ConfigurationError) -> PipelineConfiguration {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw ConfigurationError(origin: origin, problems: [
                .init(location: "line \(error.line), column \(error.column)", message: error.message),
            ])
        }
        let schema = PipelineSchema.compiled(for: registry)
        let violations = schema.validate(value)
        guard violations.isEmpty else {
            throw ConfigurationError(origin: origin, problems: violations.map {
                .init(location: $0.instancePointer.description, message: $0.message)
            })
        }
        return try assemble(value, origin: origin, registry: registry)
    }

    /// Applies the rules a schema cannot state: each stage once, phases in order, mandatory
    /// stages present and enabled, required stages earlier. Assumes `value` is schema-valid.
    private static func assemble(
        _ value: JSONValue, origin: String, registry: StageRegistry
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
            if descriptor.isMandatory && !enabled {
                problems.append(.init(
                    location: pointer.appending("enabled").description,
                    message: "stage \"\(id)\" is mandatory and cannot be disabled"))
            }
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
        for descriptor in registry.descriptors where descriptor.isMandatory && seen[descriptor.id] == nil {
            problems.append(.init(location: "/stages", message: "mandatory stage \"\(descriptor.id)\" is missing"))
        }
        guard problems.isEmpty else { throw ConfigurationError(origin: origin, problems: problems) }
        return PipelineConfiguration(stages: stages, origin: origin)
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
