import StreamTapCore
import Testing

@Suite struct HTTPResponseRulesTests {
    private func response(_ status: Int, _ reason: String = "", _ headers: HeaderFields = []) -> ResponseHead {
        ResponseHead(status: status, reason: reason, headers: headers)
    }

    /// The verdict for a GET of an event stream.
    private func verdict(_ response: ResponseHead) -> HTTPResponseVerdict {
        HTTPResponseRules.verdict(for: response, expecting: .eventStream(acceptsAnswers: false))
    }

    @Test(arguments: [
        "text/event-stream", "text/event-stream; charset=utf-8", "Text/Event-Stream", " text/event-stream ;x=y",
    ])
    func twoHundredWithAnEventStreamTypeOpensTheStream(contentType: String) {
        #expect(verdict(response(200, "OK", [("Content-Type", contentType)])) == .eventStream)
    }

    @Test(arguments: ["text/html", "text/event-streams", "text/event stream", "application/json"])
    func twoHundredWithAnotherTypeIsRefusedNamingIt(contentType: String) {
        let result = verdict(response(200, "OK", [("Content-Type", contentType)]))
        guard case .refused(let message, retryable: false) = result else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect(message.contains("'\(contentType)'") && message.contains("text/event-stream"))
    }

    @Test func twoHundredWithoutContentTypeIsRefused() {
        #expect(
            verdict(response(200, "OK"))
                == .refused(
                    "the server answered 200 OK without a Content-Type; an event stream needs text/event-stream",
                    retryable: false
                )
        )
    }

    @Test func noContentStopsAndRedirectsNeedALocation() {
        #expect(verdict(response(204, "No Content")) == .noContent)
        for status in [301, 302, 303, 307, 308] {
            #expect(
                verdict(response(status, "", [("Location", "/next")]))
                    == .redirect(location: "/next")
            )
        }
        #expect(
            verdict(response(302, "Found"))
                == .refused("the server answered 302 Found, a redirect without a Location header", retryable: false)
        )
    }

    @Test func otherStatusesAreRefusedWithTheStatusAndAHint() {
        #expect(
            verdict(response(404, "Not Found"))
                == .refused("the server answered 404 Not Found: no such path on this server", retryable: false)
        )
        #expect(
            verdict(response(418, "I'm a teapot"))
                == .refused("the server answered 418 I'm a teapot", retryable: false)
        )
    }

    @Test func aPostIsAnsweredBy202OrJSONButAGetIsNot() {
        let json = response(200, "OK", [("Content-Type", "application/json; charset=utf-8")])
        let post = HTTPExchangeExpectation.eventStream(acceptsAnswers: true)
        #expect(HTTPResponseRules.verdict(for: json, expecting: post) == .answer)
        #expect(HTTPResponseRules.verdict(for: response(202, "Accepted"), expecting: post) == .answer)
        #expect(
            HTTPResponseRules.verdict(
                for: response(201, "Created", [("Content-Type", "application/problem+json")]),
                expecting: post
            ) == .answer
        )
        guard case .refused = verdict(json) else {
            Issue.record("a JSON answer to a GET is not an event stream")
            return
        }
        #expect(
            HTTPResponseRules.verdict(
                for: response(200, "OK", [("Content-Type", "text/event-stream")]),
                expecting: post
            )
                == .eventStream
        )
    }

    private let key = "dGhlIHNhbXBsZSBub25jZQ=="

    private func upgrade(_ response: ResponseHead) -> HTTPResponseVerdict {
        HTTPResponseRules.verdict(
            for: response,
            expecting: .webSocketUpgrade(key: key, offeredSubprotocols: ["chat"], deflateOffer: nil)
        )
    }

    @Test func aValidSwitchIsAnUpgradeWithWhatWasAgreed() {
        let switched = response(
            101,
            "Switching Protocols",
            [
                ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                ("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), ("Sec-WebSocket-Protocol", "chat"),
            ]
        )
        #expect(upgrade(switched) == .upgrade(WebSocketHandshakeAgreement(subprotocol: "chat")))
        var wrongAccept = switched
        wrongAccept.headers.fields[2].value = "nope"
        guard case .refused(let message, retryable: false) = upgrade(wrongAccept) else {
            Issue.record("a wrong Sec-WebSocket-Accept must refuse the upgrade")
            return
        }
        #expect(message.hasPrefix("invalid WebSocket handshake: Sec-WebSocket-Accept: expected"))
    }

    @Test func aRefusedUpgradeSaysWhatTheServerDidAndWhetherTryingAgainMayHelp() {
        #expect(
            upgrade(response(404, "Not Found"))
                == .refused(
                    "the server refused the WebSocket upgrade with 404 Not Found: no such path on this server",
                    retryable: false
                )
        )
        #expect(
            upgrade(response(403, "Forbidden"))
                == .refused(
                    "the server refused the WebSocket upgrade with 403 Forbidden: forbidden (check --origin and credentials)",
                    retryable: false
                )
        )
        guard case .refused(_, retryable: true) = upgrade(response(503, "Service Unavailable")) else {
            Issue.record("a 5xx may be answered differently later")
            return
        }
        let stream = response(200, "OK", [("Content-Type", "text/event-stream")])
        #expect(
            upgrade(stream)
                == .refused(
                    "the server refused the WebSocket upgrade with 200 OK: it answered with a Server-Sent Events "
                        + "stream (use http:// or https:// to read it)",
                    retryable: false
                )
        )
        #expect(HTTPResponseRules.carriesEventStream(stream))
    }
}
