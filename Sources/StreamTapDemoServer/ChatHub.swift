import NIOConcurrencyHelpers

/// The chat room shared by `/ws/chat`, `/sse/chat` and `POST /sse/chat`:
/// every message posted is delivered to every subscriber.
///
/// Subscribers are called on the thread that posts; each one hops to its
/// own event loop before touching its connection.
final class ChatHub: Sendable {
    /// A subscription's handle, used to leave the room.
    struct Subscription: Hashable, Sendable {
        fileprivate let id: UInt64
    }

    private struct State {
        var nextID: UInt64 = 0
        var subscribers: [UInt64: @Sendable (String) -> Void] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// Adds `deliver` to the room; it receives every later message.
    func subscribe(_ deliver: @escaping @Sendable (String) -> Void) -> Subscription {
        state.withLockedValue { state in
            state.nextID += 1
            state.subscribers[state.nextID] = deliver
            return Subscription(id: state.nextID)
        }
    }

    func unsubscribe(_ subscription: Subscription) {
        _ = state.withLockedValue { $0.subscribers.removeValue(forKey: subscription.id) }
    }

    /// Delivers `message` to every subscriber, in the order they joined.
    func post(_ message: String) {
        let subscribers = state.withLockedValue { state in
            state.subscribers.sorted { $0.key < $1.key }.map(\.value)
        }
        for deliver in subscribers {
            deliver(message)
        }
    }
}
