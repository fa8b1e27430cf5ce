import Testing

@testable import StreamTapCore

@Suite struct WebSocketHandshakeValidationTests {
    let key = "dGhlIHNhbXBsZSBub25jZQ=="

    func response(_ extra: [(String, String)] = [], accept: String = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") -> ResponseHead {
        ResponseHead(
            status: 101,
            reason: "Switching Protocols",
            headers: HeaderFields(
                [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", accept)].map {
                    (name: $0.0, value: $0.1)
                } + extra.map { (name: $0.0, value: $0.1) }
            )
        )
    }

    func validate(
        _ response: ResponseHead,
        subprotocols: [String] = [],
        deflate: PerMessageDeflate.Offer? = nil
    ) throws -> WebSocketHandshakeAgreement {
        try WebSocketHandshakeRules.validate(
            response: response,
            key: key,
            offeredSubprotocols: subprotocols,
            deflateOffer: deflate
        )
    }

    @Test func acceptsAValidAnswer() throws {
        #expect(try validate(response()) == WebSocketHandshakeAgreement())
    }

    @Test func wrongAcceptNamesTheHeaderAndBothValues() throws {
        do {
            _ = try validate(response(accept: "bogus="))
            Issue.record("accepted a wrong Sec-WebSocket-Accept")
        } catch let error as WebSocketProtocolError {
            #expect(error.message.contains("Sec-WebSocket-Accept: expected 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='"))
            #expect(error.message.contains("received 'bogus='"))
        }
    }

    @Test func missingUpgradeIsNamed() {
        let head = ResponseHead(
            status: 101,
            reason: "",
            headers: [("Connection", "Upgrade"), ("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")]
        )
        #expect(throws: WebSocketProtocolError.self) { try validate(head) }
    }

    @Test func subprotocolMustHaveBeenOffered() throws {
        #expect(
            try validate(response([("Sec-WebSocket-Protocol", "chat")]), subprotocols: ["chat", "v2"]).subprotocol
                == "chat"
        )
        do {
            _ = try validate(response([("Sec-WebSocket-Protocol", "mqtt")]), subprotocols: ["chat"])
            Issue.record("accepted an unoffered subprotocol")
        } catch let error as WebSocketProtocolError {
            #expect(error.message.contains("Sec-WebSocket-Protocol: the server chose 'mqtt' but offered 'chat'"))
        }
    }

    @Test func extensionsMustHaveBeenOffered() {
        #expect(throws: WebSocketProtocolError.self) {
            try validate(response([("Sec-WebSocket-Extensions", "permessage-deflate")]), deflate: nil)
        }
        #expect(throws: WebSocketProtocolError.self) {
            try validate(response([("Sec-WebSocket-Extensions", "x-webkit-deflate-frame")]), deflate: .init())
        }
    }

    @Test func deflateParametersAreUnderstood() throws {
        let agreement = try validate(
            response([
                (
                    "Sec-WebSocket-Extensions",
                    "permessage-deflate; server_no_context_takeover; server_max_window_bits=10"
                )
            ]),
            deflate: .init()
        )
        var expected = PerMessageDeflate.Agreement()
        expected.serverNoContextTakeover = true
        expected.serverMaxWindowBits = 10
        #expect(agreement.deflate == expected)
        #expect(agreement.extensions == ["permessage-deflate; server_no_context_takeover; server_max_window_bits=10"])
    }

    @Test func clientWindowIsLimitedOnlyWhenOffered() throws {
        let agreement = try validate(
            response([("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=8")]),
            deflate: .init()
        )
        #expect(agreement.deflate?.clientMaxWindowBits == 8)
        #expect(throws: WebSocketProtocolError.self) {
            try validate(
                response([("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=10")]),
                deflate: .init(acceptClientMaxWindowBits: false)
            )
        }
    }

    @Test(arguments: [
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; bogus",
        "permessage-deflate, permessage-deflate",
    ])
    func invalidDeflateAnswersAreRefused(value: String) {
        #expect(throws: WebSocketProtocolError.self) {
            try validate(response([("Sec-WebSocket-Extensions", value)]), deflate: .init())
        }
    }

    @Test func offerHeader() {
        #expect(PerMessageDeflate.Offer().headerValue == "permessage-deflate; client_max_window_bits")
        #expect(
            PerMessageDeflate.Offer(
                serverNoContextTakeover: true,
                serverMaxWindowBits: 10,
                acceptClientMaxWindowBits: false
            ).headerValue
                == "permessage-deflate; server_no_context_takeover; server_max_window_bits=10"
        )
    }

    @Test func extensionParsing() {
        #expect(
            ExtensionElement.parse(["a; x=1; y=\"two\", b"])
                == [
                    ExtensionElement(name: "a", parameters: [(name: "x", value: "1"), (name: "y", value: "two")]),
                    ExtensionElement(name: "b"),
                ]
        )
    }
}
