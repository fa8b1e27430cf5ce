import StreamTapCore

/// The absolute indices (in a pane's `EventLog`) of the events its filter
/// shows, in order, kept up to date as events arrive and old ones drop.
///
/// When the filter changes the index is rebuilt in steps of bounded work
/// (`advance(budget:)`), so a million stored events never freeze the UI:
/// until `isComplete`, the list shows what has been scanned so far.
public struct VisibleIndex: Sendable {
    private var indices = RingBuffer<Int>()
    /// Every event below this absolute index has been checked.
    public private(set) var scanned: Int

    /// An empty index for a log whose first event has absolute index
    /// `start`.
    public init(start: Int = 0) {
        scanned = start
    }

    /// How many events are shown.
    public var count: Int { indices.count }
    public var isEmpty: Bool { indices.isEmpty }

    /// The absolute index of the `position`-th shown event, or `nil`.
    public func index(at position: Int) -> Int? {
        position >= 0 && position < indices.count ? indices[position] : nil
    }

    /// The position of the first shown event at or after absolute index
    /// `index` (`count` when there is none), by binary search.
    public func position(atOrAfter index: Int) -> Int {
        var low = 0
        var high = indices.count
        while low < high {
            let middle = (low + high) / 2
            if indices[middle] < index {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// The position of the shown event nearest to absolute index `index`
    /// (the one at or before it, else the first after), or `nil` when
    /// nothing is shown.
    public func position(nearest index: Int) -> Int? {
        guard !indices.isEmpty else { return nil }
        let after = position(atOrAfter: index)
        if after < indices.count && indices[after] == index { return after }
        return after > 0 ? after - 1 : 0
    }

    /// Whether every stored event has been checked against the filter.
    public func isComplete(for log: EventLog) -> Bool { scanned >= log.endIndex }

    /// Checks the stored events from `scanned` up to absolute index `end`;
    /// returns how many became shown.
    @discardableResult
    public mutating func appendNew(from log: EventLog, filter: EventFilter, upTo end: Int) -> Int {
        scanned = max(scanned, log.startIndex)
        var added = 0
        while scanned < end {
            if let event = log[scanned], filter.shows(event) {
                indices.append(scanned)
                added += 1
            }
            scanned += 1
        }
        return added
    }

    /// Forgets shown events the log has dropped.
    public mutating func dropBefore(_ start: Int) {
        while let first = index(at: 0), first < start {
            indices.removeFirst()
        }
        scanned = max(scanned, start)
    }

    /// Checks up to `budget` more stored events. Returns how many became
    /// shown.
    @discardableResult
    public mutating func advance(in log: EventLog, filter: EventFilter, budget: Int) -> Int {
        appendNew(from: log, filter: filter, upTo: min(log.endIndex, max(scanned, log.startIndex) + max(0, budget)))
    }

    /// The share of the log checked so far, from 0 to 100.
    public func percentScanned(of log: EventLog) -> Int {
        let total = log.endIndex - log.startIndex
        guard total > 0 else { return 100 }
        return min(100, max(0, (scanned - log.startIndex) * 100 / total))
    }
}
