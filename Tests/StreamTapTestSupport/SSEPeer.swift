/// A Server-Sent Events peer on 127.0.0.1 that reports every request it
/// receives: the byte-exact socket server (`Tests/Peers/sse_raw_server.py`)
/// or the aiohttp + aiohttp-sse app (`Tests/Peers/sse_aiohttp_app.py`).
public struct SSEPeer: LoopbackPeer {
    public let process: PeerProcess

    /// The byte-exact socket server.
    public static func raw(lifetime: Int = 60) async throws -> SSEPeer {
        try await start("sse_raw_server.py", lifetime: lifetime)
    }

    /// The aiohttp + aiohttp-sse app.
    public static func aiohttp(lifetime: Int = 60) async throws -> SSEPeer {
        try await start("sse_aiohttp_app.py", lifetime: lifetime)
    }

    private static func start(_ script: String, lifetime: Int) async throws -> SSEPeer {
        SSEPeer(process: try await PeerProcess.start(script, arguments: ["--lifetime", "\(lifetime)"]))
    }

    /// `http://127.0.0.1:PORT` + `path`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The requests received so far, in order.
    public func requests() -> [SSEPeerRequest] { process.reports() }

    /// Waits (up to `timeout` seconds) until `count` requests have come,
    /// and returns those there are by then.
    public func requests(count: Int, timeout: Double = 10) async -> [SSEPeerRequest] {
        await process.reports(count: count, timeout: timeout)
    }
}

/// One request an SSE peer received, as it reported it.
public struct SSEPeerRequest: Decodable, Sendable {
    public var method: String
    public var target: String
    public var headers: [[String]]
    public var body: String

    /// The first value of header `name` (any case), if sent.
    public func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }
}
