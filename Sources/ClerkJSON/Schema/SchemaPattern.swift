import Foundation

/// A compiled `pattern` / `patternProperties` regex. Matching is an unanchored search,
/// like Python's `re.search`.
///
/// JSON Schema specifies ECMA-262 regexes; this uses ICU via `NSRegularExpression`, which
/// agrees on the common syntax. One difference to keep in mind: ICU's `\d`, `\w` and `\s`
/// also match non-ASCII digits, letters and spaces, so our schemas spell out classes
/// such as `[0-9]`.
struct SchemaPattern: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable after creation and documented as thread-safe.
    let source: String
    private let regex: NSRegularExpression

    init?(_ source: String) {
        guard let regex = try? NSRegularExpression(pattern: source, options: []) else { return nil }
        self.source = source
        self.regex = regex
    }

    func matches(_ text: String) -> Bool {
        let range = NSRange(location: 0, length: text.utf16.count)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}
