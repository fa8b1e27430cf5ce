import Foundation
import StreamTapCore
import StreamTapDemoServer
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// Faults injected on purpose into live connections to the demo server:
/// an abrupt drop and paused reading, on both protocols.
@Suite struct DemoServerFaultTests {
    /// The `id:` of every SSE event received so far, as integers.
    private func ids(_ sink: CollectingSink) -> [Int] {
        sink.kinds.compactMap { if case .event(let event) = $0 { Int(event.lastEventID) } else { nil } }
    }

    private func reconnects(_ sink: CollectingSink) -> [String] {
        sink.kinds.compactMap { if case .reconnect(_, _, let reason) = $0 { reason } else { nil } }
    }

    @Test func droppingAnSSEStreamReconnectsWithLastEventIDAndResumesWithoutAGap() async throws {
        try await withDemoServer { server in
            let sink = CollectingSink()
            let options = StreamOptions(
                eventStream: SSEOptions(initialReconnectionTimeMilliseconds: 100, ignoresServerRetry: true)
            )
            let connection = ConnectionFactory.make(
                endpoint: try Endpoint(parsing: "http://\(server.address)/sse/ticker?interval=30"),
                options: options,
                sink: sink
            )
            connection.start()
            defer { connection.shutdown() }
            #expect(await sink.wait { _ in ids(sink).count >= 3 })
            connection.perform(.dropTransport)
            #expect(await sink.wait { _ in sink.handshakes.count == 2 && ids(sink).count >= 8 })

            let close = try #require(sink.closes.first)
            #expect(close.code == 1006)
            #expect(close.initiator == .client)
            #expect(close.reason.contains("dropped by the client"))
            #expect(reconnects(sink).first?.contains("Last-Event-ID") == true)
            let received = ids(sink)
            let resumed = sink.handshakes[1].request.headers.first("Last-Event-ID").flatMap { Int($0) }
            #expect(resumed != nil && received.contains(resumed ?? -1))
            #expect(received == Array(1...received.count), "gap or repeat in \(received)")
        }
    }

    @Test func droppingAWebSocketReportsAbnormalClosureAndThePolicyReconnects() async throws {
        try await withDemoServer { server in
            let sink = CollectingSink()
            let options = StreamOptions(
                reconnect: ReconnectPolicy(mode: .backoff, minimumDelayMilliseconds: 20, maximumDelayMilliseconds: 50)
            )
            let connection = ConnectionFactory.make(
                endpoint: try Endpoint(parsing: "ws://\(server.address)/ws/ticker?interval=30"),
                options: options,
                sink: sink
            )
            connection.start()
            defer { connection.shutdown() }
            #expect(await sink.wait { _ in sink.incomingTexts.count >= 2 })
            connection.perform(.dropTransport)
            #expect(await sink.wait { _ in sink.handshakes.count == 2 })

            let close = try #require(sink.closes.first)
            #expect(close.code == CloseCode.abnormalClosure)
            #expect(close.initiator == .client)
            #expect(close.reason.contains("without a close frame"))
            #expect(!sink.frames.contains { $0.direction == .outgoing && $0.opcode == .close })
            #expect(reconnects(sink).count == 1)
        }
    }

    @Test func dropWithNoLiveWebSocketIsNotKeptForTheNextSession() async throws {
        try await withDemoServer { server in
            let sink = CollectingSink()
            let connection = ConnectionFactory.make(
                endpoint: try Endpoint(parsing: "ws://\(server.address)/ws/ticker?interval=30"),
                options: StreamOptions(),
                sink: sink
            )
            connection.perform(.dropTransport)
            connection.start()
            defer { connection.shutdown() }
            #expect(await sink.wait { _ in sink.incomingTexts.count >= 3 })
            #expect(sink.closes.isEmpty)
        }
    }

    @Test func pausedReadingStopsTheSSEStreamUntilResumedAndNothingIsLost() async throws {
        try await withDemoServer { server in
            let sink = CollectingSink()
            let connection = ConnectionFactory.make(
                endpoint: try Endpoint(parsing: "http://\(server.address)/sse/ticker?interval=20"),
                options: StreamOptions(),
                sink: sink
            )
            connection.start()
            defer { connection.shutdown() }
            #expect(await sink.wait { _ in ids(sink).count >= 2 })
            connection.perform(.pauseReading(true))
            try await Task.sleep(for: .milliseconds(150))
            let paused = ids(sink).count
            try await Task.sleep(for: .milliseconds(400))
            #expect(ids(sink).count == paused, "events arrived while reading was paused")
            connection.perform(.pauseReading(false))
            #expect(await sink.wait { _ in ids(sink).count >= paused + 5 })
            let received = ids(sink)
            #expect(received == Array(1...received.count))
        }
    }

    @Test func pausedReadingStopsWebSocketMessagesUntilResumed() async throws {
        try await withDemoServer { server in
            let sink = CollectingSink()
            let connection = ConnectionFactory.make(
                endpoint: try Endpoint(parsing: "ws://\(server.address)/ws/ticker?interval=20"),
                options: StreamOptions(),
                sink: sink
            )
            connection.start()
            defer { connection.shutdown() }
            #expect(await sink.wait { _ in sink.incomingTexts.count >= 2 })
            connection.perform(.pauseReading(true))
            try await Task.sleep(for: .milliseconds(150))
            let paused = sink.incomingTexts.count
            try await Task.sleep(for: .milliseconds(400))
            #expect(sink.incomingTexts.count == paused, "messages arrived while reading was paused")
            connection.perform(.pauseReading(false))
            #expect(await sink.wait { _ in sink.incomingTexts.count >= paused + 3 })
            #expect(sink.closes.isEmpty)
        }
    }
}
