import StreamTapTerminal

/// The overlays that show what the protocols do: the fault menu, the
/// compare view and an explanation.
public enum TeachingOverlay: Sendable, Equatable {
    /// The fault menu with the entry at `selected` highlighted.
    case faults(selected: Int)
    /// The focused pane's connection beside the next pane's.
    case compare
    /// An explanation of the selected item.
    case explain(Explanation)

    /// Where an overlay's box goes on a screen of `size` (above the status bar).
    static func frame(for size: TerminalSize) -> Rect {
        let screen = Rect(size: size).inset(bottom: 1)
        return screen.centered(width: min(screen.width, 84), height: screen.height)
    }

    /// The text area inside that box.
    static func body(for size: TerminalSize) -> Rect {
        frame(for: size).inset(top: 1, left: 2, bottom: 1, right: 1)
    }
}

/// An explanation laid out for the overlay, and how far it is scrolled.
public struct Explanation: Sendable, Equatable {
    /// What is explained, for the overlay's title.
    public var title: String
    public var lines: [StyledLine]
    public var scroll = 0

    public init(title: String, lines: [StyledLine]) {
        self.title = title
        self.lines = lines
    }
}
