import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

@Suite struct ReducerTests {
    let size = TerminalSize(columns: 120, rows: 40)

    @Test func eventsUpdateStatusCountersAndTimeline() {
        let state = Fixtures.twoPaneState(size: size)
        let webSocket = state.panes[0]
        #expect(webSocket.status == .open)
        #expect(webSocket.log.count == Fixtures.webSocketEvents().count)
        #expect(webSocket.messagesIn == 3)
        #expect(webSocket.messagesOut == 1)
        #expect(webSocket.handshake == Fixtures.webSocketHandshake)
        let sse = state.panes[1]
        #expect(sse.reconnects == 1)
        #expect(sse.timeline.count == 7)
        #expect(sse.rate.perSecond(at: Fixtures.at(4_000)) == 1)
        #expect(sse.rate.perSecond(at: Fixtures.at(6_000)) == 0)
    }

    @Test func statusFollowsTheConnectionsLife() {
        var state = Fixtures.state(size: size)
        Fixtures.addWebSocketPane(to: &state)
        Reducer.reduce(&state, .events([Fixtures.event(1, 0, .connecting(url: "ws://x/", attempt: 1))]))
        #expect(state.panes[0].status == .connecting(attempt: 1))
        Reducer.reduce(&state, .events([Fixtures.event(1, 1, .error(ErrorInfo(message: "refused")))]))
        #expect(state.panes[0].status == .failed("refused"))
        Reducer.reduce(
            &state,
            .events([Fixtures.event(1, 2, .reconnect(attempt: 2, delayMilliseconds: 500, reason: "x"))])
        )
        #expect(state.panes[0].status == .reconnecting(attempt: 2, delayMilliseconds: 500))
        Reducer.reduce(&state, .events([Fixtures.event(1, 3, .open(Fixtures.webSocketHandshake))]))
        #expect(state.panes[0].status == .open)
        Reducer.reduce(&state, .events([Fixtures.event(1, 4, .close(CloseInfo(code: 1001, initiator: .server)))]))
        #expect(state.panes[0].status == .closed(code: 1001))
    }

    @Test func followPausesOnScrollCountsNewEventsAndResumes() {
        var state = Fixtures.twoPaneState(size: size)
        #expect(state.panes[0].list.follow)
        Fixtures.press(.character("k"), into: &state)
        #expect(!state.panes[0].list.follow)
        let selected = state.panes[0].list.selected
        Reducer.reduce(&state, .events((0..<5).map { Fixtures.text(1, 1000 + $0, .incoming, "m\($0)") }))
        #expect(state.panes[0].list.unseen == 5)
        #expect(state.panes[0].list.selected == selected)
        let screen = AppView.render(state).snapshot()
        #expect(screen.contains("5 new"))
        Fixtures.press(.character("G"), into: &state)
        #expect(state.panes[0].list.follow)
        #expect(state.panes[0].list.unseen == 0)
    }

    @Test func movingDownToTheNewestEventResumesFollowing() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.up, .up, into: &state)
        #expect(!state.panes[0].list.follow)
        Fixtures.press(.down, .down, into: &state)
        #expect(state.panes[0].list.follow)
    }

    @Test func pagingAndTopUseTheListHeight() {
        var state = Fixtures.state(size: TerminalSize(columns: 80, rows: 24))
        Fixtures.addWebSocketPane(to: &state)
        Reducer.reduce(&state, .events((0..<200).map { Fixtures.text(1, $0, .incoming, "m\($0)") }))
        Fixtures.press(.character("g"), into: &state)
        #expect(state.panes[0].list.selected == 0)
        let height = AppLayout(state: state).pane(0)?.body.height ?? 0
        Fixtures.press(.pageDown, into: &state)
        #expect(state.panes[0].list.selected == height)
        Fixtures.press(.ctrl("u"), into: &state)
        #expect(state.panes[0].list.selected == height - height / 2)
    }

    @Test func tabAndShiftTabMoveFocusAroundPanes() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.tab, into: &state)
        #expect(state.focus == 1)
        Fixtures.press(.tab, into: &state)
        #expect(state.focus == 0)
        Fixtures.press(.backTab, into: &state)
        #expect(state.focus == 1)
    }

    @Test func enterOpensTheInspectorAndEscapeGoesBack() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.enter, into: &state)
        guard case .inspector(let inspector) = state.panes[0].mode else {
            Issue.record("the inspector did not open")
            return
        }
        #expect(inspector.eventIndex == state.panes[0].log.endIndex - 1)
        Fixtures.press(.character("x"), into: &state)
        if case .inspector(let toggled) = state.panes[0].mode {
            #expect(toggled.showHex)
        }
        Fixtures.press(.character("["), into: &state)
        if case .inspector(let previous) = state.panes[0].mode {
            #expect(previous.eventIndex < inspector.eventIndex)
        }
        Fixtures.press(.escape, into: &state)
        #expect(state.panes[0].mode == .events)
    }

    @Test func composerSendsTheTextAndKeepsHistory() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("i"), into: &state)
        #expect(state.input == .composer)
        for character in "hi q" {
            Reducer.reduce(&state, .key(.character(character)))
        }
        let effects = Reducer.reduce(&state, .key(.ctrl("s")))
        #expect(
            effects == [
                .perform(.sendLine("hi q"), connection: 1),
                .remember(Composer.History(text: "hi q", mode: .text), url: "ws://127.0.0.1:8080/echo"),
            ]
        )
        #expect(state.panes[0].composer.editor.isEmpty)
        Fixtures.press(.up, into: &state)
        #expect(state.panes[0].composer.editor.text == "hi q")
        Fixtures.press(.escape, into: &state)
        #expect(state.input == .normal)
        #expect(!state.shouldQuit)
    }

    @Test func composerRefusesInvalidJSONWithThePosition() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("c"), .tab, into: &state)
        #expect(state.panes[0].composer.mode == .json)
        for character in "{\"a\" 1}" {
            Reducer.reduce(&state, .key(.character(character)))
        }
        let effects = Reducer.reduce(&state, .key(.ctrl("s")))
        #expect(effects.isEmpty)
        #expect(state.panes[0].composer.problem == "invalid JSON at line 1, column 6: expected ':' after the key")
        #expect(AppView.render(state).snapshot().contains("invalid JSON at line 1, column 6"))
    }

    @Test func sseAndDisconnectedPanesCannotCompose() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.tab, .character("i"), into: &state)
        #expect(state.input == .normal)
        #expect(state.notice?.isError == true)
    }

    @Test func connectionCommandsBecomeEffects() {
        var state = Fixtures.twoPaneState(size: size)
        #expect(Reducer.reduce(&state, .key(.character("r"))) == [.perform(.reconnect, connection: 1)])
        #expect(
            Reducer.reduce(&state, .key(.character("C"))) == [.perform(.close(code: 1000, reason: ""), connection: 1)]
        )
    }

    @Test func paletteFiltersAndRunsCommands() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character(":"), into: &state)
        for character in "timel" {
            Reducer.reduce(&state, .key(.character(character)))
        }
        Fixtures.press(.enter, into: &state)
        #expect(state.input == .normal)
        #expect(state.panes[0].mode == .timeline(scroll: 0))
    }

    /// A replayed recording whose events lie 584 years apart (the ends of
    /// the clock's range) shows its timeline: the gap does not fit 64 bits
    /// of nanoseconds and used to stop the program.
    @Test func theTimelineOfEventsCenturiesApart() throws {
        var state = Fixtures.state(size: size)
        Fixtures.addSSEPane(to: &state, id: 2)
        let first = try #require(Timestamp(rfc3339: "1678-01-01T00:00:00.000Z"))
        let last = try #require(Timestamp(rfc3339: "2262-04-10T00:00:00.000Z"))
        Reducer.reduce(
            &state,
            .events([
                StreamEvent(
                    timestamp: first,
                    connectionID: 2,
                    kind: .connecting(url: "http://127.0.0.1:9/", attempt: 1)
                ),
                StreamEvent(timestamp: last, connectionID: 2, kind: .open(Fixtures.sseHandshake)),
            ])
        )
        let text = TimelineDocument.lines(for: state.panes[0], state).map(\.text).joined(separator: "\n")
        #expect(text.contains("open"), "\(text)")
        #expect(text.contains("+5121600 h 0 min"), "\(text)")
    }

    @Test func paletteConnectsToATypedURL() {
        var state = Fixtures.state(size: size, canConnect: true)
        Fixtures.press(.character(":"), into: &state)
        for character in "connect ws://127.0.0.1:9/x" {
            Reducer.reduce(&state, .key(.character(character)))
        }
        let effects = Reducer.reduce(&state, .key(.enter))
        #expect(state.panes.count == 1)
        #expect(state.panes[0].url == "ws://127.0.0.1:9/x")
        guard case .connect(let endpoint, let id) = effects.first else {
            Issue.record("no connect effect: \(effects)")
            return
        }
        #expect(endpoint.port == 9)
        #expect(id == state.panes[0].id)
        Reducer.reduce(&state, .connectFailed(id: id, message: "nope"))
        #expect(state.panes[0].status == .unavailable("nope"))
        #expect(!state.panes[0].isConnected)
    }

    @Test func quitAndCtrlCQuitButQInAnInputTypes() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("/"), .character("q"), into: &state)
        #expect(!state.shouldQuit)
        Fixtures.press(.escape, .character("q"), into: &state)
        #expect(state.shouldQuit)
        var other = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("i"), .ctrl("c"), into: &other)
        #expect(other.shouldQuit)
    }

    @Test func inboxDropsAddToTheDroppedCounter() {
        var state = Fixtures.twoPaneState(size: size)
        Reducer.reduce(&state, .inboxDropped([1: 7]))
        #expect(state.panes[0].droppedCount == 7)
        #expect(AppView.render(state).snapshot().contains("dropped 7"))
    }

    @Test func theLogDropsTheOldestAndTheListFollows() {
        var state = AppState(
            size: size,
            theme: Fixtures.plainTheme,
            now: Fixtures.start,
            eventLimits: EventLog.Limits(maxCount: 10, maxBytes: 1 << 20)
        )
        Fixtures.addWebSocketPane(to: &state)
        Reducer.reduce(&state, .events((0..<25).map { Fixtures.text(1, $0, .incoming, "m\($0)") }))
        #expect(state.panes[0].log.droppedCount == 15)
        #expect(state.panes[0].index.count == 10)
        let screen = AppView.render(state).snapshot()
        #expect(screen.contains("m24"))
        #expect(!screen.contains("m14 "))
        #expect(screen.contains("dropped 15"))
    }

    @Test func mouseClickSelectsAndWheelScrolls() {
        var state = Fixtures.twoPaneState(size: size)
        let layout = AppLayout(state: state)
        guard let body = layout.pane(1)?.body else {
            Issue.record("no second pane")
            return
        }
        Reducer.reduce(&state, .key(.mouse(MouseEvent(.press(.left), x: body.x + 2, y: body.y + 3))))
        #expect(state.focus == 1)
        #expect(state.panes[1].list.selected == 3)
        Reducer.reduce(&state, .key(.mouse(MouseEvent(.scrollDown, x: body.x + 2, y: body.y))))
        #expect(state.panes[1].list.selected == 6)
    }

    @Test func resizeRelaysOutTheInspector() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.enter, into: &state)
        Reducer.reduce(&state, .key(.resize(TerminalSize(columns: 40, rows: 10))))
        guard case .inspector(let inspector) = state.panes[0].mode else {
            Issue.record("the inspector closed")
            return
        }
        #expect(inspector.width == AppLayout(state: state).pane(0)?.body.width)
    }

    @Test func splitToggleAndZoomChangeTheLayout() {
        var state = Fixtures.twoPaneState(size: size)
        var layout = AppLayout(state: state)
        #expect(layout.panes.count == 2 && layout.panes[0].frame.y == layout.panes[1].frame.y)
        Fixtures.press(.character("v"), into: &state)
        layout = AppLayout(state: state)
        #expect(layout.panes.count == 2 && layout.panes[0].frame.x == layout.panes[1].frame.x)
        Fixtures.press(.character("z"), into: &state)
        #expect(AppLayout(state: state).panes.count == 1)
    }
}

@Suite struct UnavailablePaneTests {
    @Test func aPaneWithoutAConnectionShowsWhy() {
        var state = Fixtures.state(size: TerminalSize(columns: 80, rows: 24))
        Reducer.reduce(
            &state,
            .addPane(
                PaneSpecification(
                    id: 3,
                    title: "h/events",
                    url: "http://h/events",
                    protocolKind: .sse,
                    isConnected: false,
                    problem: "Server-Sent Events are not available in this build"
                )
            )
        )
        #expect(state.panes[0].status == .unavailable("Server-Sent Events are not available in this build"))
        let screen = AppView.render(state).snapshot()
        #expect(screen.contains("unavailable"))
        #expect(screen.contains("Server-Sent Events are not"))
    }
}
