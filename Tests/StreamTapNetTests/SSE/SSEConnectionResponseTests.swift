import Foundation
import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// What the engine does with answers that are not a stream: 204, errors,
/// wrong types, redirects.
@Suite(.requires(.peerPython))
struct SSEConnectionResponseTests {
    @Test func noContentStopsForGoodWithoutReconnecting() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/no-content"), options: StreamOptions())
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.handshakes.isEmpty && harness.sink.reconnects.isEmpty)
        #expect(harness.sink.closes.first?.reason.contains("204 No Content") == true)
        try await Task.sleep(for: .milliseconds(100))
        #expect(peer.requests().count == 1)
    }

    @Test func anHTTPErrorShowsStatusHeadersAndBodyAndIsNotRetried() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/error"), options: StreamOptions())
        #expect(await harness.outcome() == .failed)
        let error = try #require(harness.sink.errors.first)
        #expect(error.message == "the server answered 500 Internal Server Error: a server error")
        #expect(error.response?.status == 500)
        #expect(error.response?.headers.first("X-Trace") == "abc123")
        #expect(error.response?.body == Array("database is down\n".utf8))
        #expect(harness.sink.reconnects.isEmpty)
        #expect(peer.requests().count == 1)
    }

    @Test func anErrorBodyIsCutAt64KiB() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/big-error"))
        #expect(await harness.outcome() == .failed)
        #expect(harness.sink.errors.first?.response?.body?.count == 64 * 1024)
    }

    @Test func aWrongContentTypeIsAnErrorWithTheBody() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/wrong-type"), options: StreamOptions())
        #expect(await harness.outcome() == .failed)
        let error = try #require(harness.sink.errors.first)
        #expect(error.message.contains("'text/html' instead of text/event-stream"))
        #expect(error.response?.body == Array("<h1>hi</h1>".utf8))
        #expect(harness.sink.handshakes.isEmpty && harness.sink.reconnects.isEmpty)
    }

    @Test func alwaysRetriesAnHTTPErrorWithBackoff() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/error"),
            options: StreamOptions(
                reconnect: try ReconnectPolicy(parsing: "always:2"),
                eventStream: SSEOptions(initialReconnectionTimeMilliseconds: 10, ignoresServerRetry: true)
            )
        )
        #expect(await harness.outcome() == .failed)
        #expect(harness.sink.reconnects.map(\.delay) == [10, 20])
        #expect(peer.requests().count == 3)
    }

    @Test func followsARedirectChainKeepingAPostBodyThrough307And308() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/redirect/b"),
            options: StreamOptions(reconnect: .off, eventStream: SSEOptions(method: "POST", body: Array("hello".utf8)))
        )
        #expect(await harness.outcome() == .normal)
        let connecting = harness.sink.kinds.compactMap { kind -> String? in
            if case .connecting(let url, let attempt) = kind, attempt == 1 { return url }
            return nil
        }
        #expect(connecting == [peer.url("/redirect/b"), peer.url("/redirect/c?from=b"), peer.url("/post")])
        #expect(harness.sink.handshakes.first?.url == peer.url("/post"))
        #expect(harness.sink.sseEvents == [SSEEvent(type: "echo", data: "POST\nhello")])
        let final = try #require(await peer.requests(count: 3).last)
        #expect(final.method == "POST" && final.body == "hello")
    }

    @Test func aRelativeMovedPermanentlyAndSeeOtherBecomeGets() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/see-other"),
            options: StreamOptions(
                reconnect: .off,
                eventStream: SSEOptions(method: "POST", body: Array("dropped".utf8))
            )
        )
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents == [SSEEvent(type: "echo", data: "GET\n")])
        let final = try #require(await peer.requests(count: 2).last)
        #expect(final.method == "GET" && final.body.isEmpty && final.header("Content-Type") == nil)
    }

    @Test func aRedirectLoopStopsAfterTenRedirects() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/loop"), options: StreamOptions())
        #expect(await harness.outcome() == .failed)
        #expect(harness.sink.errors.map(\.message) == ["the server redirected more than 10 times"])
        #expect(harness.sink.errors.first?.response?.status == 302)
        #expect(peer.requests().count == 11)
    }

    @Test func aSilentServerTimesOut() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/silent"),
            options: StreamOptions(connection: ConnectionOptions(handshakeTimeoutMilliseconds: 200), reconnect: .off)
        )
        #expect(await harness.outcome() == .failed)
        #expect(
            harness.sink.errors.map(\.message) == [
                "the server did not answer the request within 0.2 s; check the URL and that the server is responsive"
            ]
        )
    }
}
