import NIOCore
import NIOHTTP1
import StreamTapCore

/// Keeps the request head as it leaves for the HTTP encoder, after every
/// handler above it (the response decompressor adds `Accept-Encoding`) has
/// had its say: what is shown is what was sent.
final class SSERequestRecorder: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// The last request head written through this handler.
    private(set) var recorded: RequestHead?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head(let head) = unwrapOutboundIn(data) {
            recorded = RequestHead(
                method: head.method.rawValue,
                target: head.uri,
                headers: HeaderFields(head.headers.map { (name: $0.name, value: $0.value) })
            )
        }
        context.write(data, promise: promise)
    }
}

@available(*, unavailable)
extension SSERequestRecorder: Sendable {}
