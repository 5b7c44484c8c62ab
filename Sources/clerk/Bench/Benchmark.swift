import ClerkCore
import ClerkEmit
import Foundation

/// The measurements of `clerk bench`, each over the same corpus files.
struct Benchmark {
    var files: [String]
    var conversion: DocumentConversion

    /// The floor: reading every file into memory, the way `convert` reads them. Read twice and
    /// the second pass timed, so that both this and the conversions read from the page cache.
    func floorSeconds() throws -> Double {
        _ = try readAll()
        let start = ContinuousClock.now
        _ = try readAll()
        return (ContinuousClock.now - start).seconds
    }

    private func readAll() throws -> Int {
        var total = 0
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { throw BenchFailure("\(path): cannot read") }
            total &+= [UInt8](data).count
        }
        return total
    }

    /// Every step of a conversion on this thread, summed over the files: reading, each stage, and
    /// the output steps (both formats made and validated; nothing written to disk). Files the
    /// pipeline refuses count in `refused`.
    func steps() throws -> (times: StepTimes, refused: Int) {
        try steps(over: files)
    }

    /// `steps()` over some of the files.
    func steps(over files: [String]) throws -> (times: StepTimes, refused: Int) {
        var times = StepTimes()
        var refused = 0
        let clock = ContinuousClock()
        for path in files {
            let start = clock.now
            guard let data = FileManager.default.contents(atPath: path) else { throw BenchFailure("\(path): cannot read") }
            let raw = [UInt8](data)
            times.add("read", clock.now - start)
            do {
                // The pieces are dropped as `convert` would write them: made and checked, not kept.
                _ = try conversion.run(raw, name: (path as NSString).lastPathComponent, timed: { times.add($0, $1) })
            } catch {
                refused += 1
            }
        }
        return (times, refused)
    }

    /// `clerk convert` over `inputs` in a child process with `jobs` jobs, outputs written into a
    /// fresh folder `out` (emptied first; the caller removes it).
    static func endToEnd(executable: String, inputs: [String], jobs: Int, out: String, scratch: String) throws -> ChildRun {
        try? FileManager.default.removeItem(atPath: out)
        let run = try ChildRun.run(
            executable, ["convert"] + inputs + ["--out", out, "--jobs", String(jobs)],
            errorFile: (scratch as NSString).appendingPathComponent("convert.log"))
        guard run.status == 0 else {
            throw BenchFailure("clerk convert --jobs \(jobs) exited with \(run.status): \(run.standardError.suffix(2_000))")
        }
        return run
    }

    /// The floor of writing: the files of `outputs` (a conversion's outputs) written again into
    /// a fresh folder the way `convert` writes them (a temporary file, then a rename), each read
    /// into memory first, untimed. Returns the seconds spent writing and the bytes written.
    static func writeFloor(outputs: String, scratch: String) throws -> (seconds: Double, bytes: Int) {
        let copy = (scratch as NSString).appendingPathComponent("write-floor")
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let names = (FileManager.default.subpaths(atPath: outputs) ?? []).sorted()
        var elapsed = Duration.zero
        var total = 0
        for name in names {
            var isFolder: ObjCBool = false
            let path = (outputs as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            let start = ContinuousClock.now
            let writer = AtomicWriter()
            let file = try writer.open((copy as NSString).appendingPathComponent(name))
            bytes.withUnsafeBufferPointer { file.write($0) }
            _ = try writer.commit()
            elapsed += ContinuousClock.now - start
            total += bytes.count
        }
        return (elapsed.seconds, total)
    }

    /// eyecite's `get_citations` (the Python tool users run today) over the first files holding
    /// about `bytes` bytes of UTF-8 text; nil with the reason when Python or eyecite is missing.
    func eyecite(bytes limit: Int) -> (bytes: Int, seconds: Double, citations: Int)? {
        // The program is Resources/eyecite_bench.py, embedded in the binary.
        let script = String(decoding: PackageResources.eyecite_bench_py, as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(limit)] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let bytes = object["bytes"] as? Int, let seconds = object["seconds"] as? Double,
              let citations = object["citations"] as? Int, bytes > 0
        else { return nil }
        return (bytes, seconds, citations)
    }
}
