/// Where a Socket.IO client connects, from the URL a user gives it as to
/// `io("http://host:port/chat")`: the host's Engine.IO WebSocket endpoint,
/// and the URL's path as the namespace.
public enum SocketIOAddress {
    /// The WebSocket endpoint for `endpoint` and the namespace it names.
    /// A URL whose path already holds the Engine.IO path is kept as it is
    /// (namespace `/`). `path` is the server's Engine.IO path.
    public static func resolve(
        _ endpoint: Endpoint,
        path: String = "/socket.io/",
        engineIOVersion: Int = 4
    ) -> (endpoint: Endpoint, namespace: String) {
        var resolved = endpoint
        resolved.protocolKind = .websocket
        switch endpoint.scheme {
        case "http": resolved.scheme = "ws"
        case "https": resolved.scheme = "wss"
        default: break
        }
        let enginePath = path.hasSuffix("/") ? path : path + "/"
        let urlPath = String(endpoint.target.prefix { $0 != "?" })
        if urlPath.hasPrefix(enginePath) || urlPath + "/" == enginePath {
            return (resolved, "/")
        }
        let query = endpoint.target.firstIndex(of: "?").map {
            "&" + endpoint.target[endpoint.target.index(after: $0)...]
        }
        resolved.target = enginePath + "?EIO=\(engineIOVersion)&transport=websocket" + (query ?? "")
        let namespace =
            urlPath == "/" || urlPath.isEmpty ? "/" : String(urlPath.reversed().drop { $0 == "/" }.reversed())
        return (resolved, namespace)
    }
}
