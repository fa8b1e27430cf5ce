import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

@Suite struct FilterTests {
    @Test func textIsSmartCaseAndRegexWorks() throws {
        var filter = EventFilter()
        let event = Fixtures.text(1, 0, .incoming, "Hello World")
        try filter.setText("world", isRegex: false)
        #expect(filter.shows(event))
        try filter.setText("World", isRegex: false)
        #expect(filter.shows(event))
        try filter.setText("WORLD", isRegex: false)
        #expect(!filter.shows(event))
        try filter.setText("h.l+o\\s", isRegex: true)
        #expect(filter.shows(event))
        try filter.setText("^World", isRegex: true)
        #expect(!filter.shows(event))
        #expect(throws: (any Error).self) { try filter.setText("(", isRegex: true) }
        #expect(filter.text == "^World")
    }

    @Test func directionAndCategoriesHide() {
        var filter = EventFilter()
        let incoming = Fixtures.text(1, 0, .incoming, "a")
        let outgoing = Fixtures.text(1, 0, .outgoing, "b")
        let open = Fixtures.event(1, 0, .open(Fixtures.webSocketHandshake))
        let dataFrame = Fixtures.event(1, 0, .frame(FrameInfo(direction: .incoming, opcode: .text, payload: [])))
        #expect(!filter.shows(dataFrame))
        filter.direction = .incoming
        #expect(filter.shows(incoming) && !filter.shows(outgoing) && filter.shows(open))
        filter.categories.remove(.lifecycle)
        #expect(!filter.shows(open))
        filter.categories.insert(.frames)
        #expect(filter.shows(dataFrame))
    }

    @Test func searchModeMarksWithoutHidingAndNJumps() {
        var state = Fixtures.state(size: TerminalSize(columns: 100, rows: 30))
        Fixtures.addWebSocketPane(to: &state)
        Reducer.reduce(
            &state,
            .events((0..<20).map { Fixtures.text(1, $0, .incoming, $0 % 5 == 0 ? "needle \($0)" : "hay \($0)") })
        )
        Fixtures.press(.character("/"), into: &state)
        for character in "needle" {
            Reducer.reduce(&state, .key(.character(character)))
        }
        Fixtures.press(.ctrl("t"), .enter, into: &state)
        Reducer.reduce(&state, .work(budget: 1000))
        #expect(state.panes[0].index.count == 20)
        Fixtures.press(.character("g"), .character("n"), into: &state)
        #expect(state.panes[0].list.selected == 5)
        Fixtures.press(.character("n"), into: &state)
        #expect(state.panes[0].list.selected == 10)
        Fixtures.press(.character("N"), into: &state)
        #expect(state.panes[0].list.selected == 5)
    }

    @Test func filterModeHidesAndTheFooterSaysSo() {
        var state = Fixtures.twoPaneState(size: TerminalSize(columns: 120, rows: 40))
        Fixtures.press(.character("/"), into: &state)
        for character in "tick" {
            Reducer.reduce(&state, .key(.character(character)))
        }
        Fixtures.press(.enter, .character("d"), into: &state)
        Reducer.reduce(&state, .work(budget: 1000))
        #expect(state.panes[0].index.count == 1)
        let screen = AppView.render(state).snapshot()
        #expect(screen.contains("in only · filter 'tick'"))
    }

    @Test func anInvalidRegexIsReportedAndNotApplied() {
        var state = Fixtures.twoPaneState(size: TerminalSize(columns: 120, rows: 40))
        Fixtures.press(.character("/"), .character("("), .ctrl("r"), .enter, into: &state)
        guard case .filter(let input) = state.input else {
            Issue.record("the filter input closed")
            return
        }
        #expect(input.problem?.hasPrefix("not a valid regular expression") == true)
        #expect(!state.panes[0].filter.hasText)
    }

    @Test func theIndexRebuildsInBoundedSteps() {
        var log = EventLog()
        for number in 0..<1000 {
            log.append(Fixtures.text(1, number, number % 2 == 0 ? .incoming : .outgoing, "m"))
        }
        var filter = EventFilter()
        filter.direction = .incoming
        var index = VisibleIndex(start: 0)
        index.advance(in: log, filter: filter, budget: 300)
        #expect(index.count == 150)
        #expect(!index.isComplete(for: log))
        #expect(index.percentScanned(of: log) == 30)
        index.advance(in: log, filter: filter, budget: 10_000)
        #expect(index.count == 500)
        #expect(index.isComplete(for: log))
        #expect(index.position(atOrAfter: 501) == 251)
        #expect(index.position(nearest: 501) == 250)
    }
}
