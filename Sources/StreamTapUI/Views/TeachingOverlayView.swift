import StreamTapCore
import StreamTapTerminal

/// Draws the fault menu, the compare view and explanations in a box over
/// the panes.
enum TeachingOverlayView {
    static func render(_ state: AppState, overlay: TeachingOverlay, into buffer: inout CellBuffer) {
        let theme = state.theme
        let frame = TeachingOverlay.frame(for: state.size)
        let body = TeachingOverlay.body(for: state.size)
        let width = max(1, body.width)
        let title: String
        var lines: [StyledLine]
        var scroll = 0
        var selection: Range<Int>?
        switch overlay {
        case .faults(let selected):
            title = " Faults "
            let menu = faultMenu(state, selected: selected, width: width)
            lines = menu.lines
            selection = menu.selection
            scroll = max(0, (menu.selection?.upperBound ?? 0) - max(1, body.height))
        case .compare:
            title = " Compare "
            lines = compareLines(state, width: width)
        case .explain(let explanation):
            title = " \(explanation.title) "
            lines = explanation.lines.wrapped(to: width)
            scroll = explanation.scroll
        }
        guard frame.width >= 4, frame.height >= 3 else {
            DocumentView.render(lines, scroll: scroll, into: &buffer, area: frame)
            return
        }
        Box.draw(
            into: &buffer,
            frame: frame,
            style: theme.focusedBorder,
            title: StyledLine(title, theme.title),
            footer: StyledLine(" Esc closes ", theme.muted)
        )
        buffer.fill(body, with: .blank())
        DocumentView.render(lines, scroll: scroll, into: &buffer, area: body)
        if let selection {
            let highlighted = Rect(
                x: body.x,
                y: body.y + selection.lowerBound - scroll,
                width: body.width,
                height: selection.count
            )
            buffer.patchStyle(theme.selection, in: highlighted.intersection(body))
        }
    }

    /// The menu for the focused pane, each entry its title and what it
    /// will do (wrapped to `width`), and the lines of the selected entry.
    private static func faultMenu(
        _ state: AppState,
        selected: Int,
        width: Int
    ) -> (lines: [StyledLine], selection: Range<Int>?) {
        let theme = state.theme
        guard let index = state.focusedPaneIndex else { return ([], nil) }
        let pane = state.panes[index]
        var lines = StyledLine("On \(pane.id) \(pane.title) (\(pane.url)):", theme.muted).wrapped(to: width)
        var selection: Range<Int>?
        for (position, fault) in Fault.allCases.enumerated() {
            if case .invalidFrame(.unmasked) = fault {
                lines.append(StyledLine("Send an invalid frame:", theme.muted))
            }
            let applies = fault.applies(to: pane.capabilities)
            let first = lines.count
            let marker = position == selected ? "\u{203A} " : "  "
            lines.append(StyledLine(marker + fault.title, applies ? theme.title : theme.muted))
            lines += WordWrap.lines(fault.effect(on: pane.protocolKind), width: width, indent: 4).map {
                StyledLine($0, applies ? theme.plain : theme.muted)
            }
            if position == selected { selection = first..<lines.count }
        }
        return (lines, selection)
    }

    private static func compareLines(_ state: AppState, width: Int) -> [StyledLine] {
        guard let index = state.focusedPaneIndex, state.panes.count > 1 else {
            return WordWrap.lines("Compare needs two panes: open another connection with : connect URL", width: width)
                .map { StyledLine($0, state.theme.muted) }
        }
        let other = (index + 1) % state.panes.count
        return CompareDocument.lines(
            left: state.panes[index],
            right: state.panes[other],
            now: state.now,
            width: width,
            theme: state.theme
        )
    }
}
