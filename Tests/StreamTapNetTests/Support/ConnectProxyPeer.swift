import Foundation
import StreamTapCore

/// One request the test proxy received, as it printed it.
struct ProxiedRequest: Decodable, Equatable {
    var method: String
    var target: String
    /// The `Proxy-Authorization` value, if one was sent.
    var authorization: String?
    var headers: [[String]]
    /// The status the proxy answered.
    var status: Int
}

/// `Tests/Peers/connect_proxy.py`, an HTTP CONNECT proxy on 127.0.0.1 that
/// reports every request it receives.
struct ConnectProxyPeer {
    private let peer: LinePeer

    var port: Int { peer.port }

    /// Starts the proxy; `nil` when the peer Python is missing (the test is
    /// then skipped, or fails under `CI=true`). `credentials`
    /// (`user:password`) makes it demand Basic credentials; `resolve` maps
    /// made-up host names to loopback addresses only the proxy knows.
    static func start(credentials: String? = nil, resolve: [String: String] = [:]) async throws -> ConnectProxyPeer? {
        var arguments = ["--lifetime", "60"]
        if let credentials { arguments += ["--credentials", credentials] }
        for (name, address) in resolve { arguments += ["--resolve", "\(name)=\(address)"] }
        guard let peer = try await LinePeer.start(script: "connect_proxy.py", arguments: arguments) else { return nil }
        return ConnectProxyPeer(peer: peer)
    }

    /// The proxy as ``ProxySettings`` for every URL.
    var settings: ProxySettings {
        ProxySettings(proxy: ProxyServer(host: "127.0.0.1", port: port))
    }

    /// The requests received so far, in order.
    func requests() -> [ProxiedRequest] {
        peer.lines.compactMap { try? JSONDecoder().decode(ProxiedRequest.self, from: Data($0.utf8)) }
    }

    /// Waits (up to `timeout` seconds) for `count` requests and returns
    /// what has arrived.
    func requests(count: Int, timeout: Double = 10) async -> [ProxiedRequest] {
        await SSEWaiting.value(timeout: timeout) { requests().count >= count ? requests() : nil } ?? requests()
    }

    func stop() { peer.stop() }
}
