import StreamTapTerminal

/// The whole screen for a state: connection list, panes, status bar and
/// any overlay. A pure function of the state.
public enum AppView {
    /// A new buffer of the state's size with the screen drawn in it.
    public static func render(_ state: AppState) -> CellBuffer {
        var buffer = CellBuffer(size: state.size)
        render(state, into: &buffer)
        return buffer
    }

    /// Draws the screen into `buffer`.
    public static func render(_ state: AppState, into buffer: inout CellBuffer) {
        let layout = AppLayout(state: state)
        ConnectionListView.render(state, into: &buffer, area: layout.connectionList)
        if state.panes.isEmpty {
            EmptyWorkspaceView.render(state, into: &buffer, area: layout.paneArea)
        }
        for pane in layout.panes {
            PaneView.render(state, layout: pane, into: &buffer)
        }
        if layout.hiddenPaneCount > 0 {
            let shown = (state.focusedPaneIndex ?? 0) + 1
            let why = state.zoomed ? "zoomed, z: all" : "too small"
            let text = "pane \(shown)/\(state.panes.count) shown (\(why)) · Tab: next"
            buffer.write(text, x: layout.notice.x, y: layout.notice.y, style: state.theme.warning, clip: layout.notice)
        }
        StatusBarView.render(state, into: &buffer, area: layout.statusBar)
        switch state.input {
        case .help(let scroll):
            HelpOverlayView.render(state, scroll: scroll, into: &buffer)
        case .palette(let palette):
            PaletteView.render(state, palette: palette, into: &buffer)
        case .teaching(let overlay):
            TeachingOverlayView.render(state, overlay: overlay, into: &buffer)
        case .normal, .filter, .composer:
            break
        }
    }
}

/// What an empty workspace says: how to connect, and the saved endpoints.
enum EmptyWorkspaceView {
    static func render(_ state: AppState, into buffer: inout CellBuffer, area: Rect) {
        let theme = state.theme
        var lines: [StyledLine] = [
            StyledLine("StreamTap", theme.title),
            StyledLine(),
            StyledLine("No connections yet.", theme.plain),
            StyledLine([
                .init("Press "), .init(":", theme.key), .init(" and type "),
                .init("connect ws://host:port/path", theme.key),
            ]),
            StyledLine("or start with: streamtap URL [URL...]", theme.muted),
        ]
        lines += savedLines(state, room: area.height - lines.count - 2, width: area.width)
        lines += [
            StyledLine(),
            StyledLine([.init("?", theme.key), .init(" every key · "), .init("q", theme.key), .init(" quit")]),
        ]
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let width = DisplayWidth.of(line.text)
            let x = area.x + max(0, (area.width - width) / 2)
            line.draw(into: &buffer, x: x, y: top + offset, width: area.width, clip: area)
        }
    }

    /// The saved endpoints, as many as fit in `room` rows.
    private static func savedLines(_ state: AppState, room: Int, width: Int) -> [StyledLine] {
        let saved = state.savedEndpoints
        guard !saved.isEmpty, room >= 3 else { return [] }
        let theme = state.theme
        var lines = [
            StyledLine(),
            StyledLine([.init("Saved endpoints ("), .init(":", theme.key), .init(" and the name opens one):")]),
        ]
        let shown = saved.count <= room - 2 ? saved.count : max(0, room - 3)
        let nameWidth = saved.prefix(shown).map { DisplayWidth.of(InertText.sanitize($0.name)) }.max() ?? 0
        let room = max(0, width - nameWidth - 4)
        let urls = saved.prefix(shown).map { DisplayWidth.truncate(InertText.sanitize($0.url), to: room) }
        let urlWidth = urls.map(DisplayWidth.of).max() ?? 0
        for (endpoint, url) in zip(saved.prefix(shown), urls) {
            // Equal widths keep the centred rows aligned as one block.
            let name = InertText.sanitize(endpoint.name)
            let namePadding = String(repeating: " ", count: nameWidth - DisplayWidth.of(name))
            let urlPadding = String(repeating: " ", count: urlWidth - DisplayWidth.of(url))
            lines.append(
                StyledLine([.init(name + namePadding, theme.key), .init("  " + url + urlPadding, theme.muted)])
            )
        }
        if shown < saved.count {
            lines.append(StyledLine("… and \(saved.count - shown) more", theme.muted))
        }
        return lines
    }
}
