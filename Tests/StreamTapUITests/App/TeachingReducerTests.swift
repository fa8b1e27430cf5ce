import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// The fault menu, the compare view and explanations, driven by keys and
/// the palette.
@Suite struct TeachingReducerTests {
    let size = TerminalSize(columns: 120, rows: 40)

    @Test func fOpensTheFaultMenuAndEnterDropsTheConnection() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("f"), into: &state)
        #expect(state.input == .teaching(.faults(selected: 0)))
        #expect(state.keyContexts == [.faultMenu])
        let effects = Reducer.reduce(&state, .key(.enter))
        #expect(effects == [.perform(.dropTransport, connection: 1)])
        #expect(state.input == .normal)
        #expect(state.notice?.text.hasPrefix("Drop now (abrupt): cut TCP without a close frame") == true)
    }

    @Test func theMenuMovesAndWrapsAndEscapeInjectsNothing() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("f"), .character("k"), into: &state)
        #expect(state.input == .teaching(.faults(selected: Fault.allCases.count - 1)))
        Fixtures.press(.character("j"), .character("j"), into: &state)
        #expect(state.input == .teaching(.faults(selected: 1)))
        #expect(Reducer.reduce(&state, .key(.escape)).isEmpty)
        #expect(state.input == .normal)
    }

    @Test func eachFaultSendsItsCommand() {
        var state = Fixtures.twoPaneState(size: size)
        let close = Reducer.reduce(&state, .command(.fault(.close(code: 4000))))
        #expect(close == [.perform(.close(code: 4000, reason: "fault menu"), connection: 1)])
        #expect(
            Reducer.reduce(&state, .command(.fault(.pauseReading))) == [.perform(.pauseReading(true), connection: 1)]
        )
        #expect(state.panes[0].settingsSummary.contains("reading paused"))
        Reducer.reduce(&state, .events([Fixtures.event(1, 5_000, .open(Fixtures.webSocketHandshake))]))
        #expect(!state.panes[0].settingsSummary.contains("reading paused"))
        #expect(
            Reducer.reduce(&state, .command(.fault(.withholdPongs))) == [
                .perform(.webSocket(.setAutoPong(false)), connection: 1)
            ]
        )
        #expect(state.panes[0].settingsSummary.contains("auto-pong off"))
        guard
            case .perform(.webSocket(.sendRawFrame(let frame)), _)? = Reducer.reduce(
                &state,
                .command(.fault(.invalidFrame(.reservedOpcode)))
            ).first
        else {
            Issue.record("no raw frame sent")
            return
        }
        #expect(frame.opcode.rawValue == 3 && frame.masked)
        #expect(state.notice?.text.contains("must close with 1002") == true)
    }

    @Test func webSocketOnlyFaultsAreRefusedOnSSEWithAReason() {
        var state = Fixtures.twoPaneState(size: size)
        state.focus = 1
        #expect(Reducer.reduce(&state, .command(.fault(.withholdPongs))).isEmpty)
        #expect(state.notice == Notice("Withhold pongs: SSE has no pings: nothing to withhold", isError: true))
        #expect(Reducer.reduce(&state, .command(.fault(.drop))) == [.perform(.dropTransport, connection: 2)])
        #expect(state.notice?.text.contains("Last-Event-ID") == true)
    }

    @Test func thePaletteOffersEveryFault() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character(":"), into: &state)
        for character in "fault drop" {
            Reducer.reduce(&state, .key(.character(character)))
        }
        #expect(Reducer.reduce(&state, .key(.enter)) == [.perform(.dropTransport, connection: 1)])
        let titles = Palette.entries(for: "", keymap: state.keymap).map(\.title)
        for fault in Fault.allCases {
            #expect(titles.contains("Fault: \(fault.title)"))
        }
    }

    @Test func eExplainsTheSelectedEventAndEscapeCloses() {
        var state = Fixtures.twoPaneState(size: size)
        state.focus = 1
        Fixtures.press(.character("e"), into: &state)
        guard case .teaching(.explain(let explanation)) = state.input else {
            Issue.record("no explanation open")
            return
        }
        #expect(explanation.lines.map(\.text).joined().contains("Last-Event-ID: 44"))
        #expect(state.keyContexts == [.overlay])
        Fixtures.press(.escape, into: &state)
        #expect(state.input == .normal)
    }

    @Test func eOnTheHandshakeExplainsTheAcceptKey() {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("h"), .character("e"), into: &state)
        guard case .teaching(.explain(let explanation)) = state.input else {
            Issue.record("no explanation open")
            return
        }
        #expect(explanation.title == "Explain: handshake")
        #expect(explanation.lines.map(\.text).contains { $0.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo= (matches)") })
    }

    @Test func keysAndTheWheelScrollALongExplanation() {
        var state = Fixtures.twoPaneState(size: TerminalSize(columns: 80, rows: 10))
        Fixtures.press(.character("h"), .character("e"), .character("j"), into: &state)
        Fixtures.press(.mouse(MouseEvent(.scrollDown, x: 40, y: 5)), into: &state)
        guard case .teaching(.explain(let explanation)) = state.input else {
            Issue.record("no explanation open")
            return
        }
        #expect(explanation.scroll == 2)
    }

    @Test func compareCountsWireBytesAgainstPayloadFromTheEvents() {
        var state = Fixtures.twoPaneState(size: size)
        let traffic = state.panes[0].traffic
        // Incoming frames: text "hello" (2 + 5) and ping "are you there" (2 + 13).
        #expect(traffic.frameHeaderBytes == 4)
        #expect(traffic.wireBytes == 22)
        #expect(traffic.messages == 3)
        Reducer.reduce(&state, .events([Fixtures.event(2, 3001, .chunk(length: 40, events: 1))]))
        #expect(state.panes[1].traffic.wireBytes == 40 + 6)
        Fixtures.press(.character("="), into: &state)
        #expect(state.input == .teaching(.compare))
        let lines = CompareDocument.lines(
            left: state.panes[0],
            right: state.panes[1],
            now: state.now,
            width: 80,
            theme: state.theme
        ).map(\.text)
        #expect(lines.contains { $0.contains("101 Switching Protocols") && $0.contains("200 OK") })
        #expect(lines.contains { $0.hasPrefix("setup") && $0.contains("HTTP 4 ms") && $0.contains("HTTP 2 ms") })
        #expect(lines.contains { $0.hasPrefix("reconnects") && $0.contains("0") && $0.hasSuffix("1") })
    }

    @Test func helpListsTheNewKeys() {
        let help = HelpDocument.lines(keymap: Keymap(), theme: Fixtures.plainTheme).map(\.text).joined(separator: "\n")
        #expect(help.contains("Fault menu: break this connection on purpose"))
        #expect(help.contains("Explain the selected item"))
        #expect(help.contains("Inject the selected fault"))
    }
}
