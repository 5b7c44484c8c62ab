/// The byte ranges of the body where a caption is looked for.
struct CaptionWindow {
    let bytes: [UInt8]
    let maximumLines: Int
    let maximumBytes: Int

    /// From the top: `maximumLines` lines and `maximumBytes` bytes at most, up to `end` if given,
    /// cut at white space.
    func fromTop(upTo end: Int?) -> Range<Int> {
        forward(from: 0, upTo: end)
    }

    /// From `start` on, with the same limits as from the top.
    func forward(from start: Int, upTo end: Int?) -> Range<Int> {
        let limit = min(end ?? bytes.count, start + maximumBytes)
        var lines = 0
        var cut = start
        while cut < limit {
            if bytes[cut] == 0x0A {
                lines += 1
                if lines == maximumLines { break }
            }
            cut += 1
        }
        if cut == start + maximumBytes && cut < (end ?? bytes.count) {
            while cut > start && !isSpace(bytes[cut - 1]) { cut -= 1 }
        }
        return start..<cut
    }

    /// Back from `start`: `maximumLines` lines and `maximumBytes` bytes at most, not before
    /// `floor`, starting at white space.
    func back(from start: Int, floor: Int) -> Range<Int> {
        let limit = max(floor, start - maximumBytes)
        var lines = 0
        var cut = start
        while cut > limit {
            if bytes[cut - 1] == 0x0A {
                lines += 1
                if lines > maximumLines { break }
            }
            cut -= 1
        }
        if cut == start - maximumBytes && cut > floor {
            while cut < start && !isSpace(bytes[cut]) { cut += 1 }
        }
        return cut..<start
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }
}
