#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a chunk reader's bytes come from, before any decompression.
protocol RawByteSource: AnyObject {
    /// The name errors give: a path, or the name of bytes in memory.
    var name: String { get }
    /// The total size in bytes (a file's size when it was opened).
    var size: Int { get }
    /// Reads up to `buffer.count` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer, offset: Int) throws(BulkReadError) -> Int
}

/// A file read with POSIX `open` and `read`.
final class FileByteSource: RawByteSource {
    let name: String
    let size: Int
    private let descriptor: Int32

    init(path: String) throws(BulkReadError) {
        name = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BulkReadError(source: path, problem: .cannotOpen(reason: Self.systemError()))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = Self.systemError()
            close(descriptor)
            throw BulkReadError(source: path, problem: .cannotOpen(reason: reason))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw BulkReadError(source: path, problem: .cannotOpen(reason: "it is a folder"))
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
        #if canImport(Glibc)
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer, offset: Int) throws(BulkReadError) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, base, buffer.count)
            #else
            let count = Darwin.read(descriptor, base, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw BulkReadError(source: name, problem: .readFailed(reason: Self.systemError(), offset: offset))
        }
    }

    /// `errno` in the system's words.
    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// Bytes in memory, handed out at most `pieceSize` at a time (so that tests can put a read's end
/// at every place).
final class MemoryByteSource: RawByteSource {
    let name: String
    private let bytes: [UInt8]
    private let pieceSize: Int
    private var position = 0

    init(bytes: [UInt8], name: String, pieceSize: Int) {
        self.bytes = bytes
        self.name = name
        self.pieceSize = max(1, pieceSize)
    }

    var size: Int { bytes.count }

    func read(into buffer: UnsafeMutableRawBufferPointer, offset: Int) throws(BulkReadError) -> Int {
        let count = min(buffer.count, pieceSize, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}
