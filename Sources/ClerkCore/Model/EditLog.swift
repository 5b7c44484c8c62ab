/// One change a stage made to the text: what was there, what is there now, and why.
public struct Edit: Sendable, Equatable {
    public var stage: String
    /// Bytes into the raw input.
    public var sourceOffset: Int
    public var before: String
    public var after: String
    public var reason: String
    /// What the text could have become instead, where the stage chose between readings.
    public var alternative: String?
    /// How sure the stage was of a guess (an OCR repair), from 0 to 1.
    public var confidence: Double?

    public init(
        stage: String, sourceOffset: Int, before: String, after: String, reason: String, alternative: String? = nil,
        confidence: Double? = nil
    ) {
        self.stage = stage
        self.sourceOffset = sourceOffset
        self.before = before
        self.after = after
        self.reason = reason
        self.alternative = alternative
        self.confidence = confidence
    }
}

/// Something a stage was unsure of.
public struct Warning: Sendable, Equatable {
    public var stage: String
    /// Bytes into the raw input, when the warning is about one place.
    public var sourceOffset: Int?
    public var message: String

    public init(stage: String, sourceOffset: Int? = nil, message: String) {
        self.stage = stage
        self.sourceOffset = sourceOffset
        self.message = message
    }
}

/// Every edit and warning of one conversion, in the order the stages made them.
public struct EditLog: Sendable, Equatable {
    public private(set) var edits: [Edit] = []
    public private(set) var warnings: [Warning] = []

    public init() {}

    public mutating func edit(
        stage: String, sourceOffset: Int, before: String, after: String, reason: String, alternative: String? = nil,
        confidence: Double? = nil
    ) {
        edits.append(Edit(
            stage: stage, sourceOffset: sourceOffset, before: before, after: after, reason: reason, alternative: alternative,
            confidence: confidence))
    }

    public mutating func warn(stage: String, sourceOffset: Int? = nil, _ message: String) {
        warnings.append(Warning(stage: stage, sourceOffset: sourceOffset, message: message))
    }

    /// Adds another log's edits and warnings after these (a part of the input read on its own).
    public mutating func append(contentsOf other: EditLog) {
        edits += other.edits
        warnings += other.warnings
    }
}
