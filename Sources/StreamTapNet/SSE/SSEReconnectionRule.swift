import StreamTapCore

/// How an attempt to read an event stream ended, as far as reconnecting is
/// concerned.
enum SSEAttemptEnd: Sendable, Equatable {
    /// A stream was open and ended, cleanly or not.
    case streamEnded
    /// The connection could not be made or the server did not answer (DNS,
    /// TCP, TLS, a timeout, a connection closed before the response).
    case connectionFailed
    /// The server answered, but not with a stream: an HTTP error, a wrong
    /// `Content-Type`, a redirect that cannot be followed.
    case refused
    /// The server answered `204 No Content`.
    case noContent
    /// Trying again cannot help (the TLS files cannot be read).
    case unrecoverable
}

/// When to reconnect an event stream: the HTML Standard's "reestablish the
/// connection", with the policy's modes.
///
/// After a stream ends, every mode but `off` waits the reconnection time.
/// A connection that cannot be made is retried with a backoff: `spec` and
/// `always` double the reconnection time for each failure in a row, up to
/// the policy's maximum (or the reconnection time, if longer); `backoff`
/// uses the policy's own jittered delays. Only `always` tries again after a
/// refusal or `204`.
enum SSEReconnectionRule {
    /// No wait is longer than a day, whatever the server's `retry` said.
    static let longestDelayMilliseconds = 86_400_000

    /// The delay before the next attempt, in milliseconds, or `nil` to stop
    /// for good.
    ///
    /// - Parameter consecutiveFailures: failed attempts in a row, this one
    ///   included (0 after a stream ended).
    static func delayMilliseconds(
        after end: SSEAttemptEnd,
        policy: ReconnectPolicy,
        reconnectionTime: Int,
        consecutiveFailures: Int,
        using generator: inout some RandomNumberGenerator
    ) -> Int? {
        let reconnectionTime = clamp(reconnectionTime)
        switch (end, policy.mode) {
        case (_, .off), (.unrecoverable, _):
            return nil
        case (.streamEnded, _):
            return reconnectionTime
        case (.refused, .always), (.noContent, .always), (.connectionFailed, _):
            break
        case (.refused, _), (.noContent, _):
            return nil
        }
        if let maxAttempts = policy.maxAttempts, consecutiveFailures > maxAttempts { return nil }
        if policy.mode == .backoff {
            return policy.delayMilliseconds(forAttempt: consecutiveFailures, using: &generator)
        }
        let doublings = min(max(consecutiveFailures - 1, 0), 30)
        let grown = reconnectionTime.multipliedReportingOverflow(by: 1 << doublings)
        let ceiling = max(policy.maximumDelayMilliseconds, reconnectionTime)
        return clamp(grown.overflow ? ceiling : min(grown.partialValue, ceiling))
    }

    private static func clamp(_ milliseconds: Int) -> Int {
        min(max(milliseconds, 0), longestDelayMilliseconds)
    }
}
