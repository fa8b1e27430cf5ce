/// When and how soon a dropped connection is tried again.
///
/// Backoff is exponential with full jitter: attempt *n* waits a random time
/// between the minimum and `min(maximum, minimum × 2^(n-1))`, so many
/// clients dropped at once do not come back in lock step.
///
/// `spec` and `always` describe Server-Sent Events reconnection, which
/// waits the stream's reconnection time rather than a backoff; the SSE
/// engine applies them. Where a connection has no reconnection time
/// (WebSocket), they back off like `backoff`.
public struct ReconnectPolicy: Sendable, Equatable, CustomStringConvertible {
    public enum Mode: String, Sendable, Equatable {
        /// Never reconnect.
        case off
        /// Reconnect with exponential backoff and full jitter.
        case backoff
        /// As browsers do for `EventSource`: after a stream ends, wait the
        /// reconnection time (the server's `retry`, 3 s by default); back
        /// off only when a connection cannot be made; stop for good after
        /// an HTTP error, a wrong `Content-Type` or `204 No Content`.
        case spec
        /// Like `spec`, and also try again (with backoff) after an HTTP
        /// error, a wrong `Content-Type` or `204 No Content`.
        case always
    }

    public var mode: Mode
    public var minimumDelayMilliseconds: Int
    public var maximumDelayMilliseconds: Int
    /// Give up after this many reconnection attempts (`nil`: never).
    public var maxAttempts: Int?

    public init(
        mode: Mode,
        minimumDelayMilliseconds: Int = 500,
        maximumDelayMilliseconds: Int = 30_000,
        maxAttempts: Int? = nil
    ) {
        self.mode = mode
        self.minimumDelayMilliseconds = max(0, minimumDelayMilliseconds)
        self.maximumDelayMilliseconds = max(self.minimumDelayMilliseconds, maximumDelayMilliseconds)
        self.maxAttempts = maxAttempts
    }

    public static let off = ReconnectPolicy(mode: .off)

    /// The policy a connection has unless told otherwise: an event stream
    /// reconnects as a browser's `EventSource` does (`spec`), unless its
    /// request is not safe to repeat (a `POST` with a body: each attempt
    /// would be a new completion or session); a WebSocket does not
    /// reconnect.
    public static func standard(for protocolKind: StreamProtocol, requestIsSafeToRepeat: Bool) -> ReconnectPolicy {
        protocolKind == .sse && requestIsSafeToRepeat ? ReconnectPolicy(mode: .spec) : .off
    }

    /// The policy that turning reconnection on (again) gives a connection
    /// that has none: `spec` for an event stream, backoff for a WebSocket.
    public static func whenTurnedOn(for protocolKind: StreamProtocol?) -> ReconnectPolicy {
        ReconnectPolicy(mode: protocolKind == .sse ? .spec : .backoff)
    }

    /// The delay before reconnection attempt `attempt` (1 for the first
    /// reconnection), or `nil` when the policy says to stop.
    public func delayMilliseconds(forAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Int? {
        guard mode != .off, attempt >= 1 else { return nil }
        if let maxAttempts, attempt > maxAttempts { return nil }
        let doublings = min(attempt - 1, 30)
        let grown = minimumDelayMilliseconds.multipliedReportingOverflow(by: 1 << doublings)
        let ceiling =
            grown.overflow ? maximumDelayMilliseconds : min(maximumDelayMilliseconds, max(1, grown.partialValue))
        guard ceiling > minimumDelayMilliseconds else { return minimumDelayMilliseconds }
        return Int.random(in: minimumDelayMilliseconds...ceiling, using: &generator)
    }

    public var description: String {
        let attempts = maxAttempts.map { ":\($0)" } ?? ""
        switch mode {
        case .off: return "off"
        case .backoff: return "backoff:\(minimumDelayMilliseconds)-\(maximumDelayMilliseconds)\(attempts)"
        case .spec, .always: return mode.rawValue + attempts
        }
    }

    /// Parses `off`, `on` (backoff from 500 ms to 30 s),
    /// `backoff[:MIN-MAX[:ATTEMPTS]]` with delays in milliseconds or with an
    /// `ms`/`s` suffix (e.g. `backoff:250ms-10s:5`), or `spec[:ATTEMPTS]`
    /// and `always[:ATTEMPTS]`. `ATTEMPTS` bounds the failed attempts in a
    /// row.
    public init(parsing text: String) throws(InputError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts[0] {
        case "off", "none":
            guard parts.count == 1 else { throw Self.usage(text) }
            self = .off
        case "spec", "always":
            guard parts.count <= 2 else { throw Self.usage(text) }
            var policy = ReconnectPolicy(mode: parts[0] == "spec" ? .spec : .always)
            if parts.count == 2 {
                guard let attempts = Int(parts[1]), attempts > 0 else { throw Self.usage(text) }
                policy.maxAttempts = attempts
            }
            self = policy
        case "on", "backoff":
            guard parts.count <= 3 else { throw Self.usage(text) }
            var policy = ReconnectPolicy(mode: .backoff)
            if parts.count >= 2 {
                let bounds = parts[1].split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count == 2, let low = Self.milliseconds(bounds[0]),
                    let high = Self.milliseconds(bounds[1]), low <= high
                else { throw Self.usage(text) }
                policy = ReconnectPolicy(mode: .backoff, minimumDelayMilliseconds: low, maximumDelayMilliseconds: high)
            }
            if parts.count == 3 {
                guard let attempts = Int(parts[2]), attempts > 0 else { throw Self.usage(text) }
                policy.maxAttempts = attempts
            }
            self = policy
        default:
            throw Self.usage(text)
        }
    }

    /// The longest delay a policy may name: a day.
    static let maximumDelayMilliseconds = 86_400_000

    /// `250ms`, `10s` or `250` (milliseconds), from 0 to a day.
    private static func milliseconds(_ text: some StringProtocol) -> Int? {
        let value: Int?
        if text.hasSuffix("ms") {
            value = Int(text.dropLast(2))
        } else if text.hasSuffix("s") {
            value = Int(text.dropLast()).flatMap { $0 > maximumDelayMilliseconds ? nil : $0 * 1000 }
        } else {
            value = Int(text)
        }
        return value.flatMap { (0...maximumDelayMilliseconds).contains($0) ? $0 : nil }
    }

    private static func usage(_ text: String) -> InputError {
        InputError(
            description:
                "invalid reconnect policy '\(text)': use off, spec[:ATTEMPTS], always[:ATTEMPTS], on, or backoff:MIN-MAX[:ATTEMPTS] (e.g. backoff:250ms-10s:5; delays up to 1 day)"
        )
    }
}
