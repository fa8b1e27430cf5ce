import NIOCore
import StreamTapCore
import StreamTapNet

/// The server side of one WebSocket connection after the upgrade.
///
/// The client's bytes go through the same frame parser, protocol machine
/// and bounded inflater as the client's own, in the server role: they
/// check masking, fragmentation, control frames, UTF-8, close payloads
/// and the size limits, and run the close handshake. This handler adds
/// what only the server does: the rate limit, the close timeout, the
/// shutdown close, and handing whole messages to the route's behaviour.
/// Its own frames are serialized unmasked, as a server's must be.
final class WebSocketSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case open
        /// A close frame was sent; waiting for the client's, until the timer fires.
        case closing(Scheduled<Void>)
        case closed
    }

    private let behaviour: any WebSocketBehaviour
    private var parser: WebSocketFrameParser
    private var machine: WebSocketProtocolMachine
    private let compressor: DeflateCompressor?
    private let closeTimeout: TimeAmount
    private var rateLimit: IncomingRateLimit
    private var state = State.open
    /// The client broke the protocol: nothing it sends is read any more
    /// (RFC 6455 §7.1.7), and the parser could not resume anyway.
    private var failed = false
    private var context: ChannelHandlerContext?

    /// A session for one upgraded connection; `deflate` is the
    /// permessage-deflate agreement of its handshake, if any.
    init(
        eventLoop: any EventLoop,
        behaviour: any WebSocketBehaviour,
        deflate: PerMessageDeflate.Agreement?,
        configuration: DemoServerConfiguration
    ) throws {
        self.eventLoop = eventLoop
        self.behaviour = behaviour
        self.closeTimeout = .milliseconds(Int64(configuration.closeTimeoutMilliseconds))
        self.rateLimit = IncomingRateLimit(maxPerSecond: configuration.maxIncomingMessagesPerSecond)
        self.parser = WebSocketFrameParser(maxFramePayload: configuration.maxMessageSize, role: .server)
        self.machine = WebSocketProtocolMachine(
            role: .server,
            configuration: .init(maxMessageSize: configuration.maxMessageSize, deflateNegotiated: deflate != nil),
            inflater: try deflate.map { try DeflateInflater(agreement: $0, role: .server) }
        )
        self.compressor = try deflate.map { try DeflateCompressor(agreement: $0, role: .server) }
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
        guard isOpen else { return eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
        let opcode: Opcode
        let payload: [UInt8]
        switch message {
        case .text(let text):
            opcode = .text
            payload = Array(text.utf8)
        case .binary(let bytes):
            opcode = .binary
            payload = bytes
        }
        if let compressed = compressor?.compress(payload) {
            return write(FrameInfo(direction: .outgoing, opcode: opcode, rsv1: true, payload: compressed))
        }
        return write(FrameInfo(direction: .outgoing, opcode: opcode, payload: payload))
    }

    /// Sends a ping with `payload` (at most 125 bytes).
    func ping(_ payload: [UInt8]) {
        guard isOpen else { return }
        write(FrameInfo(direction: .outgoing, opcode: .ping, payload: payload))
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
        guard !failed, !isClosed else { return }
        let violation = unwrapInboundIn(data).withUnsafeReadableBytes { bytes -> WebSocketProtocolError? in
            do throws(WebSocketProtocolError) {
                try parser.parse(bytes, onFrame: receive)
                return nil
            } catch {
                return error
            }
        }
        if let violation {
            fail(violation)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish()
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is DemoServerShutdownEvent {
            close(code: CloseCode.goingAway, reason: "server shutting down")
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: Receiving

    private var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    /// Runs one client frame through the protocol machine and carries out
    /// what it answers, once the machine is done with the frame: a
    /// behaviour may close the session in answer to a message, which
    /// changes the machine's state.
    private func receive(_ frame: FrameInfo) throws(WebSocketProtocolError) {
        var closeReply: EventLoopFuture<Void>?
        for action in try machine.receive(frame) {
            switch action {
            case .deliver(let message):
                deliver(message)
            case .sendPong(let payload):
                if countIncoming() {
                    write(FrameInfo(direction: .outgoing, opcode: .pong, payload: payload))
                }
            case .sendClose(let code, let reason):
                let payload = WebSocketFrameSerializer.closePayload(code: code, reason: reason)
                closeReply = write(FrameInfo(direction: .outgoing, opcode: .close, payload: payload))
            case .closeHandshakeComplete:
                closeTransport(after: closeReply)
            }
        }
        if frame.opcode == .pong, isOpen {
            behaviour.didReceivePong(frame.payload, on: self)
        }
    }

    private func deliver(_ message: Message) {
        guard countIncoming(), isOpen else { return }
        if message.opcode == .text {
            behaviour.didReceive(.text(String(decoding: message.payload, as: UTF8.self)), on: self)
        } else {
            behaviour.didReceive(.binary(message.payload), on: self)
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

    // MARK: Sending and closing

    /// Serializes `frame` (unmasked, as every server frame is) and writes it.
    @discardableResult
    private func write(_ frame: FrameInfo) -> EventLoopFuture<Void> {
        guard let context else { return eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(frame.payload.count + 10)
        WebSocketFrameSerializer.serialize(frame, into: &bytes)
        return context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)))
    }

    /// Fails the connection (RFC 6455 §7.1.7): a close frame says why, in
    /// as much of the error's sentence as fits, then the sending side is
    /// shut so the client sees the end without waiting for the timeout.
    /// A violation after our close frame closes the connection at once.
    private func fail(_ violation: WebSocketProtocolError) {
        failed = true
        guard case .open = state else {
            finish()
            context?.close(promise: nil)
            return
        }
        var reason = Substring(violation.message)
        while reason.utf8.count > 123 { reason.removeLast() }
        startClosing(code: violation.closeCode, reason: String(reason), endOutput: true)
    }

    /// Sends a close frame and waits for the client's until the close
    /// timeout. With `endOutput`, the sending side of the socket is shut
    /// right after the frame.
    private func startClosing(code: Int, reason: String, endOutput: Bool) {
        guard let context, case .open = state else { return }
        let payload = WebSocketFrameSerializer.closePayload(code: code, reason: reason)
        let written = write(FrameInfo(direction: .outgoing, opcode: .close, payload: payload))
        machine.closeSent(code: code)
        if endOutput {
            written.assumeIsolated().whenSuccess { context.close(mode: .output, promise: nil) }
        }
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(in: closeTimeout) { [weak self] () -> Void in
            self?.context?.close(promise: nil)
        }
        state = .closing(timeout)
        behaviour.didClose()
    }

    /// The close handshake is complete: the server closes TCP first
    /// (RFC 6455 §7.1.1), once its answering close frame, if any, is out.
    private func closeTransport(after closeReply: EventLoopFuture<Void>?) {
        guard let context else { return }
        finish()
        guard let closeReply else {
            context.close(promise: nil)
            return
        }
        closeReply.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
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
extension WebSocketSessionHandler: Sendable {}
