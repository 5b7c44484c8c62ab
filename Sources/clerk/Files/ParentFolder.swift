/// The folder part of a path, as `NSString.deletingLastPathComponent` gives it (`a/b` → `a`,
/// `/a` → `/`, `a` → ``, trailing slashes ignored). Written out because Foundation on Linux stops
/// the process on a one-character name without a folder (`t`, `t/`).
enum ParentFolder {
    static func of(_ path: String) -> String {
        var bytes = Substring(path)
        while bytes.count > 1, bytes.hasSuffix("/") { bytes.removeLast() }
        guard let slash = bytes.lastIndex(of: "/") else { return "" }
        if slash == bytes.startIndex { return "/" }
        var folder = bytes[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return String(folder)
    }
}
