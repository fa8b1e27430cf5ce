/// A parsed stream URL: where to connect, what to ask for, and which
/// protocol to speak.
///
/// `ws`/`wss` speak WebSocket, `http`/`https` speak SSE. IPv6 literals are
/// written in brackets (`ws://[::1]:8080/`).
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    /// The host without brackets (`::1`, not `[::1]`).
    public var host: String
    public var port: Int
    /// Path and query, never empty (`/` at least).
    public var target: String
    public var protocolKind: StreamProtocol
    /// The user name and password of the URL's user information
    /// (`mqtt://alice:secret@host/`), percent-decoded. Lenses use them
    /// (MQTT CONNECT, STOMP login); they are never sent as HTTP headers.
    public var user: String?
    public var password: String?

    /// Whether the connection uses TLS (`wss`, `https`).
    public var usesTLS: Bool { scheme == "wss" || scheme == "https" }

    /// The `Host` header value: the host (bracketed if IPv6) and the port
    /// when it is not the scheme's default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == Self.defaultPort(for: scheme) ? name : "\(name):\(port)"
    }

    public var description: String { "\(scheme)://\(hostHeader)\(target)" }

    public init(scheme: String, host: String, port: Int, target: String, protocolKind: StreamProtocol) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.target = target
        self.protocolKind = protocolKind
    }

    /// Parses `text` as a stream URL. `protocolOverride` forces the protocol
    /// (e.g. SSE on a URL whose scheme says nothing about it).
    public init(parsing text: String, protocolOverride: StreamProtocol? = nil) throws(InputError) {
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw InputError(
                description: "'\(text)' is not a URL: it needs a scheme such as ws://, wss://, http:// or https://"
            )
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard let defaultPort = Self.defaultPort(for: scheme) else {
            throw InputError(
                description: "unsupported scheme '\(scheme)' in '\(text)': use ws://, wss://, http:// or https://"
            )
        }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd =
            rest.firstIndex(where: { (character: Character) in "/?#".contains(character) }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if let fragment = target.firstIndex(of: "#") { target = String(target[..<fragment]) }
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        var user: String?
        var password: String?
        if let userInfoEnd = authority.lastIndex(of: "@") {
            let userInfo = authority[..<userInfoEnd]
            let colon = userInfo.firstIndex(of: ":")
            user = try Self.decodedUserInfo(userInfo[..<(colon ?? userInfo.endIndex)], in: text)
            if let colon { password = try Self.decodedUserInfo(userInfo[userInfo.index(after: colon)...], in: text) }
            authority = authority[authority.index(after: userInfoEnd)...]
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw InputError(description: "unterminated IPv6 address in '\(text)'")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw InputError(description: "unexpected '\(after)' after the IPv6 address in '\(text)'")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else {
            throw InputError(description: "no host in '\(text)'")
        }
        var port = defaultPort
        if let portText {
            guard let parsed = Int(portText), (1...65535).contains(parsed) else {
                throw InputError(description: "invalid port '\(portText)' in '\(text)': use a number from 1 to 65535")
            }
            port = parsed
        }
        self.init(
            scheme: scheme,
            host: String(host),
            port: port,
            target: target,
            protocolKind: protocolOverride ?? ((scheme == "ws" || scheme == "wss") ? .websocket : .sse)
        )
        self.user = user
        self.password = password
    }

    private static func decodedUserInfo(_ part: Substring, in text: String) throws(InputError) -> String {
        switch PercentEncoding.decode(part) {
        case .success(let decoded): return decoded
        case .failure: throw InputError(description: "the user information of '\(text)' has a malformed %-escape")
        }
    }

    /// 80 for `ws`/`http`, 443 for `wss`/`https`, `nil` for anything else.
    public static func defaultPort(for scheme: String) -> Int? {
        switch scheme {
        case "ws", "http": 80
        case "wss", "https": 443
        default: nil
        }
    }
}
