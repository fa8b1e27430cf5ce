import StreamTapTerminal

/// The `?` overlay: every key binding, from the keymap, in a box.
enum HelpOverlayView {
    static func render(_ state: AppState, scroll: Int, into buffer: inout CellBuffer) {
        let screen = Rect(size: state.size).inset(bottom: 1)
        let frame = screen.centered(width: min(screen.width, 84), height: screen.height)
        let lines = HelpDocument.lines(keymap: state.keymap, theme: state.theme)
        guard frame.width >= 4, frame.height >= 3 else {
            DocumentView.render(lines, scroll: scroll, into: &buffer, area: frame)
            return
        }
        Box.draw(
            into: &buffer,
            frame: frame,
            style: state.theme.focusedBorder,
            title: StyledLine(" Keys ", state.theme.title),
            footer: StyledLine(" Esc closes · j/k scroll ", state.theme.muted)
        )
        DocumentView.render(
            lines,
            scroll: scroll,
            into: &buffer,
            area: frame.inset(top: 1, left: 2, bottom: 1, right: 1)
        )
    }
}
