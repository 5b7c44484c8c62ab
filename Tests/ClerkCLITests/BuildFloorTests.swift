import ClerkTestSupport
import Foundation
import Testing

/// Two clones build the same thing: the dependency pins are part of the repository, and the
/// oldest Swift the README claims is the one the manifest declares and `scripts/setup` checks.
@Suite struct BuildFloorTests {
    private let root = ClerkProcess.packageRoot.path

    private static let isGitCheckout = FileManager.default.fileExists(atPath: ClerkTestSupport.packageRoot.path + "/.git")

    @Test(.enabled(if: isGitCheckout, "needs the git checkout"))
    func dependencyPinsAreCommitted() throws {
        let tracked = try ExternalTool.run(executable: URL(fileURLWithPath: "/usr/bin/git"), ["-C", root, "ls-files", "--error-unmatch", "Package.resolved"])
        #expect(tracked.status == 0, "Package.resolved is not in the repository: \(tracked.stderr)")
    }

    /// The floor read from the manifest's first line (`// swift-tools-version:6.2`).
    private func manifestFloor() throws -> String {
        let manifest = try String(contentsOfFile: root + "/Package.swift", encoding: .utf8)
        let first = try #require(manifest.split(separator: "\n").first)
        return try #require(first.split(separator: ":").last).trimmingCharacters(in: .whitespaces)
    }

    @Test func theClaimedFloorIsTheOneTheManifestDeclaresAndSetupChecks() throws {
        let floor = try manifestFloor()
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        #expect(readme.contains("with Swift \(floor) or newer on the `PATH`"), "README claims another floor than \(floor)")
        let setup = try String(contentsOfFile: root + "/scripts/setup", encoding: .utf8)
        #expect(setup.contains("swift_floor=\(floor)\n"), "scripts/setup checks another floor than \(floor)")
    }

    @Test func setupStopsOnAnOlderSwiftBeforeInstallingAnything() throws {
        let scratch = try Scratch()
        let fake = try scratch.write("bin/swift", "#!/bin/sh\necho 'Swift version 6.1.2 (swift-6.1.2-RELEASE)'\n")
        #expect(chmod(fake, 0o755) == 0)
        let result = try ExternalTool.run(executable: URL(fileURLWithPath: "/usr/bin/env"), [
            "PATH=\(scratch.path("bin")):/usr/bin:/bin", root + "/scripts/setup",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("setup: Swift 6.1.2 is too old: Clerk needs Swift \(try manifestFloor()) or later"), "\(result.stderr)")
        #expect(!result.stderr.contains("installing"), "\(result.stderr)")
    }
}
