import StreamTapCore

/// `Tests/Peers/connect_proxy.py`: an HTTP CONNECT proxy on 127.0.0.1
/// that reports every request it receives.
public struct ConnectProxyPeer: LoopbackPeer {
    public let process: PeerProcess

    /// Starts the proxy. `credentials` (`user:password`) makes it demand
    /// Basic credentials; `resolve` maps made-up host names to loopback
    /// addresses only the proxy knows.
    public static func start(
        credentials: String? = nil,
        resolve: [String: String] = [:]
    ) async throws
        -> ConnectProxyPeer
    {
        var arguments = ["--lifetime", "60"]
        if let credentials { arguments += ["--credentials", credentials] }
        for (name, address) in resolve { arguments += ["--resolve", "\(name)=\(address)"] }
        return ConnectProxyPeer(process: try await PeerProcess.start("connect_proxy.py", arguments: arguments))
    }

    /// The proxy as ``ProxySettings`` for every URL.
    public var settings: ProxySettings {
        ProxySettings(proxy: ProxyServer(host: "127.0.0.1", port: port))
    }

    /// The requests received so far, in order.
    public func requests() -> [ProxiedRequest] { process.reports() }

    /// Waits (up to `timeout` seconds) for `count` requests and returns
    /// those there are by then.
    public func requests(count: Int, timeout: Double = 10) async -> [ProxiedRequest] {
        await process.reports(count: count, timeout: timeout)
    }
}

/// One request the test proxy received, as it reported it.
public struct ProxiedRequest: Decodable, Equatable, Sendable {
    public var method: String
    public var target: String
    /// The `Proxy-Authorization` value, if one was sent.
    public var authorization: String?
    public var headers: [[String]]
    /// The status the proxy answered.
    public var status: Int
}
