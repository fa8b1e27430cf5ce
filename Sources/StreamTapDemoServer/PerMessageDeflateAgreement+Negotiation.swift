import StreamTapCore

/// The server's side of permessage-deflate negotiation (RFC 7692 §5, §7.1):
/// which of the client's offers to accept, and the answer that says so.
extension PerMessageDeflate.Agreement {
    /// The agreement for the first permessage-deflate offer among
    /// `headerValues` (every `Sec-WebSocket-Extensions` line of the
    /// request) that this server can honour, or `nil` when there is none.
    ///
    /// An offer with an unknown or repeated parameter, or a window size
    /// this server cannot keep to (raw deflate has no 256-byte window), is
    /// declined, as RFC 7692 §7.1 requires; a later offer may still match.
    /// A `client_max_window_bits` hint is accepted and not answered: the
    /// inflater always has a 15-bit window.
    static func negotiated(offers headerValues: [String]) -> Self? {
        ExtensionElement.parse(headerValues).lazy.compactMap(accepting).first
    }

    /// The `Sec-WebSocket-Extensions` value that accepts the offer.
    var responseHeaderValue: String {
        var value = "permessage-deflate"
        if serverNoContextTakeover { value += "; server_no_context_takeover" }
        if clientNoContextTakeover { value += "; client_no_context_takeover" }
        if serverMaxWindowBits != 15 { value += "; server_max_window_bits=\(serverMaxWindowBits)" }
        return value
    }

    private static func accepting(_ offer: ExtensionElement) -> Self? {
        guard offer.name.lowercased() == "permessage-deflate" else { return nil }
        var agreement = Self()
        var seen: Set<String> = []
        for (name, value) in offer.parameters {
            let key = name.lowercased()
            guard seen.insert(key).inserted else { return nil }
            switch (key, value) {
            case ("server_no_context_takeover", nil):
                agreement.serverNoContextTakeover = true
            case ("client_no_context_takeover", nil):
                agreement.clientNoContextTakeover = true
            case ("server_max_window_bits", let value?):
                guard let bits = windowBits(value), bits >= 9 else { return nil }
                agreement.serverMaxWindowBits = bits
            case ("client_max_window_bits", nil):
                break
            case ("client_max_window_bits", let value?):
                guard windowBits(value) != nil else { return nil }
            default:
                return nil
            }
        }
        return agreement
    }

    /// A window size of one or two decimal digits from 8 to 15.
    private static func windowBits(_ text: String) -> Int? {
        guard (1...2).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let bits = Int(text), (8...15).contains(bits)
        else { return nil }
        return bits
    }
}
