import StreamTapCore

/// Something to do to a live connection on purpose, to watch how its
/// protocol copes: the entries of the fault menu.
public enum Fault: Sendable, Hashable, CaseIterable {
    /// Cut TCP without a close frame or the end of the stream.
    case drop
    /// A WebSocket close handshake (SSE: the client stops for good).
    case close(code: Int)
    /// Stop reading the socket, so the server's writes back up.
    case pauseReading
    /// Read the socket again.
    case resumeReading
    /// Stop answering pings (WebSocket).
    case withholdPongs
    /// Answer pings again (WebSocket).
    case answerPongs
    /// Send a frame a server must reject (WebSocket).
    case invalidFrame(InvalidFrame)

    /// Every fault, in menu order.
    public static let allCases: [Fault] =
        [.drop, .close(code: CloseCode.normal), .close(code: CloseCode.goingAway), .close(code: 4000)]
        + [.pauseReading, .resumeReading, .withholdPongs, .answerPongs]
        + InvalidFrame.allCases.map { .invalidFrame($0) }

    /// The menu entry's name.
    public var title: String {
        switch self {
        case .drop: "Drop now (abrupt)"
        case .close(let code): "Close with \(code) (\(CloseCode.meaning(of: code)))"
        case .pauseReading: "Pause reading (backpressure)"
        case .resumeReading: "Resume reading"
        case .withholdPongs: "Withhold pongs"
        case .answerPongs: "Answer pings again"
        case .invalidFrame(let frame): "Invalid frame: \(frame.title)"
        }
    }

    /// What it will do on a connection speaking `protocolKind`, in one line.
    public func effect(on protocolKind: StreamProtocol?) -> String {
        let sse = protocolKind == .sse
        switch self {
        case .drop:
            return sse
                ? "cut TCP mid-stream: EventSource reconnects after the retry time with Last-Event-ID"
                : "cut TCP without a close frame (1006): only the app's reconnect policy brings it back"
        case .close(let code):
            return sse
                ? "SSE has no close code: the client just stops and does not reconnect"
                : "send a close frame with \(code); the server echoes it and the connection ends cleanly"
        case .pauseReading:
            return "stop reading the socket: the server's writes queue up in TCP buffers"
        case .resumeReading:
            return "read the socket again: the queued bytes arrive in a burst"
        case .withholdPongs:
            return sse ? "SSE has no pings: nothing to withhold" : "stop answering pings: the server sees no pong"
        case .answerPongs:
            return sse ? "SSE has no pings" : "answer every ping with a pong again"
        case .invalidFrame(let frame):
            return sse
                ? "SSE has no frames: the client cannot send anything"
                : "send \(frame.detail): the server must close with \(frame.expectedCloseCode)"
        }
    }

    /// Whether a connection that can do `capabilities` can do it.
    public func applies(to capabilities: ConnectionCapabilities) -> Bool {
        switch self {
        case .drop, .pauseReading, .resumeReading: capabilities.contains(.transportFaults)
        case .close: capabilities.contains(.reconnect)
        case .withholdPongs, .answerPongs: capabilities.contains(.ping)
        case .invalidFrame: capabilities.contains(.rawFrames)
        }
    }

    /// The command that carries it out.
    public var command: ConnectionCommand {
        switch self {
        case .drop: .dropTransport
        case .close(let code): .close(code: code, reason: "fault menu")
        case .pauseReading: .pauseReading(true)
        case .resumeReading: .pauseReading(false)
        case .withholdPongs: .webSocket(.setAutoPong(false))
        case .answerPongs: .webSocket(.setAutoPong(true))
        case .invalidFrame(let frame): .webSocket(.sendRawFrame(frame.frame))
        }
    }
}

/// A frame RFC 6455 forbids a client to send, with the close code a
/// server answers it with.
public enum InvalidFrame: Sendable, Hashable, CaseIterable {
    case unmasked
    case reservedOpcode
    case rsv1WithoutExtension
    case invalidUTF8
    case fragmentedPing

    /// A short name.
    public var title: String {
        switch self {
        case .unmasked: "unmasked"
        case .reservedOpcode: "reserved opcode 0x3"
        case .rsv1WithoutExtension: "RSV1 without an extension"
        case .invalidUTF8: "text that is not UTF-8"
        case .fragmentedPing: "fragmented ping"
        }
    }

    /// What is wrong with it.
    public var detail: String {
        switch self {
        case .unmasked: "a text frame without a masking key (§5.1)"
        case .reservedOpcode: "a frame with the reserved opcode 0x3 (§5.2)"
        case .rsv1WithoutExtension: "a text frame with RSV1 set but no extension agreed (§5.2)"
        case .invalidUTF8: "a text frame whose payload is not UTF-8 (§8.1)"
        case .fragmentedPing: "a ping with FIN clear (§5.5)"
        }
    }

    /// The close code RFC 6455 has a server answer with.
    public var expectedCloseCode: Int {
        self == .invalidUTF8 ? CloseCode.invalidPayload : CloseCode.protocolError
    }

    /// The frame itself (masked unless the point is not to be).
    public var frame: FrameInfo {
        let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        switch self {
        case .unmasked:
            return FrameInfo(direction: .outgoing, opcode: .text, payload: Array("unmasked".utf8))
        case .reservedOpcode:
            return FrameInfo(direction: .outgoing, opcode: Opcode(rawValue: 0x3), maskingKey: key, payload: [])
        case .rsv1WithoutExtension:
            return FrameInfo(
                direction: .outgoing,
                opcode: .text,
                rsv1: true,
                maskingKey: key,
                payload: Array("rsv1".utf8)
            )
        case .invalidUTF8:
            return FrameInfo(direction: .outgoing, opcode: .text, maskingKey: key, payload: [0xC3, 0x28, 0xFF])
        case .fragmentedPing:
            return FrameInfo(direction: .outgoing, opcode: .ping, fin: false, maskingKey: key, payload: [])
        }
    }
}
