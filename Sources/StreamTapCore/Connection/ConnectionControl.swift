/// What a user (through the TUI or `streamtap cat`) can ask a live
/// connection to do. Net implements it; UI and the CLI only speak this.
///
/// The common commands mean something to every connection (see
/// ``ConnectionCapabilities`` for which a given one supports); protocol
/// commands are grouped by protocol.
public enum ConnectionCommand: Sendable, Equatable {
    /// Sends a text message.
    case sendText(String)
    /// Sends a binary message.
    case sendBinary([UInt8])
    /// Sends one line the user wrote, said in the connection's protocol
    /// lens (a Socket.IO emit `["event", …]`, a GraphQL document, a
    /// JSON-RPC call); without a lens, as a text message.
    case sendLine(String)
    /// Reads the messages from now on with this lens (`.raw`: none).
    case setLens(LensName)
    /// Ends the connection for good: a WebSocket closing handshake (`code`
    /// nil sends a close frame without a status code), the end of an event
    /// stream. A later ``reconnect`` starts it again.
    case close(code: Int?, reason: String)
    /// Drops the current connection (if any) and connects again now; a
    /// connection that has ended starts again.
    case reconnect
    /// Replaces the reconnection policy from now on: `.off` also cancels a
    /// scheduled reconnection; another policy reconnects a connection that
    /// has ended.
    case setReconnect(ReconnectPolicy)
    /// Closes the transport at once, as a network failure would: no
    /// WebSocket close frame, no end of the SSE stream. The close is
    /// reported as 1006 and reconnection follows the policy.
    case dropTransport
    /// Stops (`true`) or resumes (`false`) reading from the current
    /// transport, so that what the server writes backs up in the socket
    /// buffers (backpressure). A new connection reads again.
    case pauseReading(Bool)
    /// A command only WebSocket connections understand.
    case webSocket(WebSocketCommand)
}

/// What only a WebSocket connection can be asked to do.
public enum WebSocketCommand: Sendable, Equatable {
    /// Sends a ping with this payload (at most 125 bytes).
    case ping([UInt8])
    /// Sends an unsolicited pong with this payload.
    case pong([UInt8])
    /// Sends a message split into this many frames (the first with the
    /// message's opcode, the rest continuations).
    case sendFragmented(opcode: Opcode, payload: [UInt8], fragments: Int)
    /// Sends one frame exactly as given, for testing servers: reserved
    /// opcodes, RSV bits, oversized control frames, invalid UTF-8, and no
    /// masking when `maskingKey` is `nil`.
    case sendRawFrame(FrameInfo)
    /// Turns answering pings automatically on or off. Lasts across
    /// reconnections.
    case setAutoPong(Bool)
}

/// What a connection can be asked to do, so that a UI offers only that.
public struct ConnectionCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Text and binary messages (``ConnectionCommand/sendText(_:)``).
    public static let send = ConnectionCapabilities(rawValue: 1 << 0)
    /// Pings, pongs and automatic pong.
    public static let ping = ConnectionCapabilities(rawValue: 1 << 1)
    /// Closing with a code and reason of one's choice.
    public static let closeCode = ConnectionCapabilities(rawValue: 1 << 2)
    /// Raw and fragmented frames, valid or not.
    public static let rawFrames = ConnectionCapabilities(rawValue: 1 << 3)
    /// Dropping the transport and pausing its reading.
    public static let transportFaults = ConnectionCapabilities(rawValue: 1 << 4)
    /// Closing and connecting again.
    public static let reconnect = ConnectionCapabilities(rawValue: 1 << 5)
    /// Not a command: every attempt sends a request that is not safe to
    /// repeat (a `POST` with a body), so reconnecting repeats its effect.
    public static let repeatsUnsafeRequest = ConnectionCapabilities(rawValue: 1 << 6)

    /// A WebSocket connection.
    public static let webSocket: ConnectionCapabilities = [
        .send, .ping, .closeCode, .rawFrames, .transportFaults, .reconnect,
    ]
    /// A Server-Sent Events connection.
    public static let eventStream: ConnectionCapabilities = [.transportFaults, .reconnect]
}

/// The switches of a connection that can change while it runs, in one
/// place: the options start them, commands change them, the UI shows them.
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

/// A connection the UI or the CLI can drive.
public protocol StreamConnection: AnyObject, Sendable {
    /// The identifier every event of this connection carries.
    var id: Int { get }
    /// What it can be asked to do.
    var capabilities: ConnectionCapabilities { get }
    /// The switches as they are now (changed by `setAutoPong` and
    /// `setReconnect`).
    var settings: ConnectionSettings { get }
    /// Starts the first attempt (once; later calls do nothing).
    func start()
    /// Asks the connection to do something; returns at once. What happens
    /// is reported as ``StreamEvent``s.
    func perform(_ command: ConnectionCommand)
    /// Ends the connection for good (a close with 1000), cancelling any
    /// scheduled reconnection.
    func shutdown()
    /// Calls `body` once, when the connection's current life is over (it
    /// ended and will not reconnect by itself); at once if it is over now.
    func whenFinished(_ body: @escaping @Sendable (ConnectionOutcome) -> Void)
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
