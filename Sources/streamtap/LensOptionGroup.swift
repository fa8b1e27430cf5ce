import ArgumentParser
import StreamTapCore

/// The options that choose and configure a protocol lens.
struct LensOptionGroup: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Read and speak an application protocol: socket.io, graphql, jsonrpc, or raw (none). "
                + "Default: from the subprotocol or a /socket.io/ path.",
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

    func validate() throws {
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
        let name = lens.lowercased() == "socketio" ? LensName.socketIO.rawValue : lens.lowercased()
        guard let value = LensName(rawValue: name) else {
            let names = LensName.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--lens must be one of \(names), got '\(lens)'")
        }
        return value
    }

    /// What the lens is told.
    func settings() throws -> LensSettings {
        LensSettings(
            requested: try requested(),
            socketIONamespaces: namespace,
            socketIOAuth: sioAuth,
            engineIOVersion: eio ?? 4,
            socketIOAsksAcks: sioAck,
            graphQLInit: graphqlInit
        )
    }

    /// With the Socket.IO lens, where a URL leads as `io(URL)` would go:
    /// its Engine.IO WebSocket endpoint, and its path as the namespace.
    func socketIOAddress(of endpoint: Endpoint) throws -> (endpoint: Endpoint, namespace: String)? {
        guard try requested() == .socketIO else { return nil }
        return SocketIOAddress.resolve(endpoint, path: sioPath ?? "/socket.io/", engineIOVersion: eio ?? 4)
    }
}
