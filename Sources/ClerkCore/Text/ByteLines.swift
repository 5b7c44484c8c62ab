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

    /// The words (runs of bytes other than spaces, tabs and line ends) in `bytes[range]`;
    /// counting stops once there are more than `limit`.
    static func wordCount(_ bytes: [UInt8], in range: Range<Int>, stoppingAfter limit: Int = .max) -> Int {
        var count = 0
        var inWord = false
        for index in range {
            let byte = bytes[index]
            let space = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if !space && !inWord {
                count += 1
                if count > limit { break }
            }
            inWord = !space
        }
        return count
    }

    /// The index of the first `byte` in `bytes[from..<to]`, or nil.
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let base = buffer.baseAddress, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// How many Unicode scalars the UTF-8 bytes hold: the bytes that continue no scalar.
    static func scalarCount(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var continuations = 0
        var index = 0
        while index + 8 <= buffer.count {
            // Each byte of `counts` counts the continuation bytes (top bit set, the next clear)
            // at its place in up to 255 words; then the bytes are summed.
            var counts: UInt64 = 0
            let stop = min(buffer.count, index + 8 * 255)
            while index + 8 <= stop {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                counts &+= (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
                index += 8
            }
            let pairs = (counts & 0x00FF_00FF_00FF_00FF) &+ ((counts >> 8) & 0x00FF_00FF_00FF_00FF)
            continuations &+= Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
        }
        while index < buffer.count {
            if buffer[index] & 0xC0 == 0x80 { continuations &+= 1 }
            index += 1
        }
        return buffer.count &- continuations
    }

    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer(scalarCount)
    }
}

extension ByteLines {
    /// Calls `body` with each index in `range` whose byte is `a`, `b` or `c`, in order. Each
    /// byte is looked for with `memchr`, so that text with few of them is passed over quickly.
    static func forEachIndex(of a: UInt8, _ b: UInt8, _ c: UInt8, in bytes: [UInt8], range: Range<Int>, _ body: (Int) -> Void) {
        var targets: [UInt8] = [a]
        for byte in [b, c] where !targets.contains(byte) { targets.append(byte) }
        forEachIndex(of: targets, in: bytes, range: range, body)
    }

    /// Calls `body` with each index in `range` whose byte is one of `targets` (distinct), in order.
    static func forEachIndex(of targets: [UInt8], in bytes: [UInt8], range: Range<Int>, _ body: (Int) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            let end = min(range.upperBound, buffer.count)
            guard range.lowerBound < end, !targets.isEmpty else { return }
            // The next index of each target byte (`end` when there is none).
            var next = targets.map { firstIndex(of: $0, in: buffer, from: range.lowerBound, to: end) ?? end }
            while true {
                var which = 0
                for target in 1..<next.count where next[target] < next[which] { which = target }
                let index = next[which]
                guard index < end else { return }
                body(index)
                next[which] = firstIndex(of: targets[which], in: buffer, from: index + 1, to: end) ?? end
            }
        }
    }
}

/// A fixed set of short ASCII words, looked up by their bytes without making a string: each
/// word is packed into two integers with its length, and the packs are searched in sorted order.
/// A `String` set compares non-ASCII text by canonical equivalence; no non-ASCII text is
/// canonically equivalent to these words unless it holds `K` (Kelvin sign), `;` (Greek question
/// mark) or `` ` `` (Greek varia), which the words must not contain.
struct PackedWords: Sendable {
    private struct Pack: Comparable {
        var low: UInt64
        var high: UInt64

        static func < (left: Pack, right: Pack) -> Bool { (left.high, left.low) < (right.high, right.low) }
    }

    private let packs: [Pack]

    /// At most 15 bytes each.
    init(_ words: some Sequence<String>) {
        packs = words.compactMap { Self.pack(Array($0.utf8)) }.sorted()
    }

    func contains<Bytes: Collection<UInt8>>(_ word: Bytes) -> Bool {
        guard let pack = Self.pack(word) else { return false }
        var low = 0, high = packs.count
        while low < high {
            let middle = (low + high) / 2
            if packs[middle] < pack { low = middle + 1 } else { high = middle }
        }
        return low < packs.count && packs[low] == pack
    }

    /// The bytes in two integers, the length in the top byte; nil beyond 15 bytes.
    private static func pack<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Pack? {
        guard bytes.count <= 15 else { return nil }
        var pack = Pack(low: 0, high: UInt64(bytes.count) << 56)
        var shift: UInt64 = 0
        for byte in bytes {
            if shift < 64 { pack.low |= UInt64(byte) << shift } else { pack.high |= UInt64(byte) << (shift - 64) }
            shift += 8
        }
        return pack
    }
}

extension ByteLines {
    /// Whether `bytes` are the bytes of `word`.
    @inline(__always)
    static func equals(_ bytes: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let start = word.utf8Start
        var offset = 0
        for byte in bytes {
            if byte != start[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Whether `bytes` start with the bytes of `prefix`.
    @inline(__always)
    static func starts(_ bytes: ArraySlice<UInt8>, with prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        return equals(bytes.prefix(prefix.utf8CodeUnitCount), prefix)
    }
}

extension ByteLines {
    /// Whether `bytes` hold `needle` at `index` (false when it would run past their end).
    static func has(_ needle: some Collection<UInt8>, at index: Int, in bytes: [UInt8]) -> Bool {
        guard index >= 0 else { return false }
        var position = index
        for byte in needle {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
        }
        return true
    }

    /// Whether two byte buffers hold the same bytes.
    static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        guard let a = left.baseAddress, let b = right.baseAddress else { return true }
        return memcmp(a, b, left.count) == 0
    }
}

extension ByteLines {
    /// Where `needle` first occurs in `haystack` (indices of the slice's base): its first byte
    /// found with `memchr`, the rest compared.
    static func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Range<Int>? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay -> Range<Int>? in
            var start = 0
            let last = hay.count - needle.count
            while start <= last, let found = firstIndex(of: first, in: hay, from: start, to: last + 1) {
                if needle.indices.allSatisfy({ hay[found + $0] == needle[$0] }) {
                    return (haystack.startIndex + found)..<(haystack.startIndex + found + needle.count)
                }
                start = found + 1
            }
            return nil
        }
    }
}

extension ByteLines {
    /// The bytes as text with every run of spaces, tabs and line ends as one space, none at
    /// either end.
    static func collapsingWhitespace(_ bytes: some Collection<UInt8>) -> String {
        var result: [UInt8] = []
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A string with every run of spaces, tabs and line ends as one space, none at either end.
    static func collapsingWhitespace(_ text: String) -> String {
        collapsingWhitespace(text.utf8)
    }
}
