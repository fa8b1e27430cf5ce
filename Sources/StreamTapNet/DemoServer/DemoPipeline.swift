import NIOCore
import NIOHTTP1
import NIOWebSocket

/// Builds the pipeline of every accepted connection: one HTTP/1.1 server
/// that either upgrades to WebSocket (for a valid request to a `/ws/`
/// route) or hands the request to the `DemoHTTPHandler`.
///
/// It uses NIO's `HTTPServerUpgradeHandler`: a refused upgrade request is
/// passed on to the HTTP handler, which explains the refusal. (The typed
/// upgrade handler of NIO 2.101 swallows such a request, and the client
/// waits for an answer that never comes.)
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
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: configuration.maxMessageSize,
            automaticErrorHandling: false,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(Self.upgradeResponseHeaders(for: head))
            },
            upgradePipelineHandler: { [self] channel, head in
                channel.eventLoop.makeCompletedFuture { try switchToWebSocket(channel, for: head) }
            }
        )
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = configuration.maxRequestHeadSize
        limits.maxHeaderListSize = configuration.maxRequestHeadSize
        limits.maxHeaderFieldCount = 100
        try pipeline.configureHTTPServerPipeline(
            withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }),
            withErrorHandling: true,
            withOutboundHeaderValidation: true,
            withEncoderConfiguration: HTTPResponseEncoder.Configuration(),
            withDecoderLimitConfiguration: limits
        )
        try pipeline.addHandler(DemoHTTPHandler(hub: hub, configuration: configuration))
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

    /// Replaces the HTTP handler with the WebSocket connection handler
    /// once the `101` is sent (NIO has already removed the HTTP codec).
    private func switchToWebSocket(_ channel: any Channel, for head: HTTPRequestHead) throws {
        guard case .webSocket(let route) = try DemoRoute.parse(method: head.method, uri: head.uri) else {
            throw RouteFailure.notFound
        }
        let pipeline = channel.pipeline.syncOperations
        pipeline.removeHandler(context: try pipeline.context(handlerType: DemoHTTPHandler.self), promise: nil)
        let deflate = try PerMessageDeflateParameters.negotiate(offers: Self.extensionOffers(head))
            .map(PerMessageDeflateCodec.init(parameters:))
        let handler = WebSocketConnectionHandler(
            eventLoop: channel.eventLoop,
            behaviour: WebSocketBehaviours.make(for: route, hub: hub),
            deflate: deflate,
            configuration: configuration
        )
        try pipeline.addHandler(handler)
    }

    private static func extensionOffers(_ head: HTTPRequestHead) -> [String] {
        head.headers[canonicalForm: "Sec-WebSocket-Extensions"].map(String.init)
    }
}
