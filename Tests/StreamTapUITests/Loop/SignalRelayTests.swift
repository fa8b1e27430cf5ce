import Testing

@testable import StreamTapUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signal handlers that wake the UI loop.
@Suite(.serialized) struct SignalRelayTests {
    /// A signal arriving between a failed call and its look at `errno` must
    /// not change what the interrupted code reads, even when the handler's
    /// own `write` fails (here: the doorbell's pipe is full).
    @Test(arguments: [SIGHUP, SIGWINCH])
    func aHandlerLeavesErrnoAsItFoundIt(signal: Int32) throws {
        let doorbell = try #require(Doorbell())
        for _ in 0..<100_000 { doorbell.ring(.events) }
        // The relay keeps only the pipe's descriptor: the doorbell must
        // outlive the signal, or its pipe would be closed under the handler.
        withExtendedLifetime(doorbell) {
            let relay = SignalRelay(doorbell: doorbell)
            defer { relay.uninstall() }
            errno = EINTR
            raise(signal)
            let seen = errno
            #expect(seen == EINTR, "errno was \(seen) after the handler ran")
        }
    }

    /// Each signal rings the doorbell with its own reason.
    @Test func signalsRingTheirReasons() throws {
        let doorbell = try #require(Doorbell())
        let relay = SignalRelay(doorbell: doorbell)
        defer { relay.uninstall() }
        raise(SIGHUP)
        raise(SIGWINCH)
        #expect(doorbell.drain() == [.quit, .resize])
    }
}
