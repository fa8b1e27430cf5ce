/// One thing that happened on a connection, in the order it happened.
///
/// Every engine (WebSocket, SSE, replay) reports through this one model, and
/// every consumer (the TUI, `streamtap cat`, recordings) reads it. Its JSONL
/// form is a public contract; see ``JSONLEncoder``.
public struct StreamEvent: Sendable, Equatable {
    /// When it happened.
    public var timestamp: Timestamp
    /// Which connection reported it (stable for the connection's life,
    /// across reconnects).
    public var connectionID: Int
    /// What happened.
    public var kind: Kind

    public init(timestamp: Timestamp = .now(), connectionID: Int = 0, kind: Kind) {
        self.timestamp = timestamp
        self.connectionID = connectionID
        self.kind = kind
    }

    /// The different things a connection reports.
    public enum Kind: Sendable, Equatable {
        /// An attempt to connect starts (`attempt` is 1 for the first).
        case connecting(url: String, attempt: Int)
        /// The request went out and the server accepted it as a stream.
        /// (`open`, `close` and `error` are boxed: they are rare and large,
        /// and inline they would make every stored event as big as they
        /// are.)
        indirect case open(Handshake)
        /// One WebSocket frame, in either direction.
        case frame(FrameInfo)
        /// One whole WebSocket message (reassembled from its frames).
        case message(Message)
        /// One dispatched Server-Sent Event.
        case event(SSEEvent)
        /// The server changed the SSE reconnection time.
        case retry(milliseconds: Int)
        /// The connection closed.
        indirect case close(CloseInfo)
        /// A reconnection attempt has been scheduled.
        case reconnect(attempt: Int, delayMilliseconds: Int, reason: String)
        /// Something failed.
        indirect case error(ErrorInfo)
        /// A keepalive ping's round trip (ping sent → matching pong).
        case latency(milliseconds: Double)
        /// One read of an SSE body as it arrived (`length` bytes after
        /// decompression) and how many events it completed; reported only
        /// when asked for, to show how a proxy buffers a stream.
        case chunk(length: Int, events: Int)
        /// An SSE comment line (`: keep-alive`): the text after the colon,
        /// exactly as sent. Servers send them as heartbeats.
        case comment(String)
    }
}

extension StreamEvent.Kind {
    /// The `kind` field of the JSONL contract.
    public var name: String {
        switch self {
        case .connecting: "connecting"
        case .open: "open"
        case .frame: "frame"
        case .message: "message"
        case .event: "event"
        case .retry: "retry"
        case .close: "close"
        case .reconnect: "reconnect"
        case .error: "error"
        case .latency: "latency"
        case .chunk: "chunk"
        case .comment: "comment"
        }
    }
}

extension StreamEvent {
    /// An estimate of the memory this event holds, in bytes, used to cap
    /// the ``EventLog`` by size. Payloads dominate; headers count by length.
    public var approximateSize: Int {
        let base = 64
        switch kind {
        case .connecting(let url, _):
            return base + url.utf8.count
        case .open(let handshake):
            return base + handshake.approximateSize
        case .frame(let frame):
            return base + 32 + frame.payload.count
        case .message(let message):
            return base + 16 + message.payload.count + (message.lens?.approximateSize ?? 0)
        case .event(let event):
            return base + event.type.utf8.count + event.data.utf8.count + event.lastEventID.utf8.count
                + (event.lens?.approximateSize ?? 0)
        case .retry, .latency, .chunk:
            return base
        case .close(let close):
            return base + close.reason.utf8.count + (close.lens?.approximateSize ?? 0)
        case .reconnect(_, _, let reason):
            return base + reason.utf8.count
        case .comment(let text):
            return base + text.utf8.count
        case .error(let error):
            return base + error.message.utf8.count + (error.response?.approximateSize ?? 0)
        }
    }
}
