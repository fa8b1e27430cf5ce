/// Inflates permessage-deflate messages (RFC 7692). Implemented where a
/// compression library is available; the protocol machine only calls it.
public protocol WebSocketMessageInflating {
    /// Inflates one whole compressed message (the concatenated frame
    /// payloads, without the trailing `00 00 ff ff`), producing at most
    /// `maxOutput` bytes: more fails with close code 1009.
    mutating func inflate(_ compressed: [UInt8], maxOutput: Int) throws(WebSocketProtocolError) -> [UInt8]
}

/// What the engine must do in answer to an incoming frame.
public enum WebSocketAction: Sendable, Equatable {
    /// A whole data message arrived.
    case deliver(Message)
    /// Answer a ping (automatic pong is on).
    case sendPong([UInt8])
    /// Answer the peer's close frame with ours (`code` nil: no status).
    case sendClose(code: Int?, reason: String)
    /// The closing handshake is complete. The server closes TCP now; a
    /// client waits briefly for the server to, then closes it itself
    /// (RFC 6455 §7.1.1).
    case closeHandshakeComplete
}

/// The receiving side of a WebSocket connection as a pure state machine
/// (RFC 6455 §5–7, RFC 7692): masking, fragmentation, control frames,
/// UTF-8, RSV bits, close frames and the message size limit.
///
/// It runs at either end (``WebSocketRole``): a client's requires unmasked
/// frames, a server's masked ones, and its errors name the peer.
///
/// It gets frames from ``WebSocketFrameParser`` and returns actions; a
/// violation throws a ``WebSocketProtocolError`` that says which close code
/// fails the connection and why.
public struct WebSocketProtocolMachine {
    /// Settings of one connection.
    public struct Configuration: Sendable, Equatable {
        /// The largest message accepted, after inflation.
        public var maxMessageSize: Int
        /// Whether permessage-deflate was negotiated (RSV1 allowed).
        public var deflateNegotiated: Bool
        /// Whether pings are answered automatically.
        public var autoPong: Bool

        public init(maxMessageSize: Int = 64 << 20, deflateNegotiated: Bool = false, autoPong: Bool = true) {
            self.maxMessageSize = maxMessageSize
            self.deflateNegotiated = deflateNegotiated
            self.autoPong = autoPong
        }
    }

    /// Where the closing handshake stands.
    public enum ClosingState: Sendable, Equatable {
        case open
        /// We sent a close frame and wait for the peer's.
        case closeSent(code: Int?)
        /// The peer's close frame arrived (with its code, if any).
        /// `serverInitiated` is named from the client's side: it says the
        /// peer closed first, which at a server means the client did.
        case closeReceived(code: Int?, reason: String, serverInitiated: Bool)
    }

    /// The end this machine runs at.
    public let role: WebSocketRole
    public var configuration: Configuration
    public private(set) var closingState: ClosingState = .open
    private var inflater: (any WebSocketMessageInflating)?

    /// The message being reassembled, if any.
    private var messageOpcode: Opcode?
    private var messageCompressed = false
    private var messageParts: [UInt8] = []
    private var validator = UTF8Validator()

    public init(
        role: WebSocketRole = .client,
        configuration: Configuration,
        inflater: (any WebSocketMessageInflating)? = nil
    ) {
        self.role = role
        self.configuration = configuration
        self.inflater = inflater
    }

    /// Notes that we sent a close frame (the user asked, or we failed the
    /// connection).
    public mutating func closeSent(code: Int?) {
        if case .open = closingState { closingState = .closeSent(code: code) }
    }

    /// Handles one incoming frame.
    public mutating func receive(_ frame: FrameInfo) throws(WebSocketProtocolError) -> [WebSocketAction] {
        var actions: [WebSocketAction] = []
        try receive(frame) { actions.append($0) }
        return actions
    }

    /// Handles one incoming frame, calling `perform` for each action in
    /// order (no array per frame: this is the hot path).
    public mutating func receive(
        _ frame: FrameInfo,
        perform: (WebSocketAction) -> Void
    ) throws(WebSocketProtocolError) {
        if case .closeReceived = closingState { return }
        try checkHeader(frame)
        if frame.opcode.isControl {
            for action in try receiveControl(frame) { perform(action) }
        } else if let message = try receiveData(frame) {
            perform(.deliver(message))
        }
    }

    private func checkHeader(_ frame: FrameInfo) throws(WebSocketProtocolError) {
        if frame.masked != role.receivesMaskedFrames {
            throw WebSocketProtocolError(
                closeCode: CloseCode.protocolError,
                role == .client
                    ? "the server sent a masked frame (servers must not mask)"
                    : "the client sent an unmasked frame (client frames must be masked)"
            )
        }
        if frame.opcode.isReserved {
            throw WebSocketProtocolError(
                closeCode: CloseCode.protocolError,
                "\(peer) sent a frame with reserved opcode \(frame.opcode.rawValue)"
            )
        }
        if frame.rsv2 || frame.rsv3 {
            throw WebSocketProtocolError(
                closeCode: CloseCode.protocolError,
                "\(peer) set RSV\(frame.rsv2 ? 2 : 3) but no extension that defines it was negotiated"
            )
        }
        if frame.rsv1 {
            guard configuration.deflateNegotiated else {
                throw WebSocketProtocolError(
                    closeCode: CloseCode.protocolError,
                    "\(peer) set RSV1 (compressed) but permessage-deflate was not negotiated"
                )
            }
            guard frame.opcode == .text || frame.opcode == .binary else {
                throw WebSocketProtocolError(
                    closeCode: CloseCode.protocolError,
                    "\(peer) set RSV1 on a \(frame.opcode.name ?? "control") frame; only a message's first frame may"
                )
            }
        }
    }

    private mutating func receiveControl(_ frame: FrameInfo) throws(WebSocketProtocolError) -> [WebSocketAction] {
        guard frame.fin else {
            throw WebSocketProtocolError(closeCode: CloseCode.protocolError, "\(peer) fragmented a control frame")
        }
        guard frame.payload.count <= 125 else {
            throw WebSocketProtocolError(
                closeCode: CloseCode.protocolError,
                "\(peer) sent a \(frame.opcode.name ?? "control") frame with \(frame.payload.count) bytes (control frames carry at most 125)"
            )
        }
        switch frame.opcode {
        case .ping:
            guard case .open = closingState, configuration.autoPong else { return [] }
            return [.sendPong(frame.payload)]
        case .close:
            let (code, reason) = try Self.parseClosePayload(frame.payload, from: role.peer)
            switch closingState {
            case .closeSent:
                closingState = .closeReceived(code: code, reason: reason, serverInitiated: false)
                return [.closeHandshakeComplete]
            default:
                closingState = .closeReceived(code: code, reason: reason, serverInitiated: true)
                return [.sendClose(code: code, reason: ""), .closeHandshakeComplete]
            }
        default:
            return []
        }
    }

    /// Splits a close frame's payload into its code and reason, enforcing
    /// RFC 6455 §5.5.1 and §7.4; an error names `sender`.
    public static func parseClosePayload(
        _ payload: [UInt8],
        from sender: WebSocketRole = .server
    ) throws(WebSocketProtocolError) -> (code: Int?, reason: String) {
        guard !payload.isEmpty else { return (nil, "") }
        guard let code = CloseCode.statusCode(inPayload: payload) else {
            throw WebSocketProtocolError(
                closeCode: CloseCode.protocolError,
                "\(sender.name) sent a close frame with a 1-byte payload (a close code takes 2)"
            )
        }
        guard CloseCode.isValidOnTheWire(code) else {
            throw WebSocketProtocolError(
                closeCode: CloseCode.protocolError,
                "\(sender.name) sent close code \(code), which may not be sent on the wire (\(CloseCode.meaning(of: code)))"
            )
        }
        let reasonBytes = payload[2...]
        guard UTF8Validator.isValid(reasonBytes) else {
            throw WebSocketProtocolError(
                closeCode: CloseCode.invalidPayload,
                "\(sender.name)'s close reason is not valid UTF-8"
            )
        }
        return (code, String(decoding: reasonBytes, as: UTF8.self))
    }

    private mutating func receiveData(_ frame: FrameInfo) throws(WebSocketProtocolError) -> Message? {
        if frame.opcode == .continuation {
            guard messageOpcode != nil else {
                throw WebSocketProtocolError(
                    closeCode: CloseCode.protocolError,
                    "\(peer) sent a continuation frame but no fragmented message was in progress"
                )
            }
        } else {
            guard messageOpcode == nil else {
                throw WebSocketProtocolError(
                    closeCode: CloseCode.protocolError,
                    "\(peer) started a new \(frame.opcode.name ?? "data") message before finishing the fragmented one"
                )
            }
            messageOpcode = frame.opcode
            messageCompressed = frame.rsv1
        }
        guard messageParts.count + frame.payload.count <= configuration.maxMessageSize else {
            throw WebSocketProtocolError.messageTooBig(limit: configuration.maxMessageSize, receivedBy: role)
        }
        let opcode = messageOpcode ?? frame.opcode
        if opcode == .text && !messageCompressed && !validator.feed(frame.payload) {
            throw invalidText()
        }
        if messageParts.isEmpty && frame.fin {
            messageParts = frame.payload
        } else {
            messageParts.append(contentsOf: frame.payload)
        }
        guard frame.fin else { return nil }
        defer {
            messageOpcode = nil
            messageCompressed = false
            messageParts = []
            validator = UTF8Validator()
        }
        var payload = messageParts
        let wireLength = messageParts.count
        if messageCompressed {
            guard var inflater else {
                throw WebSocketProtocolError(closeCode: CloseCode.internalError, "no inflater for a compressed message")
            }
            payload = try inflater.inflate(messageParts, maxOutput: configuration.maxMessageSize)
            self.inflater = inflater
            if opcode == .text && !UTF8Validator.isValid(payload) { throw invalidText() }
        } else if opcode == .text && !validator.isComplete {
            throw invalidText()
        }
        return Message(
            direction: .incoming,
            opcode: opcode,
            payload: payload,
            wireLength: messageCompressed ? wireLength : nil,
            compressed: messageCompressed
        )
    }

    private func invalidText() -> WebSocketProtocolError {
        WebSocketProtocolError(
            closeCode: CloseCode.invalidPayload,
            "\(peer) sent a text message that is not valid UTF-8"
        )
    }

    /// The peer as error messages name it (built only when one is thrown).
    private var peer: String { role.peer.name }

}
