import Dispatch
import StreamTapCore
import StreamTapTerminal
import StreamTapTestSupport
import Testing

@testable import StreamTapUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The loop with an in-memory terminal, the real inbox and a scripted
/// connection.
@Suite(.serialized) struct UILoopTests {
    let size = TerminalSize(columns: 120, rows: 40)

    private func makeLoop(
        backend: InMemoryBackend,
        inbox: EventInbox,
        connection: RecordingConnection,
        limits: EventLog.Limits = .standard
    ) -> UILoop {
        let configuration = TUIConfiguration(
            panes: [
                TUIPane(
                    title: "feed",
                    endpoint: Endpoint(
                        scheme: "ws",
                        host: "127.0.0.1",
                        port: 9,
                        target: "/feed",
                        protocolKind: .websocket
                    ),
                    connection: connection
                )
            ],
            colorPolicy: ColorPolicy(enabled: false),
            eventLimits: limits,
            utcOffsetSeconds: 0
        )
        let state = TUI.initialState(configuration, size: backend.size, now: Fixtures.start)
        return UILoop(
            state: state,
            backend: backend,
            inbox: inbox,
            connections: [connection],
            connect: nil,
            clock: { Fixtures.at(500) }
        )
    }

    @Test func aFloodOfEventsShowsTheLatestAndTheDroppedCountAndKeysStillWork() {
        let backend = InMemoryBackend(size: size)
        let inbox = EventInbox()
        let connection = RecordingConnection(id: 1)
        let loop = makeLoop(
            backend: backend,
            inbox: inbox,
            connection: connection,
            limits: EventLog.Limits(maxCount: 50_000, maxBytes: 1 << 30)
        )
        let total = 100_000
        let producer = DispatchGroup()
        DispatchQueue.global().async(group: producer) {
            for number in 0..<total {
                inbox.receive(Fixtures.text(1, number / 100, .incoming, "event \(number)"))
            }
        }
        backend.enqueue(.character("r"))
        loop.step(wait: false)
        #expect(connection.commands == [.reconnect])
        producer.wait()
        loop.runUntilIdle()
        let screen = backend.snapshot()
        #expect(screen.contains("event 99999"))
        #expect(screen.contains("dropped 50,000"))
        #expect(loop.state.panes[0].log.count == 50_000)
        backend.enqueue(.character("C"))
        loop.runUntilIdle()
        #expect(connection.commands == [.reconnect, .close(code: 1000, reason: "")])
    }

    @Test func keysAreHandledBeforeTheBacklogIsDrained() {
        let backend = InMemoryBackend(size: size)
        let inbox = EventInbox()
        let connection = RecordingConnection(id: 1)
        let loop = makeLoop(backend: backend, inbox: inbox, connection: connection)
        for number in 0..<(UILoop.eventsPerDrain * 4) {
            inbox.receive(Fixtures.text(1, number, .incoming, "e\(number)"))
        }
        loop.step(wait: false)
        backend.enqueue(.character("k"))
        loop.step(wait: false)
        #expect(!loop.state.panes[0].list.follow)
        #expect(inbox.pendingCount == UILoop.eventsPerDrain * 2)
        loop.runUntilIdle()
        #expect(loop.state.panes[0].list.unseen == UILoop.eventsPerDrain * 3)
        // eventsPerDrain (8,192) × 3, as the status of the pane writes it.
        #expect(backend.snapshot().contains("24,576 new"))
    }

    @Test func aFrameCostsTheSameWithManyEvents() {
        let backend = InMemoryBackend(size: size)
        let inbox = EventInbox()
        let connection = RecordingConnection(id: 1)
        let loop = makeLoop(backend: backend, inbox: inbox, connection: connection)
        var small = loop.state
        Reducer.reduce(&small, .events((0..<100).map { Fixtures.text(1, $0, .incoming, "e\($0)") }))
        loop.apply(.events((0..<200_000).map { Fixtures.text(1, $0, .incoming, "e\($0)") }))
        let clock = ContinuousClock()
        let manyTime = clock.measure {
            for _ in 0..<20 { _ = AppView.render(loop.state) }
        }
        let fewTime = clock.measure {
            for _ in 0..<20 { _ = AppView.render(small) }
        }
        print("120x40 frame: \(manyTime / 20) with 200,000 events, \(fewTime / 20) with 100")
        #expect(manyTime < fewTime * 4 + .milliseconds(200))
    }

    @Test func theInboxCapsItsQueueAndCountsDrops() {
        let inbox = EventInbox(capacity: 10)
        for number in 0..<25 {
            inbox.receive(Fixtures.text(number % 2 == 0 ? 1 : 2, number, .incoming, "\(number)"))
        }
        let batch = inbox.drain(limit: 4)
        #expect(batch.events.count == 4)
        #expect(batch.dropped == [1: 8, 2: 7])
        #expect(batch.hasMore)
        #expect(batch.events.first?.timestamp == Fixtures.at(15))
        let rest = inbox.drain(limit: 100)
        #expect(rest.events.count == 6 && !rest.hasMore && rest.dropped.isEmpty)
    }

    @Test func theDoorbellRingsOnlyWhenTheQueueStopsBeingEmpty() throws {
        let inbox = EventInbox()
        let doorbell = try #require(inbox.doorbell)
        for number in 0..<3 {
            inbox.receive(Fixtures.text(1, number, .incoming, "x"))
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = bytes.withUnsafeMutableBytes { read(doorbell.readDescriptor, $0.baseAddress, $0.count) }
        #expect(count == 1)
        _ = inbox.drain(limit: 10)
        inbox.receive(Fixtures.text(1, 4, .incoming, "y"))
        #expect(doorbell.drain() == [.events])
        inbox.requestQuit()
        #expect(doorbell.drain() == [.quit])
    }

    @Test func anIdleLoopSleepsUntilAnEventArrives() {
        let backend = InMemoryBackend(size: size)
        let inbox = EventInbox()
        let loop = makeLoop(backend: backend, inbox: inbox, connection: RecordingConnection(id: 1))
        loop.runUntilIdle()
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(150)) {
            inbox.receive(Fixtures.text(1, 1, .incoming, "wake up"))
        }
        let elapsed = ContinuousClock().measure {
            loop.step(wait: true)
        }
        #expect(elapsed >= .milliseconds(100))
        #expect(elapsed < .seconds(5))
        #expect(loop.state.panes[0].log.count == 1)
    }

    @Test func aQuitRequestEndsTheLoop() {
        let backend = InMemoryBackend(size: size)
        let inbox = EventInbox()
        let loop = makeLoop(backend: backend, inbox: inbox, connection: RecordingConnection(id: 1))
        inbox.requestQuit()
        loop.run()
        #expect(loop.state.shouldQuit)
    }

    @Test func theComposerSendsThroughTheConnection() {
        let backend = InMemoryBackend(size: size)
        let inbox = EventInbox()
        let connection = RecordingConnection(id: 1)
        let loop = makeLoop(backend: backend, inbox: inbox, connection: connection)
        backend.enqueue(bytes: Array("ihello".utf8))
        backend.enqueue(.ctrl("s"))
        loop.runUntilIdle()
        #expect(connection.commands == [.sendLine("hello")])
    }
}
