/// What a user (through the TUI or `streamtap cat`) can ask a live
/// connection to do. Net implements it; UI and the CLI only speak this.
public enum ConnectionCommand: Sendable, Equatable {
    /// Sends a WebSocket text message (SSE connections ignore it).
    case sendText(String)
    /// Sends a WebSocket binary message.
    case sendBinary([UInt8])
    /// Sends a ping with this payload (at most 125 bytes).
    case ping([UInt8])
    /// Sends an unsolicited pong with this payload.
    case pong([UInt8])
    /// Starts the closing handshake (`code` nil sends a close frame without
    /// a status code).
    case close(code: Int?, reason: String)
    /// Drops the current connection (if any) and connects again now.
    case reconnect
    /// Sends a WebSocket message split into this many frames (the first
    /// with the message's opcode, the rest continuations).
    case sendFragmented(opcode: Opcode, payload: [UInt8], fragments: Int)
    /// Sends one frame exactly as given, for testing servers: reserved
    /// opcodes, RSV bits, oversized control frames, invalid UTF-8, and no
    /// masking when `maskingKey` is `nil`.
    case sendRawFrame(FrameInfo)
    /// Turns answering pings automatically on or off (WebSocket; SSE
    /// connections ignore it). Lasts across reconnections.
    case setAutoPong(Bool)
    /// Replaces the reconnection policy from now on (`.off` stops
    /// reconnecting; a reconnection already scheduled still happens).
    case setReconnect(ReconnectPolicy)
    /// Closes the transport at once, as a network failure would: no
    /// WebSocket close frame, no end of the SSE stream. The close is
    /// reported as 1006 and reconnection follows the policy.
    case dropTransport
    /// Stops (`true`) or resumes (`false`) reading from the current
    /// transport, so that what the server writes backs up in the socket
    /// buffers (backpressure). A new connection reads again.
    case pauseReading(Bool)
}

/// The switches of a connection that can change while it runs.
public struct ConnectionSettings: Sendable, Equatable {
    /// Whether pings are answered automatically (WebSocket only).
    public var autoPong: Bool
    /// When a dropped connection is tried again.
    public var reconnect: ReconnectPolicy

    public init(autoPong: Bool = true, reconnect: ReconnectPolicy = ReconnectPolicy(mode: .backoff)) {
        self.autoPong = autoPong
        self.reconnect = reconnect
    }
}

/// A live connection the UI or the CLI can drive.
public protocol StreamConnection: AnyObject, Sendable {
    /// The identifier every event of this connection carries.
    var id: Int { get }
    /// Asks the connection to do something; returns at once. What happens
    /// is reported as ``StreamEvent``s.
    func perform(_ command: ConnectionCommand)
    /// The switches as they are now (changed by `setAutoPong` and
    /// `setReconnect`).
    var settings: ConnectionSettings { get }
}

/// Receives the events of one or more connections. Called on network
/// threads: implementations must be thread-safe and must not block.
public protocol StreamEventSink: Sendable {
    func receive(_ event: StreamEvent)
    /// Called after a batch of events (one network read): a good moment to
    /// write buffered output or wake a UI.
    func flush()
}

extension StreamEventSink {
    public func flush() {}
}
