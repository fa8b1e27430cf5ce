import StreamTapCore
import StreamTapTerminal

/// One stream pane: its border with title and footer, then the event list,
/// inspector, handshake or timeline, and the filter input or composer.
enum PaneView {
    static func render(_ state: AppState, layout: PaneLayout, into buffer: inout CellBuffer) {
        guard state.panes.indices.contains(layout.index) else { return }
        let pane = state.panes[layout.index]
        let focused = layout.index == state.focus
        let theme = state.theme
        if layout.isBordered {
            Box.draw(
                into: &buffer,
                frame: layout.frame,
                style: focused ? theme.focusedBorder : theme.border,
                title: title(pane, focused: focused, theme),
                footer: footer(pane, state: state, height: layout.body.height)
            )
        } else {
            buffer.fill(layout.frame, with: .blank())
        }
        switch pane.mode {
        case .events:
            EventListView.render(pane, state: state, into: &buffer, area: layout.body, focused: focused)
        case .inspector(let inspector):
            DocumentView.render(inspector.lines, scroll: inspector.scroll, into: &buffer, area: layout.body)
        case .handshake(let scroll):
            let lines = HandshakeDocument.lines(for: pane, width: max(1, layout.body.width), state)
            DocumentView.render(lines, scroll: scroll, into: &buffer, area: layout.body)
        case .timeline(let scroll):
            DocumentView.render(
                TimelineDocument.lines(for: pane, state),
                scroll: scroll,
                into: &buffer,
                area: layout.body
            )
        case .assembled(let scroll):
            let lines = AssembledDocument.lines(for: pane, width: max(1, layout.body.width), state)
            DocumentView.render(lines, scroll: scroll, into: &buffer, area: layout.body)
        }
        if case .filter(let input) = state.input, focused {
            FilterBarView.render(input, theme: theme, into: &buffer, area: layout.filterBar)
        }
        if case .composer = state.input, focused {
            ComposerView.render(pane.composer, theme: theme, into: &buffer, area: layout.composer)
        }
    }

    static func title(_ pane: Pane, focused: Bool, _ theme: Theme) -> StyledLine {
        var line = StyledLine(" \(pane.id) ", focused ? theme.focusedBorder : theme.title)
        line.append(pane.title + " ", theme.title)
        line.append(
            pane.status.symbol + " " + pane.status.label + " ",
            ConnectionListView.statusStyle(pane.status, theme)
        )
        if let lens = pane.lensProtocol {
            line.append("[\(lens)] ", theme.key)
        }
        if pane.reconnects > 0 {
            line.append("\u{21BB}\(pane.reconnects) ", theme.warning)
        }
        if !pane.settingsSummary.isEmpty {
            line.append(pane.settingsSummary + " ", theme.muted)
        }
        return line
    }

    static func footer(_ pane: Pane, state: AppState, height: Int) -> StyledLine {
        let theme = state.theme
        var parts: [StyledLine.Span] = []
        switch pane.mode {
        case .events:
            if pane.list.follow {
                parts.append(.init(" following ", theme.muted))
            } else {
                parts.append(.init(" paused ", theme.warning))
                if pane.list.unseen > 0 {
                    parts.append(.init("\(TimeFormat.count(pane.list.unseen)) new · G ", theme.warning))
                }
            }
            parts.append(.init("\(TimeFormat.count(pane.index.count)) shown ", theme.muted))
            if !pane.index.isComplete(for: pane.log) {
                parts.append(.init("filtering \(pane.index.percentScanned(of: pane.log))% ", theme.warning))
            }
        case .inspector:
            parts.append(.init(" inspector ", theme.muted))
        case .handshake:
            parts.append(.init(" handshake ", theme.muted))
        case .timeline:
            parts.append(.init(" timeline ", theme.muted))
        case .assembled:
            parts.append(.init(" answer ", theme.muted))
        }
        if pane.droppedCount > 0 {
            parts.append(.init("dropped \(TimeFormat.count(pane.droppedCount)) ", theme.warning))
        }
        let summary = filterSummary(pane.filter)
        if !summary.isEmpty {
            parts.append(.init(summary + " ", theme.key))
        }
        return StyledLine(parts)
    }

    /// `in · no control · /abc/` — what the filter changes from the
    /// default, or an empty string.
    static func filterSummary(_ filter: EventFilter) -> String {
        var parts: [String] = []
        switch filter.direction {
        case .all: break
        case .incoming: parts.append("in only")
        case .outgoing: parts.append("out only")
        }
        for category in EventCategory.allCases {
            let shown = filter.categories.contains(category)
            if shown != EventCategory.defaultShown.contains(category) {
                parts.append((shown ? "+" : "-") + category.name)
            }
        }
        if filter.hasText {
            let text = filter.isRegex ? "/\(filter.text)/" : "'\(filter.text)'"
            parts.append((filter.hidesNonMatching ? "filter " : "search ") + text)
        }
        return parts.joined(separator: " · ")
    }
}

/// A scrolled window on a list of styled lines.
enum DocumentView {
    static func render(_ lines: [StyledLine], scroll: Int, into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let first = max(0, min(scroll, lines.count - 1))
        for row in 0..<area.height {
            let index = first + row
            guard index < lines.count else { break }
            lines[index].draw(into: &buffer, x: area.x, y: area.y + row, width: area.width, clip: area)
        }
    }
}
