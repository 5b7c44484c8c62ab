import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One run of a program as a child process, for `clerk bench`: its exit status, wall time, CPU
/// time and peak resident memory (from `wait4`, which Foundation's `Process` does not report).
struct ChildRun {
    var status: Int32
    var seconds: Double
    /// CPU seconds in the program itself and in the kernel on its behalf (file creation, writes).
    /// Wall time above their sum per core is time the run waited: for a core the host lent
    /// elsewhere, or for the kernel to write back dirty pages.
    var userSeconds: Double
    var systemSeconds: Double
    var peakMegabytes: Int
    /// What it wrote on standard error (kept in a file while it runs).
    var standardError: String

    /// Runs `executable` with `arguments`, standard output discarded.
    static func run(_ executable: String, _ arguments: [String], errorFile: String) throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchFailure("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchFailure("waiting for \(executable): \(String(cString: strerror(errno)))") }
        }
        let seconds = (ContinuousClock.now - start).seconds
        // WIFEXITED / WEXITSTATUS by hand: the macros are not imported.
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let errors = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
        return ChildRun(
            status: exitStatus, seconds: seconds, userSeconds: usage.ru_utime.seconds, systemSeconds: usage.ru_stime.seconds,
            peakMegabytes: usage.ru_maxrss / 1024, standardError: errors)
    }
}

extension timeval {
    var seconds: Double { Double(tv_sec) + Double(tv_usec) / 1e6 }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
