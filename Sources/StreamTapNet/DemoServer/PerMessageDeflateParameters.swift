/// The permessage-deflate extension (RFC 7692) as agreed in one opening
/// handshake: which offer the server accepted and with what parameters.
struct PerMessageDeflateParameters: Equatable {
    /// The server resets its compressor after every message.
    var serverNoContextTakeover = false
    /// The client promised to reset its compressor after every message.
    var clientNoContextTakeover = false
    /// The LZ77 window the server compresses with (9...15).
    var serverMaxWindowBits = 15

    /// The `Sec-WebSocket-Extensions` value that accepts the offer.
    var responseHeaderValue: String {
        var value = "permessage-deflate"
        if serverNoContextTakeover { value += "; server_no_context_takeover" }
        if clientNoContextTakeover { value += "; client_no_context_takeover" }
        if serverMaxWindowBits != 15 { value += "; server_max_window_bits=\(serverMaxWindowBits)" }
        return value
    }

    /// The first permessage-deflate offer among `headerValues` (every
    /// `Sec-WebSocket-Extensions` line of the request) that the server can
    /// honour, or `nil` when there is none.
    ///
    /// An offer with an unknown or repeated parameter, or a window size
    /// this server cannot keep to (raw deflate has no 256-byte window), is
    /// declined, as RFC 7692 §7.1 requires; a later offer may still match.
    static func negotiate(offers headerValues: [String]) -> PerMessageDeflateParameters? {
        for offer in headerValues.flatMap({ $0.split(separator: ",") }) {
            if let accepted = accept(offer) {
                return accepted
            }
        }
        return nil
    }

    private static func accept(_ offer: Substring) -> PerMessageDeflateParameters? {
        let parts = offer.split(separator: ";").map { $0.trimmingSpaces }
        guard let name = parts.first, name.lowercased() == "permessage-deflate" else { return nil }
        var parameters = PerMessageDeflateParameters()
        var seen: Set<String> = []
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = pair[0].trimmingSpaces.lowercased()
            let value = pair.count > 1 ? unquoted(pair[1].trimmingSpaces) : nil
            guard seen.insert(key).inserted else { return nil }
            switch (key, value) {
            case ("server_no_context_takeover", nil):
                parameters.serverNoContextTakeover = true
            case ("client_no_context_takeover", nil):
                parameters.clientNoContextTakeover = true
            case ("server_max_window_bits", let value?):
                guard let bits = windowBits(value), bits >= 9 else { return nil }
                parameters.serverMaxWindowBits = bits
            case ("client_max_window_bits", nil):
                break
            case ("client_max_window_bits", let value?):
                guard windowBits(value) != nil else { return nil }
            default:
                return nil
            }
        }
        return parameters
    }

    private static func windowBits(_ text: Substring) -> Int? {
        guard text.count <= 2, text.allSatisfy(\.isASCII), let bits = Int(text), (8...15).contains(bits) else {
            return nil
        }
        return bits
    }

    private static func unquoted(_ text: Substring) -> Substring {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
        return text.dropFirst().dropLast()
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
