/// What a lens needs to know beyond the messages: set on the command line
/// (the TUI switches the lens with `:lens`).
public struct LensSettings: Sendable, Equatable {
    /// The lens asked for (`nil`: chosen from the subprotocol or path).
    public var requested: LensName?
    /// Socket.IO namespaces to connect to (`/` when empty).
    public var socketIONamespaces: [String]
    /// Socket.IO CONNECT `auth` payload (a JSON object's text).
    public var socketIOAuth: String?
    /// Engine.IO protocol revision: 4 (Socket.IO 3 and 4) or 3 (Socket.IO 2).
    public var engineIOVersion: Int
    /// Socket.IO emits written by the user ask for an acknowledgement.
    public var socketIOAsksAcks: Bool
    /// GraphQL `connection_init` payload (a JSON object's text).
    public var graphQLInit: String?
    /// After how long a JSON-RPC request without a response is flagged.
    public var requestTimeoutMilliseconds: Double
    /// The URL's user name and password: MQTT CONNECT's, STOMP's `login`
    /// and `passcode`.
    public var username: String?
    public var password: String?
    /// MQTT: the protocol revision.
    public var mqttVersion: MQTTVersion
    /// MQTT: the client identifier (`nil`: `streamtap-` and a random number).
    public var mqttClientID: String?
    /// MQTT: the keepalive announced in CONNECT, in seconds (0: none).
    public var mqttKeepAliveSeconds: Int
    /// STOMP: the `host` header of CONNECT (the virtual host), if any.
    public var stompHost: String?
    /// STOMP: the heart-beats offered, in milliseconds: how often StreamTap
    /// can send one, how often it wants one (0: never).
    public var stompHeartBeat: STOMPHeartBeat
    /// Event streams: where each event's text is (`--assemble`), for a
    /// JSON stream that is no provider's.
    public var assemblePath: JSONPath?

    public init(
        requested: LensName? = nil,
        socketIONamespaces: [String] = [],
        socketIOAuth: String? = nil,
        engineIOVersion: Int = 4,
        socketIOAsksAcks: Bool = false,
        graphQLInit: String? = nil,
        requestTimeoutMilliseconds: Double = 30_000,
        username: String? = nil,
        password: String? = nil,
        mqttVersion: MQTTVersion = .v311,
        mqttClientID: String? = nil,
        mqttKeepAliveSeconds: Int = 60,
        stompHost: String? = nil,
        stompHeartBeat: STOMPHeartBeat = STOMPHeartBeat(send: 10_000, receive: 10_000),
        assemblePath: JSONPath? = nil
    ) {
        self.requested = requested
        self.socketIONamespaces = socketIONamespaces
        self.socketIOAuth = socketIOAuth
        self.engineIOVersion = engineIOVersion
        self.socketIOAsksAcks = socketIOAsksAcks
        self.graphQLInit = graphQLInit
        self.requestTimeoutMilliseconds = requestTimeoutMilliseconds
        self.username = username
        self.password = password
        self.mqttVersion = mqttVersion
        self.mqttClientID = mqttClientID
        self.mqttKeepAliveSeconds = mqttKeepAliveSeconds
        self.stompHost = stompHost
        self.stompHeartBeat = stompHeartBeat
        self.assemblePath = assemblePath
    }

    /// These settings with the user name and password of `endpoint`'s URL
    /// where none was set.
    public func withCredentials(of endpoint: Endpoint) -> LensSettings {
        var settings = self
        settings.username = username ?? endpoint.user
        settings.password = password ?? endpoint.password
        return settings
    }

    /// A fresh lens for a WebSocket that just opened, or `nil` for none.
    public func makeLens(subprotocol: String?, path: String) -> (any ProtocolLens)? {
        switch LensName.select(requested: requested, subprotocol: subprotocol, path: path) {
        case .socketIO?: SocketIOLens(settings: self)
        case .graphQL?: GraphQLLens(settings: self, subprotocol: subprotocol)
        case .jsonRPC?: JSONRPCLens(settings: self)
        case .mqtt?: MQTTLens(settings: self)
        case .stomp?: STOMPLens(settings: self, subprotocol: subprotocol)
        case .raw?, .openAI?, .openAIResponses?, .anthropic?, .ollama?, .auto?, nil: nil
        }
    }

    /// A fresh lens for an event stream that just opened, or `nil` for
    /// none: the one asked for, a model's stream recognised from its first
    /// events by default, or the `--assemble` path.
    public func makeEventStreamLens() -> (any EventStreamLens)? {
        if let assemblePath { return LLMStreamLens(format: .assemble(assemblePath)) }
        switch requested {
        case .openAI?: return LLMStreamLens(format: .openAIChat)
        case .openAIResponses?: return LLMStreamLens(format: .openAIResponses)
        case .anthropic?: return LLMStreamLens(format: .anthropic)
        case .ollama?: return LLMStreamLens(format: .ollama)
        case .auto?, nil: return LLMStreamLens(format: nil)
        case .raw?, .socketIO?, .graphQL?, .mqtt?, .stomp?, .jsonRPC?: return nil
        }
    }
}
