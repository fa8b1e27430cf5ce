/// The command line that opens the same connection with another tool, for
/// "copy as command": `websocat`, `wscat` or `curl -N`.
///
/// Headers the tool writes itself (the handshake's mechanics, `Host`,
/// `User-Agent`, `Accept-Encoding`) are left out; the ones the user chose
/// (`Origin`, `Authorization`, cookies, custom fields) are kept, and the
/// subprotocol is passed as the tool's own option.
public enum CommandLineEquivalent {
    /// A tool a connection can be reproduced with.
    public enum Tool: String, Sendable, CaseIterable {
        case websocat
        case wscat
        case curl
    }

    /// Why a tool cannot reproduce the connection.
    public struct Unsupported: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    private static let toolHeaders: Set<String> = [
        "host", "connection", "upgrade", "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
        "sec-websocket-protocol", "user-agent", "accept-encoding", "content-length", "transfer-encoding",
    ]

    /// The command line (one line, quoted for a POSIX shell).
    public static func command(
        for connection: ConnectionHistory,
        tool: Tool
    ) throws(Unsupported) -> String {
        let url = connection.handshake?.url ?? connection.url
        guard !url.isEmpty else { throw Unsupported(description: "the connection has no URL") }
        let request = connection.handshake?.request
        let headers = (request?.headers.fields ?? []).filter { !toolHeaders.contains($0.name.lowercased()) }
        let subprotocols =
            request?.headers.values(for: "Sec-WebSocket-Protocol").flatMap {
                $0.split(separator: ",").map { String($0.drop { $0 == " " }) }
            } ?? []
        var words: [String]
        switch tool {
        case .websocat:
            guard connection.protocolKind == .websocket else { throw sseOnlyCurl(tool) }
            words = ["websocat"]
            for field in headers { words += ["-H", "\(field.name): \(field.value)"] }
            if !subprotocols.isEmpty { words += ["--protocol", subprotocols.joined(separator: ", ")] }
            words.append(url)
        case .wscat:
            guard connection.protocolKind == .websocket else { throw sseOnlyCurl(tool) }
            words = ["wscat", "-c", url]
            for field in headers { words += ["-H", "\(field.name): \(field.value)"] }
            for subprotocol in subprotocols { words += ["-s", subprotocol] }
        case .curl:
            words = ["curl", "-N"]
            if connection.protocolKind == .websocket {
                words += ["--http1.1", "-i"]
                let upgrade = [
                    ("Connection", "Upgrade"), ("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13"),
                    ("Sec-WebSocket-Key", request?.headers.first("Sec-WebSocket-Key") ?? "dGhlIHNhbXBsZSBub25jZQ=="),
                ]
                for (name, value) in upgrade { words += ["-H", "\(name): \(value)"] }
                if !subprotocols.isEmpty {
                    words += ["-H", "Sec-WebSocket-Protocol: " + subprotocols.joined(separator: ", ")]
                }
            } else if let method = request?.method, method != (request?.body == nil ? "GET" : "POST") {
                words += ["-X", method]
            }
            for field in headers { words += ["-H", "\(field.name): \(field.value)"] }
            if let body = request?.body, connection.protocolKind == .sse {
                guard UTF8Validator.isValid(body), !body.contains(0) else {
                    throw Unsupported(description: "the request body is binary; curl cannot take it on a command line")
                }
                words += ["--data-binary", String(decoding: body, as: UTF8.self)]
            }
            words.append(connection.protocolKind == .websocket ? httpURL(for: url) : url)
        }
        return ShellQuoting.line(words)
    }

    private static func sseOnlyCurl(_ tool: Tool) -> Unsupported {
        Unsupported(
            description: "\(tool.rawValue) speaks WebSocket and this connection is Server-Sent Events; use curl"
        )
    }

    /// curl speaks the upgrade request over `http`/`https`.
    private static func httpURL(for url: String) -> String {
        let lowered = url.lowercased()
        if lowered.hasPrefix("wss://") { return "https://" + url.dropFirst(6) }
        if lowered.hasPrefix("ws://") { return "http://" + url.dropFirst(5) }
        return url
    }
}
