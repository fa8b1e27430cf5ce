import StreamTapCore
import StreamTapTerminal

/// Runs commands: first in the active input, then globally, then in the
/// focused pane.
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
        case .teaching(let overlay):
            if runInTeaching(command, overlay: overlay, state: &state, effects: &effects) { return }
        case .normal:
            break
        }
        runGlobal(command, state: &state, effects: &effects)
    }

    static func runGlobal(_ command: Command, state: inout AppState, effects: inout [Effect]) {
        switch command {
        case .quit:
            requestQuit(state: &state)
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
            state.input = .normal
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
        case .toggleAutoReconnect:
            toggleAutoReconnect(state: &state, effects: &effects)
        case .toggleAutoPong:
            toggleAutoPong(state: &state, effects: &effects)
        case .faultMenu, .fault, .compare, .explain:
            runTeaching(command, state: &state, effects: &effects)
        case .toggleRecording:
            effects.append(.toggleRecording)
        case .commandLines:
            showCommandLines(state: &state)
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
}
