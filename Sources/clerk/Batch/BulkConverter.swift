import ClerkBulk
import ClerkCore
import Dispatch
import Foundation
import Synchronization

/// Converts the records of bulk files (`BulkRecordSource`): each record is one document, its
/// outputs named by its id (`DIR/<id>.json`, `.xml`; a record without an id by its file and
/// number). The file is read as a stream on the calling thread while `jobs` threads convert
/// records, with at most twice `jobs` records held, so memory does not grow with the file.
/// A record that cannot be read or converted fails alone, named by file, position and id; a
/// stream that fails (a cut compressed file) ends that file, the records before it converted.
struct BulkConverter: Sendable {
    let batch: BatchConverter

    /// What became of each record (and of each file that could not be read), in file order.
    func run(_ files: [InputFile], jobs: Int, progress: ProgressReporter?) -> [(path: String, record: BatchConverter.Record)] {
        let results = Mutex<[(order: Int, path: String, record: BatchConverter.Record)]>([])
        let claimed = Mutex<[String: String]>([:])
        let slots = DispatchSemaphore(value: max(1, jobs * 2))
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "clerk.bulk", attributes: .concurrent)
        var order = 0
        @Sendable func finish(_ path: String, _ record: BatchConverter.Record, order: Int) {
            var failed = false
            if case .failed(let message) = record.outcome {
                Diagnostics.error(message)
                failed = true
            }
            progress?.finished((path as NSString).lastPathComponent, bytes: record.bytes ?? 0, failed: failed)
            results.withLock { $0.append((order, path, record)) }
        }
        for file in files {
            guard !batch.stop.isRequested else { break }
            let source: BulkRecordSource
            do {
                source = try BulkRecordSource(path: file.path)
            } catch {
                // The error names the file.
                order += 1
                finish(file.path, .init(outcome: .failed(error.description)), order: order)
                continue
            }
            let fileName = (file.path as NSString).lastPathComponent
            while !batch.stop.isRequested {
                let item: BulkRecordSource.Item?
                do {
                    item = try source.nextItem()
                } catch {
                    order += 1
                    finish(file.path, .init(outcome: .failed(error.description)), order: order)
                    break
                }
                guard let item else { break }
                order += 1
                switch item {
                case .unreadable(let problem):
                    finish(file.path, .init(outcome: .failed("\(file.path): \(problem)")), order: order)
                case .record(let bytes, let id, let position):
                    let label = "\(file.path): \(position)" + (id.map { " (id \($0))" } ?? "")
                    let stem = Self.outputStem(id: id, file: file, position: position)
                    if let owner = claimed.withLock({ claims in claims[stem] ?? { claims[stem] = label; return nil }() }) {
                        finish(file.path, .init(outcome: .failed("\(label): its outputs would overwrite those of \(owner)")), order: order)
                        continue
                    }
                    guard bytes.count <= batch.maximumInputBytes else {
                        finish(file.path, .init(outcome: .failed(BatchWork.tooLarge(label, bytes: bytes.count, maximumBytes: batch.maximumInputBytes).description)), order: order)
                        continue
                    }
                    slots.wait()
                    let recordOrder = order
                    let name = "\(fileName)#\(id ?? String(position.number))"
                    queue.async(group: group) {
                        defer { slots.signal() }
                        var record = BatchConverter.Record()
                        if batch.stop.isRequested {
                            finish(file.path, record, order: recordOrder)
                            return
                        }
                        do throws(BatchFailure) {
                            record.outcome = try batch.convert(
                                bytes, label: label, name: name, outputStem: stem, times: StepTimes(), into: &record)
                        } catch {
                            record.outcome = .failed(error.description)
                        }
                        finish(file.path, record, order: recordOrder)
                    }
                }
            }
        }
        group.wait()
        return results.withLock { $0 }.sorted { $0.order < $1.order }.map { ($0.path, $0.record) }
    }

    /// `<id>` (letters, digits, `.`, `-`, `_` kept, anything else `_`), beside the bulk file's
    /// own outputs; without an id, `<file>-<number>`.
    static func outputStem(id: String?, file: InputFile, position: RecordPosition) -> String {
        let folder = (file.outputStem as NSString).deletingLastPathComponent
        let name: String
        if let id, !id.isEmpty {
            name = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        } else {
            name = "\((file.outputStem as NSString).lastPathComponent)-\(position.number)"
        }
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// Whether the file at `path` is a bulk file: compressed, named `.csv`, `.jsonl` or
    /// `.ndjson`, or a `.json` file whose content is an array or JSON Lines. A file of one JSON
    /// object, like any other file, is one input of its own.
    static func isBulk(_ path: String) -> Bool {
        let lower = path.lowercased()
        if [".bz2", ".gz", ".xz"].contains(where: { lower.hasSuffix($0) }) { return true }
        switch BulkFormat.byExtension(path) {
        case .csv?, .jsonLines?: return true
        case .jsonObject?:
            guard let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 64 << 10)) ?? Data()
            let format = BulkFormat.byContent([UInt8](head))
            return format == .jsonArray || format == .jsonLines
        default: return false
        }
    }
}
