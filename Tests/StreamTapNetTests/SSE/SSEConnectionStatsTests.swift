import Foundation
import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// Chunks as they arrive, first-byte and first-event times, and the
/// counters on a stream's close, against a server that sends known bytes in
/// known reads.
@Suite(.requires(.peerPython))
struct SSEConnectionStatsTests {
    static func chunks(_ sink: CollectingSink) -> [(length: Int, events: Int)] {
        sink.kinds.compactMap {
            if case .chunk(let length, let events) = $0 { return (length, events) }
            return nil
        }
    }

    @Test func reportsEachReadWithTheEventsItCompletedBeforeThoseEvents() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/bursts"),
            options: StreamOptions(reconnect: .off, eventStream: SSEOptions(reportChunks: true))
        )
        #expect(await harness.outcome() == .normal)
        let chunks = Self.chunks(harness.sink)
        #expect(chunks.count >= 2)
        #expect(chunks.map(\.events) == SSEPeer.Bursts.expectedEvents(forReads: chunks.map(\.length)))
        // The stream's comment line is reported too, in its place: not an event.
        #expect(harness.sink.kinds.contains(.comment(" wait")))
        var kinds = Array(harness.sink.kinds.map(\.name).drop { $0 != "chunk" }.filter { $0 != "comment" })
        #expect(kinds.popLast() == "close")
        for chunk in chunks {
            guard kinds.first == "chunk" else {
                Issue.record("expected a chunk before its events, got \(kinds)")
                break
            }
            kinds.removeFirst()
            let events = kinds.prefix { $0 == "event" }.count
            #expect(events == chunk.events)
            kinds.removeFirst(events)
        }
        #expect(kinds.isEmpty)
    }

    @Test func chunksAreNotReportedUnlessAsked() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/bursts"))
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.sseEvents.count == 5)
        #expect(Self.chunks(harness.sink).isEmpty)
    }

    @Test func theCloseCountsTheBytesAndEventsTheServerSent() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/bursts"))
        #expect(await harness.outcome() == .normal)
        let stats = try #require(harness.sink.closes.first?.stats)
        let sent = SSEPeer.Bursts.writes.map(\.utf8.count).reduce(0, +)
        #expect(stats.wireBytes == sent && stats.decodedBytes == sent)
        #expect(stats.payloadBytes == "abbcccdddde".utf8.count)
        #expect(stats.events == 5)
        #expect(stats.durationMilliseconds >= 300)
        #expect((stats.eventsPerSecond ?? 0) > 0)
    }

    @Test func firstByteAndFirstEventTimesAreMeasuredFromTheRequestInOrder() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/bursts"))
        #expect(await harness.outcome() == .normal)
        let handshake = try #require(harness.sink.handshakes.first?.timings.handshakeMilliseconds)
        let stats = try #require(harness.sink.closes.first?.stats)
        let firstByte = try #require(stats.timeToFirstByteMilliseconds)
        let firstEvent = try #require(stats.timeToFirstEventMilliseconds)
        #expect(firstByte >= 140 && firstByte > handshake)
        #expect(firstEvent >= firstByte)
    }

    @Test func wireBytesAreCountedBeforeDecompression() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/gzip"))
        #expect(await harness.outcome() == .normal)
        let stats = try #require(harness.sink.closes.first?.stats)
        #expect(stats.decodedBytes == 2 * "data: zipped one\n\n".utf8.count)
        #expect(stats.wireBytes > 0 && stats.wireBytes != stats.decodedBytes)
        #expect(stats.payloadBytes == 2 * "zipped one".utf8.count && stats.events == 2)
    }

    @Test func aStreamWithoutEventsHasNoFirstEventTime() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/bomb"))
        #expect(await harness.outcome() == .failed)
        let stats = try #require(harness.sink.closes.first?.stats)
        #expect(stats.timeToFirstByteMilliseconds != nil)
        #expect(stats.timeToFirstEventMilliseconds == nil && stats.events == 0)
    }
}
