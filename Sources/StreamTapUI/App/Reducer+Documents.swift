import StreamTapCore
import StreamTapTerminal

/// Layout-dependent helpers: list heights, the inspector's document,
/// and search through the shown events.
extension Reducer {
    /// How many events n/N look at per key press, so a search through a
    /// million events never blocks the UI.
    static let searchBudget = 200_000

    /// The body height of pane `index` (at least 1).
    static func listHeight(pane index: Int, state: AppState) -> Int {
        max(1, AppLayout(state: state).pane(index)?.body.height ?? state.size.rows)
    }

    /// The body width of pane `index` (at least 1).
    static func bodyWidth(pane index: Int, _ state: AppState) -> Int {
        max(1, AppLayout(state: state).pane(index)?.body.width ?? state.size.columns)
    }

    static func clampScroll(_ scroll: Int, lines: Int, pane index: Int, _ state: AppState) -> Int {
        max(0, min(scroll, lines - listHeight(pane: index, state: state)))
    }

    /// Opens the inspector on the selected event of pane `index`.
    static func openInspector(pane index: Int, state: inout AppState) {
        let pane = state.panes[index]
        let window = pane.list.window(in: pane.index, height: listHeight(pane: index, state: state))
        guard let position = window.selected, let eventIndex = pane.index.index(at: position) else {
            state.notice = Notice("no event to inspect yet")
            return
        }
        if pane.list.follow {
            state.panes[index].list.select(position: position, in: pane.index, height: 1)
        }
        showInspector(eventIndex: eventIndex, pane: index, state: &state)
    }

    static func showInspector(eventIndex: Int, pane index: Int, state: inout AppState) {
        var inspector = InspectorState(eventIndex: eventIndex)
        if case .inspector(let current) = state.panes[index].mode {
            inspector.showHex = current.showHex
            inspector.decoder = current.decoder
        }
        layOut(&inspector, pane: index, state: state)
        state.panes[index].mode = .inspector(inspector)
    }

    static func layOut(_ inspector: inout InspectorState, pane index: Int, state: AppState) {
        let width = bodyWidth(pane: index, state)
        inspector.width = width
        inspector.lines = InspectorDocument.lines(
            for: inspector.eventIndex,
            in: state.panes[index].log,
            showHex: inspector.showHex,
            decoder: inspector.decoder,
            width: width,
            theme: state.theme,
            utcOffsetSeconds: state.utcOffsetSeconds
        ).wrapped(to: width)
        inspector.scroll = clampScroll(inspector.scroll, lines: inspector.lines.count, pane: index, state)
    }

    /// Lays open inspectors out again for their pane's current width.
    static func relayoutDocuments(state: inout AppState) {
        for index in state.panes.indices {
            guard case .inspector(var inspector) = state.panes[index].mode else { continue }
            if inspector.width != bodyWidth(pane: index, state) || inspector.lines.isEmpty {
                layOut(&inspector, pane: index, state: state)
                state.panes[index].mode = .inspector(inspector)
            }
        }
    }

    /// Selects the next (or previous) shown event matching the filter text.
    static func findMatch(forward: Bool, pane index: Int, state: inout AppState) {
        let pane = state.panes[index]
        guard pane.filter.hasText else {
            state.notice = Notice("no search text: press / to type one")
            return
        }
        let height = listHeight(pane: index, state: state)
        guard let start = pane.list.window(in: pane.index, height: height).selected else { return }
        var position = start
        for _ in 0..<min(searchBudget, pane.index.count) {
            position += forward ? 1 : -1
            guard let eventIndex = pane.index.index(at: position) else { break }
            if let event = pane.log[eventIndex], pane.filter.matchesText(event) {
                state.panes[index].list.select(position: position, in: pane.index, height: height)
                if forward && position == pane.index.count - 1 {
                    state.panes[index].list.resumeFollowing()
                }
                return
            }
        }
        state.notice = Notice(forward ? "no later match" : "no earlier match")
    }
}
