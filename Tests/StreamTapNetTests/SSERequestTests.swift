import NIOHTTP1
import StreamTapCore
import Testing

@testable import StreamTapNet

@Suite struct SSERequestTests {
    private let endpoint = Endpoint(
        scheme: "http",
        host: "127.0.0.1",
        port: 8080,
        target: "/events?x=1",
        protocolKind: .sse
    )

    private func fields(_ head: HTTPRequestHead) -> [String] {
        head.headers.map { "\($0.name): \($0.value)" }
    }

    @Test func aPlainRequestAsksForAnEventStream() {
        let target = SSERequestTarget(endpoint: endpoint, options: SSEOptions())
        let head = SSERequest.make(target: target, userAgent: "streamtap/t", lastEventID: "")
        #expect(head.method == .GET && head.uri == "/events?x=1")
        #expect(
            fields(head) == [
                "Host: 127.0.0.1:8080", "Accept: text/event-stream", "Cache-Control: no-cache",
                "User-Agent: streamtap/t",
            ]
        )
    }

    @Test func customHeadersReplaceDefaultsAndTheKnownIDWins() {
        let options = SSEOptions(
            connection: ConnectionOptions(headers: [
                ("Accept", "text/event-stream, */*"), ("Last-Event-ID", "seed"), ("Content-Length", "99"), ("X-A", "1"),
            ])
        )
        let target = SSERequestTarget(endpoint: endpoint, options: options)
        let seeded = SSERequest.make(target: target, userAgent: "ua", lastEventID: "")
        #expect(
            fields(seeded) == [
                "Host: 127.0.0.1:8080", "Cache-Control: no-cache", "User-Agent: ua", "Accept: text/event-stream, */*",
                "Last-Event-ID: seed", "X-A: 1",
            ]
        )
        let resumed = SSERequest.make(target: target, userAgent: "ua", lastEventID: "42")
        #expect(resumed.headers["Last-Event-ID"] == ["42"])
    }

    @Test func aBodyIsFramedAndTypedAsJSONUnlessSaidOtherwise() {
        let target = SSERequestTarget(
            endpoint: endpoint,
            options: SSEOptions(method: "POST", body: Array("{\"a\":1}".utf8))
        )
        let head = SSERequest.make(target: target, userAgent: "ua", lastEventID: "")
        #expect(head.method == .POST)
        #expect(head.headers["Content-Type"] == ["application/json"] && head.headers["Content-Length"] == ["7"])
        let typed = SSERequestTarget(
            endpoint: endpoint,
            options: SSEOptions(
                connection: ConnectionOptions(headers: [("content-type", "text/plain")]),
                method: "POST",
                body: []
            )
        )
        let plain = SSERequest.make(target: typed, userAgent: "ua", lastEventID: "")
        #expect(plain.headers["Content-Type"] == ["text/plain"] && plain.headers["Content-Length"] == ["0"])
        let emptyPost = SSERequestTarget(endpoint: endpoint, options: SSEOptions(method: "POST"))
        #expect(SSERequest.make(target: emptyPost, userAgent: "ua", lastEventID: "").headers["Content-Length"] == ["0"])
    }
}
