import Foundation
import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// The SSE engine against a server that misbehaves on purpose: events
/// received before a fault are kept, bodies cannot grow without bound, and
/// each fault is a sentence the user can act on.
@Suite(.serialized, .requires(.peerPython)) struct HostileSSETests {
    @Test func aResetMidEventKeepsTheDispatchedEventAndDropsThePartialOne() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, outcome) = try await HostilePeer.sse("http://127.0.0.1:\(peer.port)/sse/reset-mid-event")
        #expect(outcome == .failed)
        #expect(sink.sseEvents.map(\.data) == ["kept"])
        #expect(
            sink.closes.map(\.reason) == [
                "the connection was lost: the server reset the connection (an unfinished event was discarded)"
            ]
        )
        #expect(sink.closes.first?.stats?.events == 1)
    }

    @Test func aGzipBombStopsAtTheDecompressionLimit() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, outcome) = try await HostilePeer.sse("http://127.0.0.1:\(peer.port)/sse/gzip-bomb")
        #expect(outcome == .failed)
        #expect(sink.sseEvents.isEmpty)
        #expect(
            sink.closes.map(\.reason) == [
                "the connection was lost: the compressed stream inflated beyond its allowed ratio "
                    + "(a decompression bomb?) (an unfinished event was discarded)"
            ]
        )
    }

    @Test func endlessHeadersAreCutOffWithAClearMessage() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, outcome) = try await HostilePeer.sse("http://127.0.0.1:\(peer.port)/endless-headers")
        #expect(outcome == .failed)
        #expect(
            sink.errors.map(\.message) == [
                "the server's answer to the request is not valid HTTP: its headers go past the size limit without ending; "
                    + "the server is misbehaving (check the URL and the server)"
            ]
        )
    }

    @Test func aOneBytePerSecondAnswerHitsTheHandshakeTimeout() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, outcome) = try await HostilePeer.sse("http://127.0.0.1:\(peer.port)/slowloris")
        #expect(outcome == .failed)
        #expect(
            sink.errors.map(\.message) == [
                "the server did not answer the request within 2.0 s; check the URL and that the server is responsive"
            ]
        )
    }

    @Test func theIPv6LoopbackWorks() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, _) = try await HostilePeer.sse("http://[::1]:\(peer.port)/sse/reset-mid-event")
        #expect(sink.sseEvents.map(\.data) == ["kept"])
    }
}
