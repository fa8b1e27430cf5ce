import NIOCore
import StreamTapCore

/// Opens a tunnel through an HTTP proxy on a freshly connected channel:
/// writes the `CONNECT` request, reads the proxy's response head (at most
/// `maximumHeadSize` bytes), and on a `2xx` installs what comes next (TLS,
/// when the origin wants it), hands on any bytes that followed the head,
/// and leaves the pipeline.
///
/// `completion` succeeds with the head and the moment the tunnel came up,
/// or fails with a ``ProxyConnectHandler/Failure`` (and the channel is
/// closed).
final class ProxyConnectHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Why no tunnel was opened.
    enum Failure: Error, Equatable {
        /// The proxy answered with something other than `2xx`.
        case refused(ResponseHead)
        /// The proxy's answer was not an HTTP response head (or too large).
        case invalid(String)
        /// The proxy closed the connection before answering.
        case closed
        /// What comes after the proxy could not be installed.
        case setup(String)
    }

    /// A `2xx` answer and when it arrived.
    struct Tunnel {
        var head: ResponseHead
        var openedAt: ContinuousClock.Instant
    }

    private enum State {
        case idle
        case awaitingHead
        case open
        case failed
    }

    private let request: [UInt8]
    private let maximumHeadSize: Int
    private let completion: EventLoopPromise<Tunnel>
    private let installNext: (ChannelPipeline.SynchronousOperations) throws -> Void
    private var state = State.idle
    private var received: [UInt8] = []
    private var leftover: [UInt8] = []

    init(
        request: [UInt8],
        maximumHeadSize: Int = ProxyConnect.maximumHeadSize,
        completion: EventLoopPromise<Tunnel>,
        installNext: @escaping (ChannelPipeline.SynchronousOperations) throws -> Void
    ) {
        self.request = request
        self.maximumHeadSize = maximumHeadSize
        self.completion = completion
        self.installNext = installNext
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { sendRequest(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        sendRequest(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .awaitingHead = state else {
            context.fireChannelRead(data)
            return
        }
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        switch ProxyConnect.parseHead(received, maximumSize: maximumHeadSize) {
        case .incomplete:
            return
        case .invalid(let reason):
            fail(.invalid(reason), context: context)
        case .complete(let head, let length) where (200..<300).contains(head.status):
            let openedAt = ContinuousClock.now
            leftover = Array(received[length...])
            received = []
            state = .open
            do {
                try installNext(context.pipeline.syncOperations)
            } catch {
                fail(.setup("\(error)"), context: context)
                return
            }
            completion.succeed(Tunnel(head: head, openedAt: openedAt))
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        case .complete(let head, _):
            fail(.refused(head), context: context)
        }
    }

    func removeHandler(context: ChannelHandlerContext, removalToken: ChannelHandlerContext.RemovalToken) {
        if !leftover.isEmpty {
            let bytes = context.channel.allocator.buffer(bytes: leftover)
            leftover = []
            context.fireChannelRead(wrapInboundOut(bytes))
            context.fireChannelReadComplete()
        }
        context.leavePipeline(removalToken: removalToken)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .awaitingHead = state { fail(.closed, context: context) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch state {
        case .idle, .awaitingHead:
            state = .failed
            completion.fail(error)
            context.close(promise: nil)
        case .open, .failed:
            context.fireErrorCaught(error)
        }
    }

    private func sendRequest(context: ChannelHandlerContext) {
        guard case .idle = state else { return }
        state = .awaitingHead
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: request)), promise: nil)
    }

    private func fail(_ failure: Failure, context: ChannelHandlerContext) {
        state = .failed
        received = []
        completion.fail(failure)
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension ProxyConnectHandler: Sendable {}
