import NIOCore

/// The payload of a received or sent data message.
enum WebSocketData {
    case text(String)
    case binary(ByteBuffer)
}

/// What one WebSocket route does with an open connection. The connection
/// handler deals with the protocol; a behaviour only decides what to send.
///
/// Behaviours are confined to their connection's event loop.
protocol WebSocketBehaviour: AnyObject {
    /// The handshake completed; the connection can send.
    func didOpen(_ connection: WebSocketConnectionHandler)
    /// A whole, valid data message arrived.
    func didReceive(_ message: WebSocketData, on connection: WebSocketConnectionHandler)
    /// A pong arrived with `payload`.
    func didReceivePong(_ payload: ByteBuffer, on connection: WebSocketConnectionHandler)
    /// The connection is closing or closed: stop timers, leave rooms.
    func didClose()
}

extension WebSocketBehaviour {
    func didReceive(_ message: WebSocketData, on connection: WebSocketConnectionHandler) {}
    func didReceivePong(_ payload: ByteBuffer, on connection: WebSocketConnectionHandler) {}
    func didClose() {}
}

/// Creates the behaviour for a route.
enum WebSocketBehaviours {
    static func make(for route: WebSocketRoute, hub: ChatHub) -> any WebSocketBehaviour {
        switch route {
        case .echo:
            EchoBehaviour()
        case .chat:
            ChatBehaviour(hub: hub)
        case .ticker(let interval, let count):
            TickerBehaviour(
                interval: interval,
                limit: count,
                ending: count == nil ? .none : .close(code: 1000, reason: "ticker finished")
            )
        case .ping(let interval, let count):
            PingBehaviour(interval: interval, limit: count)
        case .close(let code, let reason, let after, let interval):
            TickerBehaviour(interval: interval, limit: after, ending: .close(code: code, reason: reason))
        case .drop(let after, let interval):
            TickerBehaviour(interval: interval, limit: after, ending: .drop)
        }
    }
}
