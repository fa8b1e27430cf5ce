import StreamTapCore
import StreamTapTerminal
import StreamTapTestSupport
import StreamTapUI
import Testing

/// Saved endpoints and message history in the TUI: listed on the empty
/// workspace, opened and saved from the palette, sent messages remembered.
@Suite struct SavedEndpointsTests {
    static let saved = [
        SavedEndpoint(name: "prices", url: "wss://api.example.com/prices", headers: [("Authorization", "Bearer x")]),
        SavedEndpoint(name: "llm-stream", url: "https://api.example.com/v1/stream", protocolOverride: .sse),
        SavedEndpoint(name: "echo\u{1B}[31m", url: "ws://127.0.0.1:8080/ws/echo"),
    ]

    static func state(size: TerminalSize = TerminalSize(columns: 80, rows: 24)) -> AppState {
        var state = Fixtures.state(size: size, canConnect: true)
        state.savedEndpoints = saved
        return state
    }

    /// Types `text` into whatever has the input.
    static func type(_ text: String, into state: inout AppState) -> [Effect] {
        text.flatMap { Reducer.reduce(&state, .key(.character($0))) }
    }

    @Test(arguments: [(80, 24), (40, 10), (120, 40)])
    func theEmptyWorkspaceListsThemInertly(columns: Int, rows: Int) {
        let state = Self.state(size: TerminalSize(columns: columns, rows: rows))
        let text = AppView.render(state).snapshot()
        assertSnapshot(text, named: "empty-saved-\(columns)x\(rows)")
        #expect(!text.contains("\u{1B}"))
        if rows >= 24 {
            #expect(text.contains("prices"))
            #expect(text.contains("llm-stream"))
            #expect(text.contains("echo\u{241B}[31m"))
        }
    }

    @Test func thePaletteOpensOneByNameInANewPane() {
        var state = Self.state()
        Reducer.reduce(&state, .key(.character(":")))
        _ = Self.type("prices", into: &state)
        let effects = Reducer.reduce(&state, .key(.enter))
        #expect(effects == [.openSaved(Self.saved[0], id: 1)])
        #expect(state.panes.map(\.title) == ["prices"])
        #expect(state.panes.first?.url == "wss://api.example.com/prices")
    }

    @Test func saveNeedsAConnectedPaneAndAName() {
        var state = Self.state()
        Reducer.reduce(&state, .key(.character(":")))
        _ = Self.type("save mine", into: &state)
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty)
        #expect(state.notice == Notice("no connection to save: focus a connected pane first", isError: true))

        Fixtures.addWebSocketPane(to: &state, id: 4)
        Reducer.reduce(&state, .key(.character(":")))
        _ = Self.type("save mine", into: &state)
        #expect(Reducer.reduce(&state, .key(.enter)) == [.save(name: "mine", connection: 4)])
    }

    @Test func aSentMessageIsRememberedForItsURLAndHistoryComesBack() {
        var state = Self.state()
        Fixtures.addWebSocketPane(to: &state, id: 1)
        Reducer.reduce(&state, .key(.character("i")))
        _ = Self.type("hello", into: &state)
        let effects = Reducer.reduce(&state, .command(.send))
        let url = state.panes[0].url
        #expect(effects.contains(.remember(Composer.History(text: "hello", mode: .text), url: url)))

        Reducer.reduce(&state, .historyLoaded(id: 1, [Composer.History(text: #"{"a":1}"#, mode: .json)]))
        Reducer.reduce(&state, .key(.up))
        #expect(state.panes[0].composer.editor.text == "hello")
        Reducer.reduce(&state, .key(.up))
        #expect(state.panes[0].composer.editor.text == #"{"a":1}"#)
        #expect(state.panes[0].composer.mode == .json)
    }

    @Test func theLoopOpensASavedEndpointThroughTheServicesAndRestoresItsHistory() throws {
        let backend = InMemoryBackend(size: TerminalSize(columns: 80, rows: 24))
        let connection = RecordingConnection(id: 1)
        var opened: [String] = []
        var remembered: [String] = []
        let services = SessionServices(
            savedEndpoints: Self.saved,
            openSaved: { saved, id in
                opened.append("\(saved.name)#\(id)")
                return connection
            },
            save: { name, id in Notice("saved \(name) from \(id)") },
            history: { url in url.hasPrefix("wss://api.example.com") ? [Composer.History(text: "old", mode: .text)] : []
            },
            remember: { entry, url in
                remembered.append("\(url) \(entry.text)")
                return nil
            }
        )
        let configuration = TUIConfiguration(
            panes: [],
            connect: { _, id in RecordingConnection(id: id) },
            services: services
        )
        let loop = UILoop(
            state: TUI.initialState(configuration, size: backend.size, now: Fixtures.at(0)),
            backend: backend,
            inbox: EventInbox(),
            connections: [],
            connect: configuration.connect,
            services: services
        )
        #expect(loop.state.savedEndpoints == Self.saved)
        for key in [Key.character(":")] + "prices".map(Key.character) + [.enter] {
            loop.apply(.key(key))
        }
        #expect(opened == ["prices#1"])
        #expect(loop.state.panes[0].composer.history == [Composer.History(text: "old", mode: .text)])
        for key in [Key.character("i")] + "new".map(Key.character) + [.ctrl("s")] {
            loop.apply(.key(key))
        }
        #expect(connection.commands == [.sendLine("new")])
        #expect(remembered == ["wss://api.example.com/prices new"])
        for key in [Key.escape, .character(":")] + "save copy".map(Key.character) + [.enter] {
            loop.apply(.key(key))
        }
        #expect(loop.state.notice == Notice("saved copy from 1"))
    }
}
