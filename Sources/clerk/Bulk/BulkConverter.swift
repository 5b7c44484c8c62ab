import ClerkBulk
import ClerkCore
import Dispatch
import Foundation
import Synchronization

/// Converts the records of bulk files (`BulkRecordSource`): each record is one document, its
/// outputs named by its id (`DIR/<id>.json`, `.xml`; a record without an id by its file and
/// number). The file is read as a stream on the calling thread while `jobs` threads convert
/// records, with at most 16 records a thread and 64 MB of records waiting, so memory does not
/// grow with the file.
/// A record that cannot be read or converted fails alone, named by file, position and id; a
/// stream that fails (a cut compressed file) ends that file, the records before it converted.
/// What became of the records is tallied per file (`BulkTally`), not kept per record, so that a
/// table of millions of rows does not fill the memory with its summary.
struct BulkConverter: Sendable {
    let batch: BatchConverter

    /// A record read, waiting for a worker.
    private struct Work: Sendable {
        var fileIndex: Int
        var bytes: [UInt8]
        var label: String
        var name: String
        var stem: String
    }

    /// What became of each file's records. CSV files are read in `dialect`; with `join`, each
    /// record gets the case's columns of CourtListener's other tables.
    func run(
        _ files: [InputFile], jobs: Int, progress: ProgressReporter?, dialect: CSVDialect = .rfc4180, join: CourtListenerJoin? = nil
    ) -> [BulkTally] {
        let tallies = Mutex<[BulkTally]>(files.map { BulkTally(path: $0.path) })
        // The output stems taken, as 64-bit hashes: a table of ten million rows keeps 160 MB at
        // most, not its ids' text (two stems that share a hash are taken for one: about one
        // chance in a million in ten million rows).
        var claimed = Set<UInt64>()
        // `jobs` threads convert records; the reading thread runs ahead of them (it decompresses a
        // chunk of dozens of records at a time), with at most 16 records a worker and 64 MB waiting.
        let workers = max(1, jobs)
        let queue = BoundedQueue<Work>(capacity: workers * 16, byteCapacity: 64 << 20)
        let done = DispatchGroup()
        @Sendable func finish(_ fileIndex: Int, _ record: BatchConverter.Record) {
            var failed = false
            if case .failed(let message) = record.outcome {
                Diagnostics.error(message)
                failed = true
            }
            // Progress counts the bytes of the file read, as the reading thread goes.
            progress?.finished((files[fileIndex].path as NSString).lastPathComponent, bytes: 0, failed: failed)
            tallies.withLock { $0[fileIndex].add(record) }
        }
        for _ in 0..<workers {
            done.enter()
            Thread {
                defer { done.leave() }
                while let work = queue.take() {
                    var record = BatchConverter.Record()
                    if !batch.stop.isRequested {
                        do throws(BatchFailure) {
                            record.outcome = try batch.convert(
                                work.bytes, label: work.label, name: work.name, outputStem: work.stem, times: StepTimes(), into: &record)
                        } catch {
                            record.outcome = .failed(error.description)
                        }
                    }
                    finish(work.fileIndex, record)
                }
            }.start()
        }
        for (fileIndex, file) in files.enumerated() {
            guard !batch.stop.isRequested else { break }
            let source: BulkRecordSource
            do {
                source = try BulkRecordSource(path: file.path, dialect: dialect, join: join, maximumDocumentBytes: batch.maximumInputBytes)
            } catch {
                // The error names the file.
                finish(fileIndex, .init(outcome: .failed(error.description)))
                continue
            }
            let fileName = (file.path as NSString).lastPathComponent
            var bytesRead = 0
            // The file counted as one input until its records are found.
            defer { progress?.advance(inputs: -1, bytes: 0) }
            while !batch.stop.isRequested {
                let item: BulkRecordSource.Item?
                do {
                    item = try source.nextItem()
                } catch {
                    progress?.advance(inputs: 1, bytes: 0)
                    finish(fileIndex, .init(outcome: .failed(error.description)))
                    break
                }
                guard let item else { break }
                progress?.advance(inputs: 1, bytes: source.bytesRead - bytesRead)
                bytesRead = source.bytesRead
                switch item {
                case .document(let bytes):
                    // `dump.txt.bz2` → `dump`, as `dump.txt` would be.
                    let stem = (file.outputStem as NSString).deletingPathExtension
                    guard bytes.count <= batch.maximumInputBytes else {
                        finish(fileIndex, .init(outcome: .failed(
                            BatchWork.tooLarge(file.path, bytes: bytes.count, maximumBytes: batch.maximumInputBytes).description)))
                        continue
                    }
                    queue.put(Work(fileIndex: fileIndex, bytes: bytes, label: file.path, name: fileName, stem: stem), bytes: bytes.count)
                case .unreadable(let problem):
                    finish(fileIndex, .init(outcome: .failed("\(file.path): \(problem)")))
                case .record(let bytes, let id, let position):
                    let label = "\(file.path): \(position)" + (id.map { " (id \($0))" } ?? "")
                    let stem = Self.outputStem(id: id, file: file, position: position)
                    guard claimed.insert(Self.hash(stem)).inserted else {
                        finish(fileIndex, .init(outcome: .failed(
                            "\(label): an earlier record has its id, so its outputs (\(stem).*) would overwrite that record's")))
                        continue
                    }
                    guard bytes.count <= batch.maximumInputBytes else {
                        finish(fileIndex, .init(outcome: .failed(
                            BatchWork.tooLarge(label, bytes: bytes.count, maximumBytes: batch.maximumInputBytes).description)))
                        continue
                    }
                    queue.put(
                        Work(fileIndex: fileIndex, bytes: bytes, label: label, name: "\(fileName)#\(id ?? String(position.number))", stem: stem),
                        bytes: bytes.count)
                }
            }
        }
        queue.close()
        done.wait()
        return tallies.withLock { $0 }
    }

    /// FNV-1a, 64 bits.
    private static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// `<id>` (letters, digits, `.`, `-`, `_` kept, anything else `_`), beside the bulk file's
    /// own outputs; without an id, `<file>-<number>`.
    static func outputStem(id: String?, file: InputFile, position: RecordPosition) -> String {
        let folder = ParentFolder.of(file.outputStem)
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

/// What became of the records of one bulk file, in figures: how many converted, skipped,
/// abandoned, with warnings, their bytes and what their documents hold, summed; and each
/// failure's message (a record's, or the stream's).
struct BulkTally: Sendable {
    let path: String
    var converted = 0
    var skipped = 0
    var abandoned = 0
    var notStarted = 0
    var withWarnings = 0
    /// Bytes of the records converted.
    var bytes = 0
    var counts = DocumentCounts()
    var failures: [String] = []

    init(path: String) {
        self.path = path
    }

    mutating func add(_ record: BatchConverter.Record) {
        switch record.outcome {
        case .converted:
            converted += 1
            bytes += record.bytes ?? 0
            if let counts = record.counts {
                self.counts.add(counts)
                if counts.warnings > 0 { withWarnings += 1 }
            }
        case .skipped: skipped += 1
        case .abandoned: abandoned += 1
        case .notStarted: notStarted += 1
        case .failed(let message): failures.append(message)
        }
    }
}
