import ArgumentParser
import ClerkCore
import ClerkEmit
import ClerkJSON
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Convert JSON Lines records from standard input into JSON Lines on standard output (for RDD.pipe and other pipes).",
        discussion: """
            Each input line is a record: {"id": ..., "text": "..."} (the dump as a string), \
            {"id": ..., "base64": "..."} (its raw bytes, for dumps that are not UTF-8) or \
            {"id": ..., "path": "..."} (a file to read) or {"id": ..., "record": {...}} (a \
            case-law corpus's record: a CAP case, a CourtListener opinion or the columns of a \
            row of its bulk table); "id" is a string or an integer; an \
            optional "name" becomes the document's source name (default: the path's file name, \
            or the id). For each record, in input order, one line is written and flushed: \
            {"id": ..., "document": {...}}, the document exactly as `clerk convert` writes its \
            JSON output (checked against the same schema), or {"id": ..., "line": N, "error": \
            "..."} naming the problem. Empty lines are skipped. Memory stays bounded by the \
            records in flight (at most twice --jobs), whatever the length of the stream. Exit \
            status: 0 every record converted, 1 some records failed (each has its error line), \
            2 usage or configuration error.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Pipeline configuration to use instead of the built-in pipeline.json.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Records converted in parallel; output stays in input order.", valueName: "N"))
    var jobs: Int = 1

    @Option(name: .long, help: ArgumentHelp("Records larger than this many megabytes (10⁶ bytes) are refused.", valueName: "MB"))
    var maxInputSize: Int = 256

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxInputSize >= 1 else { throw ValidationError("--max-input-size must be at least 1 (megabytes)") }
    }

    func run() throws {
        let pipeline = try PipelineLoader.load(path: config)
        let converter = RecordConverter(
            conversion: DocumentConversion(converter: Converter(configuration: pipeline), formats: [.json]),
            maximumBytes: BatchWork.bytes(megabytes: maxInputSize))
        let output = OrderedOutput(descriptor: STDOUT_FILENO)
        let inFlight = DispatchSemaphore(value: 2 * jobs)
        let running = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        var sequence = 0
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let (index, number) = (sequence, lineNumber)
            sequence += 1
            inFlight.wait()
            DispatchQueue.global().async(group: group) {
                running.wait()
                let result = converter.convert(line: text, number: number)
                running.signal()
                output.put(result.line, at: index, failed: !result.converted)
                inFlight.signal()
            }
        }
        group.wait()
        if let error = output.writeError {
            Diagnostics.error("cannot write to standard output: \(error)")
            throw ExitCode(ExitStatus.someFailed)
        }
        let failures = output.failures
        if failures > 0 {
            Diagnostics.error("\(failures) of \(sequence) record(s) failed (see their error lines)")
            throw ExitCode(ExitStatus.someFailed)
        }
    }
}

/// Turns one record line into its output line: the converted document, or an error.
struct RecordConverter: Sendable {
    let conversion: DocumentConversion
    let maximumBytes: Int

    func convert(line: String, number: Int) -> (line: [UInt8], converted: Bool) {
        let record: StreamRecord
        do {
            record = try StreamRecord.parse(line, number: number)
        } catch {
            return (errorLine(id: error.id, number: number, message: error.message), false)
        }
        do {
            return (try documentLine(record), true)
        } catch {
            return (errorLine(id: record.id, number: number, message: error.description), false)
        }
    }

    private func documentLine(_ record: StreamRecord) throws(BatchFailure) -> [UInt8] {
        let raw: [UInt8]
        switch record.input {
        case .bytes(let bytes):
            raw = bytes
        case .path(let path):
            raw = try BatchWork.read(path: path, maximumBytes: maximumBytes)
        }
        guard raw.count <= maximumBytes else { throw BatchWork.tooLarge(record.name, bytes: raw.count, maximumBytes: maximumBytes) }
        var pretty: [UInt8] = []
        do {
            _ = try conversion.run(raw, name: record.name, into: { _ in { pretty.append(contentsOf: $0) } })
        } catch {
            throw BatchFailure(error.description)
        }
        var line = Array("{\"id\":".utf8)
        line += JSONWriter.write(record.id, pretty: false)
        line += Array(",\"document\":".utf8)
        line += JSONCompaction.compact(pretty)
        line += Array("}\n".utf8)
        return line
    }

    private func errorLine(id: JSONValue, number: Int, message: String) -> [UInt8] {
        JSONWriter.write(.object(["id": id, "line": .int(number), "error": .string(message)]), pretty: false) + [UInt8(ascii: "\n")]
    }
}

/// Writes lines in the order of their index as they become ready, each with its own write
/// calls (no buffering: a reader sees every record as soon as it and those before it are done).
final class OrderedOutput: Sendable {
    private let descriptor: Int32
    private let state = Mutex<(next: Int, waiting: [Int: [UInt8]], error: String?, failures: Int)>((0, [:], nil, 0))

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Line `index` is ready; `failed`: it is an error line.
    func put(_ line: [UInt8], at index: Int, failed: Bool) {
        state.withLock { state in
            state.waiting[index] = line
            if failed { state.failures += 1 }
            while let ready = state.waiting.removeValue(forKey: state.next) {
                state.next += 1
                guard state.error == nil else { continue }
                state.error = write(ready)
            }
        }
    }

    var writeError: String? { state.withLock { $0.error } }
    var failures: Int { state.withLock { $0.failures } }

    /// Writes all of `bytes`; the error, if any.
    private func write(_ bytes: [UInt8]) -> String? {
        var start = 0
        while start < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + start, $0.count - start) }
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            start += written
        }
        return nil
    }
}
