import Foundation
import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import streamtap

/// `--record FILE`: every event of every connection as JSONL, written at
/// each flush, nothing dropped, and a write that fails said in words.
@Suite struct RecordingSinkTests {
    static func events(_ count: Int) -> [StreamEvent] {
        (0..<count).map { index in
            StreamEvent(
                timestamp: Timestamp(nanosecondsSinceEpoch: 1_795_608_000_000_000_000 + Int64(index) * 1_000_000),
                connectionID: index % 2 + 1,
                kind: .event(SSEEvent(data: "event \(index)", lastEventID: "\(index)"))
            )
        }
    }

    static func jsonl(_ events: [StreamEvent]) -> String {
        var encoder = JSONLEncoder()
        return events.map { encoder.line(for: $0) + "\n" }.joined()
    }

    @Test func writesEveryEventAsJSONLAtEachFlush() throws {
        let folder = try TemporaryFolder("streamtap-recording")
        defer { folder.remove() }
        let sink = try RecordingSink(path: folder.path("session.jsonl"))
        let events = Self.events(3)
        sink.receive(events[0])
        #expect(try folder.read("session.jsonl").isEmpty)
        sink.flush()
        #expect(try folder.read("session.jsonl") == Self.jsonl([events[0]]))
        for event in events.dropFirst() { sink.receive(event) }
        sink.flush()
        #expect(try folder.read("session.jsonl") == Self.jsonl(events))
        #expect(sink.failure == nil)
    }

    @Test func aLongBatchIsWrittenBeforeItsFlush() throws {
        let folder = try TemporaryFolder("streamtap-recording")
        defer { folder.remove() }
        let sink = try RecordingSink(path: folder.path("session.jsonl"))
        let events = Self.events(5_000)
        for event in events { sink.receive(event) }
        let written = try folder.read("session.jsonl")
        #expect(written.utf8.count >= 256 * 1024)
        #expect(Self.jsonl(events).hasPrefix(written))
        sink.flush()
        #expect(try folder.read("session.jsonl") == Self.jsonl(events))
    }

    @Test func anExistingFileIsEmptiedFirst() throws {
        let folder = try TemporaryFolder("streamtap-recording")
        defer { folder.remove() }
        try folder.write("an older recording\n", to: "session.jsonl")
        let sink = try RecordingSink(path: folder.path("session.jsonl"))
        sink.flush()
        #expect(try folder.read("session.jsonl").isEmpty)
    }

    @Test func aFolderThatIsNotThereIsRefusedInWords() throws {
        let error = try #require(throws: RecordingSink.OpenFailure.self) {
            try RecordingSink(path: "/nonexistent-folder/x.jsonl")
        }
        #expect(
            error.description
                == "cannot record to /nonexistent-folder/x.jsonl: No such file or directory; "
                + "check the folder exists and is writable"
        )
    }

    @Test func aFailedWriteIsKeptInWordsAndTheEventsGoOn() throws {
        let sink = try RecordingSink(path: "/dev/full")
        for event in Self.events(2) { sink.receive(event) }
        sink.flush()
        #expect(sink.failure == "writing the recording /dev/full failed: No space left on device")
    }

    @Test func aTeeHandsEveryEventToEachSinkInOrder() {
        let first = CollectingSink()
        let second = CollectingSink()
        let tee = TeeSink(sinks: [first, second])
        let events = Self.events(2)
        for event in events { tee.receive(event) }
        tee.flush()
        #expect(first.events == events && second.events == events)
    }
}
