/// The protocol lenses StreamTap has, by the name `--lens` takes.
public enum LensName: String, Sendable, Equatable, CaseIterable {
    case socketIO = "socket.io"
    case graphQL = "graphql"
    case mqtt
    case stomp
    case jsonRPC = "jsonrpc"
    /// Model output streamed as Server-Sent Events or JSON lines.
    case openAI = "openai"
    case openAIResponses = "openai-responses"
    case anthropic
    case ollama
    /// Recognise a model's stream from its first events (the default for
    /// event streams).
    case auto
    /// No lens: messages as they are.
    case raw

    /// The lens a name the user wrote stands for (any case; `socketio` for
    /// `socket.io`).
    public init?(parsing text: String) {
        let name = text.lowercased()
        self.init(rawValue: name == "socketio" ? LensName.socketIO.rawValue : name)
    }

    /// The subprotocols a WebSocket connection offers for this lens when
    /// the user named none.
    public var offeredSubprotocols: [String] {
        switch self {
        case .graphQL: [GraphQLLens.transportProtocol, GraphQLLens.legacyProtocol]
        case .mqtt: ["mqtt"]
        case .stomp: STOMPLens.subprotocols
        case .socketIO, .jsonRPC, .raw, .openAI, .openAIResponses, .anthropic, .ollama, .auto: []
        }
    }

    /// Whether the lens reads event streams (Server-Sent Events, JSON
    /// lines) rather than WebSocket messages; `raw` reads both.
    public var readsEventStreams: Bool {
        switch self {
        case .openAI, .openAIResponses, .anthropic, .ollama, .auto: true
        case .socketIO, .graphQL, .mqtt, .stomp, .jsonRPC, .raw: false
        }
    }

    /// The lenses for one kind of stream (`raw` for both).
    public static func names(for protocolKind: StreamProtocol) -> [LensName] {
        allCases.filter { $0 == .raw || $0.readsEventStreams == (protocolKind == .sse) }
    }

    /// The lens a connection uses: the one asked for, or else the one the
    /// negotiated subprotocol or the URL's path names (`nil`: none).
    public static func select(requested: LensName?, subprotocol: String?, path: String) -> LensName? {
        if let requested {
            return requested == .raw || requested.readsEventStreams ? nil : requested
        }
        switch subprotocol?.lowercased() {
        case GraphQLLens.transportProtocol, GraphQLLens.legacyProtocol: return .graphQL
        case "jsonrpc", "json-rpc", "jsonrpc-2.0": return .jsonRPC
        case "mqtt", "mqttv3.1": return .mqtt
        case let name? where STOMPLens.subprotocols.contains(name): return .stomp
        default: break
        }
        if path.contains("/socket.io/") {
            return .socketIO
        }
        return nil
    }
}
