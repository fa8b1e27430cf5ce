import Foundation
import StreamTapCore

/// Where connections deliver their events for the UI: a lock-protected
/// queue plus a doorbell that rings only when the queue goes from empty to
/// non-empty, so a flood of events costs one wake-up per drain.
///
/// Network threads call `receive`; the UI thread calls `drain`. The queue
/// is bounded: when the UI falls behind by more than `capacity` events the
/// oldest queued ones are dropped and counted per connection (shown as
/// dropped in their pane).
public final class EventInbox: StreamEventSink, @unchecked Sendable {
    // Every mutable field below is guarded by `lock`.
    private let lock = NSLock()
    private var queue: [StreamEvent] = []
    private var head = 0
    private var dropped: [Int: Int] = [:]
    private let capacity: Int
    /// The bell the UI loop polls.
    public let doorbell: Doorbell?

    /// An inbox holding at most `capacity` undelivered events.
    public init(capacity: Int = 500_000) {
        self.capacity = max(1, capacity)
        doorbell = Doorbell()
    }

    public func receive(_ event: StreamEvent) {
        lock.lock()
        let wasEmpty = head == queue.count
        queue.append(event)
        if queue.count - head > capacity {
            dropped[queue[head].connectionID, default: 0] += 1
            head += 1
            compactIfWasteful()
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
        let end = min(queue.count, head + max(0, limit))
        let events = Array(queue[head..<end])
        head = end
        let drops = dropped
        dropped = [:]
        if head == queue.count {
            queue.removeAll(keepingCapacity: queue.count < 65_536)
            head = 0
        } else {
            compactIfWasteful()
        }
        return (events, drops, head < queue.count)
    }

    /// How many events wait.
    public var pendingCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return queue.count - head
    }

    /// Drops the consumed front of the queue when it is most of it.
    private func compactIfWasteful() {
        if head > 4096 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }
}
