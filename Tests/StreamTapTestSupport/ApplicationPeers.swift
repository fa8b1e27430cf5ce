/// `Tests/Peers/socketio_server.py`: python-socketio under uvicorn, with
/// a short ping interval, two namespaces, acks and binary events.
public struct SocketIOPeer: LoopbackPeer {
    public let process: PeerProcess

    /// Starts the server (pings every `pingInterval` s, `pingTimeout` s to answer).
    public static func start(
        pingInterval: Int = 1,
        pingTimeout: Int = 1,
        lifetime: Int = 40
    ) async throws
        -> SocketIOPeer
    {
        SocketIOPeer(
            process: try await PeerProcess.start(
                "socketio_server.py",
                arguments: ["\(lifetime)", "\(pingInterval)", "\(pingTimeout)"]
            )
        )
    }

    /// `http://127.0.0.1:PORT` + `path`, as a Socket.IO client is given it.
    public func url(_ path: String = "/") -> String { "http://127.0.0.1:\(port)\(path)" }
}

/// `Tests/Peers/graphql_server.py`: strawberry-graphql under uvicorn,
/// speaking both GraphQL over WebSocket protocols.
public struct GraphQLPeer: LoopbackPeer {
    public let process: PeerProcess

    public static func start(lifetime: Int = 40) async throws -> GraphQLPeer {
        GraphQLPeer(process: try await PeerProcess.start("graphql_server.py", arguments: ["\(lifetime)"]))
    }

    /// `ws://127.0.0.1:PORT/graphql`.
    public var url: String { "ws://127.0.0.1:\(port)/graphql" }
}
