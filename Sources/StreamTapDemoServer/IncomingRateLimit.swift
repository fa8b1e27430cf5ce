import NIOCore

/// Counts a client's messages in one-second windows and says when it
/// sends more than it may.
struct IncomingRateLimit {
    private let maxPerSecond: Int
    private var windowStart = NIODeadline.now()
    private var count = 0

    init(maxPerSecond: Int) {
        self.maxPerSecond = maxPerSecond
    }

    /// Records one message; `false` once the current second's budget is spent.
    mutating func allow(now: NIODeadline = .now()) -> Bool {
        if now - windowStart >= .seconds(1) {
            windowStart = now
            count = 0
        }
        count += 1
        return count <= maxPerSecond
    }
}
