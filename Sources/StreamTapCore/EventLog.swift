/// The bounded in-memory history of a connection's events, as the views see
/// it.
///
/// It is capped both by number of events and by an estimate of their memory
/// (``StreamEvent/approximateSize``); when either cap is exceeded the oldest
/// events are dropped and counted, so the UI can say how many are gone.
/// Every event keeps the *absolute index* it got when appended: index `n` is
/// the `n`-th event ever appended, whatever was dropped since, so a selection
/// or scroll position stays on the same event while the log moves on.
public struct EventLog: Sendable {
    /// How much the log may hold.
    public struct Limits: Sendable, Equatable {
        public var maxCount: Int
        public var maxBytes: Int

        public init(maxCount: Int, maxBytes: Int) {
            self.maxCount = Swift.max(1, maxCount)
            self.maxBytes = Swift.max(1, maxBytes)
        }

        /// 1,000,000 events or 256 MiB, whichever comes first.
        public static let standard = Limits(maxCount: 1_000_000, maxBytes: 256 << 20)
    }

    public let limits: Limits
    /// The events themselves: their sizes are recomputed when they are
    /// dropped rather than stored, which would cost 8 bytes per event.
    private var entries = RingBuffer<StreamEvent>()
    /// The estimated memory held by the retained events.
    public private(set) var byteCount = 0
    /// How many events were dropped to respect the limits.
    public private(set) var droppedCount = 0

    public init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// The absolute index of the oldest retained event.
    public var startIndex: Int { droppedCount }
    /// One past the absolute index of the newest event.
    public var endIndex: Int { droppedCount + entries.count }
    /// How many events are retained.
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The event with absolute index `index`, or `nil` when it was dropped or
    /// does not exist yet.
    public subscript(index: Int) -> StreamEvent? {
        guard index >= startIndex && index < endIndex else { return nil }
        return entries[index - droppedCount]
    }

    /// Appends an event in O(1) (amortised), dropping the oldest events while
    /// a limit is exceeded. The newest event is always kept, even when it
    /// alone is larger than the byte limit. Returns its absolute index.
    @discardableResult
    public mutating func append(_ event: StreamEvent) -> Int {
        let size = event.approximateSize
        entries.append(event)
        byteCount += size
        while entries.count > 1 && (entries.count > limits.maxCount || byteCount > limits.maxBytes) {
            if let dropped = entries.removeFirst() {
                byteCount -= dropped.approximateSize
                droppedCount += 1
            }
        }
        return endIndex - 1
    }
}
