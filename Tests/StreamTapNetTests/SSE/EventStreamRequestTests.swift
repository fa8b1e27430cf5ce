import Foundation
import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// What an event stream's request is and is not: a POST is not repeated on
/// its own, a preset last event ID is state the stream replaces, an answer
/// to a POST completes the exchange, and a silent stream counts as lost.
@Suite(.requires(.peerPython))
struct EventStreamRequestTests {
    private let post = SSEOptions(method: "POST", body: Array(#"{"prompt":"hi"}"#.utf8))

    @Test func aPostIsNotSentAgainUnlessTheUserAsks() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/post"), options: StreamOptions(eventStream: post))
        #expect(harness.connection.settings.reconnect == .off)
        #expect(harness.connection.capabilities.contains(.repeatsUnsafeRequest))
        #expect(await harness.outcome() == .normal)
        try await Task.sleep(for: .milliseconds(300))
        #expect(peer.requests().count == 1)
        #expect(harness.sink.reconnects.isEmpty)
        #expect(harness.sink.handshakes.first?.request.body == post.body)
    }

    @Test func aPostIsRepeatedWhenTheUserAsksForSpec() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/post"),
            options: StreamOptions(
                reconnect: ReconnectPolicy(mode: .spec),
                eventStream: SSEOptions(
                    method: "POST",
                    body: post.body,
                    initialReconnectionTimeMilliseconds: 20
                )
            )
        )
        #expect(await peer.requests(count: 2).count == 2)
        harness.connection.shutdown()
        #expect(await harness.outcome() == .normal)
    }

    @Test func aGetKeepsTheBrowsersPolicy() throws {
        let connection = ConnectionFactory.make(
            endpoint: try Endpoint(parsing: "http://127.0.0.1:9/events"),
            options: StreamOptions(),
            sink: CollectingSink()
        )
        #expect(connection.settings.reconnect == ReconnectPolicy(mode: .spec))
        #expect(!connection.capabilities.contains(.repeatsUnsafeRequest))
        #expect(!connection.capabilities.contains(.send))
    }

    @Test func aPresetLastEventIDIsReportedUntilTheStreamClearsIt() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/seeded"),
            options: StreamOptions(
                reconnect: ReconnectPolicy(mode: .spec),
                eventStream: SSEOptions(lastEventID: "seed")
            )
        )
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents.map(\.lastEventID) == ["seed", ""])
        #expect(await peer.requests(count: 2).map { $0.header("Last-Event-ID") } == ["seed", nil])
        #expect(harness.sink.reconnects.first.map { !$0.reason.contains("Last-Event-ID") } == true)
    }

    @Test func aJSONAnswerToAPostIsAMessageAndAGoodEnd() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/answer"),
            options: StreamOptions(reconnect: ReconnectPolicy(mode: .spec), eventStream: post)
        )
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.handshakes.first?.response.status == 200)
        let messages = harness.sink.kinds.compactMap { if case .message(let message) = $0 { message } else { nil } }
        #expect(
            messages.map { String(decoding: $0.payload, as: UTF8.self) } == [
                #"{"jsonrpc":"2.0","id":1,"result":{"ok":true}}"#
            ]
        )
        #expect(harness.sink.closes.map(\.code) == [1000])
        #expect(harness.sink.closes.first?.reason == "the server answered 200 OK: the exchange is complete")
        #expect(harness.sink.errors.isEmpty && harness.sink.reconnects.isEmpty)
    }

    @Test func a202IsAGoodEndWithoutAMessage() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/accepted"), options: StreamOptions(eventStream: post))
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.handshakes.first?.response.status == 202)
        #expect(!harness.sink.kinds.contains { $0.name == "message" })
        #expect(harness.sink.closes.first?.reason == "the server answered 202 Accepted: the exchange is complete")
    }

    @Test func aJSONAnswerToAGetIsStillRefused() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/answer"), options: StreamOptions(reconnect: .off))
        #expect(await harness.outcome() == .failed)
        #expect(harness.sink.errors.first?.message.contains("instead of text/event-stream") == true)
    }

    @Test func aStreamThatGoesSilentCountsAsLostAfterTheReadTimeout() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/hang"),
            options: StreamOptions(connection: ConnectionOptions(readTimeoutMilliseconds: 300), reconnect: .off)
        )
        #expect(await harness.outcome(within: 5) == .failed)
        #expect(harness.sink.sseEvents.map(\.data) == ["hello"])
        let close = try #require(harness.sink.closes.first)
        #expect(close.code == 1006)
        #expect(
            close.reason
                == "the connection was lost: the server sent nothing for 0.3 s (--read-timeout), so the connection "
                + "counts as lost"
        )
    }

    @Test func aLostStreamAfterTheReadTimeoutReconnectsWithItsLastEventID() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/hang"),
            options: StreamOptions(
                connection: ConnectionOptions(readTimeoutMilliseconds: 200),
                eventStream: SSEOptions(initialReconnectionTimeMilliseconds: 10)
            )
        )
        #expect(await peer.requests(count: 2).map { $0.header("Last-Event-ID") } == [nil, "h1"])
        harness.connection.shutdown()
        _ = await harness.outcome()
    }
}
