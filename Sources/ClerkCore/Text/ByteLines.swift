#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast reads of whole texts for the structure stages: line ends found with `memchr`, scalars
/// counted a machine word at a time.
enum ByteLines {
    /// The byte ranges of the lines, without their `\n` (as `TextStream.lineRanges`): a final
    /// line without `\n` counts; empty bytes have no lines.
    static func ranges(_ bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            var ranges: [Range<Int>] = []
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return ranges }
            ranges.reserveCapacity(buffer.count / 48 + 1)
            var start = 0
            while start < buffer.count {
                guard let found = memchr(base + start, 0x0A, buffer.count - start) else { break }
                let end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                ranges.append(start..<end)
                start = end + 1
            }
            if start < buffer.count { ranges.append(start..<buffer.count) }
            return ranges
        }
    }

    /// The index of the first `byte` in `bytes[from..<to]`, or nil.
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let base = buffer.baseAddress, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// How many Unicode scalars the UTF-8 bytes hold: the bytes that continue no scalar.
    static func scalarCount(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var continuations = 0
        for byte in buffer { continuations &+= Int(truncatingIfNeeded: (byte & 0xC0) == 0x80 ? 1 : 0) }
        return buffer.count &- continuations
    }

    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer(scalarCount)
    }
}
