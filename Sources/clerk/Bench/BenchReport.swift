import ClerkCore
import Foundation

/// What `clerk bench` measured, printed as a table with MB/s and ratios, or as JSON.
struct BenchReport {
    struct EndToEnd {
        var jobs: Int
        var seconds: Double
        var userSeconds: Double
        var systemSeconds: Double
        var peakMegabytes: Int
    }

    struct Linearity {
        var smallBytes: Int
        var smallSeconds: Double
        var seconds: Double
    }

    /// The outputs of a conversion written again by themselves.
    struct WriteFloor {
        var bytes: Int
        var seconds: Double
    }

    struct Eyecite {
        var bytes: Int
        var seconds: Double
        var citations: Int
    }

    var corpus: String
    var files: Int
    var bytes: Int
    var floorSeconds = 0.0
    var steps = StepTimes()
    /// Files the pipeline refused (binary, empty…): they still count in the corpus bytes.
    var refused = 0
    var endToEnd: [EndToEnd] = []
    /// The same documents as files and as one compressed CourtListener table (`--bulk`).
    struct Bulk {
        var documents: Int
        var bytes: Int
        var compressedBytes: Int
        var asFiles: EndToEnd
        var asTable: EndToEnd
    }
    var bulk: Bulk?
    var writeFloor: WriteFloor?
    var linearity: Linearity?
    var eyecite: Eyecite?
    var notes: [String] = []

    private var megabytes: Double { Double(bytes) / 1e6 }
    private func rate(_ seconds: Double) -> Double { seconds > 0 ? megabytes / seconds : 0 }
    private var floorRate: Double { rate(floorSeconds) }
    private var eyeciteRate: Double? { eyecite.map { $0.seconds > 0 ? Double($0.bytes) / 1e6 / $0.seconds : 0 } }

    /// 10 × the input took this many times the time (linear is 10).
    private var growth: Double? {
        guard let linearity, linearity.smallSeconds > 0, linearity.smallBytes > 0 else { return nil }
        return linearity.seconds / linearity.smallSeconds * (10 * Double(linearity.smallBytes) / Double(bytes))
    }

    var lines: [String] {
        var lines = notes.map { "note: " + $0 }
        lines.append(String(format: "corpus: %@: %d files, %.1f MB", corpus, files, megabytes)
            + (refused > 0 ? " (\(refused) refused by the pipeline)" : ""))
        lines.append("machine: \(Self.machine)")
        lines.append(String(format: "floor (reading the files):     %9.1f MB/s", floorRate))
        if let writeFloor {
            lines.append(String(
                format: "writing the outputs alone:     %9.1f MB/s of input (%.1f MB, %.2f × the input, in %.2f s)",
                rate(writeFloor.seconds), Double(writeFloor.bytes) / 1e6, Double(writeFloor.bytes) / Double(bytes), writeFloor.seconds))
        }
        let single = endToEnd.first { $0.jobs == 1 }
        for run in endToEnd {
            var line = String(
                format: "end to end, --jobs %-2d %7.2f s %9.2f MB/s %8.1f files/s  peak memory %d MB  %@ the floor",
                run.jobs, run.seconds, rate(run.seconds), Double(files) / max(run.seconds, 1e-9), run.peakMegabytes,
                Self.ratio(rate(run.seconds) / floorRate))
            if let single, run.jobs != 1 {
                line += String(format: ", %.2f × --jobs 1", single.seconds / max(run.seconds, 1e-9))
            }
            lines.append(line)
            lines.append(String(
                format: "    CPU time %.2f s: %.2f s in clerk, %.2f s in the kernel for it",
                run.userSeconds + run.systemSeconds, run.userSeconds, run.systemSeconds))
        }
        if let bulk {
            func megabytesPerSecond(_ run: EndToEnd) -> Double { Double(bulk.bytes) / 1e6 / max(run.seconds, 1e-9) }
            lines.append(String(
                format: "bulk, --jobs %d: %d UTF-8 documents, %.1f MB (%.1f MB as one CourtListener CSV, bzip2)",
                bulk.asFiles.jobs, bulk.documents, Double(bulk.bytes) / 1e6, Double(bulk.compressedBytes) / 1e6))
            lines.append(String(
                format: "    as files:            %7.2f s %9.2f MB/s  peak memory %d MB", bulk.asFiles.seconds,
                megabytesPerSecond(bulk.asFiles), bulk.asFiles.peakMegabytes))
            lines.append(String(
                format: "    as one .csv.bz2:     %7.2f s %9.2f MB/s  peak memory %d MB  (%.2f × the files' throughput)",
                bulk.asTable.seconds, megabytesPerSecond(bulk.asTable), bulk.asTable.peakMegabytes,
                megabytesPerSecond(bulk.asTable) / max(megabytesPerSecond(bulk.asFiles), 1e-9)))
        }
        if let linearity, let growth {
            lines.append(String(
                format: "linear cost (steps in process): %.1f MB in %.2f s, %.1f MB in %.2f s: 10 × the input takes %.2f × the time",
                Double(linearity.smallBytes) / 1e6, linearity.smallSeconds, megabytes, linearity.seconds, growth))
        }
        if let eyecite, let eyeciteRate {
            var line = String(
                format: "eyecite get_citations: %.2f MB in %.1f s, %.3f MB/s (%d citations)",
                Double(eyecite.bytes) / 1e6, eyecite.seconds, eyeciteRate, eyecite.citations)
            if let single { line += "; clerk end to end is " + Self.ratio(rate(single.seconds) / eyeciteRate) + " eyecite" }
            let citations = steps.total("citations").seconds
            if citations > 0 { line += ", its citations stage " + Self.ratio(rate(citations) / eyeciteRate) }
            lines.append(line)
        }
        lines.append(String(format: "steps on one core, in process (%.1f files/s; outputs made and validated, not written):",
                            Double(files) / max(steps.sum.seconds, 1e-9)))
        lines += ProfileTable(times: steps, inputBytes: bytes).lines
        return lines
    }

    var json: [String: Any] {
        var object: [String: Any] = [
            "corpus": ["path": corpus, "files": files, "bytes": bytes, "refused": refused],
            "machine": Self.machine,
            "floor": ["seconds": floorSeconds, "megabytesPerSecond": floorRate],
            "bulk": bulk.map { bulk -> Any in
                func figures(_ run: EndToEnd) -> [String: Any] {
                    ["seconds": run.seconds, "megabytesPerSecond": Double(bulk.bytes) / 1e6 / max(run.seconds, 1e-9),
                     "peakMegabytes": run.peakMegabytes, "userSeconds": run.userSeconds, "systemSeconds": run.systemSeconds]
                }
                return ["jobs": bulk.asFiles.jobs, "documents": bulk.documents, "bytes": bulk.bytes, "compressedBytes": bulk.compressedBytes,
                        "asFiles": figures(bulk.asFiles), "asTable": figures(bulk.asTable)] as [String: Any]
            } ?? NSNull(),
            "endToEnd": endToEnd.map {
                ["jobs": $0.jobs, "seconds": $0.seconds, "megabytesPerSecond": rate($0.seconds),
                 "filesPerSecond": Double(files) / max($0.seconds, 1e-9), "peakMegabytes": $0.peakMegabytes,
                 "userSeconds": $0.userSeconds, "systemSeconds": $0.systemSeconds,
                 "ratioToFloor": rate($0.seconds) / floorRate] as [String: Any]
            },
            "steps": steps.steps.map {
                ["step": $0, "seconds": steps.total($0).seconds, "megabytesPerSecond": rate(steps.total($0).seconds)] as [String: Any]
            },
        ]
        if let writeFloor {
            object["writeFloor"] = ["bytes": writeFloor.bytes, "seconds": writeFloor.seconds, "megabytesPerSecond": rate(writeFloor.seconds)]
        }
        if let linearity, let growth {
            object["linearity"] = ["smallBytes": linearity.smallBytes, "smallSeconds": linearity.smallSeconds,
                                   "bytes": bytes, "seconds": linearity.seconds, "timeForTenTimesTheInput": growth]
        }
        if let eyecite, let eyeciteRate {
            object["eyecite"] = ["bytes": eyecite.bytes, "seconds": eyecite.seconds, "citations": eyecite.citations,
                                 "megabytesPerSecond": eyeciteRate]
        }
        return object
    }

    /// "0.00123 ×", "12.30 ×", "1,234 ×": enough digits to read any ratio.
    static func ratio(_ value: Double) -> String {
        guard value.isFinite else { return "- ×" }
        if value >= 100 { return "\(Int(value.rounded()).formatted()) ×" }
        if value >= 1 { return String(format: "%.2f ×", value) }
        return String(format: "%.3g ×", value)
    }

    /// Cores, processor model and system, as far as Linux tells them.
    static var machine: String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let model = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
        return "\(cores) cores" + (model.map { ", \($0)" } ?? "") + ", " + ProcessInfo.processInfo.operatingSystemVersionString
    }
}
