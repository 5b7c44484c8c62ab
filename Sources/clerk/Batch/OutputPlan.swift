import Foundation

/// Where a batch's outputs go, checked against its inputs before any work under the rule of
/// every command that writes: an output never replaces an input, and what a run writes is
/// never taken as input by a later run over the same folders.
struct OutputPlan {
    /// The output folder (`--out`), as given.
    let folder: String
    /// The extensions of the files written for each input (`xml`, `json`; `html`).
    let extensions: [String]
    /// What one output is called in messages ("output", "review page").
    var noun = "output"

    func path(of file: InputFile, extension: String) -> String {
        (folder as NSString).appendingPathComponent(file.outputStem) + "." + `extension`
    }

    /// Every breach of the rule, each a line naming both paths; `report` is a further file
    /// the run writes (`--report`).
    func conflicts(with inputs: InputCollector.Collection, inputExtensions: [String], report: String?) -> [String] {
        var conflicts: [String] = []
        let resolvedFolder = FileIdentity.resolvedPath(folder)
        let shared = extensions.filter(inputExtensions.contains)
        if let resolvedFolder, inputs.folders.contains(resolvedFolder), !shared.isEmpty {
            conflicts.append("""
                the output folder \(folder) is an input folder, and its \(noun)s (.\(shared.joined(separator: ", ."))) \
                have an extension taken as input: the next run would read them as inputs; \
                choose another --out (a folder inside the input folder is skipped when it is walked)
                """)
        }
        var inputByIdentity: [FileIdentity: String] = [:]
        for file in inputs.files {
            if let identity = file.identity, inputByIdentity[identity] == nil { inputByIdentity[identity] = file.path }
        }
        // In an output folder that does not exist yet no output exists either.
        for file in inputs.files where resolvedFolder != nil {
            for name in extensions {
                let output = path(of: file, extension: name)
                if let identity = FileIdentity(path: output), let input = inputByIdentity[identity] {
                    conflicts.append("the \(noun) \(output) of \(file.path) would replace the input \(input)")
                }
            }
        }
        if let report {
            if let identity = FileIdentity(path: report), let input = inputByIdentity[identity] {
                conflicts.append("the report \(report) would replace the input \(input)")
            }
            let reportPath = Self.absolute(report), reportName = (report as NSString).lastPathComponent
            for file in inputs.files {
                for name in extensions {
                    let output = path(of: file, extension: name)
                    // The name first: making paths absolute is the costly part.
                    if (output as NSString).lastPathComponent == reportName && Self.absolute(output) == reportPath {
                        conflicts.append("the report \(report) would replace the \(noun) \(output) of \(file.path)")
                    }
                }
            }
        }
        return conflicts
    }

    /// `path` made absolute, with `.` and `..` taken out (links are not resolved: the file may
    /// not exist yet).
    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
