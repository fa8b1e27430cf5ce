import NIOCore
import NIOHTTP1

/// Builds the pipeline of every accepted connection: one HTTP/1.1 server
/// that either upgrades to WebSocket (for a valid request to a `/ws/`
/// route, see `DemoWebSocketUpgrader`) or hands the request to the
/// `DemoHTTPHandler`.
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
        let upgrader = DemoWebSocketUpgrader(configuration: configuration, hub: hub)
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
}
