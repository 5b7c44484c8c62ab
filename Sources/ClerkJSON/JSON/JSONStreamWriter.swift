/// Writes pretty JSON a piece at a time: containers are opened and closed, values written
/// into them, and the bytes are those `JSONWriter.write(_:pretty: true)` gives for the whole
/// value. A large document can then be written straight from its model, without holding any
/// of it as a `JSONValue`.
///
/// The bytes go through a raw pointer into a buffer the writer owns: it grows, or, with a drain
/// (`init(chunk:drain:)`), it is handed over whenever it is full.
public struct JSONStreamWriter: JSONEvents {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// The memory the writer writes into.
    private var owned: OwnedBytes
    /// The flags of the enclosing containers, outermost first; `current` is the innermost's.
    private var enclosing: [UInt8] = []
    private var current: UInt8 = 0
    private var depth = 0
    /// An object's key has been written and its value is due.
    private var keyWritten = false
    private var finished = false
    /// Where full buffers go (nil: the writer keeps everything).
    private var drain: Drain?

    /// Where a writer hands its bytes as it goes, a piece at a time (valid only during the call).
    public typealias Drain = (UnsafeBufferPointer<UInt8>) -> Void

    private static let objectFlag: UInt8 = 1
    private static let filledFlag: UInt8 = 2
    /// Bytes that may be written past what a piece reserves exactly (indentation in whole words).
    private static let slack = 16

    /// A key written once as bytes (`"name": `), for keys that many objects share.
    public struct Key: Sendable {
        public let name: String
        let bytes: [UInt8]

        public init(_ name: String) {
            self.name = name
            var bytes: [UInt8] = []
            JSONBytes.appendQuoted(name, to: &bytes)
            bytes += [UInt8(ascii: ":"), UInt8(ascii: " ")]
            self.bytes = bytes
        }
    }

    /// `capacity`: the bytes expected, reserved at once.
    public init(capacity: Int = 0) {
        let owned = OwnedBytes(capacity: max(capacity, 64))
        self.owned = owned
        base = owned.base
        self.capacity = owned.capacity
        enclosing.reserveCapacity(16)
    }

    /// Writes into a buffer of about `chunk` bytes that is handed to `drain` whenever the next
    /// piece would not fit, and once more by `finishWriting()`: a large document never sits
    /// whole in memory (a single string larger than the buffer grows it). The pieces, in order,
    /// are the document's bytes.
    public init(chunk: Int, drain: @escaping Drain) {
        self.init(capacity: chunk)
        self.drain = drain
    }

    /// Opens an object: the document itself, an array's next item, or the value of a key.
    public mutating func beginObject() {
        beginValue()
        reserve(1)
        put(UInt8(ascii: "{"))
        open(Self.objectFlag)
    }

    public mutating func beginArray() {
        beginValue()
        reserve(1)
        put(UInt8(ascii: "["))
        open(0)
    }

    /// Closes the innermost container (`{}` or `[]` when it got nothing).
    public mutating func end() {
        precondition(depth > 0 && !keyWritten, "no container to close")
        let container = current
        current = enclosing.removeLast()
        depth -= 1
        if container & Self.filledFlag != 0 { newline() }
        reserve(1)
        put(container & Self.objectFlag != 0 ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// The next key of the innermost object; its value comes next.
    public mutating func key(_ key: Key) {
        startMember()
        key.bytes.withUnsafeBufferPointer { append($0) }
    }

    public mutating func key(_ key: String) {
        startMember()
        var key = key
        key.withUTF8 { quoted($0) }
        reserve(2)
        put(UInt8(ascii: ":"))
        put(UInt8(ascii: " "))
    }

    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(utf8: $0) }
    }

    /// A string given as its UTF-8 bytes (valid UTF-8).
    public mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        beginValue()
        quoted(bytes)
    }

    public mutating func int(_ value: Int) {
        beginValue()
        reserve(20)
        if value >= 0 && value < 10 {
            put(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Work with the magnitude so Int.min does not overflow; 20 digits at most.
        var magnitude = value.magnitude
        var digits = 0
        var scratch = magnitude
        repeat {
            digits += 1
            scratch /= 10
        } while scratch > 0
        if value < 0 { put(UInt8(ascii: "-")) }
        var position = count + digits
        count = position
        repeat {
            position -= 1
            base[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    /// Swift's shortest round-trip form; NaN and infinities as `null`, as `JSONWriter` does.
    public mutating func double(_ value: Double) {
        beginValue()
        if value.isFinite {
            var text = value.description
            text.withUTF8 { append($0) }
        } else {
            append("null")
        }
    }

    public mutating func bool(_ value: Bool) {
        beginValue()
        append(value ? "true" : "false")
    }

    public mutating func null() {
        beginValue()
        append("null")
    }


    /// The bytes, with the final line end, once every container is closed. A copy of a writer
    /// shares its buffer: write with one only.
    public mutating func finish() -> [UInt8] {
        finishWriting()
        return Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// Closes the document with its final line end; `finish()` gives its bytes or, with a
    /// drain, the last of them are handed to it.
    public mutating func finishWriting() {
        precondition(depth == 0 && !keyWritten, "containers are still open")
        guard !finished else { return }
        finished = true
        reserve(1)
        put(0x0A)
        if let drain {
            drain(UnsafeBufferPointer(start: base, count: count))
            count = 0
        }
    }

    // MARK: - Structure

    private mutating func open(_ flags: UInt8) {
        enclosing.append(current)
        current = flags
        depth += 1
    }

    private mutating func startMember() {
        precondition(depth > 0 && current & Self.objectFlag != 0 && !keyWritten, "a key belongs in an object, before its value")
        separate()
        keyWritten = true
    }

    /// Places a value: after its key, or as the next item of an array, or as the document.
    @inline(__always)
    private mutating func beginValue() {
        guard depth > 0 else { return }
        if current & Self.objectFlag != 0 {
            precondition(keyWritten, "an object's value needs its key first")
            keyWritten = false
            return
        }
        separate()
    }

    /// The comma after the previous member or item, and the line of the next.
    @inline(__always)
    private mutating func separate() {
        if current & Self.filledFlag != 0 {
            reserve(1)
            put(UInt8(ascii: ","))
        } else {
            current |= Self.filledFlag
        }
        newline()
    }

    /// A line end and the indentation of a line inside the open containers (written in whole
    /// words of spaces, which may run into the slack past it).
    @inline(__always)
    private mutating func newline() {
        let indent = 2 * depth
        reserve(1 + indent + Self.slack)
        put(0x0A)
        let spaces: UInt64 = 0x2020_2020_2020_2020
        let start = UnsafeMutableRawPointer(base + count)
        var offset = 0
        while offset < indent {
            start.storeBytes(of: spaces, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        count += indent
    }

    // MARK: - Bytes

    @inline(__always)
    private mutating func reserve(_ needed: Int) {
        if count + needed > capacity { makeRoom(needed) }
    }

    /// Drains the buffer if there is a drain, and grows it if that is not enough.
    private mutating func makeRoom(_ needed: Int) {
        if let drain, count > 0 {
            drain(UnsafeBufferPointer(start: base, count: count))
            count = 0
            if needed <= capacity { return }
        }
        grow(needed)
    }

    private mutating func grow(_ needed: Int) {
        let bigger = OwnedBytes(capacity: max(2 * capacity, count + needed + Self.slack))
        bigger.base.update(from: base, count: count)
        owned = bigger
        base = bigger.base
        capacity = bigger.capacity
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let address = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: address, count: bytes.count)
        count += bytes.count
    }

    private mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `bytes` as a JSON string, escaped as `JSONBytes.appendQuoted` does.
    private mutating func quoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count + 2)
        put(UInt8(ascii: "\""))
        if let source = bytes.baseAddress {
            var runStart = 0
            while let (position, width) = JSONBytes.nextEscape(in: source, count: bytes.count, from: runStart) {
                let run = position - runStart
                // The escape takes up to 6 bytes where `width` were reserved.
                reserve(run + 6 + (bytes.count - position) + 1)
                (base + count).update(from: source + runStart, count: run)
                count += run
                count += JSONBytes.writeEscape(of: source + position, width: width, to: base + count)
                runStart = position + width
            }
            let run = bytes.count - runStart
            (base + count).update(from: source + runStart, count: run)
            count += run
        }
        reserve(1)
        put(UInt8(ascii: "\""))
    }
}

/// Memory the writer allocated, freed with the last writer that holds it.
private final class OwnedBytes {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }
}
