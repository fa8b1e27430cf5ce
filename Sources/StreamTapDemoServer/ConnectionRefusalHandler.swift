import NIOCore
import NIOHTTP1

/// Answers the request of a connection over the limit with `503 Service
/// Unavailable` and closes it, so the client learns why instead of
/// seeing a reset.
final class ConnectionRefusalHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// How long a refused connection may take to send its request.
    private static let requestTimeout = TimeAmount.seconds(2)

    private let limit: Int
    private var answered = false

    init(limit: Int) {
        self.limit = limit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.requestTimeout) {
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data), !answered else { return }
        answered = true
        HTTPResponseWriter.write(
            .serviceUnavailable,
            body: "service unavailable: this server accepts at most \(limit) connections at once\n",
            extraHeaders: [("Retry-After", "1")],
            keepAlive: false,
            context: context
        )
    }
}

@available(*, unavailable)
extension ConnectionRefusalHandler: Sendable {}
