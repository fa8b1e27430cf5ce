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

    public init(
        requested: LensName? = nil,
        socketIONamespaces: [String] = [],
        socketIOAuth: String? = nil,
        engineIOVersion: Int = 4,
        socketIOAsksAcks: Bool = false,
        graphQLInit: String? = nil,
        requestTimeoutMilliseconds: Double = 30_000
    ) {
        self.requested = requested
        self.socketIONamespaces = socketIONamespaces
        self.socketIOAuth = socketIOAuth
        self.engineIOVersion = engineIOVersion
        self.socketIOAsksAcks = socketIOAsksAcks
        self.graphQLInit = graphQLInit
        self.requestTimeoutMilliseconds = requestTimeoutMilliseconds
    }

    /// A fresh lens for a WebSocket that just opened, or `nil` for none.
    public func makeLens(subprotocol: String?, path: String) -> (any ProtocolLens)? {
        switch LensName.select(requested: requested, subprotocol: subprotocol, path: path) {
        case .socketIO?: SocketIOLens(settings: self)
        case .graphQL?: GraphQLLens(settings: self, subprotocol: subprotocol)
        case .jsonRPC?: JSONRPCLens(settings: self)
        case .raw?, nil: nil
        }
    }
}
