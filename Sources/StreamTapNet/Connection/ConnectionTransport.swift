import NIOCore
import StreamTapCore

/// What a transport reports about the attempt in flight. Calls come on the
/// connection's event loop; each names the attempt it is about, so a late
/// report from an attempt that was given up is recognised and ignored.
protocol AttemptObserver: AnyObject {
    /// The attempt opened a stream.
    func attemptOpened(_ attempt: Int)
    /// The attempt failed before a stream opened.
    func attemptFailed(_ attempt: Int, _ end: AttemptEnd, reason: String)
    /// The open stream of the attempt ended; `outcome` is the connection's
    /// if nothing follows.
    func attemptEnded(_ attempt: Int, _ end: AttemptEnd, reason: String, outcome: ConnectionOutcome)
}

/// One protocol's way of making attempts: a WebSocket session, an event
/// stream. The ``ManagedConnection`` driving it decides when; the
/// transport does each attempt and carries out the protocol's commands.
///
/// Confined to the connection's event loop: every call comes on it, and
/// the transport's channels live on it too.
protocol ConnectionTransport: AnyObject {
    /// What the next attempt resumes with (an event stream's reconnection
    /// time and last event ID).
    var resumption: Resumption { get }
    /// Starts attempt `attempt` with the switches as they are now; what
    /// happens to it is reported to `observer`.
    func launch(attempt: Int, observer: any AttemptObserver, settings: ConnectionSettings)
    /// Ends the attempt in flight as `intent` says (its end is reported as
    /// usual). An attempt still connecting is given up at once and
    /// reported failed.
    func closeAttempt(_ intent: AttemptCloseIntent)
    /// Carries out a protocol command on the attempt in flight (or queues
    /// it for the session about to open).
    func perform(_ command: ConnectionCommand)
}
