import ClerkEmit
import ClerkJSON
import ClerkLibXML
import Foundation

/// What an existing output says it was made from: the SHA-256 of its input and the fingerprint
/// of the pipeline configuration. `--resume` skips an input when every output it would write
/// exists and records the input's digest and this run's fingerprint.
struct OutputRecord: Equatable {
    var inputSHA256: String
    var pipelineSHA256: String?

    /// The record in the output at `path`, or nil when there is no such file or it cannot be
    /// read as an output (not well-formed, no `source`).
    static func read(path: String, format: OutputFormat) -> OutputRecord? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        switch format {
        case .json:
            guard let value = try? JSONReader.parse(bytes),
                  let input = value["source"]?["sha256"]?.stringValue else { return nil }
            return OutputRecord(inputSHA256: input, pipelineSHA256: value["pipeline"]?["sha256"]?.stringValue)
        case .xml:
            guard let root = try? XMLDocumentParser.parse(bytes, file: path),
                  let input = root.elementChildren.first(where: { $0.name == "source" })?.attribute("sha256") else { return nil }
            let pipeline = root.elementChildren.first { $0.name == "pipeline" }?.attribute("sha256")
            return OutputRecord(inputSHA256: input, pipelineSHA256: pipeline)
        }
    }
}
