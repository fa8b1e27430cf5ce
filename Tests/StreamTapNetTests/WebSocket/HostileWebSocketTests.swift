import Foundation
import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// The WebSocket engine against a server that misbehaves on purpose: every
/// fault ends in a sentence the user can act on, events received before the
/// fault are kept, and nothing hangs.
@Suite(.serialized) struct HostileWebSocketTests {
    @Test(.requires(.peerPython)) func aResetMidFrameKeepsTheEarlierMessageAndSaysTheConnectionWasReset() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, outcome) = try await HostilePeer.webSocket("ws://127.0.0.1:\(peer.port)/ws/reset-mid-frame")
        #expect(outcome == .failed)
        #expect(sink.incomingTexts == ["kept"])
        #expect(sink.errors.map(\.message) == ["the server reset the connection"])
        #expect(sink.closes.map(\.code) == [1006])
    }

    @Test(.requires(.peerPython)) func aServerThatNeverAnswersTheHandshakeTimesOutWithAClearMessage() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, outcome) = try await HostilePeer.webSocket("ws://127.0.0.1:\(peer.port)/no-answer")
        #expect(outcome == .failed)
        #expect(sink.handshakes.isEmpty)
        #expect(
            sink.errors.map(\.message) == [
                "the server did not answer the WebSocket handshake within 2.0 s; check that the URL is a WebSocket endpoint and that the server is responsive"
            ]
        )
    }

    @Test(.requires(.peerPython)) func aOneBytePerSecondAnswerHitsTheHandshakeTimeout() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, outcome) = try await HostilePeer.webSocket("ws://127.0.0.1:\(peer.port)/slowloris")
        #expect(outcome == .failed)
        #expect(
            sink.errors.map(\.message) == [
                "the server did not answer the WebSocket handshake within 2.0 s; check that the URL is a WebSocket endpoint and that the server is responsive"
            ]
        )
    }

    @Test(.requires(.peerPython)) func endlessHeadersAreCutOffWithAClearMessage() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, outcome) = try await HostilePeer.webSocket("ws://127.0.0.1:\(peer.port)/endless-headers")
        #expect(outcome == .failed)
        #expect(
            sink.errors.map(\.message) == [
                "the server's answer to the WebSocket handshake is not valid HTTP: its headers go past the size limit without ending; the server is misbehaving (check the URL and the server)"
            ]
        )
    }

    @Test(.requires(.peerPython)) func a100MBFrameClosesWith1009AtOnce() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let started = ContinuousClock.now
        let (sink, outcome) = try await HostilePeer.webSocket("ws://127.0.0.1:\(peer.port)/ws/huge-frame")
        #expect(outcome == .failed)
        #expect(ContinuousClock.now - started < .seconds(8))
        #expect(
            sink.errors.map(\.message) == [
                "the server announced a 100 MiB frame, over the 64 MiB limit (closing with 1009 message too big)"
            ]
        )
        #expect(sink.closes.map(\.code) == [1009])
    }

    @Test(.requires(.peerPython)) func a100MBFragmentedMessageClosesWith1009AtTheLimit() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        var options = StreamOptions(
            connection: HostilePeer.connectionOptions(),
            webSocket: WebSocketOptions(maxMessageSize: 4 << 20)
        )
        options.webSocket.reportFrames = false
        let (sink, outcome) = try await HostilePeer.webSocket(
            "ws://127.0.0.1:\(peer.port)/ws/huge-fragmented",
            options: options
        )
        #expect(outcome == .failed)
        #expect(sink.messages.isEmpty)
        #expect(
            sink.errors.map(\.message) == [
                "the server sent a message larger than the 4 MiB limit (--max-message-size) (closing with 1009 message too big)"
            ]
        )
        #expect(sink.closes.map(\.code) == [1009])
    }

    @Test(.requires(.peerPython)) func aDeflateBombStopsAtTheMessageLimit() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let options = StreamOptions(
            connection: HostilePeer.connectionOptions(),
            webSocket: WebSocketOptions(maxMessageSize: 1 << 20)
        )
        let (sink, outcome) = try await HostilePeer.webSocket(
            "ws://127.0.0.1:\(peer.port)/ws/deflate-bomb",
            options: options
        )
        #expect(outcome == .failed)
        #expect(sink.handshakes.first?.extensions.first?.hasPrefix("permessage-deflate") == true)
        #expect(sink.messages.isEmpty)
        #expect(
            sink.errors.map(\.message) == [
                "the server sent a message larger than the 1 MiB limit (--max-message-size) (closing with 1009 message too big)"
            ]
        )
        #expect(sink.closes.map(\.code) == [1009])
    }

    @Test(.requires(.peerPython)) func aHalfOpenConnectionIsDetectedByKeepalivePings() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let options = StreamOptions(
            connection: HostilePeer.connectionOptions(),
            webSocket: WebSocketOptions(keepaliveIntervalMilliseconds: 300, closeTimeoutMilliseconds: 1_000)
        )
        let (sink, outcome) = try await HostilePeer.webSocket(
            "ws://127.0.0.1:\(peer.port)/ws/half-open",
            options: options
        )
        #expect(outcome == .failed)
        #expect(sink.incomingTexts == ["kept"])
        #expect(
            sink.errors.map(\.message) == [
                "the server answered no keepalive ping for 0.9 s, so the connection looks dead; check the network or the server (--keepalive sets the interval)"
            ]
        )
    }

    @Test func aRefusedConnectionSaysNothingListens() async throws {
        let port = try LoopbackPort.unused()
        let (sink, outcome) = try await HostilePeer.webSocket("ws://127.0.0.1:\(port)/")
        #expect(outcome == .failed)
        #expect(
            sink.errors.map(\.message) == [
                "connection refused by 127.0.0.1:\(port): nothing is listening on port \(port)"
            ]
        )
    }

    @Test(.requires(.peerPython)) func theIPv6LoopbackWorks() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let (sink, outcome) = try await HostilePeer.webSocket("ws://[::1]:\(peer.port)/ws/hello")
        #expect(outcome == .normal)
        #expect(sink.incomingTexts == ["hello"])
        #expect(sink.closes.map(\.code) == [1000])
    }
}
