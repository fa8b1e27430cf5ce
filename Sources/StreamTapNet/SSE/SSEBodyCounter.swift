import NIOCore
import NIOHTTP1

/// Counts the response body as it arrives, before the decompressor undoes
/// its `Content-Encoding`, and notes when its first byte came.
final class SSEBodyCounter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias InboundOut = HTTPClientResponsePart

    /// Body bytes read so far (without the chunked framing).
    private(set) var bytes = 0
    /// When the first body byte arrived.
    private(set) var firstByte: ContinuousClock.Instant?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .body(let buffer) = unwrapInboundIn(data), buffer.readableBytes > 0 {
            if firstByte == nil { firstByte = .now }
            bytes += buffer.readableBytes
        }
        context.fireChannelRead(data)
    }
}

@available(*, unavailable)
extension SSEBodyCounter: Sendable {}
