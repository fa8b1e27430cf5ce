import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// The fault menu, the compare view and an explanation, rendered at the
/// usual sizes and compared with stored snapshots.
@Suite struct TeachingSnapshotTests {
    private func screen(_ state: AppState) -> String {
        AppView.render(state).snapshot()
    }

    private func name(_ scenario: String, _ size: TerminalSize) -> String {
        "\(scenario)-\(size.columns)x\(size.rows)"
    }

    @Test(arguments: AppSnapshotTests.sizes)
    func faultMenuSaysWhatEachFaultDoes(size: TerminalSize) {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("f"), into: &state)
        let text = screen(state)
        assertSnapshot(text, named: name("fault-menu", size))
        #expect(text.contains("Drop now (abrupt)"))
        if size.rows >= 24 {
            #expect(text.contains("cut TCP without a close frame (1006)"))
            #expect(text.contains("Pause reading (backpressure)"))
        }
    }

    @Test(arguments: AppSnapshotTests.sizes)
    func compareShowsBothConnectionsSideBySide(size: TerminalSize) {
        var state = Fixtures.twoPaneState(size: size)
        Reducer.reduce(&state, .events([Fixtures.event(2, 3001, .chunk(length: 60, events: 1))]))
        Fixtures.press(.character("="), into: &state)
        let text = screen(state)
        assertSnapshot(text, named: name("compare", size))
        #expect(text.contains("handshake"))
        if size.columns >= 80 {
            #expect(text.contains("101 Switching Protocols"))
            #expect(text.contains("200 OK"))
            #expect(text.contains("4 B headers"))
        }
    }

    @Test(arguments: AppSnapshotTests.sizes)
    func explainShowsTheAcceptComputation(size: TerminalSize) {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("h"), .character("e"), into: &state)
        let text = screen(state)
        assertSnapshot(text, named: name("explain-handshake", size))
        if size.rows >= 24 {
            #expect(text.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
            #expect(text.contains("dGhlIHNhbXBsZSBub25jZQ=="))
        }
    }
}
