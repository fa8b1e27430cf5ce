import NIOCore
import NIOHTTP1
import StreamTapCore

/// Upgrades a valid handshake for a `/ws/` route to WebSocket (RFC 6455
/// §4.2.2): answers `101` with `Sec-WebSocket-Accept` and the
/// permessage-deflate agreement, then puts a ``WebSocketSessionHandler``
/// where the HTTP handler was. The session reads raw bytes: no frame codec
/// is added.
///
/// A request it refuses (no single `Sec-WebSocket-Key`, a version other
/// than 13, a path that is no WebSocket route) goes on to the
/// `DemoHTTPHandler`, which explains the refusal.
struct DemoWebSocketUpgrader: HTTPServerProtocolUpgrader, Sendable {
    /// Why a request was not upgraded; the HTTP handler answers it.
    enum Refusal: Error {
        /// The request lacks a single key or version 13.
        case invalidHandshake
        /// The path is not a valid WebSocket route.
        case notAWebSocketRoute
    }

    let configuration: DemoServerConfiguration
    let hub: ChatHub

    let supportedProtocol = "websocket"

    /// None: NIO would also require these names in the `Connection`
    /// header, which RFC 6455 does not ask of clients. The handshake
    /// headers are checked in `buildUpgradeResponse` instead.
    let requiredUpgradeHeaders: [String] = []

    func buildUpgradeResponse(
        channel: any Channel,
        upgradeRequest: HTTPRequestHead,
        initialResponseHeaders: HTTPHeaders
    ) -> EventLoopFuture<HTTPHeaders> {
        channel.eventLoop.makeCompletedFuture { try Self.responseHeaders(for: upgradeRequest) }
    }

    func upgrade(context: ChannelHandlerContext, upgradeRequest: HTTPRequestHead) -> EventLoopFuture<Void> {
        context.eventLoop.makeCompletedFuture { try startSession(context, for: upgradeRequest) }
    }

    /// The headers of the `101` for a valid handshake.
    private static func responseHeaders(for head: HTTPRequestHead) throws(Refusal) -> HTTPHeaders {
        let keys = head.headers[canonicalForm: "Sec-WebSocket-Key"]
        let versions = head.headers[canonicalForm: "Sec-WebSocket-Version"]
        guard keys.count == 1, versions == ["13"] else { throw .invalidHandshake }
        guard case .webSocket = try? DemoRoute.parse(method: head.method, uri: head.uri) else {
            throw .notAWebSocketRoute
        }
        var headers = HTTPHeaders()
        if let deflate = PerMessageDeflate.Agreement.negotiated(offers: extensionOffers(head)) {
            headers.add(name: "Sec-WebSocket-Extensions", value: deflate.responseHeaderValue)
        }
        headers.add(name: "Upgrade", value: "websocket")
        headers.add(
            name: "Sec-WebSocket-Accept",
            value: WebSocketHandshakeRules.expectedAccept(forKey: String(keys[0]))
        )
        headers.add(name: "Connection", value: "upgrade")
        return headers
    }

    /// Replaces the HTTP handler with the session once the `101` is sent
    /// (NIO has already removed the HTTP codec).
    private func startSession(_ context: ChannelHandlerContext, for head: HTTPRequestHead) throws {
        let pipeline = context.pipeline.syncOperations
        guard case .webSocket(let route) = try DemoRoute.parse(method: head.method, uri: head.uri) else {
            throw Refusal.notAWebSocketRoute
        }
        pipeline.removeHandler(context: try pipeline.context(handlerType: DemoHTTPHandler.self), promise: nil)
        let session = try WebSocketSessionHandler(
            eventLoop: context.eventLoop,
            behaviour: WebSocketBehaviours.make(for: route, hub: hub),
            deflate: PerMessageDeflate.Agreement.negotiated(offers: Self.extensionOffers(head)),
            configuration: configuration
        )
        try pipeline.addHandler(session)
    }

    private static func extensionOffers(_ head: HTTPRequestHead) -> [String] {
        head.headers[canonicalForm: "Sec-WebSocket-Extensions"].map(String.init)
    }
}
