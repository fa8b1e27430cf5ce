import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// Recording the session switched on and off from the `:` palette, with
/// `● REC` in the status bar while it runs.
@Suite struct RecordingToggleTests {
    /// A recorder that only remembers whether it is recording.
    final class FakeRecorder: SessionRecorderControl {
        var recordingPath: String?
        var failure: String?
        var starts = 0

        struct Refusal: Error, CustomStringConvertible {
            var description: String
        }

        func startRecording() throws -> String {
            if let failure { throw Refusal(description: failure) }
            starts += 1
            recordingPath = "streamtap-\(starts).jsonl"
            return "streamtap-\(starts).jsonl"
        }

        func stopRecording() -> String? {
            defer { recordingPath = nil }
            return recordingPath
        }
    }

    func makeLoop(recorder: FakeRecorder?) -> (UILoop, InMemoryBackend) {
        let backend = InMemoryBackend(size: TerminalSize(columns: 120, rows: 30))
        var configuration = TUIConfiguration(panes: [], colorPolicy: ColorPolicy(enabled: false), utcOffsetSeconds: 0)
        configuration.recorder = recorder
        let state = TUI.initialState(configuration, size: backend.size, now: Fixtures.start)
        let loop = UILoop(
            state: state,
            backend: backend,
            inbox: EventInbox(),
            connections: [],
            connect: nil,
            clock: { Fixtures.at(500) },
            recorder: recorder
        )
        return (loop, backend)
    }

    func runFromPalette(_ query: String, in loop: UILoop) {
        loop.apply(.key(.character(":")))
        for character in query { loop.apply(.key(.character(character))) }
        loop.apply(.key(.enter))
        loop.draw()
    }

    func statusLine(_ backend: InMemoryBackend) -> String {
        String(backend.snapshot().split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
    }

    @Test func thePaletteStartsAndStopsARecording() {
        let recorder = FakeRecorder()
        let (loop, backend) = makeLoop(recorder: recorder)
        runFromPalette("record the session", in: loop)
        #expect(recorder.recordingPath == "streamtap-1.jsonl")
        #expect(statusLine(backend).contains("recording every event to streamtap-1.jsonl"))
        loop.apply(.key(.character("v")))
        loop.draw()
        #expect(statusLine(backend).hasPrefix("\u{25CF} REC"))

        runFromPalette("record the session", in: loop)
        #expect(recorder.recordingPath == nil)
        #expect(statusLine(backend).contains("recording stopped; open it with: streamtap replay streamtap-1.jsonl"))
        loop.apply(.key(.character("v")))
        loop.draw()
        #expect(!statusLine(backend).contains("REC"))
    }

    @Test func aRecordingThatCannotStartSaysWhy() {
        let recorder = FakeRecorder()
        recorder.failure = "cannot record to streamtap-1.jsonl: Permission denied"
        let (loop, backend) = makeLoop(recorder: recorder)
        runFromPalette("record the session", in: loop)
        #expect(statusLine(backend).contains("cannot record: cannot record to streamtap-1.jsonl: Permission denied"))
        #expect(loop.state.recordingPath == nil)
    }

    @Test func aReplayCannotBeRecorded() {
        let (loop, backend) = makeLoop(recorder: nil)
        runFromPalette("record the session", in: loop)
        #expect(statusLine(backend).contains("a replay is a recording already"))
    }

    @Test func aRecordingStartedOnTheCommandLineShowsAtOnce() {
        let recorder = FakeRecorder()
        recorder.recordingPath = "given.jsonl"
        let (loop, backend) = makeLoop(recorder: recorder)
        loop.draw()
        #expect(statusLine(backend).hasPrefix("\u{25CF} REC"))
    }
}
