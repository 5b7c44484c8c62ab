import ClerkTestSupport
import Foundation
import Testing

/// What every interrupted or failing batch must leave behind: no temporary file, each input's
/// outputs complete as a pair, and every output valid for `clerk validate`.
enum OutputFolderCheck {
    /// Records an issue for each breach in `folder`; returns the output stems found.
    static func complete(_ folder: String) throws -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        #expect(!names.contains { $0.hasPrefix(".") }, "temporary files left: \(names.filter { $0.hasPrefix(".") })")
        let stems = Set(names.map { ($0 as NSString).deletingPathExtension })
        for stem in stems {
            #expect(names.contains(stem + ".xml") && names.contains(stem + ".json"), "\(stem): only one of its outputs")
        }
        if !names.isEmpty {
            let validate = try ClerkProcess.run(["validate"] + names.map { (folder as NSString).appendingPathComponent($0) })
            #expect(validate.status == 0, "\(validate.stderr)")
        }
        return stems.sorted()
    }
}
