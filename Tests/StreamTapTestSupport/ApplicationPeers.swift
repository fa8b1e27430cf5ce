/// `Tests/Peers/socketio_server.py`: python-socketio under uvicorn, with
/// a short ping interval, two namespaces, acks and binary events.
public struct SocketIOPeer: LoopbackPeer {
    public let process: PeerProcess

    /// Starts the server (pings every `pingInterval` s, `pingTimeout` s to
    /// answer); `pollingOnly` allows HTTP long-polling alone.
    public static func start(
        pingInterval: Int = 1,
        pingTimeout: Int = 1,
        pollingOnly: Bool = false,
        lifetime: Int = 40
    ) async throws
        -> SocketIOPeer
    {
        SocketIOPeer(
            process: try await PeerProcess.start(
                "socketio_server.py",
                arguments: ["\(lifetime)", "\(pingInterval)", "\(pingTimeout)"] + (pollingOnly ? ["polling"] : [])
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

/// `Tests/Peers/mqtt_broker.py`: an amqtt MQTT 3.1.1 broker listening for
/// MQTT over WebSocket, anonymous or with one user.
public struct MQTTBrokerPeer: LoopbackPeer {
    public let process: PeerProcess

    /// Starts the broker; with `credentials` (`user:password`) it refuses
    /// every other client.
    public static func start(credentials: String? = nil, lifetime: Int = 40) async throws -> MQTTBrokerPeer {
        MQTTBrokerPeer(
            process: try await PeerProcess.start(
                "mqtt_broker.py",
                arguments: ["\(lifetime)"] + (credentials.map { [$0] } ?? []),
                python: .mqttPython
            )
        )
    }

    /// `ws://[userInfo@]127.0.0.1:PORT/`.
    public func url(userInfo: String? = nil) -> String {
        "ws://\(userInfo.map { $0 + "@" } ?? "")127.0.0.1:\(port)/"
    }
}

/// `Tests/Peers/stomp_broker.py`: RabbitMQ with Web STOMP, a private node
/// on loopback (about 10 s to start).
public struct STOMPBrokerPeer: LoopbackPeer {
    public let process: PeerProcess

    public static func start(lifetime: Int = 60) async throws -> STOMPBrokerPeer {
        _ = try Prerequisite.rabbitMQ.require()
        return STOMPBrokerPeer(
            process: try await PeerProcess.start("stomp_broker.py", arguments: ["\(lifetime)"], startupTimeout: 60)
        )
    }

    /// `ws://127.0.0.1:PORT/ws`.
    public var url: String { "ws://127.0.0.1:\(port)/ws" }
}

/// `Tests/Peers/llm_server.py`: FastAPI streaming in the providers'
/// formats (OpenAI Chat Completions and Responses, Anthropic Messages,
/// Ollama's JSON lines), a scenario chosen by the request's `model`.
public struct ModelServerPeer: LoopbackPeer {
    public let process: PeerProcess

    public static func start(lifetime: Int = 60) async throws -> ModelServerPeer {
        ModelServerPeer(process: try await PeerProcess.start("llm_server.py", arguments: ["\(lifetime)"]))
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
}
