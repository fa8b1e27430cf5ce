import StreamTapCore
import Testing

@Suite struct RequestHeadBuilderTests {
    private let endpoint = Endpoint(
        scheme: "http",
        host: "127.0.0.1",
        port: 8080,
        target: "/events?x=1",
        protocolKind: .sse
    )

    private func fields(_ head: RequestHead) -> [String] {
        head.headers.fields.map { "\($0.name): \($0.value)" }
    }

    private func eventStream(_ target: HTTPRequestTarget, lastEventID: String = "") -> RequestHead {
        RequestHeadBuilder.head(
            for: target,
            protocolFields: RequestHeadBuilder.eventStreamFields,
            lastEventID: lastEventID,
            userAgent: "ua"
        )
    }

    @Test func aPlainRequestAsksForAnEventStream() {
        let head = eventStream(HTTPRequestTarget(endpoint: endpoint))
        #expect(head.method == "GET" && head.target == "/events?x=1" && head.body == nil)
        #expect(
            fields(head) == [
                "Host: 127.0.0.1:8080", "Accept: text/event-stream", "Cache-Control: no-cache", "User-Agent: ua",
            ]
        )
    }

    @Test func customHeadersReplaceDefaultsAndTheLastEventIDIsStateNotAHeader() {
        let target = HTTPRequestTarget(
            endpoint: endpoint,
            headers: [
                ("Accept", "text/event-stream, */*"), ("Last-Event-ID", "seed"), ("Content-Length", "99"), ("X-A", "1"),
            ]
        )
        #expect(
            fields(eventStream(target)) == [
                "Host: 127.0.0.1:8080", "Cache-Control: no-cache", "User-Agent: ua", "Accept: text/event-stream, */*",
                "X-A: 1",
            ]
        )
        #expect(eventStream(target, lastEventID: "42").headers.values(for: "Last-Event-ID") == ["42"])
    }

    @Test func aBodyIsFramedAndTypedAsJSONUnlessSaidOtherwise() {
        let body = Array("{\"a\":1}".utf8)
        let head = eventStream(HTTPRequestTarget(endpoint: endpoint, method: "POST", body: body))
        #expect(head.method == "POST" && head.body == body)
        #expect(head.headers.first("Content-Type") == "application/json" && head.headers.first("Content-Length") == "7")
        let typed = eventStream(
            HTTPRequestTarget(endpoint: endpoint, method: "POST", body: [], headers: [("content-type", "text/plain")])
        )
        #expect(typed.headers.first("Content-Type") == "text/plain" && typed.headers.first("Content-Length") == "0")
        let emptyPost = eventStream(HTTPRequestTarget(endpoint: endpoint, method: "POST"))
        #expect(emptyPost.headers.first("Content-Length") == "0")
    }

    @Test func aWebSocketHandshakeKeepsItsOwnFieldsAndTheUsersHeaders() {
        let head = RequestHeadBuilder.head(
            for: HTTPRequestTarget(
                endpoint: endpoint,
                headers: [("Origin", "https://mine"), ("Last-Event-ID", "7"), ("Sec-WebSocket-Version", "8")]
            ),
            protocolFields: RequestHeadBuilder.webSocketFields(
                key: "k==",
                subprotocols: ["a", "b"],
                deflateOffer: PerMessageDeflate.Offer(),
                origin: "https://default"
            ),
            userAgent: "ua"
        )
        #expect(
            fields(head) == [
                "Host: 127.0.0.1:8080", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: k==",
                "Sec-WebSocket-Version: 13", "Sec-WebSocket-Protocol: a, b",
                "Sec-WebSocket-Extensions: \(PerMessageDeflate.Offer().headerValue)", "User-Agent: ua",
                "Origin: https://mine", "Last-Event-ID: 7", "Sec-WebSocket-Version: 8",
            ]
        )
    }

    @Test func onlyABodylessGetOrHeadIsSafeToRepeat() {
        #expect(HTTPRequestTarget(endpoint: endpoint).isSafeToRepeat)
        #expect(HTTPRequestTarget(endpoint: endpoint, method: "head").isSafeToRepeat)
        #expect(!HTTPRequestTarget(endpoint: endpoint, method: "POST").isSafeToRepeat)
        #expect(!HTTPRequestTarget(endpoint: endpoint, method: "GET", body: [1]).isSafeToRepeat)
        #expect(HTTPRequestTarget(endpoint: endpoint, method: "GET", body: []).isSafeToRepeat)
    }
}
