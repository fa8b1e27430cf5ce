import StreamTapTerminal

/// The last row: a notice when there is one, else the keys that help most
/// in the focused context, from the keymap, as many as fit (only those
/// whose commands apply now).
enum StatusBarView {
    static func render(_ state: AppState, into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = state.theme
        buffer.fill(area, with: .blank(theme.statusBar))
        if let notice = state.notice {
            buffer.write(
                notice.text,
                x: area.x,
                y: area.y,
                style: notice.isError ? theme.error : theme.warning,
                clip: area
            )
            return
        }
        var x = area.x
        if state.recordingPath != nil {
            x += buffer.write("\u{25CF} REC  ", x: x, y: area.y, style: theme.error, clip: area)
        }
        for binding in state.keymap.hints(for: state.keyContexts) where state.applies(binding.command) {
            guard let hint = binding.hint, let key = binding.keys.first else { continue }
            let label = Keymap.label(for: key)
            let width = DisplayWidth.of(label) + 1 + DisplayWidth.of(hint)
            guard x + width <= area.maxX else { break }
            x += buffer.write(label, x: x, y: area.y, style: theme.key, clip: area)
            x += buffer.write(" " + hint, x: x, y: area.y, style: theme.statusBar, clip: area)
            x += buffer.write("  ", x: x, y: area.y, style: theme.statusBar, clip: area)
        }
    }
}
