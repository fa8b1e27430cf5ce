/// The `CONNECT` exchange that opens a tunnel through an HTTP proxy
/// (RFC 9110, section 9.3.6): the request, reading the proxy's response
/// head, and what an answer other than `2xx` means, in words.
public enum ProxyConnect {
    /// The largest response head read from a proxy.
    public static let maximumHeadSize = 16 * 1024

    /// The request target: `host:port` (authority form), the port always
    /// written and IPv6 hosts in brackets.
    public static func authority(of endpoint: Endpoint) -> String {
        endpoint.host.contains(":") ? "[\(endpoint.host)]:\(endpoint.port)" : "\(endpoint.host):\(endpoint.port)"
    }

    /// The bytes of the `CONNECT` request for a tunnel to `endpoint`, with
    /// `Host`, `Proxy-Authorization` (when the proxy has credentials) and
    /// `User-Agent`.
    public static func request(to endpoint: Endpoint, via proxy: ProxyServer, userAgent: String) -> [UInt8] {
        let target = authority(of: endpoint)
        var text = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\n"
        if let authorization = proxy.authorization {
            text += "Proxy-Authorization: \(authorization)\r\n"
        }
        let agent = userAgent.filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }
        if !agent.isEmpty {
            text += "User-Agent: \(agent)\r\n"
        }
        return Array((text + "\r\n").utf8)
    }

    /// How far reading the response head has come.
    public enum HeadParse: Sendable, Equatable {
        /// The head is not complete yet; read more.
        case incomplete
        /// The head, and how many bytes it took (what follows belongs to
        /// the tunnel).
        case complete(ResponseHead, length: Int)
        /// The bytes are not an HTTP response head, or it is too large.
        case invalid(String)
    }

    /// Reads the response head at the start of `bytes` (lines may end in
    /// CRLF or a bare LF), at most `maximumSize` bytes of it.
    public static func parseHead(_ bytes: [UInt8], maximumSize: Int = maximumHeadSize) -> HeadParse {
        let prefix = Array("HTTP/".utf8)
        let checked = min(bytes.count, prefix.count)
        guard bytes[..<checked].elementsEqual(prefix[..<checked]) else {
            return .invalid("the proxy did not answer with HTTP (is it an HTTP proxy?)")
        }
        guard let length = headLength(bytes, limit: maximumSize) else {
            return bytes.count > maximumSize
                ? .invalid("the proxy's response head is larger than \(describeSize(maximumSize))") : .incomplete
        }
        var lines = bytes[..<length].split(separator: UInt8(ascii: "\n")).map {
            String(decoding: $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0, as: UTF8.self)
        }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
            let status = Int(parts[1]), (100...599).contains(status)
        else {
            return .invalid("the proxy sent a malformed status line: \(quoted(statusLine))")
        }
        var headers = HeaderFields()
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":"), line.first != " ", line.first != "\t" else { continue }
            let value = ProxyServer.trimmed(line[line.index(after: colon)...])
            headers.append(name: String(line[..<colon]), value: String(value))
        }
        let reason = parts.count > 2 ? String(parts[2]) : ""
        return .complete(ResponseHead(status: status, reason: reason, headers: headers), length: length)
    }

    /// Why the proxy's answer `head` does not open a tunnel to `target`,
    /// and whether trying again could help (only for `5xx`); `nil` for a
    /// `2xx`, which does.
    public static func refusal(
        _ head: ResponseHead,
        proxy: ProxyServer,
        target: String
    ) -> (message: String, retryable: Bool)? {
        let answer = "\(head.status)\(head.reason.isEmpty ? "" : " \(visible(head.reason))")"
        let prefix = "the proxy \(proxy.address) answered CONNECT \(target) with \(answer)"
        switch head.status {
        case 200..<300:
            return nil
        case 407:
            let scheme = head.headers.first("Proxy-Authenticate").map { "; it asks for \(quoted($0))" } ?? ""
            if proxy.authorization == nil {
                return (
                    "\(prefix): the proxy wants credentials (put them in the --proxy URL: "
                        + "http://user:password@host:port)\(scheme)",
                    false
                )
            }
            return ("\(prefix): the proxy rejected the credentials in the proxy URL\(scheme)", false)
        case 500..<600:
            return ("\(prefix): the proxy could not open the tunnel", true)
        case 400..<500:
            return ("\(prefix): the proxy refused to open the tunnel", false)
        default:
            return ("\(prefix), not 2xx: no tunnel", false)
        }
    }

    /// Where the blank line that ends the head is, counted from the start,
    /// if it is within `limit` bytes.
    private static func headLength(_ bytes: [UInt8], limit: Int) -> Int? {
        let newline = UInt8(ascii: "\n")
        var index = 0
        let end = min(bytes.count, limit)
        while index < end {
            if bytes[index] == newline {
                let next = index + 1
                if next < end, bytes[next] == newline { return next + 1 }
                if next + 1 < end, bytes[next] == UInt8(ascii: "\r"), bytes[next + 1] == newline { return next + 2 }
            }
            index += 1
        }
        return nil
    }

    /// `16 KiB`, or `100 bytes` when not a whole number of KiB.
    private static func describeSize(_ bytes: Int) -> String {
        bytes % 1024 == 0 ? "\(bytes / 1024) KiB" : "\(bytes) bytes"
    }

    /// `text` in quotes, made visible (see ``visible(_:)``).
    private static func quoted(_ text: String) -> String {
        "'" + visible(text) + "'"
    }

    /// At most 200 characters of `text`, with control characters (C0, DEL,
    /// C1) written as `\xHH`: a proxy's words go into messages shown in a
    /// terminal.
    private static func visible(_ text: String) -> String {
        let hex = Array("0123456789abcdef")
        var result = ""
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\x" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xF)])
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 200 ? result + "…" : result
    }
}
