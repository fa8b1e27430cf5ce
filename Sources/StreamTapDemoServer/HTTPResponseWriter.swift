import NIOCore
import NIOHTTP1

/// Writes complete, small HTTP responses (pages, errors, 202, 204).
enum HTTPResponseWriter {
    /// Writes a whole response; closes the connection afterwards unless
    /// `keepAlive`. Returns when the response has been written.
    @discardableResult
    static func write(
        _ status: HTTPResponseStatus,
        contentType: String? = "text/plain; charset=utf-8",
        body: String = "",
        extraHeaders: [(String, String)] = [],
        keepAlive: Bool,
        context: ChannelHandlerContext
    ) -> EventLoopFuture<Void> {
        var headers = HTTPHeaders()
        if let contentType, status != .noContent {
            headers.add(name: "Content-Type", value: contentType)
        }
        if status != .noContent {
            headers.add(name: "Content-Length", value: String(body.utf8.count))
        }
        headers.add(name: "Cache-Control", value: "no-store")
        for (name, value) in extraHeaders {
            headers.add(name: name, value: value)
        }
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        }
        let head = HTTPResponseHead(version: .http1_1, status: status, headers: headers)
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        if !body.isEmpty {
            let buffer = context.channel.allocator.buffer(string: body)
            context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))), promise: nil)
        }
        let written = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
        if !keepAlive {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
        return written
    }

    /// The response that explains a `RouteFailure`.
    static func write(_ failure: RouteFailure, keepAlive: Bool, context: ChannelHandlerContext) {
        switch failure {
        case .notFound:
            write(
                .notFound,
                body: "not found: see / for the routes of this server\n",
                keepAlive: keepAlive,
                context: context
            )
        case .badRequest(let reason):
            write(.badRequest, body: "bad request: \(reason)\n", keepAlive: keepAlive, context: context)
        case .methodNotAllowed(let allowed):
            write(
                .methodNotAllowed,
                body: "method not allowed: this route answers \(allowed)\n",
                extraHeaders: [("Allow", allowed)],
                keepAlive: keepAlive,
                context: context
            )
        case .upgradeRequired:
            write(
                .upgradeRequired,
                body: "upgrade required: this is a WebSocket route; connect with ws:// and Sec-WebSocket-Version: 13\n",
                extraHeaders: [("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13")],
                keepAlive: keepAlive,
                context: context
            )
        }
    }
}
