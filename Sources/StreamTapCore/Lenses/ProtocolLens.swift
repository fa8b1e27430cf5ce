/// An application protocol spoken over a WebSocket (Socket.IO, GraphQL,
/// JSON-RPC), read and spoken for the user: decodes every message, performs
/// the protocol's own handshake, answers its keepalives, turns what the user
/// writes into messages, and keeps the protocol's state (ack ids, operation
/// ids, request ids).
///
/// A lens is pure: it never touches the network. A driver feeds it what
/// happens, with the time in milliseconds on a monotonic clock, and carries
/// out the ``LensAction``s it returns. A new lens starts with every new
/// WebSocket (reconnections included).
public protocol ProtocolLens {
    /// The name `--lens` takes and the pane title shows.
    var name: LensName { get }
    /// The WebSocket opened: what to send first.
    mutating func opened(at now: Double) -> [LensAction]
    /// Reads one incoming message.
    mutating func received(_ message: Message, at now: Double) -> LensReading
    /// Reads one message going out (the lens's own or the user's), to keep
    /// the protocol's state and to say what it is.
    mutating func sending(_ message: Message, at now: Double) -> LensDecoding?
    /// Turns one line the user wrote (`cat` stdin, the composer) into the
    /// messages that say it in this protocol.
    mutating func encode(_ line: String, at now: Double) throws(LensInputError) -> [LensOutgoing]
    /// When ``deadlinePassed(at:)`` must be called next, if ever.
    var deadline: Double? { get }
    /// The time in ``deadline`` has come: a keepalive to send, a timeout.
    mutating func deadlinePassed(at now: Double) -> [LensAction]
    /// What the protocol calls the end of this connection, closed with
    /// `close`, when it has a word for it.
    func explain(_ close: CloseInfo) -> LensDecoding?
}

/// What a lens read in an incoming message, and what to do about it.
public struct LensReading: Sendable, Equatable {
    public var decoding: LensDecoding?
    public var actions: [LensAction]

    public init(_ decoding: LensDecoding?, actions: [LensAction] = []) {
        self.decoding = decoding
        self.actions = actions
    }
}

/// A message a lens wants sent.
public struct LensOutgoing: Sendable, Equatable {
    /// `.text` or `.binary`.
    public var opcode: Opcode
    public var payload: [UInt8]
    /// The lens sends it by itself (`false`: the user asked for it, and the
    /// lens only said it in the protocol).
    public var automatic: Bool

    public init(text: String, automatic: Bool = true) {
        opcode = .text
        payload = Array(text.utf8)
        self.automatic = automatic
    }

    public init(binary: [UInt8], automatic: Bool = true) {
        opcode = .binary
        payload = binary
        self.automatic = automatic
    }
}

/// What a lens asks its driver to do.
public enum LensAction: Sendable, Equatable {
    /// Sends a message (its decoding says `auto` when the lens sends it by
    /// itself).
    case send(LensOutgoing)
    /// Tells the user something went wrong at the protocol's level; the
    /// connection goes on.
    case report(String)
    /// The protocol has nothing more to do on this connection (every
    /// Socket.IO namespace disconnected or refused): close it with 1000;
    /// `failed` when it ends because the server refused, which makes the
    /// connection's outcome a failure.
    case close(failed: Bool)
    /// The protocol considers the connection dead (a ping timeout): report
    /// this and drop the transport, as a lost connection.
    case fail(String)
}

/// A line the user wrote that the lens cannot say, and why.
public struct LensInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
