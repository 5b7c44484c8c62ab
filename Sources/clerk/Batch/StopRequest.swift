import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Why a batch ends before its last file: a signal, or an output file system with no room
/// left. The first reason given wins; workers ask `isRequested` before every step, so that files
/// in flight are abandoned (their temporary files removed) and no new file is started.
final class StopRequest: Sendable {
    enum Reason: Sendable, Equatable {
        case signal(Int32)
        case outOfSpace(String)

        /// Exit status of an interrupted run, by the shell's convention (128 + the signal's
        /// number: 130 for SIGINT, 143 for SIGTERM); a full disk is a failed run (1).
        var exitStatus: Int32 {
            switch self {
            case .signal(let number): 128 + number
            case .outOfSpace: ExitStatus.someFailed
            }
        }

        var description: String {
            switch self {
            case .signal(let number): "interrupted by \(SignalListener.name(of: number))"
            case .outOfSpace(let message): "stopped: the output file system is full (\(message))"
            }
        }
    }

    private let stored = Mutex<Reason?>(nil)
    private let flag = Atomic<Bool>(false)

    /// Records `reason` unless another came first; true when it was the first.
    @discardableResult
    func request(_ reason: Reason) -> Bool {
        let first = stored.withLock { current in
            guard current == nil else { return false }
            current = reason
            return true
        }
        if first { flag.store(true, ordering: .releasing) }
        return first
    }

    var isRequested: Bool { flag.load(ordering: .acquiring) }
    var reason: Reason? { stored.withLock { $0 } }
}
