import Dispatch
import Foundation
import StreamTapCore
import StreamTapTerminal
import StreamTapUI

// The TUI under a flood, in one process: a producer thread pushes 64-byte
// WebSocket messages into the UI's inbox as fast as it can while the real
// UI loop (reducer, views, diffing) runs against an in-memory 120x40
// terminal and a key is pressed every 20 ms. Prints how many events the UI
// took in per second, how many frames it drew, how long keys waited for
// the screen, and the memory held by 1,000,000 retained events.
//
// Usage: swift run -c release tui-flood-benchmark [seconds]

/// A connection that ignores commands: the benchmark only receives.
final class SilentConnection: StreamConnection, @unchecked Sendable {
    let id: Int
    var settings: ConnectionSettings { ConnectionSettings() }
    var capabilities: ConnectionCapabilities { .webSocket }
    init(id: Int) { self.id = id }
    func start() {}
    func perform(_ command: ConnectionCommand) {}
    func shutdown() {}
    func whenFinished(_ body: @escaping @Sendable (ConnectionOutcome) -> Void) {}
}

/// The resident and peak memory of this process, in MiB, from /proc.
func memoryMiB() -> (resident: Double, peak: Double) {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Double {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        return Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "0").map { $0 / 1024 } ?? 0
    }
    return (field("VmRSS:"), field("VmHWM:"))
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
}

/// A 64-byte text message, its payload an array of exactly 64 bytes copied
/// out of a larger buffer as the frame parser copies it out of a socket
/// read. (`Array(grown.prefix(64))` would keep the grown array's whole
/// buffer when the prefix is all of it: 160 bytes of heap instead of 112.)
func message(_ connection: Int, _ sequence: Int) -> StreamEvent {
    var text = #"{"type":"tick","seq":"# + String(sequence)
    text += String(repeating: "x", count: max(0, 62 - text.utf8.count)) + #""}"#
    let payload = text.utf8.withContiguousStorageIfAvailable { [UInt8]($0.prefix(64)) } ?? Array(text.utf8.prefix(64))
    return StreamEvent(
        timestamp: .now(),
        connectionID: connection,
        kind: .message(Message(direction: .incoming, opcode: .text, payload: payload))
    )
}

/// Memory: 1,000,000 retained 64 B events in one pane, measured first so
/// nothing else is in the heap yet.
func measureRetainedEvents(size: TerminalSize) {
    let connection = SilentConnection(id: 1)
    let pane = TUIPane(
        title: "retained",
        endpoint: Endpoint(scheme: "ws", host: "127.0.0.1", port: 9, target: "/", protocolKind: .websocket),
        connection: connection
    )
    let retainedInbox = EventInbox(capacity: 20_000)
    let retainedLoop = UILoop(
        state: TUI.initialState(TUIConfiguration(panes: [pane]), size: size, now: .now()),
        backend: InMemoryBackend(size: size),
        inbox: retainedInbox,
        connections: [connection],
        connect: nil
    )
    let baseline = memoryMiB().resident
    for batch in 0..<50 {
        for sequence in batch * 20_000..<(batch + 1) * 20_000 {
            retainedInbox.receive(message(1, sequence))
        }
        retainedLoop.runUntilIdle(maximumSteps: 100)
    }
    let frameStart = ContinuousClock.now
    retainedLoop.draw()
    let frame = ContinuousClock.now - frameStart
    let after = memoryMiB()
    print("  StreamEvent is \(MemoryLayout<StreamEvent>.stride) bytes inline")
    print(
        String(
            format: "  1,000,000 retained  %d events kept, RSS %.0f MiB (%.0f MiB above the start), frame %.2f ms",
            retainedLoop.state.panes[0].log.count,
            after.resident,
            after.resident - baseline,
            milliseconds(frame)
        )
    )
}

let seconds = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 10
let size = TerminalSize(columns: 120, rows: 40)
measureRetainedEvents(size: size)
let backend = InMemoryBackend(size: size)
let inbox = EventInbox()
let connections = [SilentConnection(id: 1), SilentConnection(id: 2)]
let panes = connections.map { connection in
    TUIPane(
        title: "flood \(connection.id)",
        endpoint: Endpoint(scheme: "ws", host: "127.0.0.1", port: 9, target: "/", protocolKind: .websocket),
        connection: connection
    )
}
let configuration = TUIConfiguration(panes: panes)
let loop = UILoop(
    state: TUI.initialState(configuration, size: size, now: .now()),
    backend: backend,
    inbox: inbox,
    connections: connections,
    connect: nil
)
loop.draw()

// The flood: two producers (one per pane), as two connections would be.
let stop = ManagedStop()
final class ManagedStop: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    var isStopped: Bool { lock.withLock { stopped } }
    func stop() { lock.withLock { stopped = true } }
}
let produced = DispatchGroup()
let producedCounts = ProducedCounts()
final class ProducedCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ count: Int) { lock.withLock { total += count } }
    var value: Int { lock.withLock { total } }
}
for connection in [1, 2] {
    DispatchQueue.global().async(group: produced) {
        var sequence = 0
        while !stop.isStopped {
            for _ in 0..<1000 {
                inbox.receive(message(connection, sequence))
                sequence += 1
            }
        }
        producedCounts.add(sequence)
    }
}

var keyLatencies: [Double] = []
var stepTimes: [Double] = []
let start = ContinuousClock.now
var nextKey = start + .milliseconds(20)
var pendingKey: (pressed: ContinuousClock.Instant, draws: Int)?
var keyToggle = false
let drawsBefore = backend.drawCount
while ContinuousClock.now - start < .seconds(seconds) {
    let now = ContinuousClock.now
    if pendingKey == nil && now >= nextKey {
        keyToggle.toggle()
        backend.enqueue(keyToggle ? .character("k") : .character("G"))
        pendingKey = (now, backend.drawCount)
        nextKey = now + .milliseconds(20)
    }
    let stepStart = ContinuousClock.now
    loop.step(wait: true)
    let stepEnd = ContinuousClock.now
    stepTimes.append(milliseconds(stepEnd - stepStart))
    if let key = pendingKey, backend.drawCount > key.draws {
        keyLatencies.append(milliseconds(stepEnd - key.pressed))
        pendingKey = nil
    }
}
let elapsed = ContinuousClock.now - start
stop.stop()
produced.wait()
let elapsedSeconds = milliseconds(elapsed) / 1000
let ingested = loop.state.panes.reduce(0) { $0 + $1.log.endIndex }
let dropped = loop.state.panes.reduce(0) { $0 + $1.inboxDropped }
let draws = backend.drawCount - drawsBefore

print("TUI flood, 120x40, two panes, 64 B messages, \(String(format: "%.1f", elapsedSeconds)) s")
print(String(format: "  produced            %12.0f events/s", Double(producedCounts.value) / elapsedSeconds))
print(
    String(
        format: "  ingested by the UI  %12.0f events/s (%d events; %d dropped at the inbox)",
        Double(ingested) / elapsedSeconds,
        ingested,
        dropped
    )
)
print(String(format: "  redraws             %12.1f frames/s", Double(draws) / elapsedSeconds))
print(
    String(
        format: "  loop step           p50 %.2f ms, p99 %.2f ms, max %.2f ms",
        percentile(stepTimes, 0.5),
        percentile(stepTimes, 0.99),
        stepTimes.max() ?? 0
    )
)
print(
    String(
        format: "  key -> screen       p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d keys)",
        percentile(keyLatencies, 0.5),
        percentile(keyLatencies, 0.99),
        keyLatencies.max() ?? 0,
        keyLatencies.count
    )
)
