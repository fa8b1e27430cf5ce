/// permessage-deflate (RFC 7692): what the client offers and what the
/// server's answer means.
public enum PerMessageDeflate {
    /// What to offer in `Sec-WebSocket-Extensions`.
    public struct Offer: Sendable, Equatable {
        /// Ask the server not to keep its compression context between
        /// messages (`server_no_context_takeover`).
        public var serverNoContextTakeover: Bool
        /// Announce that we will not keep ours (`client_no_context_takeover`).
        public var clientNoContextTakeover: Bool
        /// Ask the server to use at most this LZ77 window (9–15).
        public var serverMaxWindowBits: Int?
        /// Let the server limit our window (`client_max_window_bits`), as
        /// browsers do.
        public var acceptClientMaxWindowBits: Bool

        public init(
            serverNoContextTakeover: Bool = false,
            clientNoContextTakeover: Bool = false,
            serverMaxWindowBits: Int? = nil,
            acceptClientMaxWindowBits: Bool = true
        ) {
            self.serverNoContextTakeover = serverNoContextTakeover
            self.clientNoContextTakeover = clientNoContextTakeover
            self.serverMaxWindowBits = serverMaxWindowBits
            self.acceptClientMaxWindowBits = acceptClientMaxWindowBits
        }

        /// The header value, e.g. `permessage-deflate; server_max_window_bits=10`.
        public var headerValue: String {
            var parts = ["permessage-deflate"]
            if serverNoContextTakeover { parts.append("server_no_context_takeover") }
            if clientNoContextTakeover { parts.append("client_no_context_takeover") }
            if let bits = serverMaxWindowBits { parts.append("server_max_window_bits=\(bits)") }
            if acceptClientMaxWindowBits { parts.append("client_max_window_bits") }
            return parts.joined(separator: "; ")
        }
    }

    /// What both sides agreed on.
    public struct Agreement: Sendable, Equatable {
        /// The server resets its context after each message.
        public var serverNoContextTakeover = false
        /// We reset our compression context after each message.
        public var clientNoContextTakeover = false
        /// The server's window (what it compresses with).
        public var serverMaxWindowBits = 15
        /// Our window (what we compress with). zlib's raw deflate cannot
        /// compress with an 8-bit window, so at 8 messages go uncompressed
        /// (which permessage-deflate allows).
        public var clientMaxWindowBits = 15

        public init() {}
    }

    /// Interprets the server's answer for permessage-deflate (one element of
    /// `Sec-WebSocket-Extensions`, e.g. `permessage-deflate;
    /// server_no_context_takeover`). Throws when the server answered with
    /// something the offer did not allow.
    public static func accept(_ element: ExtensionElement, offer: Offer) throws(WebSocketProtocolError) -> Agreement {
        var agreement = Agreement()
        var seen: Set<String> = []
        for (name, value) in element.parameters {
            let key = name.lowercased()
            guard seen.insert(key).inserted else {
                throw refusal("the server repeated the permessage-deflate parameter '\(name)'")
            }
            switch key {
            case "server_no_context_takeover":
                guard value == nil else { throw refusal("server_no_context_takeover takes no value") }
                agreement.serverNoContextTakeover = true
            case "client_no_context_takeover":
                guard value == nil else { throw refusal("client_no_context_takeover takes no value") }
                agreement.clientNoContextTakeover = true
            case "server_max_window_bits":
                guard let value, let bits = Int(value), (8...15).contains(bits) else {
                    throw refusal("server_max_window_bits must be a number from 8 to 15, got '\(value ?? "")'")
                }
                if let asked = offer.serverMaxWindowBits, bits > asked {
                    throw refusal("the server chose server_max_window_bits=\(bits), larger than the \(asked) asked for")
                }
                agreement.serverMaxWindowBits = bits
            case "client_max_window_bits":
                guard offer.acceptClientMaxWindowBits else {
                    throw refusal("the server sent client_max_window_bits, which the client did not offer")
                }
                guard let value, let bits = Int(value), (8...15).contains(bits) else {
                    throw refusal("client_max_window_bits must be a number from 8 to 15, got '\(value ?? "")'")
                }
                agreement.clientMaxWindowBits = bits
            default:
                throw refusal("the server answered with unknown permessage-deflate parameter '\(name)'")
            }
        }
        if offer.clientNoContextTakeover { agreement.clientNoContextTakeover = true }
        return agreement
    }

    private static func refusal(_ message: String) -> WebSocketProtocolError {
        WebSocketProtocolError(closeCode: CloseCode.protocolError, "Sec-WebSocket-Extensions: " + message)
    }
}

/// One extension in a `Sec-WebSocket-Extensions` header:
/// `name; param; param=value`.
public struct ExtensionElement: Sendable, Equatable {
    public var name: String
    public var parameters: [(name: String, value: String?)]

    public init(name: String, parameters: [(name: String, value: String?)] = []) {
        self.name = name
        self.parameters = parameters
    }

    public static func == (lhs: ExtensionElement, rhs: ExtensionElement) -> Bool {
        lhs.name == rhs.name && lhs.parameters.count == rhs.parameters.count
            && zip(lhs.parameters, rhs.parameters).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Parses every element of one or more header values (comma-separated;
    /// quoted parameter values are unquoted).
    public static func parse(_ headerValues: [String]) -> [ExtensionElement] {
        headerValues.flatMap { $0.split(separator: ",") }.compactMap { item in
            let pieces = item.split(separator: ";").map { $0.trimmingWhitespace() }
            guard let name = pieces.first, !name.isEmpty else { return nil }
            let parameters = pieces.dropFirst().filter { !$0.isEmpty }.map { piece -> (name: String, value: String?) in
                guard let equals = piece.firstIndex(of: "=") else { return (name: piece, value: nil) }
                var value = piece[piece.index(after: equals)...].trimmingWhitespace()
                if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                return (name: String(piece[..<equals]).trimmingWhitespace(), value: value)
            }
            return ExtensionElement(name: name, parameters: parameters)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
