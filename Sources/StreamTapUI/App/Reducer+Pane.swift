import StreamTapCore
import StreamTapTerminal

/// Commands for the focused pane: moving in its list, scrolling its
/// document, switching views, filtering.
extension Reducer {
    static func runInPane(_ command: Command, state: inout AppState, effects: inout [Effect]) {
        guard let index = state.focusedPaneIndex else { return }
        switch state.panes[index].mode {
        case .events:
            runInList(command, pane: index, state: &state)
        case .inspector, .handshake, .timeline, .assembled:
            runInDocument(command, pane: index, state: &state)
        }
    }

    static func runInList(_ command: Command, pane index: Int, state: inout AppState) {
        let height = listHeight(pane: index, state: state)
        switch command {
        case .moveDown: scroll(pane: index, by: 1, state: &state)
        case .moveUp: scroll(pane: index, by: -1, state: &state)
        case .pageDown: scroll(pane: index, by: height, state: &state)
        case .pageUp: scroll(pane: index, by: -height, state: &state)
        case .halfPageDown: scroll(pane: index, by: max(1, height / 2), state: &state)
        case .halfPageUp: scroll(pane: index, by: -max(1, height / 2), state: &state)
        case .top:
            state.panes[index].list.select(position: 0, in: state.panes[index].index, height: height)
        case .bottom:
            state.panes[index].list.resumeFollowing()
        case .open:
            openInspector(pane: index, state: &state)
        case .filter:
            let filter = state.panes[index].filter
            state.input = .filter(
                FilterInput(text: filter.text, isRegex: filter.isRegex, hidesNonMatching: filter.hidesNonMatching)
            )
        case .clearFilter:
            guard state.panes[index].filter.hasText else { return }
            var filter = state.panes[index].filter
            try? filter.setText("", isRegex: false)
            state.panes[index].setFilter(filter)
        case .nextMatch, .previousMatch:
            findMatch(forward: command == .nextMatch, pane: index, state: &state)
        case .cycleDirection:
            var filter = state.panes[index].filter
            filter.direction = filter.direction.next
            state.panes[index].setFilter(filter)
        case .toggleCategory(let category):
            var filter = state.panes[index].filter
            if filter.categories.contains(category) {
                filter.categories.remove(category)
            } else {
                filter.categories.insert(category)
            }
            state.panes[index].setFilter(filter)
        case .handshake:
            state.panes[index].mode = .handshake(scroll: 0)
        case .timeline:
            state.panes[index].mode = .timeline(scroll: 0)
        case .assembled:
            state.panes[index].mode = .assembled(scroll: 0)
        case .compose:
            guard state.panes[index].canSend else {
                let pane = state.panes[index]
                let reason =
                    if !pane.isConnected {
                        "this pane has no live connection to send on"
                    } else if pane.capabilities.isEmpty {
                        "this is a recording: it plays back what was received and cannot send"
                    } else if pane.protocolKind == .sse {
                        "Server-Sent Events only flow from the server: nothing to send"
                    } else {
                        "this connection cannot send messages"
                    }
                state.notice = Notice(reason, isError: true)
                return
            }
            state.input = .composer
        case .clearEvents:
            state.panes[index].clearEvents()
        default:
            break
        }
    }

    /// Moves the selection of pane `index` by `delta` rows (or scrolls its
    /// document).
    static func scroll(pane index: Int, by delta: Int, state: inout AppState) {
        guard state.panes.indices.contains(index) else { return }
        switch state.panes[index].mode {
        case .events:
            let height = listHeight(pane: index, state: state)
            state.panes[index].list.move(by: delta, in: state.panes[index].index, height: height)
        case .inspector(var inspector):
            inspector.scroll = clampScroll(inspector.scroll + delta, lines: inspector.lines.count, pane: index, state)
            state.panes[index].mode = .inspector(inspector)
        case .handshake(let scroll):
            let lines = HandshakeDocument.lines(for: state.panes[index], width: bodyWidth(pane: index, state), state)
            state.panes[index].mode = .handshake(
                scroll: clampScroll(scroll + delta, lines: lines.count, pane: index, state)
            )
        case .timeline(let scroll):
            let lines = TimelineDocument.lines(for: state.panes[index], state)
            state.panes[index].mode = .timeline(
                scroll: clampScroll(scroll + delta, lines: lines.count, pane: index, state)
            )
        case .assembled(let scroll):
            let lines = AssembledDocument.lines(for: state.panes[index], width: bodyWidth(pane: index, state), state)
            state.panes[index].mode = .assembled(
                scroll: clampScroll(scroll + delta, lines: lines.count, pane: index, state)
            )
        }
    }

    static func runInDocument(_ command: Command, pane index: Int, state: inout AppState) {
        let height = listHeight(pane: index, state: state)
        switch command {
        case .moveDown: scroll(pane: index, by: 1, state: &state)
        case .moveUp: scroll(pane: index, by: -1, state: &state)
        case .pageDown, .halfPageDown: scroll(pane: index, by: max(1, height - 1), state: &state)
        case .pageUp, .halfPageUp: scroll(pane: index, by: -max(1, height - 1), state: &state)
        case .top: scroll(pane: index, by: Int.min / 2, state: &state)
        case .bottom: scroll(pane: index, by: Int.max / 2, state: &state)
        case .back:
            state.panes[index].mode = .events
        case .handshake:
            state.panes[index].mode = state.panes[index].mode == .handshake(scroll: 0) ? .events : .handshake(scroll: 0)
        case .timeline:
            state.panes[index].mode = .timeline(scroll: 0)
        case .assembled:
            state.panes[index].mode = state.panes[index].mode == .assembled(scroll: 0) ? .events : .assembled(scroll: 0)
        case .toggleHex:
            guard case .inspector(var inspector) = state.panes[index].mode else { return }
            inspector.showHex.toggle()
            inspector.scroll = 0
            layOut(&inspector, pane: index, state: state)
            state.panes[index].mode = .inspector(inspector)
        case .cycleDecoder:
            guard case .inspector(var inspector) = state.panes[index].mode else { return }
            let formats = StreamTapCore.PayloadFormat.allCases
            let next = inspector.decoder.flatMap(formats.firstIndex).map { $0 + 1 } ?? 0
            inspector.decoder = next < formats.count ? formats[next] : nil
            inspector.scroll = 0
            layOut(&inspector, pane: index, state: state)
            state.panes[index].mode = .inspector(inspector)
        case .nextEvent, .previousEvent:
            guard case .inspector(let inspector) = state.panes[index].mode else { return }
            let list = state.panes[index].index
            guard let position = list.position(nearest: inspector.eventIndex) else { return }
            let target = position + (command == .nextEvent ? 1 : -1)
            guard let eventIndex = list.index(at: target) else { return }
            state.panes[index].list.select(position: target, in: list, height: height)
            showInspector(eventIndex: eventIndex, pane: index, state: &state)
        default:
            break
        }
    }
}
