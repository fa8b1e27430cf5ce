import StreamTapCore

/// Messages per second, measured over whole seconds of event time: the
/// count of the last complete second, so the figure is steady enough to
/// read and drops to 0 one second after a stream stops.
public struct RateMeter: Sendable, Equatable {
    private var second: Int64 = .min
    private var countThisSecond = 0
    private var countLastSecond = 0

    public init() {}

    /// Counts one message at `timestamp`.
    public mutating func record(at timestamp: Timestamp) {
        roll(to: timestamp.millisecondsSinceEpoch / 1000)
        countThisSecond += 1
    }

    /// The rate as of `now`: the count of the second before `now`'s.
    public func perSecond(at now: Timestamp) -> Int {
        let current = now.millisecondsSinceEpoch / 1000
        if current == second { return countLastSecond }
        if current == second + 1 { return countThisSecond }
        return 0
    }

    private mutating func roll(to newSecond: Int64) {
        guard newSecond != second else { return }
        countLastSecond = newSecond == second + 1 ? countThisSecond : 0
        countThisSecond = 0
        second = newSecond
    }
}
