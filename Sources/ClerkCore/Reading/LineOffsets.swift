/// Where each line of a text starts, for source offsets by line (libxml2 reports lines).
struct LineOffsets {
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        for index in bytes.indices where bytes[index] == 0x0A && index + 1 < bytes.count { starts.append(index + 1) }
        self.starts = starts
    }

    /// The offset of the 1-based `line`'s start.
    func offset(_ line: Int) -> Int {
        starts[min(max(line - 1, 0), starts.count - 1)]
    }
}
