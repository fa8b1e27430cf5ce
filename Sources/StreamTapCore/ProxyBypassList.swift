/// The hosts reached directly, never through a proxy: a `NO_PROXY` or
/// `--no-proxy` list, read with curl's rules plus ports.
///
/// - The list is separated by commas; blanks around entries are ignored.
/// - `*` matches every host (curl accepts it only as the whole list; here
///   it may be any entry).
/// - A host name matches itself and every name below it: `example.com` and
///   `.example.com` both match `example.com` and `www.example.com`, never
///   `notexample.com`. Case and a trailing dot do not matter. `*.example.com`
///   means `.example.com`.
/// - An IP address matches that address however it is written, and
///   `10.0.0.0/8` or `fe80::/10` match a range. Addresses and names never
///   match each other: `localhost` does not cover `127.0.0.1` (list both).
/// - `host:port` (`[::1]:8080` for IPv6) limits an entry to one port.
///
/// Loopback hosts are proxied like any other unless the list names them,
/// as curl does.
public struct ProxyBypassList: Sendable, Equatable {
    enum Pattern: Sendable, Equatable {
        case everything
        /// A name and every name below it (lower case, no leading or
        /// trailing dot).
        case domain(String)
        case address(ProxyIPAddress, prefixBits: Int)
    }

    struct Entry: Sendable, Equatable {
        var pattern: Pattern
        var port: Int?
    }

    var entries: [Entry]

    /// The entries that mean nothing (a bad port, a malformed address);
    /// they never match.
    public private(set) var invalidEntries: [String]

    /// An empty list: every host goes through the proxy.
    public init() {
        entries = []
        invalidEntries = []
    }

    /// Reads a comma-separated list (see the type's description).
    public init(parsing text: String) {
        self.init()
        for piece in text.split(separator: ",") {
            let entry = ProxyServer.trimmed(piece)
            guard !entry.isEmpty else { continue }
            if let parsed = Self.parseEntry(entry) {
                entries.append(parsed)
            } else {
                invalidEntries.append(String(entry))
            }
        }
    }

    /// Whether the list is empty (nothing bypasses the proxy).
    public var isEmpty: Bool { entries.isEmpty }

    /// Whether a connection to `host` (without brackets) on `port` goes
    /// directly.
    public func contains(host: String, port: Int) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        while name.hasSuffix(".") { name.removeLast() }
        let address = ProxyIPAddress(name)
        return entries.contains { entry in
            if let entryPort = entry.port, entryPort != port { return false }
            switch entry.pattern {
            case .everything:
                return true
            case .domain(let domain):
                return address == nil && (name == domain || name.hasSuffix("." + domain))
            case .address(let network, let bits):
                return address.map { network.sharesPrefix(with: $0, bits: bits) } ?? false
            }
        }
    }

    private static func parseEntry(_ text: Substring) -> Entry? {
        let text = text.lowercased()[...]
        if text == "*" { return Entry(pattern: .everything, port: nil) }
        var hostPart = text
        var port: Int?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") {
                guard let value = parsePort(after.dropFirst()) else { return nil }
                port = value
            } else if after.hasPrefix("/") {
                hostPart = text.dropFirst().filter { $0 != "]" }[...]
            } else if !after.isEmpty {
                return nil
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            guard let value = parsePort(text[text.index(after: colon)...]) else { return nil }
            port = value
            hostPart = text[..<colon]
        }
        guard let pattern = parsePattern(hostPart) else { return nil }
        return Entry(pattern: pattern, port: port)
    }

    private static func parsePattern(_ text: Substring) -> Pattern? {
        if text == "*" { return .everything }
        var addressText = text
        var bits: Int?
        if let slash = text.firstIndex(of: "/") {
            addressText = text[..<slash]
            guard let value = Int(text[text.index(after: slash)...]), value >= 0 else { return nil }
            bits = value
        }
        if let address = ProxyIPAddress(addressText) {
            let length = address.bytes.count * 8
            guard (bits ?? length) <= length else { return nil }
            return .address(address, prefixBits: bits ?? length)
        }
        guard bits == nil else { return nil }
        var name = text
        if name.hasPrefix("*.") { name = name.dropFirst() }
        while name.hasPrefix(".") { name = name.dropFirst() }
        while name.hasSuffix(".") { name = name.dropLast() }
        guard !name.isEmpty, !name.contains(":"),
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else { return nil }
        return .domain(String(name))
    }

    private static func parsePort(_ text: Substring) -> Int? {
        guard let port = Int(text), (1...65535).contains(port) else { return nil }
        return port
    }
}
