import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A started child process that any thread may end. `Process` is not
/// `Sendable`; here it is only asked whether it runs and waited for, which
/// it allows from any thread.
final class RunningChild: @unchecked Sendable {
    private let process: Process

    init(_ process: Process) {
        self.process = process
    }

    var isRunning: Bool { process.isRunning }

    /// Its exit status (128 + the signal if a signal ended it); only once
    /// it has ended.
    var status: Int32 {
        process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Sends it `signal` if it still runs.
    func send(_ signal: Int32) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
    }

    /// Kills it (SIGKILL, by its process id) if it still runs, and waits
    /// at most 2 s for it to be gone.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline {
            usleep(5_000)
        }
    }

    /// Waits until it has ended, without blocking a thread.
    func ended() async {
        while process.isRunning {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}
