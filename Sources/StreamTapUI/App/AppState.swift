import StreamTapCore
import StreamTapTerminal

/// Everything the UI shows, as one value. Only `reduce` changes it; views
/// read it.
public struct AppState {
    /// The panes, one per connection, in order.
    public var panes: [Pane] = []
    /// The index of the focused pane in `panes`.
    public var focus = 0
    /// What the keyboard talks to besides the focused pane's list.
    public var input: InputFocus = .normal
    public var split: SplitPreference = .automatic
    /// Whether only the focused pane is shown.
    public var zoomed = false
    public var size: TerminalSize
    public var theme: Theme
    public var keymap = Keymap()
    /// The time as of the last action (drives msgs/s and notices).
    public var now: Timestamp
    /// Added to UTC when showing clock times.
    public var utcOffsetSeconds: Int
    public var eventLimits: EventLog.Limits
    /// A one-line message in the status bar.
    public var notice: Notice?
    /// Set when the user asked to quit.
    public var shouldQuit = false
    /// Whether a command can open new connections (`:connect`).
    public var canConnect: Bool
    /// The user's saved endpoints, offered by the palette and the empty workspace.
    public var savedEndpoints: [SavedEndpoint] = []
    /// The file the session is being recorded to, if any.
    public var recordingPath: String?
    /// `q` was pressed once while recording: the next `q` quits.
    public var quitNeedsConfirmation = false
    /// Bumped by every change that shows; the loop redraws when it moves.
    public internal(set) var revision = 0

    public init(
        size: TerminalSize,
        theme: Theme,
        now: Timestamp,
        utcOffsetSeconds: Int = 0,
        eventLimits: EventLog.Limits = .standard,
        canConnect: Bool = false
    ) {
        self.size = size
        self.theme = theme
        self.now = now
        self.utcOffsetSeconds = utcOffsetSeconds
        self.eventLimits = eventLimits
        self.canConnect = canConnect
    }

    /// The focused pane's index, when there is a pane.
    public var focusedPaneIndex: Int? { panes.indices.contains(focus) ? focus : nil }

    /// The keymap contexts that apply now, most specific first.
    public var keyContexts: [KeyContext] {
        switch input {
        case .help: return [.help]
        case .palette: return [.palette]
        case .filter: return [.filterInput]
        case .composer: return [.composer]
        case .teaching(.faults): return [.faultMenu]
        case .teaching: return [.overlay]
        case .normal:
            guard let index = focusedPaneIndex else { return [] }
            switch panes[index].mode {
            case .events: return [.events]
            case .inspector: return [.inspector, .document]
            case .handshake, .timeline, .assembled: return [.document]
            }
        }
    }

    /// The index of the pane for connection `id`.
    func paneIndex(for id: Int) -> Int? {
        panes.firstIndex { $0.id == id }
    }

    /// A connection identifier no pane uses.
    var nextConnectionID: Int { (panes.map(\.id).max() ?? 0) + 1 }
}

/// Where keys go besides the focused pane's list.
public enum InputFocus: Sendable, Equatable {
    case normal
    /// The filter input of the focused pane.
    case filter(FilterInput)
    /// The focused pane's composer.
    case composer
    case palette(PaletteState)
    case help(scroll: Int)
    /// The fault menu, the compare view or an explanation.
    case teaching(TeachingOverlay)
}

/// The filter being typed.
public struct FilterInput: Sendable, Equatable {
    public var editor: TextEditor
    public var isRegex: Bool
    public var hidesNonMatching: Bool
    /// Why the text is not a valid regular expression.
    public var problem: String?

    public init(text: String, isRegex: Bool, hidesNonMatching: Bool) {
        editor = TextEditor(text)
        self.isRegex = isRegex
        self.hidesNonMatching = hidesNonMatching
    }
}

/// How panes are arranged.
public enum SplitPreference: Sendable, Equatable {
    /// Side by side when wide enough, else stacked.
    case automatic
    case sideBySide
    case stacked
}

/// A message in the status bar.
public struct Notice: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
