/// The payload of a received or sent data message.
enum WebSocketData {
    case text(String)
    case binary([UInt8])
}

/// What one WebSocket route does with an open connection. The session
/// handler deals with the protocol; a behaviour only decides what to send.
///
/// Behaviours are confined to their connection's event loop.
protocol WebSocketBehaviour: AnyObject {
    /// The handshake completed; the connection can send.
    func didOpen(_ connection: WebSocketSessionHandler)
    /// A whole, valid data message arrived.
    func didReceive(_ message: WebSocketData, on connection: WebSocketSessionHandler)
    /// A pong arrived with `payload`.
    func didReceivePong(_ payload: [UInt8], on connection: WebSocketSessionHandler)
    /// The connection is closing or closed: stop timers, leave rooms.
    func didClose()
}

extension WebSocketBehaviour {
    func didReceive(_ message: WebSocketData, on connection: WebSocketSessionHandler) {}
    func didReceivePong(_ payload: [UInt8], on connection: WebSocketSessionHandler) {}
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
