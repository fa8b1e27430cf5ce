import NIOCore
import StreamTapCore

/// How a WebSocket session ended.
struct SessionEnd: Sendable {
    var close: CloseInfo
    /// The session ended with a close handshake and code 1000.
    var normal: Bool
}

/// Runs an open WebSocket session: turns bytes into frames, messages and
/// events, answers the protocol (pong, close), and sends what it is asked to.
///
/// Every frame in both directions is reported; protocol violations fail the
/// connection with the right close code and a sentence saying why.
final class WebSocketFrameHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let emitter: EventEmitter
    private let options: WebSocketOptions
    private var parser: WebSocketFrameParser
    private var machine: WebSocketProtocolMachine
    private let compressor: DeflateCompressor?
    private let onEnd: (SessionEnd) -> Void
    private(set) var context: ChannelHandlerContext?
    private var outgoing: [UInt8] = []
    private var failure: WebSocketProtocolError?
    /// The user cut the transport without a close frame.
    private var droppedByUser = false
    private var sentCloseCode: Int?
    private var closeTimer: Scheduled<Void>?
    private var keepaliveTimer: RepeatedTask?
    private var pingsInFlight: [[UInt8]: ContinuousClock.Instant] = [:]
    private var ended = false
    /// The protocol lens reading this session's messages, if one is on.
    var lensRunner: LensRunner?
    /// What the lens needs to start another lens (`setLens`).
    let lensContext: (settings: LensSettings, subprotocol: String?, path: String)
    /// Why the lens declared the connection dead, once it did.
    var lensFailure: String?
    /// The lens closed the connection because the server refused it.
    var lensEndFailed = false
    /// When the current read arrived: every frame and message it holds is
    /// stamped with it (one clock read per read, not per event).
    private var readTime = Timestamp.now()

    init(
        emitter: EventEmitter,
        options: WebSocketOptions,
        agreement: WebSocketHandshakeAgreement,
        autoPong: Bool,
        lens: (settings: LensSettings, path: String) = (LensSettings(), "/"),
        onEnd: @escaping (SessionEnd) -> Void
    ) throws {
        self.emitter = emitter
        self.options = options
        self.onEnd = onEnd
        lensContext = (lens.settings, agreement.subprotocol, lens.path)
        lensRunner = lens.settings.makeLens(subprotocol: agreement.subprotocol, path: lens.path).map(LensRunner.init)
        parser = WebSocketFrameParser(maxFramePayload: options.maxMessageSize)
        let configuration = WebSocketProtocolMachine.Configuration(
            maxMessageSize: options.maxMessageSize,
            deflateNegotiated: agreement.deflate != nil,
            autoPong: autoPong
        )
        if let deflate = agreement.deflate {
            machine = WebSocketProtocolMachine(
                configuration: configuration,
                inflater: try DeflateInflater(agreement: deflate)
            )
            compressor = try DeflateCompressor(agreement: deflate)
        } else {
            machine = WebSocketProtocolMachine(configuration: configuration)
            compressor = nil
        }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if let interval = options.keepaliveIntervalMilliseconds, interval > 0 {
            let amount = TimeAmount.milliseconds(Int64(interval))
            let boundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
            keepaliveTimer = context.eventLoop.scheduleRepeatedTask(initialDelay: amount, delay: amount) { _ in
                boundSelf.value.sendKeepalivePing()
            }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        lensRunner?.cancel()
        keepaliveTimer?.cancel()
        closeTimer?.cancel()
        self.context = nil
    }

    // MARK: Receiving

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard failure == nil else { return }
        let buffer = unwrapInboundIn(data)
        readTime = .now()
        do {
            try buffer.withUnsafeReadableBytes { bytes in
                try parser.parse(bytes) { (frame) throws(WebSocketProtocolError) in
                    try receive(frame)
                }
            }
        } catch let error as WebSocketProtocolError {
            failConnection(error)
        } catch {
            failConnection(WebSocketProtocolError(closeCode: CloseCode.internalError, "\(error)"))
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushOutgoing()
        emitter.flush()
        context.fireChannelReadComplete()
    }

    private func receive(_ frame: FrameInfo) throws(WebSocketProtocolError) {
        if options.reportFrames {
            emitter.emit(.frame(frame), at: readTime)
        }
        if frame.opcode == .pong, let sent = pingsInFlight.removeValue(forKey: frame.payload) {
            emitter.emit(.latency(milliseconds: (ContinuousClock.now - sent).milliseconds))
        }
        // What the lens asks is done once the machine has taken the frame:
        // sending needs the machine.
        var lensActions: [LensAction] = []
        defer { if !lensActions.isEmpty { carryOut(lensActions) } }
        try machine.receive(frame) { action in
            switch action {
            case .deliver(var message):
                if let lensRunner {
                    lensActions += lensRunner.received(&message)
                    emitter.emit(.message(message), at: readTime)
                } else {
                    emitter.emit(.message(message), at: readTime)
                }
            case .sendPong(let payload):
                send(FrameInfo(direction: .outgoing, opcode: .pong, payload: payload))
            case .sendClose(let code, let reason):
                send(
                    FrameInfo(
                        direction: .outgoing,
                        opcode: .close,
                        payload: WebSocketFrameSerializer.closePayload(code: code, reason: reason)
                    )
                )
            case .closeHandshakeComplete:
                flushOutgoing()
                // RFC 6455 §7.1.1: the server closes TCP first; give it a moment.
                scheduleClose(after: .milliseconds(Int64(min(options.closeTimeoutMilliseconds, 1000))), reason: nil)
            }
        }
    }

    // MARK: Sending

    /// Carries out a user's command (on the event loop). Reconnecting and
    /// the policy are the connection's business, not the session's.
    func perform(_ command: ConnectionCommand) {
        guard context != nil, !ended else { return }
        switch command {
        case .sendText(let text):
            sendMessage(opcode: .text, payload: Array(text.utf8))
        case .sendBinary(let bytes):
            sendMessage(opcode: .binary, payload: bytes)
        case .sendLine(let line):
            sendLine(line)
        case .setLens(let name):
            switchLens(to: name)
        case .close(let code, let reason):
            startClosing(code: code, reason: reason)
        case .dropTransport:
            droppedByUser = true
            context?.close(promise: nil)
        case .pauseReading(let paused):
            context?.setReading(paused: paused)
        case .webSocket(let command):
            perform(command)
        case .reconnect, .setReconnect:
            break
        }
        flushOutgoing()
    }

    private func perform(_ command: WebSocketCommand) {
        switch command {
        case .ping(let payload):
            send(FrameInfo(direction: .outgoing, opcode: .ping, payload: payload))
        case .pong(let payload):
            send(FrameInfo(direction: .outgoing, opcode: .pong, payload: payload))
        case .sendFragmented(let opcode, let payload, let fragments):
            sendFragmented(opcode: opcode, payload: payload, fragments: fragments)
        case .sendRawFrame(let frame):
            write(frame)
        case .setAutoPong(let on):
            machine.configuration.autoPong = on
        }
    }

    /// Closes TCP at once, without a close frame, to connect again.
    func closeTransport() {
        context?.close(promise: nil)
    }

    private func sendFragmented(opcode: Opcode, payload: [UInt8], fragments: Int) {
        guard case .open = machine.closingState else { return }
        let count = max(1, min(fragments, max(1, payload.count)))
        let size = (payload.count + count - 1) / max(1, count)
        for index in 0..<count {
            let start = min(payload.count, index * size)
            let end = index == count - 1 ? payload.count : min(payload.count, start + size)
            send(
                FrameInfo(
                    direction: .outgoing,
                    opcode: index == 0 ? opcode : .continuation,
                    fin: index == count - 1,
                    payload: Array(payload[start..<end])
                )
            )
        }
        reportSent(Message(direction: .outgoing, opcode: opcode, payload: payload), automatic: false)
    }

    /// Sends one message (compressed when deflate was agreed); `automatic`
    /// says the protocol lens sent it by itself.
    func sendMessage(opcode: Opcode, payload: [UInt8], automatic: Bool = false) {
        guard case .open = machine.closingState else { return }
        if let compressor, let compressed = compressor.compress(payload) {
            send(FrameInfo(direction: .outgoing, opcode: opcode, rsv1: true, payload: compressed))
            reportSent(
                Message(
                    direction: .outgoing,
                    opcode: opcode,
                    payload: payload,
                    wireLength: compressed.count,
                    compressed: true
                ),
                automatic: automatic
            )
        } else {
            send(FrameInfo(direction: .outgoing, opcode: opcode, payload: payload))
            reportSent(Message(direction: .outgoing, opcode: opcode, payload: payload), automatic: automatic)
        }
    }

    private func reportSent(_ message: Message, automatic: Bool) {
        var message = message
        lensRunner?.sending(&message, automatic: automatic)
        emitter.emit(.message(message))
    }

    /// Masks, reports and queues one frame (written at the next flush).
    private func send(_ frame: FrameInfo) {
        var frame = frame
        if frame.maskingKey == nil {
            frame.maskingKey = (0..<4).map { _ in UInt8.random(in: 0...255) }
        }
        write(frame)
    }

    /// Reports and queues one frame exactly as given (unmasked when it has
    /// no masking key).
    private func write(_ frame: FrameInfo) {
        if options.reportFrames {
            emitter.emit(.frame(frame))
        }
        WebSocketFrameSerializer.serialize(frame, into: &outgoing)
        if outgoing.count >= 64 * 1024 { flushOutgoing() }
    }

    func flushOutgoing() {
        guard let context, !outgoing.isEmpty else { return }
        let buffer = context.channel.allocator.buffer(bytes: outgoing)
        outgoing.removeAll(keepingCapacity: true)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    /// Keepalive intervals a ping may go unanswered before the connection
    /// counts as dead: a half-open TCP connection reports no error itself.
    private static let unansweredIntervalsBeforeDead = 3

    private func sendKeepalivePing() {
        guard case .open = machine.closingState else { return }
        if let interval = options.keepaliveIntervalMilliseconds, let oldest = pingsInFlight.values.min() {
            let allowed = interval * Self.unansweredIntervalsBeforeDead
            if ContinuousClock.now - oldest >= .milliseconds(allowed) {
                emitter.emit(
                    .error(
                        ErrorInfo(
                            message: "the server answered no keepalive ping for \(Double(allowed) / 1000) s, so the "
                                + "connection looks dead; check the network or the server (--keepalive sets the interval)"
                        )
                    )
                )
                context?.close(promise: nil)
                return
            }
        }
        var payload: [UInt8] = Array("streamtap-".utf8)
        payload += withUnsafeBytes(of: UInt64.random(in: 0...UInt64.max)) { Array($0) }
        pingsInFlight[payload] = ContinuousClock.now
        if pingsInFlight.count > 16, let oldest = pingsInFlight.min(by: { $0.value < $1.value }) {
            pingsInFlight.removeValue(forKey: oldest.key)
        }
        send(FrameInfo(direction: .outgoing, opcode: .ping, payload: payload))
        flushOutgoing()
    }

    // MARK: Closing

    private func startClosing(code: Int?, reason: String) {
        guard case .open = machine.closingState else { return }
        var reasonBytes = Array(reason.utf8)
        while reasonBytes.count > 123 || !UTF8Validator.isValid(reasonBytes) { reasonBytes.removeLast() }
        let payload = WebSocketFrameSerializer.closePayload(
            code: code,
            reason: String(decoding: reasonBytes, as: UTF8.self)
        )
        send(FrameInfo(direction: .outgoing, opcode: .close, payload: payload))
        machine.closeSent(code: code)
        sentCloseCode = code
        flushOutgoing()
        let seconds = Double(options.closeTimeoutMilliseconds) / 1000
        scheduleClose(
            after: .milliseconds(Int64(options.closeTimeoutMilliseconds)),
            reason: "the server did not answer our close frame within \(seconds) s"
        )
    }

    private func failConnection(_ error: WebSocketProtocolError) {
        guard failure == nil else { return }
        failure = error
        emitter.emit(
            .error(
                ErrorInfo(
                    message:
                        "\(error.message) (closing with \(error.closeCode) \(CloseCode.meaning(of: error.closeCode)))"
                )
            )
        )
        startClosing(code: error.closeCode, reason: "")
        if case .closeReceived = machine.closingState {
            context?.close(promise: nil)
        }
    }

    private func scheduleClose(after delay: TimeAmount, reason: String?) {
        closeTimer?.cancel()
        guard let context else { return }
        let boundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        closeTimer = context.eventLoop.scheduleTask(in: delay) {
            let handler = boundSelf.value
            if let reason { handler.emitter.emit(.error(ErrorInfo(message: reason))) }
            handler.context?.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Once the close handshake is done (or we failed the connection), a
        // reset from the server is how TCP ends, not news.
        let closing: Bool
        if case .closeReceived = machine.closingState { closing = true } else { closing = failure != nil }
        if !(error is IOError && closing) {
            emitter.emit(.error(ErrorInfo(message: TransportErrorDescription.describe(error))))
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        guard !ended else { return }
        ended = true
        keepaliveTimer?.cancel()
        closeTimer?.cancel()
        lensRunner?.cancel()
        var close: CloseInfo
        var normal = false
        if let failure {
            close = CloseInfo(code: failure.closeCode, reason: failure.message, initiator: .client)
        } else {
            switch machine.closingState {
            case .closeReceived(let code, let reason, let serverInitiated):
                close = CloseInfo(
                    code: code ?? CloseCode.noStatusReceived,
                    reason: reason,
                    initiator: serverInitiated ? .server : .client
                )
                // A clean close handshake without a status code is normal too.
                let effective = code ?? sentCloseCode
                normal = effective == nil || effective == CloseCode.normal
            case .closeSent:
                close = CloseInfo(
                    code: CloseCode.abnormalClosure,
                    reason: "the connection closed before the server answered our close frame",
                    initiator: .client
                )
            case .open where lensFailure != nil:
                close = CloseInfo(
                    code: CloseCode.abnormalClosure,
                    reason: lensFailure ?? "",
                    initiator: .client
                )
            case .open where droppedByUser:
                close = CloseInfo(
                    code: CloseCode.abnormalClosure,
                    reason: "dropped by the client without a close frame, as asked",
                    initiator: .client
                )
            case .open:
                close = CloseInfo(
                    code: CloseCode.abnormalClosure,
                    reason: CloseCode.meaning(of: CloseCode.abnormalClosure),
                    initiator: .server
                )
            }
        }
        lensRunner?.explain(&close)
        emitter.emit(.close(close))
        emitter.flush()
        onEnd(SessionEnd(close: close, normal: normal && !lensEndFailed))
        context.fireChannelInactive()
    }
}

@available(*, unavailable)
extension WebSocketFrameHandler: Sendable {}
