import StreamTapCore
import StreamTapTerminal

/// Commands while an input has the keyboard: help, the palette, the
/// filter input and the composer. Each returns `false` for a command it
/// leaves to the global handler.
extension Reducer {
    static func runInHelp(_ command: Command, scroll: Int, state: inout AppState, effects: inout [Effect]) {
        let page = max(1, state.size.rows - 4)
        let lineCount = HelpDocument.lines(keymap: state.keymap, theme: state.theme).count
        let maxScroll = max(0, lineCount - page)
        switch command {
        case .back, .help: state.input = .normal
        case .quit: requestQuit(state: &state)
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
        let entries = Palette.entries(
            for: palette.editor.text,
            keymap: state.keymap,
            saved: state.savedEndpoints,
            protocolKind: state.focusedPaneIndex.flatMap { state.panes[$0].protocolKind }
        )
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
            case .openSaved(let name):
                openSaved(named: name, state: &state, effects: &effects)
            case .save(let name):
                saveFocusedConnection(as: name, state: &state, effects: &effects)
            case .lens(let name):
                perform(.setLens(name), state: &state, effects: &effects)
                if let index = state.focusedPaneIndex {
                    state.panes[index].composer.lens = name == .raw ? nil : name
                }
            }
        default:
            return false
        }
        return true
    }

    static func connect(to url: String, state: inout AppState, effects: inout [Effect]) {
        guard state.canConnect else {
            state.notice = Notice(connectingUnavailable, isError: true)
            return
        }
        do {
            let endpoint = try Endpoint(parsing: url)
            openPane(
                title: endpoint.hostHeader + endpoint.target,
                url: endpoint.description,
                protocolKind: endpoint.protocolKind,
                state: &state,
                effects: &effects
            ) { Effect.connect(endpoint, id: $0) }
        } catch {
            state.notice = Notice(error.description, isError: true)
        }
    }

    /// Why a connection cannot be opened from this UI (a replay).
    static let connectingUnavailable = "connecting from the UI is not available here"

    /// Adds a connected pane for a new connection and asks for it with the
    /// effect `open` makes from its id; says so instead where the UI cannot
    /// open connections (a replay).
    static func openPane(
        title: String,
        url: String,
        protocolKind: StreamProtocol?,
        state: inout AppState,
        effects: inout [Effect],
        open: (Int) -> Effect
    ) {
        guard state.canConnect else {
            state.notice = Notice(connectingUnavailable, isError: true)
            return
        }
        let id = state.nextConnectionID
        addPane(
            PaneSpecification(id: id, title: title, url: url, protocolKind: protocolKind, isConnected: true),
            state: &state
        )
        effects.append(open(id))
        relayoutDocuments(state: &state)
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
                let composer = state.panes[index].composer
                effects.append(
                    .remember(
                        Composer.History(text: composer.editor.text, mode: composer.mode),
                        url: state.panes[index].url
                    )
                )
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
