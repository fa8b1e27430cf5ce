import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// Every screen at every awkward size, including 0x0 and 1x1: rendering
/// and the keys that depend on the layout must never trap.
@Suite struct ResizeSafetyTests {
    static let columns = [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 13, 20, 33, 34, 40, 44, 45, 59, 60, 76, 77, 80]
    static let rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 16, 24]

    /// The two-pane state in each mode and input.
    static func states(size: TerminalSize) -> [AppState] {
        let base = Fixtures.twoPaneState(size: size)
        let keySequences: [[Key]] = [
            [], [.enter], [.enter, .character("x")], [.character("h")], [.tab, .character("t")], [.character("?")],
            [.character(":")], [.character("i"), .character("a"), .enter, .character("b")],
            [.character("/"), .character("t")],
            [.character("k"), .character("k")], [.character("z")], [.character("v")],
            [.character("f"), .character("k")], [.character("=")], [.character("h"), .character("e")],
        ]
        return keySequences.map { keys in
            var state = base
            for key in keys {
                Reducer.reduce(&state, .key(key))
            }
            return state
        }
    }

    @Test func everyScreenRendersAtEverySize() {
        for columns in Self.columns {
            for rows in Self.rows {
                let size = TerminalSize(columns: columns, rows: rows)
                for var state in Self.states(size: TerminalSize(columns: 80, rows: 24)) {
                    Reducer.reduce(&state, .key(.resize(size)))
                    for key: Key in [.character("j"), .pageUp, .ctrl("d"), .character("G")] {
                        Reducer.reduce(&state, .key(key))
                    }
                    let buffer = AppView.render(state)
                    #expect(buffer.size == size)
                }
            }
        }
    }

    @Test func mouseEventsOutsideTheScreenAreIgnored() {
        var state = Fixtures.twoPaneState(size: TerminalSize(columns: 1, rows: 1))
        for (x, y) in [(-5, -5), (0, 0), (500, 500), (Int.max, Int.min)] {
            Reducer.reduce(&state, .key(.mouse(MouseEvent(.press(.left), x: x, y: y))))
            Reducer.reduce(&state, .key(.mouse(MouseEvent(.scrollDown, x: x, y: y))))
        }
        #expect(AppView.render(state).size == TerminalSize(columns: 1, rows: 1))
    }

    @Test func narrowScreensShowOnePaneWithANotice() {
        var state = Fixtures.twoPaneState(size: TerminalSize(columns: 120, rows: 40))
        Reducer.reduce(&state, .key(.resize(TerminalSize(columns: 40, rows: 10))))
        let layout = AppLayout(state: state)
        #expect(layout.panes.count == 1)
        #expect(layout.hiddenPaneCount == 1)
        #expect(AppView.render(state).snapshot().contains("pane 1/2 shown (too small)"))
        Reducer.reduce(&state, .key(.resize(TerminalSize(columns: 120, rows: 40))))
        #expect(AppLayout(state: state).panes.count == 2)
    }
}
