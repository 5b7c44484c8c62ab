import ClerkTestSupport
import Foundation
import Testing

@Suite struct BenchCommandTests {
    /// A small bench run: the corpus it makes holds the size asked, and its JSON report has the
    /// floor, every step of the pipeline, an end-to-end run per job count with peak memory, the
    /// floor of writing the outputs, and the linear-cost pair, with rates that agree with the
    /// seconds and bytes.
    @Test func benchReportsEveryFigureForAGeneratedCorpus() throws {
        let scratch = try Scratch()
        let corpus = scratch.path("corpus")
        let report = scratch.path("bench.json")
        let result = try ClerkProcess.run([
            "bench", "--size", "0.3", "--jobs", "1,2", "--eyecite-mb", "0", "--keep-corpus", corpus, "--json", report,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus)
        let bytes = try files.map { try FileManager.default.attributesOfItem(atPath: corpus + "/" + $0)[.size] as! Int }.reduce(0, +)
        #expect(bytes >= 300_000)
        #expect(files.count >= 3)

        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let corpusInfo = try #require(object["corpus"] as? [String: Any])
        #expect(corpusInfo["files"] as? Int == files.count)
        #expect(corpusInfo["bytes"] as? Int == bytes)
        let floor = try #require(object["floor"] as? [String: Any])
        #expect((floor["megabytesPerSecond"] as? Double ?? 0) > 0)
        let runs = try #require(object["endToEnd"] as? [[String: Any]])
        #expect(runs.map { $0["jobs"] as? Int } == [1, 2])
        for run in runs {
            let seconds = try #require(run["seconds"] as? Double)
            let rate = try #require(run["megabytesPerSecond"] as? Double)
            #expect(abs(rate - Double(bytes) / 1e6 / seconds) < 1e-6 * rate)
            #expect((run["peakMegabytes"] as? Int ?? 0) > 1)
            // CPU time from wait4: some in clerk, and no more than the run's cores could give.
            let user = try #require(run["userSeconds"] as? Double)
            let system = try #require(run["systemSeconds"] as? Double)
            let jobs = Double(run["jobs"] as? Int ?? 1)
            #expect(user > 0 && system >= 0)
            #expect(user + system <= seconds * jobs + 0.05, "\(user) + \(system) s of CPU in \(seconds) s with \(jobs) jobs")
        }
        let steps = try #require(object["steps"] as? [[String: Any]]).compactMap { $0["step"] as? String }
        for step in ["read", "detect", "furniture", "citations", "invariants", "json", "xml"] {
            #expect(steps.contains(step), "no \(step) in \(steps)")
        }
        // The outputs written again by themselves: both formats of every file, larger than the input.
        let writeFloor = try #require(object["writeFloor"] as? [String: Any])
        #expect((writeFloor["bytes"] as? Int ?? 0) > 2 * bytes)
        #expect((writeFloor["seconds"] as? Double ?? 0) > 0)
        let linearity = try #require(object["linearity"] as? [String: Any])
        let small = try #require(linearity["smallBytes"] as? Int)
        #expect(small >= bytes / 10 && small < bytes)
        #expect(try #require(linearity["smallSeconds"] as? Double) < (try #require(linearity["seconds"] as? Double)))
        #expect(result.stdout.contains("writing the outputs alone:"))
        #expect(result.stdout.contains("end to end, --jobs 2"))
        #expect(result.stdout.contains("× --jobs 1"))
        #expect(result.stdout.contains("10 × the input takes"))
    }

    @Test func benchWithoutSamplesSaysWhatIsMissing() throws {
        let scratch = try Scratch()
        let result = try ClerkProcess.run(["bench", "--samples", scratch.path("none"), "--size", "0.1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("none: no .txt or .html dumps"))
    }
}

@Suite struct BenchCorpusTests {
    /// The same samples and seed give the same files; every variant and the generated dumps appear.
    @Test func corpusIsReproducibleAndVaried() throws {
        let samples = [Array("Page one of a dump.\n\nA second paragraph, with more words in it.\n".utf8)]
        let first = try Scratch()
        let second = try Scratch()
        let paths = try BenchCorpus(samples: samples).write(bytes: 20_000, into: first.path("c"))
        let again = try BenchCorpus(samples: samples).write(bytes: 20_000, into: second.path("c"))
        #expect(paths.map { ($0 as NSString).lastPathComponent } == again.map { ($0 as NSString).lastPathComponent })
        let contents = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(contents == (try again.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }))
        #expect(contents.map(\.count).reduce(0, +) >= 20_000)
        #expect(contents.contains { $0.starts(with: [0xFF, 0xFE]) })  // UTF-16
        #expect(contents.contains { $0.starts(with: [0xEF, 0xBB, 0xBF]) })  // UTF-8 BOM
        #expect(contents.contains { $0.contains(0x0D) })  // CRLF
        #expect(paths.contains { $0.hasSuffix(".html") })
        #expect(contents.contains { $0.count > 2 * samples[0].count })  // generated dumps are longer
    }
}
