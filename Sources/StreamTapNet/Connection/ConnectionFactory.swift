import NIOCore
import NIOPosix
import StreamTapCore

/// Makes the connection for an endpoint, whatever its protocol: the one
/// place that picks a transport. `streamtap cat`, the TUI and `:connect`
/// all open connections here.
public enum ConnectionFactory {
    /// A connection to `endpoint` whose events carry `id` and go to `sink`;
    /// call ``ManagedConnection/start()`` to begin.
    public static func make(
        endpoint: Endpoint,
        options: StreamOptions,
        id: Int = 0,
        sink: any StreamEventSink,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) -> ManagedConnection {
        let loop = group.next()
        let emitter = EventEmitter(connectionID: id, sink: sink)
        let transport: any ConnectionTransport
        var capabilities: ConnectionCapabilities
        switch endpoint.protocolKind {
        case .websocket:
            transport = WebSocketTransport(endpoint: endpoint, options: options, emitter: emitter, loop: loop)
            capabilities = .webSocket
        case .sse:
            transport = SSETransport(endpoint: endpoint, options: options, emitter: emitter, loop: loop)
            capabilities = .eventStream
        }
        let target = options.eventStreamTarget(endpoint)
        let safe = endpoint.protocolKind == .websocket || target.isSafeToRepeat
        if !safe { capabilities.insert(.repeatsUnsafeRequest) }
        let settings = ConnectionSettings(
            autoPong: options.autoPong,
            reconnect: options.reconnect
                ?? ReconnectPolicy.standard(for: endpoint.protocolKind, requestIsSafeToRepeat: safe)
        )
        return ManagedConnection(
            id: id,
            endpoint: endpoint,
            capabilities: capabilities,
            settings: settings,
            loop: loop,
            emitter: emitter,
            transport: transport
        )
    }
}
