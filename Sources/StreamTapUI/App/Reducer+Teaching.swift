import StreamTapCore

/// The fault menu, the compare view and explanations: opening them,
/// moving in them, and injecting the chosen fault.
extension Reducer {
    /// Opens an overlay or injects a fault (from a key or the palette).
    static func runTeaching(_ command: Command, state: inout AppState, effects: inout [Effect]) {
        switch command {
        case .faultMenu:
            guard state.focusedPaneIndex != nil else {
                state.notice = Notice("no connection to break: press : and type connect URL", isError: true)
                return
            }
            state.input = .teaching(.faults(selected: 0))
        case .fault(let fault):
            inject(fault, state: &state, effects: &effects)
        case .compare:
            state.input = .teaching(.compare)
        case .explain:
            explainSelection(state: &state)
        default:
            break
        }
    }

    /// Runs `command` inside `overlay`; returns whether it was handled
    /// (other commands close the overlay and run as usual).
    static func runInTeaching(
        _ command: Command,
        overlay: TeachingOverlay,
        state: inout AppState,
        effects: inout [Effect]
    ) -> Bool {
        switch (overlay, command) {
        case (_, .back):
            state.input = .normal
        case (.faults(let selected), .moveDown):
            state.input = .teaching(.faults(selected: (selected + 1) % Fault.allCases.count))
        case (.faults(let selected), .moveUp):
            state.input = .teaching(.faults(selected: (selected + Fault.allCases.count - 1) % Fault.allCases.count))
        case (.faults(let selected), .applyInput):
            state.input = .normal
            inject(Fault.allCases[min(max(0, selected), Fault.allCases.count - 1)], state: &state, effects: &effects)
        case (.explain(var explanation), .moveDown), (.explain(var explanation), .moveUp):
            let body = TeachingOverlay.body(for: state.size)
            let lineCount = explanation.lines.wrapped(to: body.width).count
            let step = command == .moveDown ? 1 : -1
            explanation.scroll = max(0, min(lineCount - body.height, explanation.scroll + step))
            state.input = .teaching(.explain(explanation))
        case (.compare, .moveDown), (.compare, .moveUp):
            break
        default:
            state.input = .normal
            return false
        }
        return true
    }

    /// Sends `fault` to the focused connection and says what it does.
    static func inject(_ fault: Fault, state: inout AppState, effects: inout [Effect]) {
        guard let index = state.focusedPaneIndex else {
            state.notice = Notice("no connection to break: press : and type connect URL", isError: true)
            return
        }
        let protocolKind = state.panes[index].protocolKind
        guard fault.applies(to: state.panes[index].capabilities) else {
            state.notice = Notice("\(fault.title): \(fault.effect(on: protocolKind))", isError: true)
            return
        }
        guard state.panes[index].isConnected else {
            state.notice = Notice("this pane has no live connection", isError: true)
            return
        }
        effects.append(.perform(fault.command, connection: state.panes[index].id))
        switch fault.command {
        case .webSocket(.setAutoPong(let on)): state.panes[index].settings.autoPong = on
        case .pauseReading(let paused): state.panes[index].readingPaused = paused
        default: break
        }
        state.notice = Notice("\(fault.title): \(fault.effect(on: protocolKind))")
    }

    /// Opens an explanation of what the focused pane has selected: the
    /// event in the list or inspector, the handshake, or the latest step
    /// of the timeline.
    static func explainSelection(state: inout AppState) {
        guard let index = state.focusedPaneIndex else {
            state.notice = Notice("nothing to explain yet: press : and type connect URL", isError: true)
            return
        }
        let pane = state.panes[index]
        let event: StreamEvent?
        switch pane.mode {
        case .events:
            let window = pane.list.window(in: pane.index, height: listHeight(pane: index, state: state))
            event = window.selected.flatMap { pane.index.index(at: $0) }.flatMap { pane.log[$0] }
        case .inspector(let inspector):
            event = pane.log[inspector.eventIndex]
        case .handshake:
            guard let handshake = pane.handshake else {
                state.notice = Notice("no handshake yet: the connection has not opened")
                return
            }
            state.input = .teaching(
                .explain(
                    Explanation(
                        title: "Explain: handshake",
                        lines: HandshakeExplanation.lines(handshake, theme: state.theme)
                    )
                )
            )
            return
        case .timeline, .assembled:
            event = pane.timeline.last.map {
                StreamEvent(timestamp: $0.timestamp, connectionID: pane.id, kind: $0.kind)
            }
        }
        guard let event else {
            state.notice = Notice("nothing selected to explain yet")
            return
        }
        state.input = .teaching(
            .explain(
                Explanation(
                    title: "Explain: \(EventSummary(event).kind)",
                    lines: ExplainDocument.lines(for: event, theme: state.theme)
                )
            )
        )
    }
}
