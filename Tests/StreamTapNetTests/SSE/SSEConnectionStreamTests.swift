import Foundation
import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// Streams read byte for byte from a plain socket server: framing, line
/// endings split across reads, compression.
@Suite(.requires(.peerPython))
struct SSEConnectionStreamTests {
    @Test func readsAChunkedStreamWithLineEndingsSplitAcrossChunks() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/chunked"))
        #expect(await harness.outcome() == .normal)
        #expect(
            harness.sink.sseEvents == [
                SSEEvent(data: "one", lastEventID: "1"), SSEEvent(data: "two", lastEventID: "1"),
                SSEEvent(data: "three", lastEventID: "1"),
            ]
        )
        let open = try #require(harness.sink.handshakes.first)
        #expect(open.protocolKind == .sse && open.response.status == 200)
        #expect(open.url == peer.url("/chunked"))
        #expect(open.timings.connectMilliseconds != nil && open.timings.handshakeMilliseconds != nil)
        #expect(
            harness.sink.closes.map { CloseInfo(code: $0.code, reason: $0.reason, initiator: $0.initiator) } == [
                CloseInfo(code: 1000, reason: "the server ended the stream", initiator: .server)
            ]
        )
    }

    @Test func readsACloseDelimitedBodyToItsEnd() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/close-delimited"))
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents.map(\.data) == ["a", "b"])
        #expect(
            harness.sink.handshakes.first?.response.headers.first("Content-Type") == "text/event-stream; charset=utf-8"
        )
        #expect(harness.sink.closes.map(\.code) == [1000])
    }

    @Test func joinsACarriageReturnAndALineFeedThatArriveInDifferentReads() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/crlf"))
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents == [SSEEvent(data: "x\ny")])
        let kinds = harness.sink.kinds.map(\.name)
        #expect(kinds == ["connecting", "open", "event", "comment", "close"])
        #expect(harness.sink.kinds.contains(.comment(" comment")))
    }

    @Test func inflatesAGzipStreamAndRecordsTheAcceptEncodingSent() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/gzip"))
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents.map(\.data) == ["zipped one", "zipped two"])
        let open = try #require(harness.sink.handshakes.first)
        #expect(open.request.headers.first("Accept-Encoding") == "deflate, gzip")
        #expect(open.response.headers.first("Content-Encoding") == "gzip")
        let received = try #require(await peer.requests(count: 1).first)
        let sent = open.request.headers.fields.map { [$0.name, $0.value] }
        #expect(received.headers == sent)
    }

    @Test func stopsADecompressionBomb() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/bomb"))
        #expect(await harness.outcome() == .failed)
        let close = try #require(harness.sink.closes.first)
        #expect(close.code == 1006)
        #expect(close.reason.contains("decompression bomb"))
    }

    @Test func aLostConnectionClosesWith1006AndReconnectsWithTheLastEventID() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/drop"),
            options: StreamOptions(
                eventStream: SSEOptions(initialReconnectionTimeMilliseconds: 20, ignoresServerRetry: true)
            )
        )
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents == [SSEEvent(data: "before", lastEventID: "5")])
        let lost = try #require(harness.sink.closes.first)
        #expect(lost.code == 1006 && lost.initiator == .server)
        #expect(lost.reason.contains("an unfinished event was discarded"))
        #expect(harness.sink.reconnects.first?.reason.contains("will send Last-Event-ID: 5") == true)
        let requests = await peer.requests(count: 2)
        #expect(requests.map { $0.header("Last-Event-ID") } == [nil, "5"])
    }
}
