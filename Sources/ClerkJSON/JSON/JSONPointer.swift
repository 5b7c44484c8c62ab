/// An RFC 6901 JSON Pointer, kept as unescaped reference tokens.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    public static let root = JSONPointer(tokens: [])

    public var tokens: [String]

    public init(tokens: [String]) {
        self.tokens = tokens
    }

    public func appending(_ key: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(key)
        return copy
    }

    public func appending(_ index: Int) -> JSONPointer {
        appending(String(index))
    }

    /// "" for the root, otherwise "/a/0/b", with "~" written as "~0" and "/" as "~1".
    public var description: String {
        var out = ""
        for token in tokens {
            out.append("/")
            out.append(Self.escape(token))
        }
        return out
    }

    static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        var out = ""
        for ch in token.unicodeScalars {
            switch ch {
            case "~": out.append("~0")
            case "/": out.append("~1")
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Parses the string form ("" or "/a/b"); nil if it is not a valid pointer
    /// (it does not start with "/", or a "~" is not followed by "0" or "1").
    init?(parsing text: String) {
        if text.isEmpty {
            self.init(tokens: [])
            return
        }
        guard text.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var scalars = raw.unicodeScalars.makeIterator()
            while let ch = scalars.next() {
                guard ch == "~" else {
                    token.unicodeScalars.append(ch)
                    continue
                }
                switch scalars.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: return nil
                }
            }
            tokens.append(token)
        }
        self.init(tokens: tokens)
    }
}
