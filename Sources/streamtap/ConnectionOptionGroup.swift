import ArgumentParser
import Foundation
import StreamTapCore
import StreamTapNet

/// Options every command that connects to a URL shares.
struct ConnectionOptionGroup: ParsableArguments {
    @Option(
        name: [.customShort("H"), .long],
        help: ArgumentHelp(
            "Add a request header, e.g. -H 'Authorization: Bearer x'. Repeatable.",
            valueName: "name: value"
        )
    )
    var header: [String] = []

    @Option(help: ArgumentHelp("Offer a WebSocket subprotocol. Repeatable, in preference order.", valueName: "name"))
    var subprotocol: [String] = []

    @Option(help: "Send this Origin header.")
    var origin: String?

    @Option(help: "The User-Agent header (default: streamtap/VERSION).")
    var userAgent: String?

    @Option(
        help: ArgumentHelp(
            "Speak this protocol whatever the URL's scheme says: websocket or sse.",
            valueName: "websocket|sse"
        )
    )
    var `protocol`: String?

    @Flag(help: "Do not verify the server's TLS certificate (shown as a warning).")
    var insecure = false

    @Option(help: ArgumentHelp("Trust the certificate authorities in this PEM file.", valueName: "file"))
    var cacert: String?

    @Option(help: ArgumentHelp("Present this PEM client certificate (mutual TLS).", valueName: "file"))
    var cert: String?

    @Option(help: ArgumentHelp("The private key of --cert (PEM), if not in the same file.", valueName: "file"))
    var key: String?

    @Option(
        help: ArgumentHelp(
            "Tunnel through this HTTP proxy with CONNECT, e.g. http://user:password@proxy:3128 (default: "
                + "https_proxy/HTTPS_PROXY for wss and https, http_proxy/HTTP_PROXY for ws and http, else "
                + "all_proxy/ALL_PROXY; '' for none).",
            valueName: "url"
        )
    )
    var proxy: String?

    @Option(
        help: ArgumentHelp(
            "Reach these hosts directly, not through the proxy: a comma list of names (matching their "
                + "subdomains too), addresses, CIDR ranges, host:port, or * (default: no_proxy/NO_PROXY).",
            valueName: "list"
        )
    )
    var noProxy: String?

    @Option(
        help: ArgumentHelp(
            "Give up connecting (DNS, TCP, TLS) after this many seconds (default: 10).",
            valueName: "seconds"
        )
    )
    var connectTimeout: Double?

    @Option(
        help: ArgumentHelp(
            "Reconnection policy: off, on, or backoff:MIN-MAX[:ATTEMPTS], e.g. backoff:250ms-10s:5 "
                + "(exponential, full jitter); for SSE also spec[:ATTEMPTS] (as a browser: wait the "
                + "reconnection time after a stream ends) and always[:ATTEMPTS] (also after HTTP errors "
                + "and 204). Default: spec for SSE over GET; off for WebSocket and for a request that is "
                + "not safe to repeat (a POST or a body: each attempt would send it again).",
            valueName: "policy"
        )
    )
    var reconnect: String?

    @Option(
        help: ArgumentHelp(
            "A stream that sends no byte for this many milliseconds counts as lost (then --reconnect decides).",
            valueName: "ms"
        )
    )
    var readTimeout: Int?

    @Option(help: ArgumentHelp("SSE: the request method (default GET, or POST with --data).", valueName: "method"))
    var method: String?

    @Option(
        help: ArgumentHelp(
            "SSE: send this request body (Content-Type application/json unless -H sets one).",
            valueName: "text"
        )
    )
    var data: String?

    @Option(help: ArgumentHelp("SSE: send this file's contents as the request body.", valueName: "file"))
    var dataFile: String?

    @Option(
        help: ArgumentHelp(
            "SSE: the reconnection time to start with (default 3000); the server's retry field changes it "
                + "unless --ignore-server-retry.",
            valueName: "ms"
        )
    )
    var retryMs: Int?

    @Flag(help: "SSE: keep the reconnection time fixed, whatever the server's retry field says.")
    var ignoreServerRetry = false

    @Option(
        help: ArgumentHelp(
            "SSE: start as if the stream had already set this event ID: sent as Last-Event-ID and reported as "
                + "the events' lastEventId until the stream sets its own (-H 'Last-Event-ID: ...' does the same).",
            valueName: "id"
        )
    )
    var lastEventId: String?

    @Flag(help: "Do not offer permessage-deflate compression.")
    var noDeflate = false

    @Flag(help: "Ask the server not to keep compression context between messages (server_no_context_takeover).")
    var deflateNoContextTakeover = false

    @Option(help: ArgumentHelp("Ask the server to compress with at most this window (9-15).", valueName: "bits"))
    var deflateWindowBits: Int?

    @Flag(help: "Do not answer pings automatically.")
    var noAutoPong = false

    @Option(help: ArgumentHelp("Send a ping every this many seconds and report the round trip.", valueName: "seconds"))
    var keepalive: Double?

    @Option(
        help: ArgumentHelp("The largest message accepted; larger closes with 1009. Default 64 MiB.", valueName: "bytes")
    )
    var maxMessageSize: Int?

    @Option(help: ArgumentHelp("Send this text message after every (re)connection. Repeatable.", valueName: "text"))
    var onConnect: [String] = []

    @OptionGroup(title: "Protocol lens")
    var lens: LensOptionGroup

    func validate() throws {
        if let bits = deflateWindowBits, !(9...15).contains(bits) {
            throw ValidationError("--deflate-window-bits must be from 9 to 15")
        }
        if let connectTimeout, !(connectTimeout > 0 && connectTimeout <= 3600) {
            throw ValidationError("--connect-timeout must be more than 0 and at most 3600 seconds")
        }
        if let maxMessageSize, maxMessageSize <= 0 { throw ValidationError("--max-message-size must be positive") }
        if let keepalive, !(keepalive > 0 && keepalive <= 86_400) {
            throw ValidationError("--keepalive must be more than 0 and at most 86400 seconds")
        }
        if data != nil && dataFile != nil { throw ValidationError("--data and --data-file exclude each other") }
        if let retryMs, !(0...86_400_000).contains(retryMs) {
            throw ValidationError("--retry-ms must be from 0 to 86400000")
        }
        if let readTimeout, !(1...86_400_000).contains(readTimeout) {
            throw ValidationError("--read-timeout must be from 1 to 86400000 (milliseconds)")
        }
        if let lastEventId, lastEventId.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }) {
            throw ValidationError("--last-event-id cannot hold a line break or NUL (the stream could not set it)")
        }
        if let method, !HTTPToken.isToken(method) {
            throw ValidationError("'\(method)' is not a valid HTTP method")
        }
        _ = try parsedHeaders()
        _ = try protocolOverride()
        if let noProxy, let invalid = ProxyBypassList(parsing: noProxy).invalidEntries.first {
            throw ValidationError("--no-proxy: '\(invalid)' is not a host name, address, CIDR range or host:port")
        }
        _ = try proxySettings()
    }

    /// The proxies from `--proxy`, `--no-proxy` and the environment.
    func proxySettings() throws -> ProxySettings? {
        do {
            return try ProxySettings.resolve(
                proxy: proxy,
                noProxy: noProxy,
                environment: ProcessInfo.processInfo.environment
            )
        } catch {
            throw ValidationError(error.description)
        }
    }

    func parsedHeaders() throws -> HeaderFields {
        var fields = HeaderFields()
        for line in header {
            do {
                let (name, value) = try HeaderLine.parse(line)
                fields.append(name: name, value: value)
            } catch {
                throw ValidationError("-H: \(error.description)")
            }
        }
        return fields
    }

    /// The `--reconnect` policy, if given (`nil`: the connection's usual
    /// one, see `ReconnectPolicy.standard`); `spec` and `always` only mean
    /// something to SSE.
    func reconnectPolicy(for protocolKind: StreamProtocol) throws -> ReconnectPolicy? {
        guard let reconnect else { return nil }
        let policy: ReconnectPolicy
        do {
            policy = try ReconnectPolicy(parsing: reconnect)
        } catch {
            throw ValidationError(error.description)
        }
        if protocolKind == .websocket && (policy.mode == .spec || policy.mode == .always) {
            throw ValidationError(
                "--reconnect \(policy.mode.rawValue) is for SSE; use off, on or backoff for WebSocket"
            )
        }
        return policy
    }

    func protocolOverride() throws -> StreamProtocol? {
        guard let text = self.protocol else { return nil }
        guard let value = StreamProtocol(rawValue: text.lowercased()) else {
            throw ValidationError("--protocol must be websocket or sse, got '\(text)'")
        }
        return value
    }

    /// The endpoint `url` leads to (with the Socket.IO lens, its Engine.IO
    /// WebSocket endpoint).
    func endpoint(for url: String) throws -> Endpoint {
        let endpoint = try parsedEndpoint(url)
        return try lens.socketIOAddress(of: endpoint)?.endpoint ?? endpoint
    }

    /// These options for `url`: with the Socket.IO lens and no
    /// `--namespace`, the URL's path is the namespace.
    func forURL(_ url: String) throws -> ConnectionOptionGroup {
        var options = self
        if options.lens.namespace.isEmpty, let address = try lens.socketIOAddress(of: try parsedEndpoint(url)) {
            options.lens.namespace = [address.namespace]
        }
        return options
    }

    private func parsedEndpoint(_ url: String) throws -> Endpoint {
        do {
            return try Endpoint(parsing: url, protocolOverride: try protocolOverride())
        } catch let error as InputError {
            throw ValidationError(error.description)
        }
    }

    /// Everything that shapes a connection to a URL speaking
    /// `protocolKind`; reads `--data-file`. For SSE, a `-H 'Last-Event-ID:
    /// …'` becomes the starting last event ID (the stream's own IDs then
    /// replace it) rather than a header sent forever.
    func streamOptions(for protocolKind: StreamProtocol, reportFrames: Bool) throws -> StreamOptions {
        var headers = try parsedHeaders()
        var lastEventID = lastEventId ?? ""
        if protocolKind == .sse {
            if lastEventId == nil, let given = headers.first("Last-Event-ID") { lastEventID = given }
            headers.fields.removeAll { $0.name.lowercased() == "last-event-id" }
        }
        var body = data.map { Array($0.utf8) }
        if let dataFile {
            guard let contents = FileManager.default.contents(atPath: dataFile) else {
                throw ValidationError("cannot read --data-file '\(dataFile)'")
            }
            body = Array(contents)
        }
        return StreamOptions(
            connection: ConnectionOptions(
                headers: headers,
                userAgent: userAgent ?? "streamtap/\(StreamTap.version)",
                tls: TLSOptions(insecure: insecure, caFile: cacert, certificateFile: cert, privateKeyFile: key),
                connectTimeoutMilliseconds: Int((connectTimeout ?? 10) * 1000),
                readTimeoutMilliseconds: readTimeout,
                proxy: try proxySettings()
            ),
            autoPong: !noAutoPong,
            reconnect: try reconnectPolicy(for: protocolKind),
            webSocket: WebSocketOptions(
                subprotocols: subprotocol,
                origin: origin,
                deflate: noDeflate
                    ? nil
                    : PerMessageDeflate.Offer(
                        serverNoContextTakeover: deflateNoContextTakeover,
                        serverMaxWindowBits: deflateWindowBits
                    ),
                keepaliveIntervalMilliseconds: keepalive.map { Int($0 * 1000) },
                maxMessageSize: maxMessageSize ?? 64 << 20,
                onConnectMessages: onConnect,
                reportFrames: reportFrames
            ),
            eventStream: SSEOptions(
                method: method ?? (body == nil ? "GET" : "POST"),
                body: body,
                initialReconnectionTimeMilliseconds: retryMs,
                ignoresServerRetry: ignoreServerRetry,
                lastEventID: lastEventID
            ),
            lens: try lens.settings()
        )
    }
}
