import StreamTapCore
import StreamTapTerminal

/// The live event list: one row per shown event, newest at the bottom.
/// Only the visible rows are read, so its cost does not depend on how many
/// events the log holds.
enum EventListView {
    /// The columns a row uses at a given width.
    struct Columns {
        /// Whether the clock shows hours (`HH:MM:SS.mmm`) or starts at the
        /// minutes (`MM:SS.mmm`), or is left out.
        var time: TimeColumn
        var size: Bool
        var kindWidth: Int

        enum TimeColumn {
            case full
            case minutes
            case none
        }

        init(width: Int) {
            time = width >= 60 ? .full : width >= 34 ? .minutes : .none
            size = width >= 60
            kindWidth = width >= 60 ? 10 : 7
        }
    }

    static func render(_ pane: Pane, state: AppState, into buffer: inout CellBuffer, area: Rect, focused: Bool) {
        guard !area.isEmpty else { return }
        let theme = state.theme
        guard !pane.index.isEmpty else {
            let message: String
            if pane.log.isEmpty {
                message = pane.status == .idle || pane.isConnected ? "waiting for events…" : "no events"
            } else if !pane.index.isComplete(for: pane.log) {
                message = "filtering…"
            } else {
                message = "no event matches the filter (\(TimeFormat.count(pane.log.count)) hidden)"
            }
            buffer.write(message, x: area.x, y: area.y, style: theme.muted, clip: area)
            return
        }
        let window = pane.list.window(in: pane.index, height: area.height)
        let columns = Columns(width: area.width)
        for row in 0..<area.height {
            let position = window.top + row
            guard let eventIndex = pane.index.index(at: position), let event = pane.log[eventIndex] else { break }
            let y = area.y + row
            drawRow(event, columns: columns, state: state, into: &buffer, x: area.x, y: y, area: area)
            if pane.filter.hasText && !pane.filter.hidesNonMatching && pane.filter.matchesText(event) {
                buffer.patchStyle(theme.searchMatch, in: Rect(x: area.x, y: y, width: area.width, height: 1))
            }
            if position == window.selected && !pane.list.follow {
                let style = focused ? theme.selection : theme.selection.dim
                buffer.patchStyle(style, in: Rect(x: area.x, y: y, width: area.width, height: 1))
            }
        }
        if !pane.list.follow && pane.list.unseen > 0 && area.width >= 16 {
            let badge = " \u{2193} \(TimeFormat.count(pane.list.unseen)) new "
            let width = DisplayWidth.of(badge)
            buffer.write(badge, x: area.maxX - width, y: area.maxY - 1, style: theme.warning.reverse, clip: area)
        }
    }

    static func drawRow(
        _ event: StreamEvent,
        columns: Columns,
        state: AppState,
        into buffer: inout CellBuffer,
        x: Int,
        y: Int,
        area: Rect
    ) {
        let theme = state.theme
        let summary = EventSummary(event)
        var line = StyledLine()
        let clock = TimeFormat.clock(event.timestamp, utcOffsetSeconds: state.utcOffsetSeconds)
        switch columns.time {
        case .full: line.append(clock + " ", theme.muted)
        case .minutes: line.append(String(clock.dropFirst(3)) + " ", theme.muted)
        case .none: break
        }
        let directionStyle = InspectorDocument.directionStyle(summary.direction, theme)
        line.append(summary.arrow + " ", directionStyle)
        line.append(DisplayWidth.fit(summary.kind, to: columns.kindWidth) + " ", kindStyle(summary, event, theme))
        if columns.size {
            let size = summary.size.map { ByteCount.describe($0) } ?? ""
            line.append(DisplayWidth.pad(size, to: 9, alignment: .right) + " ", theme.muted)
        }
        line.append(summary.preview, previewStyle(summary, event, theme))
        line.draw(into: &buffer, x: x, y: y, width: area.width, clip: area)
    }

    /// Errors stand out; heartbeats (SSE comments) stay dim.
    static func previewStyle(_ summary: EventSummary, _ event: StreamEvent, _ theme: Theme) -> Style {
        if summary.isError { return theme.error }
        if case .comment = event.kind { return theme.muted }
        return theme.plain
    }

    static func kindStyle(_ summary: EventSummary, _ event: StreamEvent, _ theme: Theme) -> Style {
        if summary.isError { return theme.error }
        if case .event = event.kind { return theme.sseType }
        switch summary.category {
        case .control: return theme.control
        case .lifecycle: return theme.lifecycle
        case .data, .frames: return InspectorDocument.directionStyle(summary.direction, theme)
        }
    }
}
