import StreamTapTerminal

/// Where everything goes on a screen of the state's size. Views draw into
/// these areas and the reducer uses them for paging and mouse hits, so both
/// always agree. Any size works, down to 0x0.
public struct AppLayout: Sendable, Equatable {
    /// The connection list at the top (empty when there is no room).
    public var connectionList: Rect
    /// The area the panes share.
    public var paneArea: Rect
    /// The panes shown, with their areas.
    public var panes: [PaneLayout]
    /// A row saying that not every pane fits (empty when they do).
    public var notice: Rect
    /// How many panes are hidden for lack of room.
    public var hiddenPaneCount: Int
    /// The last row.
    public var statusBar: Rect

    /// The narrowest pane shown beside another one.
    static let minimumSideBySideWidth = 36
    /// The lowest pane shown above another one.
    static let minimumStackedHeight = 7
    /// The rows the connection list may take.
    static let maximumListRows = 4

    public init(state: AppState) {
        let screen = Rect(size: state.size)
        statusBar = screen.height >= 1 ? Rect(x: 0, y: screen.height - 1, width: screen.width, height: 1) : .zero
        var remaining = screen.inset(bottom: 1)
        let listRows = state.size.rows >= 16 && !state.panes.isEmpty ? min(state.panes.count, Self.maximumListRows) : 0
        connectionList = Rect(x: 0, y: 0, width: screen.width, height: min(listRows, remaining.height))
        remaining = remaining.inset(top: connectionList.height)
        let shown = Self.arrangement(state: state, area: remaining)
        hiddenPaneCount = state.panes.count - shown.indices.count
        if hiddenPaneCount > 0 && remaining.height >= 4 {
            notice = Rect(x: remaining.x, y: remaining.maxY - 1, width: remaining.width, height: 1)
            remaining = remaining.inset(bottom: 1)
        } else {
            notice = .zero
        }
        paneArea = remaining
        let frames = remaining.split(shown.direction, shown.indices.map { _ in .fill() })
        panes = zip(shown.indices, frames).map { index, frame in
            PaneLayout(index: index, frame: frame, state: state)
        }
    }

    /// The layout of pane `index`, when it is shown.
    public func pane(_ index: Int) -> PaneLayout? {
        panes.first { $0.index == index }
    }

    /// Which panes fit, and in which direction they are laid out.
    private static func arrangement(state: AppState, area: Rect) -> (indices: [Int], direction: Rect.Direction) {
        let count = state.panes.count
        guard let focus = state.focusedPaneIndex else { return ([], .leftToRight) }
        if state.zoomed || count == 1 {
            return ([focus], .leftToRight)
        }
        let fitsSide = area.width / count >= minimumSideBySideWidth
        let fitsStacked = area.height / count >= minimumStackedHeight
        let all = Array(state.panes.indices)
        switch state.split {
        case .automatic:
            if fitsSide { return (all, .leftToRight) }
            if fitsStacked { return (all, .topToBottom) }
        case .sideBySide:
            if area.width / count >= 24 { return (all, .leftToRight) }
            if fitsStacked { return (all, .topToBottom) }
        case .stacked:
            if area.height / count >= 5 { return (all, .topToBottom) }
            if fitsSide { return (all, .leftToRight) }
        }
        return ([focus], .leftToRight)
    }
}

/// The parts of one pane: border, body, filter input and composer.
public struct PaneLayout: Sendable, Equatable {
    /// The pane's index in `AppState.panes`.
    public var index: Int
    public var frame: Rect
    /// Whether the pane has a border (it needs 10x4 cells).
    public var isBordered: Bool
    /// The list, inspector, handshake or timeline.
    public var body: Rect
    /// The filter input row (empty unless typing a filter here).
    public var filterBar: Rect
    /// The composer (empty unless composing here).
    public var composer: Rect

    init(index: Int, frame: Rect, state: AppState) {
        self.index = index
        self.frame = frame
        isBordered = frame.width >= 10 && frame.height >= 4
        var inner = isBordered ? frame.inset(by: 1) : frame
        let focused = state.focus == index
        composer = .zero
        filterBar = .zero
        if focused, case .composer = state.input, state.panes.indices.contains(index) {
            let editorRows = min(5, max(1, state.panes[index].composer.editor.lines.count))
            let problemRows = state.panes[index].composer.problem == nil ? 0 : 1
            let height = min(inner.height / 2 + 1, 1 + editorRows + problemRows)
            composer = Rect(x: inner.x, y: inner.maxY - height, width: inner.width, height: height)
            inner = inner.inset(bottom: height)
        }
        if focused, case .filter = state.input, inner.height >= 2 {
            filterBar = Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1)
            inner = inner.inset(bottom: 1)
        }
        body = inner
    }
}
