extension LensName {
    /// The lens whose decodings name `protocolName` (`engine.io` and
    /// `socket.io` both mean the Socket.IO lens).
    public init?(protocolName: String) {
        switch protocolName {
        case SocketIOLens.socketIO, SocketIOLens.engineIO: self = .socketIO
        case GraphQLLens.transportProtocol, GraphQLLens.legacyProtocol: self = .graphQL
        case MQTTLens.protocolName: self = .mqtt
        case STOMPLens.protocolName: self = .stomp
        case JSONRPCLens.protocolName: self = .jsonRPC
        case "openai": self = .openAI
        case "openai-responses": self = .openAIResponses
        case "anthropic": self = .anthropic
        case "ollama": self = .ollama
        case "assemble": self = .auto
        default: return nil
        }
    }

    /// What the user writes to this lens, as a composer's placeholder says it.
    public var inputHint: String {
        switch self {
        case .socketIO: #"an emit: ["event", arg…] (/ns first for another namespace; join /ns, leave /ns)"#
        case .graphQL: "a GraphQL document, or {\"query\": …, \"variables\": …}; stop ID ends one"
        case .mqtt: "sub TOPIC [QOS] · unsub TOPIC · pub TOPIC [--qos N] [--retain] PAYLOAD"
        case .stomp: "sub DEST [ack mode] · unsub ID · send DEST BODY · ack ID · nack ID"
        case .jsonRPC: #"a call: {"method": "sum", "params": [1, 2]} (id added)"#
        case .raw, .openAI, .openAIResponses, .anthropic, .ollama, .auto: "a text message"
        }
    }

    /// The composer's name for writing in this lens.
    public var inputVerb: String {
        switch self {
        case .socketIO: "emit"
        case .graphQL: "graphql"
        case .mqtt: "mqtt"
        case .stomp: "stomp"
        case .jsonRPC: "call"
        case .raw, .openAI, .openAIResponses, .anthropic, .ollama, .auto: "text"
        }
    }

    /// Checks a line before it is sent, as the lens will read it, without
    /// the connection's state (namespaces, subscriptions, running
    /// operations are checked when it is sent).
    public func validate(_ line: String) throws(LensInputError) {
        let settings = LensSettings(requested: self)
        switch self {
        case .socketIO:
            _ = try SocketIOLens.read(line)
        case .graphQL:
            var lens = GraphQLLens(settings: settings, subprotocol: GraphQLLens.transportProtocol)
            let trimmed = line.trimmingWhitespace()
            guard !trimmed.hasPrefix("stop ") && !trimmed.hasPrefix("complete ") else { return }
            _ = try lens.encode(line, at: 0)
        case .jsonRPC:
            var lens = JSONRPCLens(settings: settings)
            _ = try lens.encode(line, at: 0)
        case .mqtt:
            _ = try MQTTCommandLine.parse(line)
        case .stomp:
            _ = try STOMPCommandLine.parse(line)
        case .raw, .openAI, .openAIResponses, .anthropic, .ollama, .auto:
            return
        }
    }
}
