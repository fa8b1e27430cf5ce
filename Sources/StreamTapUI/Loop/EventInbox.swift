import Foundation
import StreamTapCore

/// Where connections deliver their events for the UI: a lock-protected
/// queue plus a doorbell that rings only when the queue goes from empty to
/// non-empty, so a flood of events costs one wake-up per drain.
///
/// Network threads call `receive`; the UI thread calls `drain`. The queue
/// is bounded: when the UI falls behind by more than `capacity` events the
/// oldest queued ones are dropped and counted per connection (shown as
/// dropped in their pane). The queue is a chunked ``RingBuffer``, so a
/// backlog of hundreds of thousands of events never stops to copy itself
/// into a larger array, and its memory goes back a chunk at a time as the
/// UI catches up.
public final class EventInbox: StreamEventSink, @unchecked Sendable {
    // Every mutable field below is guarded by `lock`.
    private let lock = NSLock()
    private var queue = RingBuffer<StreamEvent>()
    private var dropped: [Int: Int] = [:]
    private let capacity: Int
    /// The bell the UI loop polls.
    public let doorbell: Doorbell?

    /// An inbox holding at most `capacity` undelivered events. The default,
    /// 200,000, is about a tenth of a second of what the UI takes in under
    /// a flood, and bounds the backlog's memory to ~40 MB of 64-byte
    /// messages, beside a full event log.
    public init(capacity: Int = 200_000) {
        self.capacity = max(1, capacity)
        doorbell = Doorbell()
    }

    public func receive(_ event: StreamEvent) {
        lock.lock()
        let wasEmpty = queue.isEmpty
        queue.append(event)
        if queue.count > capacity, let oldest = queue.removeFirst() {
            dropped[oldest.connectionID, default: 0] += 1
        }
        lock.unlock()
        if wasEmpty {
            doorbell?.ring(.events)
        }
    }

    /// Asks the UI loop to quit (from a signal handler's thread or anywhere).
    public func requestQuit() {
        doorbell?.ring(.quit)
    }

    /// Takes up to `limit` of the oldest events, the drop counts since the
    /// last drain, and whether more events are waiting.
    public func drain(limit: Int) -> (events: [StreamEvent], dropped: [Int: Int], hasMore: Bool) {
        lock.lock()
        defer { lock.unlock() }
        var events: [StreamEvent] = []
        events.reserveCapacity(min(queue.count, max(0, limit)))
        queue.removeFirst(limit, into: &events)
        let drops = dropped
        dropped = [:]
        return (events, drops, !queue.isEmpty)
    }

    /// How many events wait.
    public var pendingCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return queue.count
    }
}
