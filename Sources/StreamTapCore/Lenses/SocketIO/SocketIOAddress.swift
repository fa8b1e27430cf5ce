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

extension SocketIOAddress {
    /// What a refused WebSocket upgrade most likely means for a Socket.IO
    /// server, to add to the refusal: StreamTap speaks Engine.IO's
    /// WebSocket transport only, and a server configured for HTTP
    /// long-polling alone refuses it (python-socketio: 403 from the ASGI
    /// server, 400 `Invalid transport`; the JavaScript server: 400
    /// `Transport unknown`).
    public static func refusalHint(_ response: ResponseHead) -> String? {
        let body = String(decoding: (response.body ?? []).prefix(512), as: UTF8.self).lowercased()
        switch response.status {
        case 400 where body.contains("transport"):
            return "; this Socket.IO server allows only HTTP long-polling, not the WebSocket transport "
                + "StreamTap speaks (its transports setting)"
        case 400, 403:
            return "; a Socket.IO server refuses this when it allows only HTTP long-polling (its transports "
                + "setting), or when it refuses the origin (--origin)"
        case 404:
            return "; no Socket.IO server answers at this path (--sio-path sets the Engine.IO path)"
        default:
            return nil
        }
    }
}
