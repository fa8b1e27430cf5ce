/// Which HTTP proxy, if any, each connection goes through.
///
/// `--proxy URL` serves every URL; without it the environment decides as
/// curl reads it: `https_proxy` then `HTTPS_PROXY` for `wss://` and
/// `https://`, `http_proxy` then `HTTP_PROXY` for `ws://` and `http://`,
/// and `all_proxy` then `ALL_PROXY` for either when its own variable is not
/// set. (curl ignores the upper-case `HTTP_PROXY`; StreamTap reads it, as it
/// is not a CGI program.) Lower case wins over upper case; an empty
/// variable counts as unset. `--proxy ''` turns proxies off whatever the
/// environment says.
///
/// `--no-proxy LIST`, else `no_proxy`, else `NO_PROXY`, names the hosts
/// reached directly (see ``ProxyBypassList``). Loopback addresses are
/// proxied unless that list names them, as in curl.
///
/// The decision is made for each URL, so a redirect to another host is
/// judged afresh.
public struct ProxySettings: Sendable, Equatable {
    /// The proxy for `ws://` and `http://` URLs.
    public var httpProxy: ProxyServer?
    /// The proxy for `wss://` and `https://` URLs.
    public var httpsProxy: ProxyServer?
    /// The hosts reached directly.
    public var bypass: ProxyBypassList

    public init(httpProxy: ProxyServer?, httpsProxy: ProxyServer?, bypass: ProxyBypassList = ProxyBypassList()) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.bypass = bypass
    }

    /// One proxy for every URL.
    public init(proxy: ProxyServer, bypass: ProxyBypassList = ProxyBypassList()) {
        self.init(httpProxy: proxy, httpsProxy: proxy, bypass: bypass)
    }

    /// The proxy a connection to `endpoint` goes through, or `nil` to
    /// connect directly.
    public func proxy(for endpoint: Endpoint) -> ProxyServer? {
        let proxy = endpoint.usesTLS ? httpsProxy : httpProxy
        guard let proxy, !bypass.contains(host: endpoint.host, port: endpoint.port) else { return nil }
        return proxy
    }

    /// The settings from the command line's `--proxy` and `--no-proxy` (when
    /// given) and the environment; `nil` when no proxy is configured.
    public static func resolve(
        proxy option: String?,
        noProxy noProxyOption: String?,
        environment: [String: String]
    ) throws(InputError) -> ProxySettings? {
        func variable(_ names: String...) -> (name: String, value: String)? {
            for name in names {
                if let value = environment[name], !ProxyServer.trimmed(value).isEmpty { return (name, value) }
            }
            return nil
        }
        let bypassText = noProxyOption ?? variable("no_proxy", "NO_PROXY")?.value ?? ""
        let bypass = ProxyBypassList(parsing: bypassText)
        if let option {
            guard !ProxyServer.trimmed(option).isEmpty else { return nil }
            do {
                return ProxySettings(proxy: try ProxyServer(parsing: option), bypass: bypass)
            } catch {
                throw InputError(description: "--proxy: \(error.description)")
            }
        }
        func parse(_ found: (name: String, value: String)?) throws(InputError) -> ProxyServer? {
            guard let found else { return nil }
            do {
                return try ProxyServer(parsing: found.value)
            } catch {
                throw InputError(description: "the environment variable \(found.name): \(error.description)")
            }
        }
        let http = try parse(variable("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"))
        let https = try parse(variable("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"))
        guard http != nil || https != nil else { return nil }
        return ProxySettings(httpProxy: http, httpsProxy: https, bypass: bypass)
    }
}
