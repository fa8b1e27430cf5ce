import StreamTapCore
import StreamTapTerminal

/// The one place the state changes: folds an action into the state and
/// says what the loop must do outside it (send a frame, open a
/// connection). Pure apart from its `inout` state: no I/O, no clock.
public enum Reducer {
    /// Applies `action` to `state`; returns the effects to carry out.
    @discardableResult
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        var effects: [Effect] = []
        switch action {
        case .key(let key):
            handleKey(key, state: &state, effects: &effects)
        case .command(let command):
            run(command, state: &state, effects: &effects)
        case .events(let events):
            receive(events, state: &state)
        case .inboxDropped(let counts):
            for (id, count) in counts {
                if let index = state.paneIndex(for: id) {
                    state.panes[index].inboxDropped += count
                }
            }
        case .tick(let now):
            state.now = now
        case .work(let budget):
            advanceFilters(budget: budget, state: &state)
        case .addPane(let specification):
            addPane(specification, state: &state)
        case .connectionKnown(let id, let settings, let capabilities):
            if let index = state.paneIndex(for: id) {
                state.panes[index].adopt(settings, capabilities: capabilities)
            }
        case .connectFailed(let id, let message):
            if let index = state.paneIndex(for: id) {
                state.panes[index].isConnected = false
                state.panes[index].record(
                    StreamEvent(timestamp: state.now, connectionID: id, kind: .error(ErrorInfo(message: message)))
                )
                state.panes[index].status = .unavailable(message)
                _ = state.panes[index].indexNewEvents(from: state.panes[index].log.endIndex - 1)
            }
        case .notice(let notice):
            state.notice = notice
        case .historyLoaded(let id, let entries):
            if let index = state.paneIndex(for: id) {
                state.panes[index].composer.restoreHistory(entries)
            }
        case .quit:
            state.shouldQuit = true
        case .recordingChanged(let path, let problem):
            recordingChanged(path: path, problem: problem, state: &state)
        }
        state.revision &+= 1
        return effects
    }

    /// Whether some pane's filter index is still being rebuilt.
    public static func hasPendingWork(_ state: AppState) -> Bool {
        state.panes.contains { !$0.index.isComplete(for: $0.log) }
    }

    static func addPane(_ specification: PaneSpecification, state: inout AppState) {
        guard state.paneIndex(for: specification.id) == nil else { return }
        var pane = Pane(
            id: specification.id,
            title: specification.title,
            url: specification.url,
            protocolKind: specification.protocolKind,
            isConnected: specification.isConnected,
            limits: state.eventLimits
        )
        pane.adopt(specification.settings, capabilities: specification.capabilities)
        if let problem = specification.problem {
            pane.record(
                StreamEvent(timestamp: state.now, connectionID: pane.id, kind: .error(ErrorInfo(message: problem)))
            )
            pane.status = .unavailable(problem)
            _ = pane.indexNewEvents(from: 0)
        }
        state.panes.append(pane)
        state.focus = state.panes.count - 1
    }

    // MARK: Events

    static func receive(_ events: [StreamEvent], state: inout AppState) {
        guard !events.isEmpty else { return }
        var firstNew: [Int: Int] = [:]
        for event in events {
            guard let index = state.paneIndex(for: event.connectionID) else { continue }
            if firstNew[index] == nil {
                firstNew[index] = state.panes[index].log.endIndex
            }
            state.panes[index].record(event)
        }
        for (index, first) in firstNew {
            let shown = state.panes[index].indexNewEvents(from: first)
            if !state.panes[index].list.follow {
                state.panes[index].list.unseen += shown
            }
        }
    }

    static func advanceFilters(budget: Int, state: inout AppState) {
        for index in state.panes.indices where !state.panes[index].index.isComplete(for: state.panes[index].log) {
            let pane = state.panes[index]
            state.panes[index].index.advance(in: pane.log, filter: pane.filter, budget: budget)
        }
    }
}
