#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The descriptor the signal handlers write to (a doorbell's write end).
/// Set before the handlers are installed and only read by them.
nonisolated(unsafe) private var relayDescriptor: Int32 = -1
/// The SIGWINCH disposition found at install time (ncurses' handler),
/// called first by ours. Set before the handlers are installed.
nonisolated(unsafe) private var previousResizeAction = sigaction()

/// Turns SIGINT, SIGTERM and SIGHUP into a quit request, SIGTSTP into a
/// suspend request and SIGWINCH into a resize wake-up, written to the UI
/// loop's doorbell.
///
/// Signals go to any thread of the process, often a network thread, so a
/// resize would not interrupt the UI loop's `poll()`; the handlers write a
/// byte to the doorbell pipe instead (an async-signal-safe `write`), and the
/// SIGWINCH handler first calls the one ncurses installed so it still
/// learns the new size. Install one relay at a time, on the UI thread.
struct SignalRelay {
    private var saved: [(Int32, sigaction)] = []

    /// Installs the handlers, writing to `doorbell`.
    init(doorbell: Doorbell) {
        relayDescriptor = doorbell.writeDescriptor
        var current = sigaction()
        sigaction(SIGWINCH, nil, &current)
        previousResizeAction = current
        for number in [SIGINT, SIGTERM, SIGHUP] {
            saved.append((number, Self.install(number, handler: quitHandler)))
        }
        saved.append((SIGWINCH, Self.install(SIGWINCH, handler: resizeHandler)))
        saved.append((SIGTSTP, Self.install(SIGTSTP, handler: suspendHandler)))
        // A parent may have started us with these blocked; then no thread
        // would ever take them. Let the UI thread take them.
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP] {
            sigaddset(&signals, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Puts the previous handlers back.
    func uninstall() {
        for (number, action) in saved {
            var action = action
            sigaction(number, &action, nil)
        }
    }

    private static func install(_ number: Int32, handler: @convention(c) (Int32) -> Void) -> sigaction {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(number, &action, &previous)
        return previous
    }
}

private func quitHandler(_ number: Int32) {
    ring(.quit)
}

private func suspendHandler(_ number: Int32) {
    ring(.suspend)
}

private func resizeHandler(_ number: Int32) {
    let savedErrno = errno
    defer { errno = savedErrno }
    let previous = previousResizeAction
    #if canImport(Glibc)
    let handler = previous.__sigaction_handler.sa_handler
    #else
    let handler = previous.__sigaction_u.__sa_handler
    #endif
    if previous.sa_flags & Int32(SA_SIGINFO) == 0, let handler, unsafeBitCast(handler, to: Int.self) > 1 {
        handler(number)
    }
    ring(.resize)
}

/// Writes `reason` to the doorbell from a signal handler. The interrupted
/// thread may be between a failed call and its look at `errno`; `write`
/// (and ncurses' handler before it) could change it, so it is put back.
private func ring(_ reason: Doorbell.Reason) {
    let savedErrno = errno
    var byte = reason.rawValue
    _ = write(relayDescriptor, &byte, 1)
    errno = savedErrno
}
