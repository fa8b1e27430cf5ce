import Foundation
import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// The engine against a real SSE server library (aiohttp with aiohttp-sse).
@Suite(.requires(.peerPython))
struct SSEConnectionAiohttpTests {
    @Test func resumesWithLastEventIDAcrossReconnectionsUntil204() async throws {
        let peer = try await SSEPeer.aiohttp()
        let harness = try ConnectionHarness.start(peer.url("/ticks"), options: StreamOptions())
        #expect(await harness.outcome() == .normal)
        #expect(
            harness.sink.sseEvents == (1...6).map { SSEEvent(type: "tick", data: "tick \($0)", lastEventID: "\($0)") }
        )
        #expect(harness.sink.reconnects.map(\.delay) == [100, 100])
        #expect(harness.sink.handshakes.map { $0.request.headers.first("Last-Event-ID") } == [nil, "3"])
        #expect(await peer.requests(count: 3).map { $0.header("Last-Event-ID") } == [nil, "3", "6"])
        let request = try #require(peer.requests().first)
        #expect(request.header("Accept") == "text/event-stream" && request.header("Cache-Control") == "no-cache")
    }

    @Test func keepsMultiLineDataAsOneEvent() async throws {
        let peer = try await SSEPeer.aiohttp()
        let harness = try ConnectionHarness.start(peer.url("/multiline"))
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents.map(\.data) == ["line one\nline two\n\nline four", "plain"])
    }

    @Test func postsAJSONBodyAndReadsTheStreamedAnswer() async throws {
        let peer = try await SSEPeer.aiohttp()
        let body = #"{"prompt": "stream this please"}"#
        let harness = try ConnectionHarness.start(
            peer.url("/chat"),
            options: StreamOptions(reconnect: .off, eventStream: SSEOptions(method: "POST", body: Array(body.utf8)))
        )
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents.map(\.type) == ["token", "token", "token", "done"])
        #expect(harness.sink.sseEvents.map(\.data) == ["STREAM", "THIS", "PLEASE", "[DONE]"])
        let request = try #require(await peer.requests(count: 1).first)
        #expect(request.method == "POST" && request.body == body)
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Content-Length") == "\(body.utf8.count)")
    }
}
