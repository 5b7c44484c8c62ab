import ArgumentParser
import ClerkCore
import ClerkJSON
import Foundation

struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the readers and then the stages in pipeline order, with their descriptions and parameters."
    )

    @Option(name: .long, help: ArgumentHelp("Show this pipeline's stages instead of the built-in one.", valueName: "FILE"))
    var config: String?

    @Flag(name: .long, help: "Print the JSON Schema of pipeline.json that the stage registry implies (Schemas/pipeline.schema.json is this output).")
    var jsonSchema = false

    func run() throws {
        if jsonSchema {
            FileHandle.standardOutput.write(Data(JSONWriter.write(PipelineSchema.generate(), pretty: true)))
            return
        }
        let pipeline = try PipelineLoader.load(path: config)
        var lines: [String] = ["Pipeline: \(pipeline.origin)", ""]
        lines += readingLines(pipeline.reading)
        var phase: StagePhase?
        for (index, stage) in pipeline.stages.enumerated() {
            let descriptor = stage.descriptor
            if descriptor.phase != phase {
                phase = descriptor.phase
                lines.append("Phase \(descriptor.phase.name): \(descriptor.phase.summary)")
                lines.append("")
            }
            var flags: [String] = [stage.enabled ? "enabled" : "disabled"]
            if !descriptor.requires.isEmpty { flags.append("after " + descriptor.requires.joined(separator: ", ")) }
            lines.append("\(index + 1). \(descriptor.id) (\(flags.joined(separator: ", ")))")
            lines.append("   \(descriptor.summary)")
            lines += parameterLines(descriptor.parameters, values: stage.values)
            lines.append("")
        }
        print(lines.joined(separator: "\n"), terminator: "")
    }

    /// The reading entry: the reader choice, the fallback encoding, and each reader with its options.
    private func readingLines(_ reading: ReadingConfiguration) -> [String] {
        let choice = reading.forced.map { "\"\($0.descriptor.id)\" for every input" }
            ?? "\"auto\": for each input, the reader with the strongest evidence (first listed on a tie)"
        var lines = [
            "Reading: reader = \(choice)",
            "   - \(ReadingConfiguration.fallbackEncoding.name) = \"\(reading.fallback.rawValue)\"",
            "     \(ReadingConfiguration.fallbackEncoding.declaration.summary)",
            "",
        ]
        for reader in reading.readers {
            lines.append("reader \(reader.descriptor.id)")
            lines.append("   \(reader.descriptor.summary)")
            lines += parameterLines(reader.descriptor.parameters, values: reader.values)
            lines.append("")
        }
        return lines
    }

    private func parameterLines(_ parameters: [StageParameter], values: StageParameterValues) -> [String] {
        parameters.flatMap { parameter in
            let value = values.values[parameter.name].map { JSONWriter.string($0, pretty: false) } ?? "?"
            let fallback = JSONWriter.string(parameter.defaultValue, pretty: false)
            return [
                "   - \(parameter.name) = \(value)  [\(parameter.type.summary); default \(fallback)]",
                "     \(parameter.summary)",
            ]
        }
    }
}

/// Loads `--config FILE` (a pipe or `/dev/stdin` too), or the built-in pipeline; a problem is a
/// usage error (exit 2), printed one problem per line.
enum PipelineLoader {
    static func load(path: String?) throws(ExitCode) -> PipelineConfiguration {
        var bytes: [UInt8]?
        if let path {
            switch FileBytes.read(path) {
            case .success(let read):
                bytes = read
            case .failure(let failure):
                Diagnostics.error("\(path): cannot read the pipeline configuration: \(failure)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        do throws(ConfigurationError) {
            guard let path, let bytes else { return try PipelineConfiguration.builtIn() }
            return try PipelineConfiguration.load(bytes, origin: path)
        } catch {
            for line in error.description.split(separator: "\n") { Diagnostics.error(String(line)) }
            throw ExitCode(ExitStatus.usage)
        }
    }
}
