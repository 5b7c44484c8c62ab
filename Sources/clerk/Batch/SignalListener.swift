import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM during a batch. They are blocked in every thread and taken by one thread
/// of their own with `sigwait`, so that nothing runs in a signal handler: the first one asks the
/// batch to stop (it then removes its temporary files, keeps the finished outputs and prints a
/// summary); a second one removes the temporary files still open and exits at once.
enum SignalListener {
    static let handled: [Int32] = [SIGINT, SIGTERM]

    /// Call before any other thread is started: threads inherit the blocked signals.
    static func install(stop: StopRequest) {
        var set = sigset_t()
        sigemptyset(&set)
        for number in handled { sigaddset(&set, number) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        // A file size limit (`ulimit -f`) would kill the process on SIGXFSZ; ignored, the write
        // fails with EFBIG and only that file fails.
        signal(SIGXFSZ, SIG_IGN)
        let waiting = set
        let thread = Thread {
            var set = waiting
            var received = 0
            while true {
                var number: Int32 = 0
                guard sigwait(&set, &number) == 0 else { continue }
                received += 1
                if received == 1 {
                    stop.request(.signal(number))
                    Diagnostics.warning(
                        "\(name(of: number)): stopping; files in flight are abandoned, finished outputs are kept (send it again to quit at once)")
                } else {
                    TemporaryFiles.removeAllAndExit(status: 128 + number)
                }
            }
        }
        thread.name = "clerk-signals"
        thread.start()
    }

    static func name(of number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }
}
