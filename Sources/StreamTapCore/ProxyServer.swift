/// An HTTP proxy that opens tunnels with `CONNECT`, parsed from a proxy URL
/// as curl reads one: `[http://][user[:password]@]host[:port][/]`.
///
/// Only `http://` proxies are spoken (TLS to the proxy itself and SOCKS are
/// refused with a clear error). Without a scheme the URL means `http://`;
/// without a port the proxy is on 1080, curl's default. The user name and
/// password are percent-decoded and sent as `Proxy-Authorization: Basic`.
/// Error messages never repeat the password.
public struct ProxyServer: Sendable, Equatable, CustomStringConvertible {
    /// The port a proxy URL without one means (curl's choice).
    public static let defaultPort = 1080

    /// The host name or address, without brackets (`::1`, not `[::1]`).
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    public init(host: String, port: Int, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// `host:port`, bracketed for IPv6: how messages name the proxy.
    public var address: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `http://host:port`, without the credentials.
    public var description: String { "http://\(address)" }

    /// The `Proxy-Authorization` value (`Basic …`), when there are
    /// credentials.
    public var authorization: String? {
        guard let username else { return nil }
        return "Basic " + Base64.encode(Array("\(username):\(password ?? "")".utf8))
    }

    /// Parses a proxy URL (see the type's description).
    public init(parsing text: String) throws(InputError) {
        let shown = Self.redacting(text)
        var rest = Self.trimmed(text)
        guard !rest.isEmpty else { throw InputError(description: "the proxy URL is empty") }
        if let schemeEnd = rest.firstRange(of: "://") {
            let scheme = rest[..<schemeEnd.lowerBound].lowercased()
            try Self.checkScheme(scheme, shown: shown)
            rest = rest[schemeEnd.upperBound...]
        }
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        let after = rest[authorityEnd...]
        guard after.isEmpty || after == "/" else {
            throw InputError(
                description: "a proxy URL is only http://[user:password@]host:port, without a path: '\(shown)'"
            )
        }
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":")
            username = try Self.percentDecoded(userInfo[..<(colon ?? userInfo.endIndex)], shown: shown)
            if let colon {
                password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...], shown: shown)
            }
        }
        (host, port) = try Self.hostAndPort(authority, shown: shown)
    }

    private static func checkScheme(_ scheme: String, shown: String) throws(InputError) {
        switch scheme {
        case "http":
            return
        case "https":
            throw InputError(
                description: "HTTPS proxies (TLS to the proxy itself) are not supported: use an http:// proxy URL, "
                    + "got '\(shown)'"
            )
        case "socks4", "socks4a", "socks5", "socks5h":
            throw InputError(
                description: "SOCKS proxies are not supported, only HTTP proxies that speak CONNECT: got '\(shown)'"
            )
        default:
            throw InputError(description: "unsupported proxy scheme '\(scheme)' in '\(shown)': use http://host:port")
        }
    }

    private static func hostAndPort(_ authority: Substring, shown: String) throws(InputError) -> (String, Int) {
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw InputError(description: "unterminated IPv6 address in the proxy URL '\(shown)'")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else {
                throw InputError(description: "unexpected '\(after)' after the IPv6 address in '\(shown)'")
            }
            portText = after.isEmpty ? nil : after.dropFirst()
            guard ProxyIPAddress(host)?.isIPv6 == true else {
                throw InputError(description: "'\(host)' is not an IPv6 address, in the proxy URL '\(shown)'")
            }
        } else {
            guard authority.filter({ $0 == ":" }).count <= 1 else {
                throw InputError(description: "write an IPv6 proxy address in brackets, e.g. http://[::1]:3128")
            }
            let colon = authority.firstIndex(of: ":")
            host = authority[..<(colon ?? authority.endIndex)]
            portText = colon.map { authority[authority.index(after: $0)...] }
            guard !host.isEmpty else { throw InputError(description: "no host in the proxy URL '\(shown)'") }
            guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }) else {
                throw InputError(description: "'\(host)' is not a valid proxy host name, in '\(shown)'")
            }
        }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw InputError(
                description: "invalid port '\(portText)' in the proxy URL '\(shown)': use a number from 1 to 65535"
            )
        }
        return (String(host), port)
    }

    /// `%XX` escapes decoded (as in a URL's user information).
    private static func percentDecoded(_ text: Substring, shown: String) throws(InputError) -> String {
        switch PercentEncoding.decode(text) {
        case .success(let decoded):
            return decoded
        case .failure(.incompleteEscape):
            throw InputError(description: "a '%' in the proxy credentials must start an escape like %40: '\(shown)'")
        case .failure(.notUTF8):
            throw InputError(description: "the proxy credentials are not UTF-8 once decoded: '\(shown)'")
        }
    }

    /// `text` without leading and trailing white space.
    static func trimmed(_ text: some StringProtocol) -> Substring {
        let text = Substring(text)
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text.lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return text[start..<end]
    }

    /// `text` with the password of a proxy URL replaced by `****`.
    public static func redacting(_ text: String) -> String {
        let start = text.firstRange(of: "://")?.upperBound ?? text.startIndex
        let authorityEnd = text[start...].firstIndex { "/?#".contains($0) } ?? text.endIndex
        guard let at = text[start..<authorityEnd].lastIndex(of: "@"),
            let colon = text[start..<at].firstIndex(of: ":")
        else { return text }
        return String(text[...colon]) + "****" + String(text[at...])
    }
}
