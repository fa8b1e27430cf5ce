import StreamTapCore
import StreamTapTerminal

extension Reducer {
    static func run(_ command: Command, state: inout AppState, effects: inout [Effect]) {
        switch state.input {
        case .help(let scroll):
            runInHelp(command, scroll: scroll, state: &state, effects: &effects)
            return
        case .palette(let palette):
            if runInPalette(command, palette: palette, state: &state, effects: &effects) { return }
        case .filter(let input):
            if runInFilter(command, input: input, state: &state) { return }
        case .composer:
            if runInComposer(command, state: &state, effects: &effects) { return }
        case .normal:
            break
        }
        runGlobal(command, state: &state, effects: &effects)
    }

    static func runGlobal(_ command: Command, state: inout AppState, effects: inout [Effect]) {
        switch command {
        case .quit:
            state.shouldQuit = true
        case .help:
            state.input = .help(scroll: 0)
        case .palette:
            state.input = .palette(PaletteState())
        case .connectPrompt:
            state.input = .palette(PaletteState(query: "connect "))
            state.notice = Notice("type a ws://, wss://, http:// or https:// URL and press Enter")
        case .nextPane, .previousPane:
            guard !state.panes.isEmpty else { return }
            let step = command == .nextPane ? 1 : state.panes.count - 1
            state.focus = (state.focus + step) % state.panes.count
            if case .composer = state.input { state.input = .normal }
        case .toggleSplit:
            let layout = AppLayout(state: state)
            let sideBySide = layout.panes.count > 1 && layout.panes[0].frame.y == layout.panes[1].frame.y
            state.split = sideBySide ? .stacked : .sideBySide
            relayoutDocuments(state: &state)
        case .zoom:
            state.zoomed.toggle()
            relayoutDocuments(state: &state)
        case .reconnect:
            perform(.reconnect, state: &state, effects: &effects)
        case .closeConnection:
            perform(.close(code: CloseCode.normal, reason: ""), state: &state, effects: &effects)
        case .toggleAutoReconnect, .toggleAutoPong:
            state.notice = Notice("not supported by this connection: set it with a command-line option", isError: true)
        default:
            runInPane(command, state: &state, effects: &effects)
        }
    }

    /// Sends `command` to the focused pane's connection.
    static func perform(_ command: ConnectionCommand, state: inout AppState, effects: inout [Effect]) {
        guard let index = state.focusedPaneIndex else {
            state.notice = Notice("no connection: press : and type connect URL", isError: true)
            return
        }
        guard state.panes[index].isConnected else {
            state.notice = Notice("this pane has no live connection", isError: true)
            return
        }
        effects.append(.perform(command, connection: state.panes[index].id))
    }

    // MARK: Pane commands

    static func runInPane(_ command: Command, state: inout AppState, effects: inout [Effect]) {
        guard let index = state.focusedPaneIndex else { return }
        switch state.panes[index].mode {
        case .events:
            runInList(command, pane: index, state: &state)
        case .inspector, .handshake, .timeline:
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
        case .compose:
            guard state.panes[index].canSend else {
                state.notice = Notice(
                    state.panes[index].protocolKind == .sse
                        ? "Server-Sent Events only flow from the server: nothing to send"
                        : "this pane has no live connection to send on",
                    isError: true
                )
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
        case .toggleHex:
            guard case .inspector(var inspector) = state.panes[index].mode else { return }
            inspector.showHex.toggle()
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

    // MARK: Inputs

    static func runInHelp(_ command: Command, scroll: Int, state: inout AppState, effects: inout [Effect]) {
        let page = max(1, state.size.rows - 4)
        let lineCount = HelpDocument.lines(keymap: state.keymap, theme: state.theme).count
        let maxScroll = max(0, lineCount - page)
        switch command {
        case .back, .help: state.input = .normal
        case .quit: state.shouldQuit = true
        case .moveDown: state.input = .help(scroll: min(maxScroll, scroll + 1))
        case .moveUp: state.input = .help(scroll: max(0, scroll - 1))
        case .pageDown: state.input = .help(scroll: min(maxScroll, scroll + page))
        case .pageUp: state.input = .help(scroll: max(0, scroll - page))
        default:
            state.input = .normal
            runGlobal(command, state: &state, effects: &effects)
        }
    }

    static func runInPalette(
        _ command: Command,
        palette: PaletteState,
        state: inout AppState,
        effects: inout [Effect]
    ) -> Bool {
        let entries = Palette.entries(for: palette.editor.text, keymap: state.keymap)
        var palette = palette
        switch command {
        case .back:
            state.input = .normal
        case .moveDown:
            palette.selected = entries.isEmpty ? 0 : min(entries.count - 1, palette.selected + 1)
            state.input = .palette(palette)
        case .moveUp:
            palette.selected = max(0, palette.selected - 1)
            state.input = .palette(palette)
        case .applyInput:
            state.input = .normal
            guard entries.indices.contains(palette.selected) else {
                state.notice = Notice("no command matches '\(palette.editor.text)'", isError: true)
                return true
            }
            switch entries[palette.selected].target {
            case .command(let chosen):
                runGlobal(chosen, state: &state, effects: &effects)
            case .connect(let url):
                connect(to: url, state: &state, effects: &effects)
            }
        default:
            return false
        }
        return true
    }

    static func connect(to url: String, state: inout AppState, effects: inout [Effect]) {
        guard state.canConnect else {
            state.notice = Notice("connecting from the UI is not available here", isError: true)
            return
        }
        do {
            let endpoint = try Endpoint(parsing: url)
            let id = state.nextConnectionID
            addPane(
                PaneSpecification(
                    id: id,
                    title: endpoint.hostHeader + endpoint.target,
                    url: endpoint.description,
                    protocolKind: endpoint.protocolKind,
                    isConnected: true
                ),
                state: &state
            )
            effects.append(.connect(endpoint, id: id))
            relayoutDocuments(state: &state)
        } catch {
            state.notice = Notice(error.description, isError: true)
        }
    }

    static func runInFilter(_ command: Command, input: FilterInput, state: inout AppState) -> Bool {
        var input = input
        switch command {
        case .back:
            state.input = .normal
        case .toggleRegex:
            input.isRegex.toggle()
            input.problem = nil
            state.input = .filter(input)
        case .toggleFilterMode:
            input.hidesNonMatching.toggle()
            state.input = .filter(input)
        case .applyInput:
            guard let index = state.focusedPaneIndex else {
                state.input = .normal
                return true
            }
            var filter = state.panes[index].filter
            do {
                try filter.setText(input.editor.text, isRegex: input.isRegex)
            } catch {
                input.problem = "not a valid regular expression: \(error)"
                state.input = .filter(input)
                return true
            }
            filter.hidesNonMatching = input.hidesNonMatching
            state.panes[index].setFilter(filter)
            state.input = .normal
        default:
            return false
        }
        return true
    }

    static func runInComposer(_ command: Command, state: inout AppState, effects: inout [Effect]) -> Bool {
        guard let index = state.focusedPaneIndex else {
            state.input = .normal
            return true
        }
        switch command {
        case .back:
            state.input = .normal
        case .cycleComposerMode:
            state.panes[index].composer.mode = state.panes[index].composer.mode.next
            state.panes[index].composer.problem = nil
        case .send:
            switch state.panes[index].composer.command() {
            case .success(let command):
                effects.append(.perform(command, connection: state.panes[index].id))
                state.panes[index].composer.didSend()
                state.panes[index].list.resumeFollowing()
            case .failure(let problem):
                state.panes[index].composer.problem = problem.description
            }
        default:
            return false
        }
        return true
    }
}
