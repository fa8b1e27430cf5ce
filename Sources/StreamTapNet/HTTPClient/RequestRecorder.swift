import NIOCore
import NIOHTTP1
import StreamTapCore

/// Keeps the request as it leaves for the HTTP encoder, after every handler
/// above it (the response decompressor adds `Accept-Encoding`) has had its
/// say: what is shown is what was sent, body included.
final class RequestRecorder: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// The last request written through this handler.
    private(set) var recorded: RequestHead?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            recorded = RequestHead(
                method: head.method.rawValue,
                target: head.uri,
                headers: HeaderFields(head.headers.map { (name: $0.name, value: $0.value) })
            )
        case .body(.byteBuffer(let buffer)):
            let sent = recorded?.body ?? []
            recorded?.body = sent + buffer.readableBytesView
        case .body, .end:
            break
        }
        context.write(data, promise: promise)
    }
}

@available(*, unavailable)
extension RequestRecorder: Sendable {}
