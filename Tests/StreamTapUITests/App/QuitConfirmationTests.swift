import StreamTapTerminal
import StreamTapUI
import Testing

/// `q` quits at once, except while recording, when it asks first.
@Suite struct QuitConfirmationTests {
    @Test func quitsAtOnceWhenNotRecording() {
        var state = Fixtures.state(size: TerminalSize(columns: 80, rows: 24))
        Reducer.reduce(&state, .key(.character("q")))
        #expect(state.shouldQuit)
    }

    @Test func whileRecordingTheFirstQAsksAndAnotherKeyCancels() {
        var state = Fixtures.state(size: TerminalSize(columns: 80, rows: 24))
        Fixtures.addWebSocketPane(to: &state)
        state.recordingPath = "session.jsonl"
        Reducer.reduce(&state, .key(.character("q")))
        #expect(!state.shouldQuit)
        #expect(state.notice?.text == "recording to session.jsonl: press q again to quit (all events so far are saved)")
        Reducer.reduce(&state, .key(.character("j")))
        Reducer.reduce(&state, .key(.character("q")))
        #expect(!state.shouldQuit)
        Reducer.reduce(&state, .key(.ctrl("c")))
        #expect(state.shouldQuit)
    }

    @Test func aSignalQuitsWithoutAsking() {
        var state = Fixtures.state(size: TerminalSize(columns: 80, rows: 24))
        state.recordingPath = "session.jsonl"
        Reducer.reduce(&state, .quit)
        #expect(state.shouldQuit)
    }
}
