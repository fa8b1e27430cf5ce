import ArgumentParser
import StreamTapCore

/// The options that choose and configure a protocol lens.
struct LensOptionGroup: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Read and speak an application protocol. WebSocket: socket.io, graphql, mqtt, stomp, jsonrpc "
                + "(default: from the subprotocol or a /socket.io/ path). Event streams: openai, openai-responses, "
                + "anthropic, ollama, auto (default: a model's stream recognised from its first events). "
                + "raw: none.",
            valueName: "name"
        )
    )
    var lens: String?

    @Option(
        help: ArgumentHelp(
            "Socket.IO: connect this namespace (default: the URL's path, else /). Repeatable.",
            valueName: "namespace"
        )
    )
    var namespace: [String] = []

    @Option(help: ArgumentHelp("Socket.IO: the CONNECT auth payload (a JSON object).", valueName: "json"))
    var sioAuth: String?

    @Option(help: ArgumentHelp("Socket.IO: the server's Engine.IO path (default /socket.io/).", valueName: "path"))
    var sioPath: String?

    @Option(help: ArgumentHelp("Socket.IO: the Engine.IO protocol, 4 (Socket.IO 3 and 4) or 3 (2.x).", valueName: "n"))
    var eio: Int?

    @Flag(help: "Socket.IO: ask an acknowledgement for every emit written on standard input.")
    var sioAck = false

    @Option(help: ArgumentHelp("GraphQL: the connection_init payload (a JSON object).", valueName: "json"))
    var graphqlInit: String?

    @Option(help: ArgumentHelp("MQTT: the protocol revision, 3.1.1 (default) or 5.", valueName: "version"))
    var mqttVersion: String?

    @Option(
        help: ArgumentHelp("MQTT: the client identifier (default: streamtap- and a random number).", valueName: "id")
    )
    var mqttClientId: String?

    @Option(
        help: ArgumentHelp(
            "MQTT: the keepalive announced in CONNECT, in seconds (0: none; default 60).",
            valueName: "s"
        )
    )
    var mqttKeepalive: Int?

    @Option(help: ArgumentHelp("STOMP: the CONNECT host header (the broker's virtual host).", valueName: "host"))
    var stompHost: String?

    @Option(
        help: ArgumentHelp(
            "STOMP: heart-beats offered, ms between those we send and those we want (default 10000,10000).",
            valueName: "send,receive"
        )
    )
    var stompHeartbeat: String?

    @Option(
        help: ArgumentHelp(
            "Event streams: put together the text this JSONPath selects in each event (like $.choices[0].delta.content).",
            valueName: "jsonpath"
        )
    )
    var assemble: String?

    func validate() throws {
        _ = try assemblePath()
        _ = try mqttRevision()
        _ = try heartBeat()
        if let mqttKeepalive, !(0...65535).contains(mqttKeepalive) {
            throw ValidationError("--mqtt-keepalive must be from 0 to 65535 seconds")
        }
        _ = try requested()
        if let eio, eio != 3 && eio != 4 { throw ValidationError("--eio must be 3 or 4") }
        for (name, text) in [("--sio-auth", sioAuth), ("--graphql-init", graphqlInit)] {
            guard let text else { continue }
            do {
                guard try JSONParser.parse(text).isObject else {
                    throw ValidationError("\(name) must be a JSON object")
                }
            } catch let error as JSONParseError {
                throw ValidationError("\(name) is not JSON: \(error)")
            }
        }
        if let bad = namespace.first(where: { !$0.hasPrefix("/") }) {
            throw ValidationError("--namespace '\(bad)' must start with /")
        }
    }

    /// The lens `--lens` names (`nil`: chosen from the connection).
    func requested() throws -> LensName? {
        guard let lens else { return nil }
        guard let value = LensName(parsing: lens) else {
            let names = LensName.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--lens must be one of \(names), got '\(lens)'")
        }
        return value
    }

    /// Refuses a lens that the protocol of the stream cannot use.
    func check(for protocolKind: StreamProtocol) throws {
        if let requested = try requested(), !LensName.names(for: protocolKind).contains(requested) {
            let names = LensName.names(for: protocolKind).map(\.rawValue).joined(separator: ", ")
            let kind = protocolKind == .sse ? "an event stream (http:// or https://)" : "a WebSocket (ws:// or wss://)"
            throw ValidationError("--lens \(requested.rawValue) cannot read \(kind); use one of \(names)")
        }
        if assemble != nil && protocolKind == .websocket {
            throw ValidationError("--assemble is for event streams (http:// and https:// URLs)")
        }
    }

    private func assemblePath() throws -> JSONPath? {
        guard let assemble else { return nil }
        do {
            return try JSONPath(assemble)
        } catch {
            throw ValidationError("--assemble: \(error)")
        }
    }

    private func mqttRevision() throws -> MQTTVersion {
        switch mqttVersion {
        case nil, "3.1.1", "3", "4", "311": return .v311
        case "5", "5.0": return .v5
        case let other?: throw ValidationError("--mqtt-version must be 3.1.1 or 5, got '\(other)'")
        }
    }

    private func heartBeat() throws -> STOMPHeartBeat {
        guard let stompHeartbeat else { return STOMPHeartBeat(send: 10_000, receive: 10_000) }
        let parts = stompHeartbeat.split(separator: ",").map { Int($0) }
        guard parts.count == 2, let send = parts[0], let receive = parts[1], send >= 0, receive >= 0 else {
            throw ValidationError("--stomp-heartbeat is two numbers of milliseconds, like 10000,10000")
        }
        return STOMPHeartBeat(send: send, receive: receive)
    }

    /// What the lens is told.
    func settings() throws -> LensSettings {
        LensSettings(
            requested: try requested(),
            socketIONamespaces: namespace,
            socketIOAuth: sioAuth,
            engineIOVersion: eio ?? 4,
            socketIOAsksAcks: sioAck,
            graphQLInit: graphqlInit,
            mqttVersion: try mqttRevision(),
            mqttClientID: mqttClientId,
            mqttKeepAliveSeconds: mqttKeepalive ?? 60,
            stompHost: stompHost,
            stompHeartBeat: try heartBeat(),
            assemblePath: try assemblePath()
        )
    }

    /// With the Socket.IO lens, where a URL leads as `io(URL)` would go:
    /// its Engine.IO WebSocket endpoint, and its path as the namespace.
    func socketIOAddress(of endpoint: Endpoint) throws -> (endpoint: Endpoint, namespace: String)? {
        guard try requested() == .socketIO else { return nil }
        return SocketIOAddress.resolve(endpoint, path: sioPath ?? "/socket.io/", engineIOVersion: eio ?? 4)
    }
}
