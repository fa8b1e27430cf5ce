import Foundation
import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// A connection that has ended — closed by us, closed by the server, lost,
/// or failed at start — connects again at once when asked, keeping its
/// identity; turning reconnection on for it does the same.
extension WebSocketPeerTests {
    /// Waits for the connection's current life to end (at most 10 s).
    private func ended(_ connection: ManagedConnection) async -> ConnectionOutcome? {
        await connection.outcome(within: 10)
    }

    @Test func aConnectionClosedByUsReconnectsWhenAsked() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/echo", sink: sink)
            #expect(await sink.wait { _ in sink.handshakes.count == 1 })
            connection.perform(.close(code: CloseCode.normal, reason: "done"))
            #expect(await ended(connection) == .normal)
            connection.perform(.reconnect)
            #expect(await sink.wait { _ in sink.handshakes.count == 2 })
            connection.perform(.sendText("after the end"))
            #expect(await sink.wait { _ in sink.incomingTexts == ["after the end"] })
            #expect(sink.kinds.contains(.connecting(url: "ws://127.0.0.1:\(peer.port)/echo", attempt: 2)))
            connection.shutdown()
            #expect(await ended(connection) == .normal)
        }
    }

    @Test func aConnectionClosedByTheServerOrLostReconnectsWhenAsked() async throws {
        try await withPeer { peer in
            for (path, outcome) in [("/close?code=1000", ConnectionOutcome.normal), ("/drop", .failed)] {
                let sink = CollectingSink()
                let connection = try connect("ws://127.0.0.1:\(peer.port)\(path)", sink: sink)
                #expect(await ended(connection) == outcome)
                connection.perform(.reconnect)
                #expect(await sink.wait { _ in sink.handshakes.count == 2 }, "\(path)")
                #expect(await ended(connection) == outcome)
            }
        }
    }

    @Test func turningReconnectionOnForAnEndedConnectionReconnectsIt() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/close?code=1000", sink: sink)
            #expect(await ended(connection) == .normal)
            #expect(connection.settings.reconnect == .off)
            let policy = ReconnectPolicy(mode: .backoff, minimumDelayMilliseconds: 50, maximumDelayMilliseconds: 50)
            connection.perform(.setReconnect(policy))
            #expect(await sink.wait { _ in sink.handshakes.count >= 3 })
            connection.perform(.setReconnect(.off))
            connection.shutdown()
        }
    }
}

/// Reconnecting after the end for connections that never opened, and for
/// an event stream, which resumes with its last event ID.
@Suite(.requires(.peerPython))
struct ReconnectAfterTheEndTests {
    @Test func aConnectionThatFailedAtStartTriesAgainWhenAsked() async throws {
        let port = try LoopbackPort.unused()
        let sink = CollectingSink()
        let connection = ConnectionFactory.make(
            endpoint: try Endpoint(parsing: "ws://127.0.0.1:\(port)/"),
            options: StreamOptions(),
            sink: sink
        )
        connection.start()
        #expect(await connection.outcome(within: 10) == .failed)
        connection.perform(.reconnect)
        #expect(await sink.wait { _ in sink.errors.count == 2 })
        #expect(sink.kinds.contains(.connecting(url: "ws://127.0.0.1:\(port)/", attempt: 2)))
        #expect(sink.kinds.contains { if case .reconnect(2, 0, _) = $0 { true } else { false } })
        #expect(await connection.outcome(within: 10) == .failed)
    }

    @Test func anEndedEventStreamResumesWithItsLastEventIDWhenAsked() async throws {
        let peer = try await SSEPeer.aiohttp()
        let harness = try ConnectionHarness.start(peer.url("/ticks"), options: StreamOptions(reconnect: .off))
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents.map(\.lastEventID) == ["1", "2", "3"])
        harness.connection.perform(.reconnect)
        #expect(await harness.sink.wait { $0.sseEvents.count == 6 })
        #expect(await peer.requests(count: 2).map { $0.header("Last-Event-ID") } == [nil, "3"])
        #expect(harness.sink.reconnects.last?.reason == "reconnecting now, as asked; will send Last-Event-ID: 3")
    }
}
