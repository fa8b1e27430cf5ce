import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// The status bar suggests only keys whose commands do something in the
/// workspace as it is.
@Suite struct StatusBarHintTests {
    private func statusBar(_ state: AppState) -> String {
        String(AppView.render(state).snapshot().split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
    }

    @Test func anEmptyWorkspaceOffersNoPaneCommands() {
        let bar = statusBar(Fixtures.state(size: TerminalSize(columns: 120, rows: 40)))
        #expect(bar.contains("q quit") && bar.contains("? help") && bar.contains(": commands"))
        #expect(!bar.contains("faults"), "\(bar)")
        #expect(!bar.contains("explain"), "\(bar)")
        #expect(!bar.contains("next pane"), "\(bar)")
    }

    @Test func onePaneOffersFaultsAndExplainButNoOtherPane() {
        var state = Fixtures.state(size: TerminalSize(columns: 120, rows: 40))
        Fixtures.addWebSocketPane(to: &state)
        Reducer.reduce(&state, .events(Fixtures.webSocketEvents()))
        let bar = statusBar(state)
        #expect(bar.contains("f faults") && bar.contains("e explain"), "\(bar)")
        #expect(!bar.contains("next pane"), "\(bar)")
    }

    @Test func twoPanesOfferTheNextPane() {
        let bar = statusBar(Fixtures.twoPaneState(size: TerminalSize(columns: 120, rows: 40)))
        #expect(bar.contains("Tab next pane") && bar.contains("f faults") && bar.contains("e explain"), "\(bar)")
    }
}
