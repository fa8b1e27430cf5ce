/// The events of one connection of a session, and what they say about it:
/// its URL, protocol, handshake and failure. Exports (HAR, command lines)
/// work per connection.
public struct ConnectionHistory: Sendable {
    public var id: Int
    public var events: [StreamEvent]

    /// The session's connections in the order they first reported.
    public static func group(_ events: [StreamEvent]) -> [ConnectionHistory] {
        var order: [Int] = []
        var byID: [Int: [StreamEvent]] = [:]
        for event in events {
            if byID[event.connectionID] == nil { order.append(event.connectionID) }
            byID[event.connectionID, default: []].append(event)
        }
        return order.map { ConnectionHistory(id: $0, events: byID[$0] ?? []) }
    }

    /// The first successful handshake.
    public var handshake: Handshake? {
        for event in events {
            if case .open(let handshake) = event.kind { return handshake }
        }
        return nil
    }

    /// The first failure reported, when the connection never opened.
    public var failure: ErrorInfo? {
        guard handshake == nil else { return nil }
        for event in events {
            if case .error(let error) = event.kind { return error }
        }
        return nil
    }

    /// The URL first connected to.
    public var url: String {
        for event in events {
            switch event.kind {
            case .connecting(let url, _): return url
            case .open(let handshake): return handshake.url
            default: continue
            }
        }
        return ""
    }

    /// The protocol spoken, from the handshake, else from the events, else
    /// from the URL's scheme.
    public var protocolKind: StreamProtocol {
        if let handshake { return handshake.protocolKind }
        for event in events {
            switch event.kind {
            case .frame, .message: return .websocket
            case .event, .retry, .chunk: return .sse
            default: continue
            }
        }
        return url.lowercased().hasPrefix("ws") ? .websocket : .sse
    }

    public var start: Timestamp { events.first?.timestamp ?? Timestamp(nanosecondsSinceEpoch: 0) }
    public var end: Timestamp { events.last?.timestamp ?? start }
}
