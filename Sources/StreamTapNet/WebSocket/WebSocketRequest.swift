import NIOHTTP1
import StreamTapCore

/// Builds the opening handshake request: the same GET both protocols start
/// with, plus the WebSocket upgrade headers. The head is exactly what is
/// sent; nothing is added later.
enum WebSocketRequest {
    static func make(endpoint: Endpoint, options: WebSocketOptions, key: String) -> HTTPRequestHead {
        let custom = options.connection.headers
        var headers = HTTPHeaders()
        func addUnlessCustom(_ name: String, _ value: String) {
            if custom.first(name) == nil { headers.add(name: name, value: value) }
        }
        addUnlessCustom("Host", endpoint.hostHeader)
        headers.add(name: "Upgrade", value: "websocket")
        headers.add(name: "Connection", value: "Upgrade")
        headers.add(name: "Sec-WebSocket-Key", value: key)
        headers.add(name: "Sec-WebSocket-Version", value: "13")
        if !options.subprotocols.isEmpty {
            headers.add(name: "Sec-WebSocket-Protocol", value: options.subprotocols.joined(separator: ", "))
        }
        if let deflate = options.deflate {
            headers.add(name: "Sec-WebSocket-Extensions", value: deflate.headerValue)
        }
        if let origin = options.origin {
            addUnlessCustom("Origin", origin)
        }
        addUnlessCustom("User-Agent", options.connection.userAgent)
        for field in custom.fields {
            headers.add(name: field.name, value: field.value)
        }
        return HTTPRequestHead(version: .http1_1, method: .GET, uri: endpoint.target, headers: headers)
    }

    /// The head as the Core model records it.
    static func record(_ head: HTTPRequestHead) -> RequestHead {
        RequestHead(
            method: head.method.rawValue,
            target: head.uri,
            headers: HeaderFields(head.headers.map { (name: $0.name, value: $0.value) })
        )
    }
}
