import StreamTapTerminal

/// The `:` command palette: the query being typed and the commands that
/// match it, the selected one highlighted.
enum PaletteView {
    static func render(_ state: AppState, palette: PaletteState, into buffer: inout CellBuffer) {
        let theme = state.theme
        let screen = Rect(size: state.size).inset(bottom: 1)
        let entries = Palette.entries(
            for: palette.editor.text,
            keymap: state.keymap,
            protocolKind: state.focusedPaneIndex.flatMap { state.panes[$0].protocolKind }
        )
        let height = min(screen.height, entries.count + 3)
        let width = min(screen.width, 72)
        let frame = Rect(
            x: screen.x + max(0, (screen.width - width) / 2),
            y: screen.y,
            width: width,
            height: max(3, height)
        )
        .intersection(screen)
        guard frame.width >= 4, frame.height >= 3 else { return }
        Box.draw(into: &buffer, frame: frame, style: theme.focusedBorder, title: StyledLine(" Commands ", theme.title))
        let inner = frame.inset(by: 1)
        buffer.write(":", x: inner.x, y: inner.y, style: theme.key, clip: inner)
        EditorLineView.render(
            palette.editor,
            line: 0,
            theme: theme,
            into: &buffer,
            x: inner.x + 1,
            y: inner.y,
            width: inner.width - 1,
            clip: inner
        )
        let listArea = inner.inset(top: 1)
        guard !listArea.isEmpty else { return }
        if entries.isEmpty {
            buffer.write("no command matches", x: listArea.x, y: listArea.y, style: theme.muted, clip: listArea)
            return
        }
        let selected = min(palette.selected, entries.count - 1)
        let first = max(0, selected - listArea.height + 1)
        for row in 0..<listArea.height {
            let position = first + row
            guard position < entries.count else { break }
            let entry = entries[position]
            let y = listArea.y + row
            let keyWidth = DisplayWidth.of(entry.keyLabel)
            buffer.write(
                entry.title,
                x: listArea.x,
                y: y,
                maxWidth: max(0, listArea.width - keyWidth - 1),
                clip: listArea
            )
            buffer.write(entry.keyLabel, x: listArea.maxX - keyWidth, y: y, style: theme.key, clip: listArea)
            if position == selected {
                buffer.patchStyle(theme.selection, in: Rect(x: listArea.x, y: y, width: listArea.width, height: 1))
            }
        }
    }
}
