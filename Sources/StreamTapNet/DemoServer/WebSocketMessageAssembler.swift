import NIOCore
import NIOWebSocket
import StreamTapCore

/// A whole data message received from a client.
struct WebSocketMessage {
    /// `.text` or `.binary`.
    var opcode: WebSocketOpcode
    var data: ByteBuffer
    /// Whether the payload is still permessage-deflate compressed.
    var compressed: Bool
}

/// What a client frame means once checked against RFC 6455's rules for a
/// server: a complete message, a control frame, or a reason to fail.
enum WebSocketInbound {
    /// A fragment was stored; the message is not complete yet.
    case fragment
    case message(WebSocketMessage)
    case ping(ByteBuffer)
    case pong(ByteBuffer)
    /// A close frame: its code (`nil` when it carried none) and reason.
    case close(code: Int?, reason: String)
    /// The frame breaks the protocol: close with `code` and `reason`.
    case fail(code: Int, reason: String)
}

/// Checks a client's frames and reassembles fragmented messages.
///
/// The frame decoder only checks lengths and control-frame shape; this
/// checks everything else a server must: masking, reserved bits, reserved
/// opcodes, continuation order, close payloads and the message size.
struct WebSocketMessageAssembler {
    private let maxMessageSize: Int
    private let compressionNegotiated: Bool
    private var partial: WebSocketMessage?

    init(maxMessageSize: Int, compressionNegotiated: Bool) {
        self.maxMessageSize = maxMessageSize
        self.compressionNegotiated = compressionNegotiated
    }

    mutating func receive(_ frame: WebSocketFrame) -> WebSocketInbound {
        guard frame.maskKey != nil else {
            return .fail(code: CloseCode.protocolError, reason: "client frames must be masked")
        }
        guard !frame.rsv2 && !frame.rsv3 else {
            return .fail(code: CloseCode.protocolError, reason: "RSV2/RSV3 set but no extension uses them")
        }
        guard !frame.rsv1 || (compressionNegotiated && (frame.opcode == .text || frame.opcode == .binary)) else {
            return .fail(
                code: CloseCode.protocolError,
                reason: compressionNegotiated
                    ? "RSV1 is only allowed on the first frame of a data message"
                    : "RSV1 set but permessage-deflate was not negotiated"
            )
        }
        switch frame.opcode {
        case .text, .binary:
            guard partial == nil else {
                return .fail(code: CloseCode.protocolError, reason: "a new message began before the last one ended")
            }
            return append(to: WebSocketMessage(opcode: frame.opcode, data: ByteBuffer(), compressed: frame.rsv1), frame)
        case .continuation:
            guard let message = partial else {
                return .fail(code: CloseCode.protocolError, reason: "continuation frame with no message to continue")
            }
            return append(to: message, frame)
        case .ping:
            return .ping(frame.unmaskedData)
        case .pong:
            return .pong(frame.unmaskedData)
        case .connectionClose:
            return Self.close(frame.unmaskedData)
        default:
            return .fail(code: CloseCode.protocolError, reason: "reserved opcode \(frame.opcode)")
        }
    }

    private mutating func append(to message: WebSocketMessage, _ frame: WebSocketFrame) -> WebSocketInbound {
        var message = message
        guard message.data.readableBytes + frame.length <= maxMessageSize else {
            partial = nil
            return .fail(code: CloseCode.messageTooBig, reason: "message larger than \(maxMessageSize) bytes")
        }
        var payload = frame.unmaskedData
        message.data.writeBuffer(&payload)
        if frame.fin {
            partial = nil
            return .message(message)
        }
        partial = message
        return .fragment
    }

    private static func close(_ payload: ByteBuffer) -> WebSocketInbound {
        var payload = payload
        guard payload.readableBytes > 0 else { return .close(code: nil, reason: "") }
        guard let code = payload.readInteger(as: UInt16.self) else {
            return .fail(code: CloseCode.protocolError, reason: "a close payload of one byte has no room for a code")
        }
        guard CloseCode.isValidOnTheWire(Int(code)) else {
            return .fail(code: CloseCode.protocolError, reason: "close code \(code) may not be sent")
        }
        let reason = payload.readableBytesView
        guard UTF8Validator.isValid(reason) else {
            return .fail(code: CloseCode.invalidPayload, reason: "the close reason is not valid UTF-8")
        }
        return .close(code: Int(code), reason: String(decoding: reason, as: UTF8.self))
    }
}
