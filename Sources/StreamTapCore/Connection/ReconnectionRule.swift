/// When to reconnect after an attempt ended: the HTML Standard's
/// "reestablish the connection" for event streams, backoff for the rest,
/// with the policy's modes.
///
/// After a stream ends, an event stream waits its reconnection time (every
/// mode but `off`); any other stream backs off by the policy. A connection
/// that cannot be made is retried with a backoff: for an event stream under
/// `spec` and `always`, the reconnection time doubled for each failure in a
/// row, up to the policy's maximum (or the reconnection time, if longer);
/// otherwise the policy's own jittered delays. Only `always` tries again
/// after a refusal, `204` or a completed answer; nothing tries again after
/// a stream its protocol completed.
public enum ReconnectionRule {
    /// No wait is longer than a day, whatever a server's `retry` said.
    public static let longestDelayMilliseconds = 86_400_000

    /// The delay before the next attempt, in milliseconds, or `nil` to stop
    /// for good.
    ///
    /// - Parameters:
    ///   - reconnectionTime: the event stream's reconnection time (`nil`
    ///     for a WebSocket).
    ///   - consecutiveFailures: failed attempts (and, without a
    ///     reconnection time, short-lived streams) in a row, this one
    ///     included.
    public static func delayMilliseconds(
        after end: AttemptEnd,
        policy: ReconnectPolicy,
        reconnectionTime: Int?,
        consecutiveFailures: Int,
        using generator: inout some RandomNumberGenerator
    ) -> Int? {
        switch (end, policy.mode) {
        case (_, .off), (.unrecoverable, _), (.completed, _):
            return nil
        case (.streamEnded, _):
            if let reconnectionTime { return clamp(reconnectionTime) }
            return policy.delayMilliseconds(forAttempt: max(1, consecutiveFailures), using: &generator)
        case (.refused, .always), (.noContent, .always), (.answered, .always), (.connectionFailed, _):
            break
        case (.refused, _), (.noContent, _), (.answered, _):
            return nil
        }
        if let maxAttempts = policy.maxAttempts, consecutiveFailures > maxAttempts { return nil }
        guard let reconnectionTime, policy.mode != .backoff else {
            return policy.delayMilliseconds(forAttempt: max(1, consecutiveFailures), using: &generator)
        }
        let base = clamp(reconnectionTime)
        let doublings = min(max(consecutiveFailures - 1, 0), 30)
        let grown = base.multipliedReportingOverflow(by: 1 << doublings)
        let ceiling = max(policy.maximumDelayMilliseconds, base)
        return clamp(grown.overflow ? ceiling : min(grown.partialValue, ceiling))
    }

    private static func clamp(_ milliseconds: Int) -> Int {
        min(max(milliseconds, 0), longestDelayMilliseconds)
    }
}
