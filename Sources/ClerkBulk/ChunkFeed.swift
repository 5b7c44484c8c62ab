/// The decompressed chunks as the record readers take them: one chunk at a time, the stream offset
/// of its first byte, and a UTF-8 byte order mark at the very start dropped (it is no part of the
/// first record; offsets still count it).
final class ChunkFeed {
    let reader: ByteChunkReader
    /// The chunk being read; empty before the first and after the last.
    private(set) var chunk: ArraySlice<UInt8> = []
    /// The offset in the decompressed stream of `chunk`'s first byte.
    private(set) var chunkOffset = 0
    private var started = false

    init(reader: ByteChunkReader) {
        self.reader = reader
    }

    /// Replaces the chunk with the next one; false at the end of the stream.
    func advance() throws(BulkReadError) -> Bool {
        // Let go of the old chunk first, so that the reader can reuse its buffer.
        chunk = []
        if !started {
            started = true
            return try startStream()
        }
        guard let next = try reader.next() else { return false }
        chunkOffset = reader.bytesProduced - next.count
        chunk = next
        return true
    }

    /// The first chunk, without a byte order mark (which may be split across chunks).
    private func startStream() throws(BulkReadError) -> Bool {
        guard var first = try reader.next() else { return false }
        if first.count < Self.byteOrderMark.count {
            var gathered = Array(first)
            while gathered.count < Self.byteOrderMark.count, let more = try reader.next() {
                gathered.append(contentsOf: more)
            }
            first = gathered[...]
        }
        if first.starts(with: Self.byteOrderMark) {
            first = first.dropFirst(Self.byteOrderMark.count)
            chunkOffset = Self.byteOrderMark.count
            if first.isEmpty { return try advance() }
        }
        chunk = first
        return true
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
