/// Finding one byte value in UTF-8 text eight bytes at a time (a word-wide compare), for scans
/// that only stop at a few bytes (`-`, `\n`) of a long text.
enum ByteSearch {
    /// The index of the first `byte` at or after `start` in `buffer`, or `buffer.count`.
    @inline(__always)
    static func next(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = buffer.baseAddress else { return buffer.count }
        let count = buffer.count
        var index = max(start, 0)
        let pattern = 0x0101_0101_0101_0101 &* UInt64(byte)
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
            // A zero byte in `word` is a match; the lowest one is the first (little-endian).
            let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if found != 0 { return index + UInt64(littleEndian: found).trailingZeroBitCount / 8 }
            index += 8
        }
        while index < count && buffer[index] != byte { index += 1 }
        return index
    }

    /// The index of the first ASCII digit at or after `start` in `buffer`, or `buffer.count`.
    @inline(__always)
    static func nextDigit(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = buffer.baseAddress else { return buffer.count }
        let count = buffer.count
        var index = max(start, 0)
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let low7 = chunk & 0x7F7F_7F7F_7F7F_7F7F
            // High bit set per byte: at least `0`, at least `:` (past `9`), below 0x80.
            let atLeastZero = low7 &+ 0x5050_5050_5050_5050
            let pastNine = low7 &+ 0x4646_4646_4646_4646
            let digits = atLeastZero & ~pastNine & ~chunk & 0x8080_8080_8080_8080
            if digits != 0 { return index + UInt64(littleEndian: digits).trailingZeroBitCount / 8 }
            index += 8
        }
        while index < count && !isDigit(buffer[index]) { index += 1 }
        return index
    }

    /// The high bit of each byte of `chunk` that equals `byte` (exact per byte: no borrows).
    @inline(__always)
    static func equalBytes(_ chunk: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = chunk ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let nonzero = ((difference & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | difference
        return ~nonzero & 0x8080_8080_8080_8080
    }

    /// The index of the first tab, or of the first of two spaces in a row, in `buffer[range]`;
    /// nil if none. Eight bytes at a time.
    static func firstSpaceRunOrTab(in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = range.lowerBound
        // Whether the byte before the chunk is a space (a run may cross chunks).
        var previousSpace = false
        while index + 8 <= range.upperBound {
            let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let spaces = equalBytes(chunk, 0x20)
            let tabs = equalBytes(chunk, 0x09)
            let pairs = spaces & (spaces << 8 | (previousSpace ? 0x80 : 0))
            let found = tabs | pairs
            if found != 0 {
                let at = index + UInt64(littleEndian: found).trailingZeroBitCount / 8
                // A pair is found at its second space; the run starts one before.
                return tabs != 0 && (pairs == 0 || tabs.trailingZeroBitCount < pairs.trailingZeroBitCount) ? at : at - 1
            }
            previousSpace = spaces >> 56 != 0
            index += 8
        }
        while index < range.upperBound {
            let byte = buffer[index]
            if byte == 0x09 { return index }
            if byte == 0x20 && previousSpace { return index - 1 }
            previousSpace = byte == 0x20
            index += 1
        }
        return nil
    }
}
