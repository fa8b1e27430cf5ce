/// The pure rules of the WebSocket opening handshake (RFC 6455 §4).
public enum WebSocketHandshakeRules {
    /// The GUID every server appends to the client's key.
    public static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The `Sec-WebSocket-Accept` a server must answer to `key`:
    /// Base64(SHA-1(key + GUID)).
    public static func expectedAccept(forKey key: String) -> String {
        Base64.encode(SHA1.digest(Array((key + guid).utf8)))
    }
}

/// What a valid `101 Switching Protocols` answer agreed on.
public struct WebSocketHandshakeAgreement: Sendable, Equatable {
    public var subprotocol: String?
    /// The extension elements in force, as the server wrote them.
    public var extensions: [String]
    /// Present when permessage-deflate is in force.
    public var deflate: PerMessageDeflate.Agreement?

    public init(subprotocol: String? = nil, extensions: [String] = [], deflate: PerMessageDeflate.Agreement? = nil) {
        self.subprotocol = subprotocol
        self.extensions = extensions
        self.deflate = deflate
    }
}

extension WebSocketHandshakeRules {
    /// Checks a `101` response against what the request offered (RFC 6455
    /// §4.1, RFC 7692 §5). The error names the header and the expected and
    /// received values.
    public static func validate(
        response: ResponseHead,
        key: String,
        offeredSubprotocols: [String],
        deflateOffer: PerMessageDeflate.Offer?
    ) throws(WebSocketProtocolError) -> WebSocketHandshakeAgreement {
        func fail(_ message: String) -> WebSocketProtocolError {
            WebSocketProtocolError(closeCode: CloseCode.protocolError, message)
        }
        let upgrade = response.headers.values(for: "Upgrade")
        guard upgrade.count == 1, upgrade[0].trimmingWhitespace().lowercased() == "websocket" else {
            throw fail("Upgrade: expected 'websocket', received \(quoted(upgrade))")
        }
        let connectionTokens = response.headers.values(for: "Connection")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingWhitespace().lowercased() }
        guard connectionTokens.contains("upgrade") else {
            throw fail("Connection: expected 'Upgrade', received \(quoted(response.headers.values(for: "Connection")))")
        }
        let expected = expectedAccept(forKey: key)
        let accept = response.headers.values(for: "Sec-WebSocket-Accept")
        guard accept.count == 1, accept[0].trimmingWhitespace() == expected else {
            throw fail(
                "Sec-WebSocket-Accept: expected '\(expected)' (Base64 of SHA-1 of the key '\(key)' + \(guid)), received \(quoted(accept))"
            )
        }
        var agreement = WebSocketHandshakeAgreement()
        let protocols = response.headers.values(for: "Sec-WebSocket-Protocol")
        if !protocols.isEmpty {
            let chosen = protocols.joined(separator: ",").trimmingWhitespace()
            guard protocols.count == 1, offeredSubprotocols.contains(chosen) else {
                let offered =
                    offeredSubprotocols.isEmpty ? "none was offered" : "offered \(quoted(offeredSubprotocols))"
                throw fail("Sec-WebSocket-Protocol: the server chose \(quoted(protocols)) but \(offered)")
            }
            agreement.subprotocol = chosen
        }
        let extensionValues = response.headers.values(for: "Sec-WebSocket-Extensions")
        for element in ExtensionElement.parse(extensionValues) {
            guard element.name.lowercased() == "permessage-deflate", let offer = deflateOffer else {
                throw fail(
                    "Sec-WebSocket-Extensions: the server chose '\(element.name)', which the client did not offer"
                )
            }
            guard agreement.deflate == nil else {
                throw fail("Sec-WebSocket-Extensions: the server chose permessage-deflate twice")
            }
            agreement.deflate = try PerMessageDeflate.accept(element, offer: offer)
        }
        agreement.extensions = extensionValues.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace() }
        return agreement
    }

    private static func quoted(_ values: [String]) -> String {
        values.isEmpty ? "nothing" : values.map { "'\($0)'" }.joined(separator: ", ")
    }
}
