import CExtendedAttributes
import ClerkCore
import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What made an output, kept with the file as its extended attribute `user.clerk.output`: the
/// SHA-256 of the output's own bytes as written, of its input, and the fingerprint of the
/// pipeline configuration. `--resume` skips an input only when each output it would write
/// carries a record of this input and this pipeline, and the file's bytes still hash to the
/// recorded digest: an output changed, truncated or edited by hand after it was written is
/// converted again, even when it still parses or validates.
///
/// An attribute rather than a list beside the outputs: it is written on the temporary file
/// before the rename, so an output and its record appear together or not at all, and a copy
/// that keeps attributes (`cp -a`, `rsync -X`) keeps them. Where the file system has none, no
/// output is ever up to date and `--resume` converts everything again.
struct OutputRecord: Equatable {
    static let attribute = "user.clerk.output"

    var outputSHA256: String
    var inputSHA256: String
    var pipelineSHA256: String

    /// `output=HEX input=HEX pipeline=HEX`.
    var encoded: String { "output=\(outputSHA256) input=\(inputSHA256) pipeline=\(pipelineSHA256)" }

    init(outputSHA256: String, inputSHA256: String, pipelineSHA256: String) {
        self.outputSHA256 = outputSHA256
        self.inputSHA256 = inputSHA256
        self.pipelineSHA256 = pipelineSHA256
    }

    init?(encoded: String) {
        var fields: [Substring: Substring] = [:]
        for field in encoded.split(separator: " ") {
            guard let equals = field.firstIndex(of: "=") else { return nil }
            fields[field[..<equals]] = field[field.index(after: equals)...]
        }
        guard let output = fields["output"], let input = fields["input"], let pipeline = fields["pipeline"] else { return nil }
        self.init(outputSHA256: String(output), inputSHA256: String(input), pipelineSHA256: String(pipeline))
    }

    /// The record of the file at `path`, or nil when it has none.
    static func read(path: String) -> OutputRecord? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let size = clerk_getxattr(path, attribute, &buffer, buffer.count)
        guard size > 0 else { return nil }
        return OutputRecord(encoded: String(decoding: buffer[..<size], as: UTF8.self))
    }

    /// Whether the output at `path` is what this pipeline wrote for this input, byte for byte.
    static func isUpToDate(path: String, inputSHA256: String, pipelineSHA256: String) -> Bool {
        guard let record = read(path: path), record.inputSHA256 == inputSHA256, record.pipelineSHA256 == pipelineSHA256,
              let digest = sha256(ofFileAt: path) else { return false }
        return digest == record.outputSHA256
    }

    /// The SHA-256 of the file at `path`, read a megabyte at a time (an output can be several
    /// times as large as its input); nil when it cannot be read.
    private static func sha256(ofFileAt path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return Converter.hex(hasher.finalize()) }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    /// Sets the record on the open file `descriptor`: nil when done or when the file system
    /// keeps no extended attributes, else the failure.
    func write(to descriptor: Int32) -> Errno? {
        let value = Array(encoded.utf8)
        guard clerk_fsetxattr(descriptor, Self.attribute, value, value.count) != 0 else { return nil }
        let error = errno
        return error == ENOTSUP || error == EOPNOTSUPP ? nil : Errno(error)
    }

    /// Why outputs in `folder` can carry no record (the file system's error), or nil when they
    /// can: a probe file is made, given an attribute, and removed.
    static func problemRecording(in folder: String) -> String? {
        let value = Array("probe".utf8)
        let set = OutputFolder.withProbeFile(in: folder) { descriptor in
            clerk_fsetxattr(descriptor, attribute, value, value.count) == 0 ? nil : "\(Errno(errno))"
        }
        return (try? set.get()) ?? nil
    }
}
