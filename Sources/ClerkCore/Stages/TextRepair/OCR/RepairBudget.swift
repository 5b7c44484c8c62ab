/// How many OCR repairs a document may still get, and the choice of the surest ones.
struct RepairBudget {
    let maximum: Int
    let minimumConfidence: Double
    private(set) var used = 0
    /// Repairs sure enough but beyond the cap.
    private(set) var left = 0

    init(maximum: Int, minimumConfidence: Double) {
        self.maximum = maximum
        self.minimumConfidence = minimumConfidence
    }

    /// The edits to make in each stream: those sure enough, the surest first (then in text order)
    /// while the budget lasts.
    mutating func choose(_ edits: [[TextEdit]]) -> [[TextEdit]] {
        var ranked: [(stream: Int, edit: TextEdit)] = []
        for (stream, list) in edits.enumerated() {
            for edit in list where (edit.confidence ?? 1) >= minimumConfidence { ranked.append((stream, edit)) }
        }
        ranked.sort { ($0.edit.confidence ?? 1, -$0.stream, -$0.edit.range.lowerBound) > ($1.edit.confidence ?? 1, -$1.stream, -$1.edit.range.lowerBound) }
        var chosen = Array(repeating: [TextEdit](), count: edits.count)
        for (stream, edit) in ranked {
            if used < maximum {
                chosen[stream].append(edit)
                used += 1
            } else {
                left += 1
            }
        }
        return chosen
    }
}
