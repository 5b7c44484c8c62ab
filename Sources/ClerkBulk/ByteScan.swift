#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte searches the record readers share: `memchr` for one byte, a machine word at a time
/// for counting line feeds.
enum ByteScan {
    /// The index of the first `byte` in `buffer[from..<to]`, or `to`.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = buffer.baseAddress, let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The index of the first `a` or `b` in `buffer[from..<to]`, or `to`. The second search stops
    /// where the first found its byte, so a run of searches reads each byte at most twice.
    @inline(__always)
    static func firstIndex(of a: UInt8, or b: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        let first = firstIndex(of: a, in: buffer, from: from, to: to)
        return firstIndex(of: b, in: buffer, from: from, to: first)
    }

    /// How many line feeds `buffer[from..<to]` holds.
    static func lineFeeds(in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = buffer.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var count = 0
        var index = from
        while index + 8 <= to {
            // A byte of `x` is zero where the word has a line feed; the expression sets the top
            // bit of exactly those bytes (no carries cross bytes: each byte's low 7 bits are added
            // to 0x7F).
            let x = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            let zeros = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
            count &+= zeros.nonzeroBitCount
            index += 8
        }
        while index < to {
            if buffer[index] == 0x0A { count += 1 }
            index += 1
        }
        return count
    }
}
