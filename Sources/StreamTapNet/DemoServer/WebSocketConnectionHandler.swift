import NIOCore
import NIOWebSocket
import StreamTapCore

/// The server side of one WebSocket connection after the upgrade: checks
/// every client frame, answers pings, runs the close handshake, applies
/// permessage-deflate, and hands whole messages to the route's behaviour.
final class WebSocketConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private enum State {
        case open
        /// A close frame was sent; waiting for the client's, until the timer fires.
        case closing(Scheduled<Void>)
        case closed
    }

    private let behaviour: any WebSocketBehaviour
    private var assembler: WebSocketMessageAssembler
    private let deflate: PerMessageDeflateCodec?
    private let maxMessageSize: Int
    private let closeTimeout: TimeAmount
    private var rateLimit: IncomingRateLimit
    private var state = State.open
    private var context: ChannelHandlerContext?

    init(
        eventLoop: any EventLoop,
        behaviour: any WebSocketBehaviour,
        deflate: PerMessageDeflateCodec?,
        configuration: DemoServerConfiguration
    ) {
        self.eventLoop = eventLoop
        self.behaviour = behaviour
        self.deflate = deflate
        self.maxMessageSize = configuration.maxMessageSize
        self.closeTimeout = .milliseconds(Int64(configuration.closeTimeoutMilliseconds))
        self.rateLimit = IncomingRateLimit(maxPerSecond: configuration.maxIncomingMessagesPerSecond)
        self.assembler = WebSocketMessageAssembler(
            maxMessageSize: configuration.maxMessageSize,
            compressionNegotiated: deflate != nil
        )
    }

    // MARK: What behaviours use

    /// The connection's event loop.
    let eventLoop: any EventLoop

    /// Whether data messages may still be sent (no close frame sent yet).
    var isOpen: Bool {
        if case .open = state { return context != nil }
        return false
    }

    /// Whether the socket takes more data without buffering in the server.
    var isWritable: Bool {
        context?.channel.isWritable ?? false
    }

    /// Sends a data message, compressed when permessage-deflate is on.
    @discardableResult
    func send(_ message: WebSocketData) -> EventLoopFuture<Void> {
        guard let context, isOpen else { return eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
        var opcode = WebSocketOpcode.binary
        var payload: ByteBuffer
        switch message {
        case .text(let text):
            opcode = .text
            payload = context.channel.allocator.buffer(string: text)
        case .binary(let data):
            payload = data
        }
        var compressed = false
        if let deflate, payload.readableBytes > 0 {
            do {
                payload = try deflate.compress(payload, allocator: context.channel.allocator)
                compressed = true
            } catch {
                close(code: CloseCode.internalError, reason: "compression failed")
                return context.eventLoop.makeFailedFuture(error)
            }
        }
        let frame = WebSocketFrame(fin: true, rsv1: compressed, opcode: opcode, data: payload)
        return context.writeAndFlush(wrapOutboundOut(frame))
    }

    /// Sends a ping with `payload` (at most 125 bytes).
    func ping(_ payload: ByteBuffer) {
        guard let context, isOpen else { return }
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: payload)), promise: nil)
    }

    /// Starts the close handshake: sends a close frame, then waits for the
    /// client's until the close timeout.
    func close(code: Int, reason: String) {
        startClosing(code: code, reason: reason, endOutput: false)
    }

    /// Closes the TCP connection without a close frame.
    func drop() {
        guard let context else { return }
        finish()
        context.close(promise: nil)
    }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        behaviour.didOpen(self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isClosed else { return }
        switch assembler.receive(unwrapInboundIn(data)) {
        case .fragment:
            break
        case .message(let message):
            receive(message, context: context)
        case .ping(let payload):
            guard countIncoming(), isOpen else { return }
            context.writeAndFlush(
                wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: payload)),
                promise: nil
            )
        case .pong(let payload):
            if isOpen { behaviour.didReceivePong(payload, on: self) }
        case .close(let code, _):
            receiveClose(code: code, context: context)
        case .fail(let code, let reason):
            close(code: code, reason: reason)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch error {
        case NIOWebSocketError.invalidFrameLength:
            startClosing(
                code: CloseCode.messageTooBig,
                reason: "frame larger than \(maxMessageSize) bytes",
                endOutput: true
            )
        case is NIOWebSocketError:
            startClosing(code: CloseCode.protocolError, reason: "malformed control frame", endOutput: true)
        case is ByteToMessageDecoderError:
            break
        default:
            finish()
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is DemoServerShutdownEvent {
            close(code: CloseCode.goingAway, reason: "server shutting down")
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: Private

    private var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    private func receive(_ message: WebSocketMessage, context: ChannelHandlerContext) {
        guard countIncoming(), isOpen else { return }
        var data = message.data
        if message.compressed, let deflate {
            do throws(PerMessageDeflateCodec.InflateFailure) {
                data = try deflate.inflate(data, maxSize: maxMessageSize, allocator: context.channel.allocator)
            } catch {
                switch error {
                case .tooBig:
                    close(
                        code: CloseCode.messageTooBig,
                        reason: "message inflates to more than \(maxMessageSize) bytes"
                    )
                case .corrupt:
                    close(code: CloseCode.invalidPayload, reason: "message is not valid deflate data")
                }
                return
            }
        }
        if message.opcode == .text {
            guard UTF8Validator.isValid(data.readableBytesView) else {
                return close(code: CloseCode.invalidPayload, reason: "text message is not valid UTF-8")
            }
            behaviour.didReceive(.text(String(decoding: data.readableBytesView, as: UTF8.self)), on: self)
        } else {
            behaviour.didReceive(.binary(data), on: self)
        }
    }

    /// Counts a message against the rate limit; closes with 1008 past it.
    private func countIncoming() -> Bool {
        guard rateLimit.allow() else {
            close(code: CloseCode.policyViolation, reason: "more messages a second than this server accepts")
            return false
        }
        return true
    }

    private func receiveClose(code: Int?, context: ChannelHandlerContext) {
        switch state {
        case .open:
            var payload = context.channel.allocator.buffer(capacity: 2)
            if let code { payload.writeInteger(UInt16(code)) }
            let reply = WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)
            finish()
            context.writeAndFlush(wrapOutboundOut(reply)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        case .closing:
            finish()
            context.close(promise: nil)
        case .closed:
            break
        }
    }

    /// Sends a close frame and waits for the client's until the close
    /// timeout. With `endOutput`, the sending side of the socket is shut
    /// right after the frame: used when the frame decoder has failed and
    /// the client's close frame could not be read anyway.
    private func startClosing(code: Int, reason: String, endOutput: Bool) {
        guard let context, case .open = state else { return }
        var payload = context.channel.allocator.buffer(capacity: 2 + reason.utf8.count)
        payload.writeInteger(UInt16(code))
        payload.writeString(reason)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)
        let written = context.writeAndFlush(wrapOutboundOut(frame))
        if endOutput {
            written.assumeIsolated().whenSuccess { context.close(mode: .output, promise: nil) }
        }
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(in: closeTimeout) { [weak self] () -> Void in
            self?.context?.close(promise: nil)
        }
        state = .closing(timeout)
        behaviour.didClose()
    }

    /// Marks the connection closed and stops the behaviour (idempotent).
    private func finish() {
        switch state {
        case .open:
            behaviour.didClose()
        case .closing(let timeout):
            timeout.cancel()
        case .closed:
            break
        }
        state = .closed
    }
}

@available(*, unavailable)
extension WebSocketConnectionHandler: Sendable {}
