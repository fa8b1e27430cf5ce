import NIOCore
import StreamTapCore

/// `/ws/chat`: every text message goes to the chat room; every message in
/// the room (from any client, WebSocket or SSE) comes back as text.
final class ChatBehaviour: WebSocketBehaviour {
    private let hub: ChatHub
    private var subscription: ChatHub.Subscription?

    init(hub: ChatHub) {
        self.hub = hub
    }

    func didOpen(_ connection: WebSocketSessionHandler) {
        let eventLoop = connection.eventLoop
        let bound = NIOLoopBound(connection, eventLoop: eventLoop)
        subscription = hub.subscribe { message in
            eventLoop.execute { bound.value.deliverChat(message) }
        }
    }

    func didReceive(_ message: WebSocketData, on connection: WebSocketSessionHandler) {
        switch message {
        case .text(let text):
            hub.post(text)
        case .binary:
            connection.close(code: CloseCode.unsupportedData, reason: "the chat takes text messages only")
        }
    }

    func didClose() {
        if let subscription {
            hub.unsubscribe(subscription)
        }
        subscription = nil
    }
}

extension WebSocketSessionHandler {
    /// Sends a chat message, or closes with 1008 when the client reads so
    /// slowly that messages pile up in the server.
    fileprivate func deliverChat(_ message: String) {
        guard isOpen else { return }
        guard isWritable else {
            close(code: CloseCode.policyViolation, reason: "too slow: chat messages are piling up")
            return
        }
        send(.text(message))
    }
}

@available(*, unavailable)
extension ChatBehaviour: Sendable {}
