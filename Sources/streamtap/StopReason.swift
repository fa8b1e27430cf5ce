import NIOConcurrencyHelpers

/// Why `cat` stopped on its own, if it did: both mean success.
final class StopReason: Sendable {
    enum Reason: Sendable {
        case countReached
        case timeUp
    }

    private let box = NIOLockedValueBox<Reason?>(nil)

    var value: Reason? { box.withLockedValue { $0 } }

    /// Records the first reason only.
    func set(_ reason: Reason) {
        box.withLockedValue { current in
            if current == nil { current = reason }
        }
    }
}
