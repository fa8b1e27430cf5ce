import StreamTapCore
import StreamTapTerminal

/// Keys, mouse events and resizes: the keymap turns keys into commands;
/// other keys edit the active text input.
extension Reducer {
    static func handleKey(_ key: Key, state: inout AppState, effects: inout [Effect]) {
        switch key {
        case .resize(let size):
            state.size = size
            relayoutDocuments(state: &state)
            return
        case .mouse(let event):
            handleMouse(event, state: &state)
            return
        default:
            break
        }
        let contexts = state.keyContexts
        let command = state.keymap.command(for: key, in: contexts)
        if command != .quit { state.quitNeedsConfirmation = false }
        if let command {
            if case .composer = state.input, command == .moveUp || command == .moveDown {
                moveInComposer(up: command == .moveUp, state: &state)
                return
            }
            state.notice = nil
            run(command, state: &state, effects: &effects)
            return
        }
        typeText(key, state: &state)
    }

    /// Edits the active text input with `key`, if it is one.
    static func typeText(_ key: Key, state: inout AppState) {
        switch state.input {
        case .filter(var input):
            guard edit(&input.editor, with: key) else { return }
            input.problem = nil
            state.input = .filter(input)
        case .palette(var palette):
            guard edit(&palette.editor, with: key) else { return }
            palette.selected = 0
            state.input = .palette(palette)
        case .composer:
            guard let index = state.focusedPaneIndex else { return }
            if edit(&state.panes[index].composer.editor, with: key) {
                state.panes[index].composer.problem = nil
            }
        case .normal, .help, .teaching:
            break
        }
    }

    /// Applies an editing key; returns whether it was one.
    static func edit(_ editor: inout TextEditor, with key: Key) -> Bool {
        switch key {
        case .character(let character): editor.insert(character)
        case .enter: editor.insertNewline()
        case .backspace: editor.backspace()
        case .delete: editor.deleteForward()
        case .left: editor.moveLeft()
        case .right: editor.moveRight()
        case .home, .ctrl("a"): editor.moveToLineStart()
        case .end, .ctrl("e"): editor.moveToLineEnd()
        case .ctrl("u"): editor.deleteToLineStart()
        case .up: editor.moveUp()
        case .down: editor.moveDown()
        default: return false
        }
        return true
    }

    static func moveInComposer(up: Bool, state: inout AppState) {
        guard let index = state.focusedPaneIndex else { return }
        if up {
            if !state.panes[index].composer.editor.moveUp() {
                state.panes[index].composer.showPreviousHistory()
            }
        } else if !state.panes[index].composer.editor.moveDown() {
            state.panes[index].composer.showNextHistory()
        }
    }

    // MARK: Mouse

    static func handleMouse(_ event: MouseEvent, state: inout AppState) {
        let layout = AppLayout(state: state)
        switch event.kind {
        case .press(.left):
            if layout.connectionList.contains(x: event.x, y: event.y) {
                let row = event.y - layout.connectionList.y
                if state.panes.indices.contains(row) {
                    state.focus = row
                }
                return
            }
            guard let pane = layout.panes.first(where: { $0.frame.contains(x: event.x, y: event.y) }) else { return }
            state.focus = pane.index
            guard case .events = state.panes[pane.index].mode, pane.body.contains(x: event.x, y: event.y) else {
                return
            }
            let window = state.panes[pane.index].list.window(
                in: state.panes[pane.index].index,
                height: pane.body.height
            )
            let position = window.top + (event.y - pane.body.y)
            if position < state.panes[pane.index].index.count {
                state.panes[pane.index].list.select(
                    position: position,
                    in: state.panes[pane.index].index,
                    height: pane.body.height
                )
            }
        case .scrollUp, .scrollDown:
            if case .help(let scroll) = state.input {
                state.input = .help(scroll: max(0, scroll + (event.kind == .scrollUp ? -3 : 3)))
                return
            }
            if case .teaching(let overlay) = state.input {
                var ignored: [Effect] = []
                let command: Command = event.kind == .scrollUp ? .moveUp : .moveDown
                _ = runInTeaching(command, overlay: overlay, state: &state, effects: &ignored)
                return
            }
            guard let pane = layout.panes.first(where: { $0.frame.contains(x: event.x, y: event.y) }) else { return }
            scroll(pane: pane.index, by: event.kind == .scrollUp ? -3 : 3, state: &state)
        default:
            break
        }
    }
}
