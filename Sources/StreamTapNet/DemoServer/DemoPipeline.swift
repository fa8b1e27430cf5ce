import NIOCore
import NIOHTTP1
import NIOWebSocket

/// Builds the pipeline of every accepted connection: one HTTP/1.1 server
/// that either upgrades to WebSocket (for a valid request to a `/ws/`
/// route) or hands the request to the `DemoHTTPHandler`.
struct DemoPipeline: Sendable {
    let configuration: DemoServerConfiguration
    let tracker: ConnectionTracker
    let hub: ChatHub

    /// Configures `channel`; runs on the channel's event loop.
    func configure(_ channel: any Channel) throws {
        let pipeline = channel.pipeline.syncOperations
        guard tracker.admit(channel) else {
            try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
            try pipeline.addHandler(ConnectionRefusalHandler(limit: configuration.maxConnections))
            return
        }
        let upgrader = NIOTypedWebSocketServerUpgrader<Void>(
            maxFrameSize: configuration.maxMessageSize,
            enableAutomaticErrorHandling: false,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(Self.upgradeResponseHeaders(for: head))
            },
            upgradePipelineHandler: { [self] channel, head in
                channel.eventLoop.makeCompletedFuture { try addWebSocketHandler(to: channel, for: head) }
            }
        )
        let upgrade = NIOTypedHTTPServerUpgradeConfiguration<Void>(
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { [hub, configuration] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        DemoHTTPHandler(hub: hub, configuration: configuration)
                    )
                }
            }
        )
        var http = NIOUpgradableHTTPServerPipelineConfiguration(upgradeConfiguration: upgrade)
        http.decoderConfiguration.maxHeaderFieldSize = configuration.maxRequestHeadSize
        http.decoderConfiguration.maxHeaderListSize = configuration.maxRequestHeadSize
        http.decoderConfiguration.maxHeaderFieldCount = 100
        _ = try pipeline.configureUpgradableHTTPServerPipeline(configuration: http)
    }

    /// The extra headers of a `101` for a request to a valid WebSocket
    /// route, or `nil` to let the HTTP handler explain the refusal.
    private static func upgradeResponseHeaders(for head: HTTPRequestHead) -> HTTPHeaders? {
        guard case .webSocket = try? DemoRoute.parse(method: head.method, uri: head.uri) else { return nil }
        var headers = HTTPHeaders()
        if let deflate = PerMessageDeflateParameters.negotiate(offers: extensionOffers(head)) {
            headers.add(name: "Sec-WebSocket-Extensions", value: deflate.responseHeaderValue)
        }
        return headers
    }

    private func addWebSocketHandler(to channel: any Channel, for head: HTTPRequestHead) throws {
        guard case .webSocket(let route) = try DemoRoute.parse(method: head.method, uri: head.uri) else {
            throw RouteFailure.notFound
        }
        let deflate = try PerMessageDeflateParameters.negotiate(offers: Self.extensionOffers(head))
            .map(PerMessageDeflateCodec.init(parameters:))
        let handler = WebSocketConnectionHandler(
            eventLoop: channel.eventLoop,
            behaviour: WebSocketBehaviours.make(for: route, hub: hub),
            deflate: deflate,
            configuration: configuration
        )
        try channel.pipeline.syncOperations.addHandler(handler)
    }

    private static func extensionOffers(_ head: HTTPRequestHead) -> [String] {
        head.headers[canonicalForm: "Sec-WebSocket-Extensions"].map(String.init)
    }
}
